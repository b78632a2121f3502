import boto3, json, urllib.request
kw = dict(endpoint_url="http://127.0.0.1:18567", region_name="us-east-1", aws_access_key_id="test", aws_secret_access_key="test")
ddb = boto3.client("dynamodb", **kw)
kms = boto3.client("kms", **kw)
ct = boto3.client("cloudtrail", **kw)
key = kms.create_key()["KeyMetadata"]["Arn"]
ddb.create_table(TableName="Boto", AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "N"}],
                 KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
                 BillingMode="PAY_PER_REQUEST", SSESpecification={"Enabled": True, "SSEType": "KMS", "KMSMasterKeyId": key})
ddb.get_waiter("table_exists").wait(TableName="Boto")
def decrypts():
    return sum(len(p["Events"]) for p in ct.get_paginator("lookup_events").paginate(
        LookupAttributes=[{"AttributeKey": "EventName", "AttributeValue": "Decrypt"}]))
before = decrypts()
for i in range(50):
    ddb.put_item(TableName="Boto", Item={"pk": {"S": "p"}, "sk": {"N": str(i)}})
page = ddb.query(TableName="Boto", KeyConditionExpression="pk = :p AND sk >= :s", ExpressionAttributeValues={":p": {"S": "p"}, ":s": {"N": "45"}})
print("query count", page["Count"], "decrypts for 51 requests on one boto3 connection:", decrypts() - before)
urllib.request.urlopen(urllib.request.Request("http://127.0.0.1:18567/_kit/clock/advance", data=b'{"by":"PT5M"}', method="POST"))
ddb.get_item(TableName="Boto", Key={"pk": {"S": "p"}, "sk": {"N": "1"}})
print("after 5 virtual minutes:", decrypts() - before)
print(ddb.describe_table(TableName="Boto")["Table"]["SSEDescription"])
ddb.update_table(TableName="Boto", SSESpecification={"Enabled": False})
print(ddb.describe_table(TableName="Boto")["Table"].get("SSEDescription", "owned key: no SSEDescription"))
