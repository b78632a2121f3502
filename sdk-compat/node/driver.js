#!/usr/bin/env node
// The AWS SDK for JavaScript v3 driver of earkit: one JSON line in, one JSON line out (docs/sdk-compatibility.md).
// Requests and answers carry the services' JSON wire shapes; binary values travel as base64, timestamps as
// epoch seconds, so the kit judges every SDK with the same assertions.
'use strict';

const http = require('node:http');
const https = require('node:https');
const readline = require('node:readline');
const { NodeHttpHandler } = require('@smithy/node-http-handler');

const SERVICES = {
  dynamodb: { pkg: '@aws-sdk/client-dynamodb', client: 'DynamoDBClient' },
  streams: { pkg: '@aws-sdk/client-dynamodb-streams', client: 'DynamoDBStreamsClient' },
  kms: { pkg: '@aws-sdk/client-kms', client: 'KMSClient' },
  cloudtrail: { pkg: '@aws-sdk/client-cloudtrail', client: 'CloudTrailClient' },
  logs: { pkg: '@aws-sdk/client-cloudwatch-logs', client: 'CloudWatchLogsClient' },
};

// Members whose wire value is a blob. The v3 clients want Uint8Array there, not the base64 text of the wire.
// DynamoDB's B and BS are recognised by shape (an attribute value is an object with exactly one member).
const BLOB_MEMBERS = new Set(['Plaintext', 'CiphertextBlob', 'PublicKey', 'Signature', 'Message']);

let settings = null;
const clients = {};

// A failure of the driver before its request left it (an unknown service or operation): answered with sent: false,
// which the kit takes for a fault of its own, never for the target's.
class NotSent extends Error {}

function toSdk(value, member) {
  if (Array.isArray(value)) {
    return value.map((v) => toSdk(v, member === 'BS' ? 'BS' : undefined));
  }
  if (value !== null && typeof value === 'object') {
    const out = {};
    const keys = Object.keys(value);
    const attributeValue = keys.length === 1 && (keys[0] === 'B' || keys[0] === 'BS');
    for (const k of keys) {
      if (attributeValue && k === 'B' && typeof value[k] === 'string') {
        out[k] = Buffer.from(value[k], 'base64');
      } else if (attributeValue && k === 'BS' && Array.isArray(value[k])) {
        out[k] = value[k].map((b) => Buffer.from(b, 'base64'));
      } else {
        out[k] = toSdk(value[k], k);
      }
    }
    return out;
  }
  if (typeof value === 'string' && BLOB_MEMBERS.has(member)) {
    return Buffer.from(value, 'base64');
  }
  return value;
}

function toWire(value) {
  if (value instanceof Uint8Array) {
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  }
  if (value instanceof Date) {
    return value.getTime() / 1000;
  }
  if (value instanceof Set) {
    return [...value].map(toWire);
  }
  if (Array.isArray(value)) {
    return value.map(toWire);
  }
  if (value !== null && typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) {
      if (k !== '$metadata' && v !== undefined) {
        out[k] = toWire(v);
      }
    }
    return out;
  }
  return value;
}

function client(service) {
  if (!clients[service]) {
    const s = SERVICES[service];
    if (!s) {
      throw new NotSent(`unknown service ${service}`);
    }
    const agent = { keepAlive: settings.keepAlive, ...(settings.maxConnections > 0 ? { maxSockets: settings.maxConnections } : {}) };
    clients[service] = new (require(s.pkg)[s.client])({
      endpoint: settings.endpoint,
      region: settings.region,
      credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
      requestHandler: new NodeHttpHandler({ httpAgent: new http.Agent(agent), httpsAgent: new https.Agent(agent) }),
      // retries: false makes a refusal surface as the target sent it; otherwise the SDK's default retry strategy.
      ...(settings.retries === false ? { maxAttempts: 1 } : {}),
    });
  }
  return clients[service];
}

function info() {
  const version = require('@aws-sdk/client-dynamodb/package.json').version;
  return {
    name: 'AWS SDK for JavaScript v3',
    version,
    runtime: `Node.js ${process.version}`,
    http: `NodeHttpHandler with http.Agent/https.Agent keepAlive: ${settings ? settings.keepAlive : 'unset'}`,
  };
}

async function call(request) {
  if (!SERVICES[request.service]) {
    throw new NotSent(`unknown service ${request.service}`);
  }
  const pkg = require(SERVICES[request.service].pkg);
  const Command = pkg[`${request.operation}Command`];
  if (!Command) {
    throw new NotSent(`unknown operation ${request.service}:${request.operation}`);
  }
  const output = await client(request.service).send(new Command(toSdk(request.input || {})));
  return toWire(output);
}

function failure(id, err) {
  if (err instanceof NotSent) {
    return { id, ok: false, error: { code: 'DriverError', httpStatus: 0, sent: false, message: err.message, sdkExceptionType: 'NotSent' } };
  }
  const status = err.$metadata && err.$metadata.httpStatusCode;
  if (status === undefined) {
    // Not an answer of the service (a refused connection, a driver bug): never reported as a service error.
    return { id, ok: false, error: { code: 'DriverError', httpStatus: 0, message: String(err && err.stack || err), sdkExceptionType: err && err.constructor && err.constructor.name } };
  }
  return {
    id,
    ok: false,
    error: { code: err.name, httpStatus: status, message: err.message, sdkExceptionType: err.constructor.name },
  };
}

async function handle(line) {
  const request = JSON.parse(line);
  if (request.configure) {
    settings = request.configure;
    return { ok: true, output: info() };
  }
  if (request.info) {
    return { id: request.id, ok: true, output: info() };
  }
  try {
    return { id: request.id, ok: true, output: await call(request) };
  } catch (err) {
    return failure(request.id, err);
  }
}

// One request at a time, in order: the kit waits for each answer before it sends the next line.
const lines = readline.createInterface({ input: process.stdin });
let queue = Promise.resolve();
lines.on('line', (line) => {
  if (!line.trim()) {
    return;
  }
  queue = queue.then(() => handle(line)).then((answer) => process.stdout.write(`${JSON.stringify(answer)}\n`),
    (err) => process.stdout.write(`${JSON.stringify({ ok: false, error: { code: 'DriverError', httpStatus: 0, message: String(err) } })}\n`));
});
lines.on('close', () => queue.then(() => Object.values(clients).forEach((c) => c.destroy())));
