import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { CONNECTORS, DEFINITION_KEYS, validateCallback } from '../../server/src/core/callback';
import { codeInfo } from '../../server/src/core/diagnosticCodes';
import { filesResolver } from './helpers/callback';

const ROOT = join(__dirname, '..', '..');
const schema = JSON.parse(readFileSync(join(ROOT, 'syntaxes', 'sfcallback.schema.json'), 'utf8')) as Record<string, unknown>;
const EXAMPLES = join(ROOT, 'test', 'examples', 'seed-device');

const ajv = new Ajv({ allErrors: true, strictRequired: false });
// VS Code's schema extensions: annotations for hover and completion, not validation keywords.
ajv.addVocabulary(['markdownDescription', 'enumDescriptions', 'markdownEnumDescriptions', 'defaultSnippets']);
const validate = ajv.compile(schema);

const inMemory = filesResolver({
  'body.sftemplate': '{"device": "{device}", "temp": {customData#temp}}\n',
});
/** The in-memory template, else the example project's files (its definitions are among the good ones). */
const files = {
  readRelative: (path: string): string | undefined => {
    const text = inMemory.readRelative(path);
    if (text !== undefined) return text;
    try {
      return readFileSync(join(EXAMPLES, path), 'utf8');
    } catch {
      return undefined;
    }
  },
};

const GOOD: Record<string, unknown> = {
  'URL POST with files': {
    channel: 'URL',
    callbackType: 0,
    callbackSubtype: 2,
    payloadConfigFile: 'seed.sfgrammar',
    url: 'https://example.com/{device}',
    httpMethod: 'POST',
    contentType: 'application/json',
    bodyTemplateFile: 'body.sftemplate',
    headers: { Authorization: 'Bearer ${env:TOKEN}', 'X-Device': '{device}' },
    sendSni: true,
  },
  'URL GET': { channel: 'URL', callbackType: 0, callbackSubtype: 2, url: 'https://example.com/?d={device}&t={time}', httpMethod: 'GET' },
  BIDIR: {
    channel: 'URL',
    callbackType: 0,
    callbackSubtype: 3,
    url: 'https://example.com/downlink',
    httpMethod: 'POST',
    contentType: 'application/json',
    bodyTemplate: '{"device": "{device}", "ack": {ack}}',
  },
  BATCH_URL: {
    channel: 'BATCH_URL',
    callbackType: 0,
    callbackSubtype: 2,
    url: 'https://example.com/batch',
    httpMethod: 'POST',
    linePattern: '{device};{time};{data}',
  },
  EMAIL: { channel: 'EMAIL', callbackType: 2, recipient: 'ops@example.com', subject: 'Device {device} is silent', message: '{info}' },
  DATA_ADVANCED: {
    channel: 'URL',
    callbackType: 1,
    callbackSubtype: 6,
    payloadConfig: 'temp::uint:8',
    url: 'https://example.com/adv',
    httpMethod: 'POST',
    contentType: 'application/json',
    bodyTemplate: '{"device": "{device}", "lqi": "{lqi}", "temp": {customData#temp}}',
  },
  'API v1 flags': {
    channel: 'URL',
    callbackType: 0,
    callbackSubtype: 2,
    url: 'https://example.com/{device}',
    httpMethod: 'GET',
    enabled: true,
    sendDuplicate: false,
  },
  'Azure Event Hub': {
    connector: {
      type: 'azure-event-hub',
      connectionString:
        'Endpoint=sb://seed-events.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=${env:AZURE_EVENT_HUB_KEY};EntityPath=uplinks',
    },
    callbackType: 0,
    callbackSubtype: 2,
    bodyTemplate: '{"device": "{device}"}',
  },
  'AWS IoT': {
    connector: { type: 'aws-iot', roleArn: 'arn:aws:iam::123456789012:role/sigfox-iot', topic: 'sigfox/seed', region: 'eu-west-1' },
    callbackType: 0,
    callbackSubtype: 2,
    bodyTemplate: '{"device": "{device}"}',
  },
  'AWS Kinesis': {
    connector: {
      type: 'aws-kinesis',
      roleArn: 'arn:aws:iam::123456789012:role/sigfox-kinesis',
      streamName: 'seed',
      region: 'us-east-1',
      batch: true,
    },
    callbackType: 0,
    callbackSubtype: 2,
    bodyTemplate: '{"device": "{device}"}',
    contentType: 'application/json',
  },
};

for (const name of ['azure-iot-hub.sfcallback.json', 'room-api.sfcallback.json']) {
  GOOD[`example ${name}`] = JSON.parse(readFileSync(join(EXAMPLES, name), 'utf8'));
}

const BASE = {
  channel: 'URL',
  callbackType: 0,
  callbackSubtype: 2,
  url: 'https://example.com/{device}',
  httpMethod: 'POST',
  contentType: 'application/json',
  bodyTemplate: '{"d": "{device}"}',
};

const BAD: Record<string, unknown> = {
  'unknown key': { ...BASE, bodyTemplat: 'x' },
  'channel not in the list': { ...BASE, channel: 'HTTP' },
  'URL without url': { ...BASE, url: undefined },
  'no channel, no connector': { ...BASE, channel: undefined },
  'callbackType as a name': { ...BASE, callbackType: 'DATA' },
  'subtype of another type': { ...BASE, callbackSubtype: 6 },
  'DATA without subtype': { ...BASE, callbackSubtype: undefined },
  GEOLOC: { ...BASE, callbackType: 1, callbackSubtype: 1 },
  'both payload config and file': { ...BASE, payloadConfig: 'a::uint:8', payloadConfigFile: 'seed.sfgrammar' },
  'both body and file': { ...BASE, bodyTemplateFile: 'body.sftemplate' },
  'GET with a body': { ...BASE, httpMethod: 'GET' },
  'unknown content type': { ...BASE, contentType: 'application/xml' },
  'placeholder in a header name': { ...BASE, headers: { 'X-{device}': '1' } },
  'header value not a string': { ...BASE, headers: { 'X-Count': 3 } },
  'linePattern on a URL callback': { ...BASE, linePattern: '{device}' },
  'ERROR with a payload config': {
    channel: 'EMAIL',
    callbackType: 2,
    recipient: 'ops@example.com',
    message: '{info}',
    payloadConfig: 'a::uint:8',
  },
  'EMAIL without recipient': { channel: 'EMAIL', callbackType: 2, message: '{info}' },
  'connector with a URL': {
    connector: { type: 'aws-iot', roleArn: 'arn:aws:iam::123456789012:role/r', topic: 't', region: 'eu-west-1' },
    callbackType: 0,
    callbackSubtype: 2,
    bodyTemplate: '{}',
    url: 'https://example.com',
  },
  'connector of unknown type': { connector: { type: 'azure' }, callbackType: 0, callbackSubtype: 2, bodyTemplate: '{}' },
  'AWS IoT without topic': {
    connector: { type: 'aws-iot', roleArn: 'arn:aws:iam::123456789012:role/r', region: 'eu-west-1' },
    callbackType: 0,
    callbackSubtype: 2,
    bodyTemplate: '{}',
  },
  'connector without body': {
    connector: { type: 'aws-kinesis', roleArn: 'arn:aws:iam::123456789012:role/r', streamName: 's', region: 'eu-west-1' },
    callbackType: 0,
    callbackSubtype: 2,
  },
  'connector with a text content type': {
    connector: { type: 'aws-kinesis', roleArn: 'arn:aws:iam::123456789012:role/r', streamName: 's', region: 'eu-west-1' },
    callbackType: 0,
    callbackSubtype: 2,
    bodyTemplate: '{}',
    contentType: 'text/plain',
  },
  'sendSni as a string': { ...BASE, sendSni: 'true' },
};

/** JSON.stringify drops the undefined keys the BAD cases use to remove a key. */
function textOf(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

for (const [name, value] of Object.entries(GOOD)) {
  test(`the schema accepts a good definition: ${name}`, () => {
    const data = JSON.parse(textOf(value));
    assert.ok(validate(data), `${name}: ${ajv.errorsText(validate.errors)}`);
    // The core agrees: no error.
    const errors = validateCallback(textOf(value), files).filter(p => codeInfo(p.code).severity === 'error');
    assert.deepEqual(
      errors.map(p => `${p.code} ${p.message}`),
      [],
    );
  });
}

for (const [name, value] of Object.entries(BAD)) {
  test(`the schema rejects a bad definition: ${name}`, () => {
    assert.equal(validate(JSON.parse(textOf(value))), false, `${name} should be rejected`);
    // The core finds an error too.
    const errors = validateCallback(textOf(value), files).filter(p => codeInfo(p.code).severity === 'error');
    assert.ok(errors.length > 0, `${name}: the core found no error`);
  });
}

test('the schema describes exactly the keys the core knows, and every connector', () => {
  assert.deepEqual(Object.keys(schema.properties as object).sort(), DEFINITION_KEYS.map(k => k.name).sort());
  const branches =
    (schema.properties as Record<string, { oneOf: { properties: Record<string, { const?: string }> }[] }>).connector?.oneOf ?? [];
  for (const connector of CONNECTORS) {
    const branch = branches.find(b => b.properties.type?.const === connector.type);
    assert.ok(branch, connector.type);
    assert.deepEqual(Object.keys(branch.properties).sort(), connector.keys.map(k => k.name).sort());
  }
});

test('every key of the schema has a description and a markdownDescription; every enum has descriptions', () => {
  const missing: string[] = [];
  const visit = (node: unknown, path: string): void => {
    if (!node || typeof node !== 'object') return;
    const object = node as Record<string, unknown>;
    for (const keyword of ['properties']) {
      const properties = object[keyword] as Record<string, Record<string, unknown>> | undefined;
      if (!properties || path.includes('/if') || path.includes('/then') || path.includes('/else')) continue;
      for (const [key, child] of Object.entries(properties)) {
        if (typeof child !== 'object') continue;
        if (typeof child.description !== 'string' || typeof child.markdownDescription !== 'string') missing.push(`${path}/${key}`);
        if (
          Array.isArray(child.enum) &&
          (!Array.isArray(child.enumDescriptions) || (child.enumDescriptions as unknown[]).length !== child.enum.length)
        )
          missing.push(`${path}/${key} enumDescriptions`);
      }
    }
    for (const [key, child] of Object.entries(object)) visit(child, `${path}/${key}`);
  };
  visit(schema, '');
  assert.deepEqual(missing, []);
});
