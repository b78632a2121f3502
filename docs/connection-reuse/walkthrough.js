// docs/connection-reuse.md: a small application on the AWS SDK for JavaScript v3 against `./kit serve`.
// It creates a table under a customer managed key, writes an item, reads it 100 times and reads the audit:
// the KMS calls DynamoDB made for those reads, through CloudTrail LookupEvents.
//
//   node walkthrough.js --keep-alive on|off
//
// Endpoint: $ENDPOINT (default http://127.0.0.1:4566); credentials: $AWS_ACCESS_KEY_ID / $AWS_SECRET_ACCESS_KEY
// (default test/test, an identity of the reference).
'use strict';
const http = require('node:http');
const https = require('node:https');
const { NodeHttpHandler } = require('@smithy/node-http-handler');
const { KMSClient, CreateKeyCommand } = require('@aws-sdk/client-kms');
const { DynamoDBClient, CreateTableCommand, DescribeTableCommand, PutItemCommand, GetItemCommand,
  waitUntilTableExists } = require('@aws-sdk/client-dynamodb');
const { CloudTrailClient, LookupEventsCommand } = require('@aws-sdk/client-cloudtrail');

const READS = 100;
const keepAliveArg = process.argv.indexOf('--keep-alive');
const keepAliveValue = keepAliveArg < 0 ? undefined : process.argv[keepAliveArg + 1];
if (keepAliveValue !== 'on' && keepAliveValue !== 'off') {
  console.error('usage: node walkthrough.js --keep-alive on|off');
  process.exit(2);
}
const keepAlive = keepAliveValue === 'on';

// The one line that decides whether the application reuses its connections.
const requestHandler = new NodeHttpHandler({
  httpAgent: new http.Agent({ keepAlive }),
  httpsAgent: new https.Agent({ keepAlive }),
});
const config = {
  endpoint: process.env.ENDPOINT || 'http://127.0.0.1:4566',
  region: 'us-east-1',
  credentials: {
    accessKeyId: process.env.AWS_ACCESS_KEY_ID || 'test',
    secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY || 'test',
  },
  requestHandler,
};
const kms = new KMSClient(config);
const dynamodb = new DynamoDBClient(config);
const cloudtrail = new CloudTrailClient(config);

async function main() {
  const table = `orders-keepalive-${keepAliveValue}`;
  const key = await kms.send(new CreateKeyCommand({ Description: `${table} table key` }));
  const keyArn = key.KeyMetadata.Arn;
  console.log(`customer managed key: ${keyArn}`);

  await dynamodb.send(new CreateTableCommand({
    TableName: table,
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST',
    SSESpecification: { Enabled: true, SSEType: 'KMS', KMSMasterKeyId: keyArn },
  }));
  await waitUntilTableExists({ client: dynamodb, maxWaitTime: 30 }, { TableName: table });
  const described = await dynamodb.send(new DescribeTableCommand({ TableName: table }));
  console.log(`table ${table}: ${described.Table.TableStatus}, SSEDescription ${JSON.stringify(described.Table.SSEDescription)}`);

  await dynamodb.send(new PutItemCommand({ TableName: table, Item: { pk: { S: 'order-1' }, total: { N: '42' } } }));
  for (let i = 0; i < READS; i++) {
    const got = await dynamodb.send(new GetItemCommand({ TableName: table, Key: { pk: { S: 'order-1' } } }));
    if (got.Item.total.N !== '42') {
      throw new Error(`read ${i} returned ${JSON.stringify(got.Item)}`);
    }
  }
  console.log(`put 1 item, read it ${READS} times`);

  // The audit: DynamoDB's own KMS calls for this table, as CloudTrail records them.
  const counts = {};
  for (const eventName of ['GenerateDataKey', 'Decrypt']) {
    let token;
    counts[eventName] = 0;
    do {
      const page = await cloudtrail.send(new LookupEventsCommand({
        LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: eventName }], NextToken: token,
      }));
      for (const e of page.Events) {
        const record = JSON.parse(e.CloudTrailEvent);
        const context = (record.requestParameters || {}).encryptionContext || {};
        if (record.userIdentity.invokedBy === 'dynamodb.amazonaws.com' && context['aws:dynamodb:tableName'] === table) {
          counts[eventName]++;
        }
      }
      token = page.NextToken;
    } while (token);
  }
  console.log(`CloudTrail: DynamoDB called KMS GenerateDataKey ${counts.GenerateDataKey} time(s) and Decrypt ${counts.Decrypt} time(s) for ${table}`);
}

main().then(() => requestHandler.destroy()).catch((e) => {
  console.error(`${e.name}: ${e.message}`);
  process.exit(1);
});
