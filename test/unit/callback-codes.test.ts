import { DEPLOYMENT_ONLY_CODES } from '../../server/src/core/callback/checkDeployment';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CALLBACK_CODES, buildCallback, validateCallback } from '../../server/src/core/callback';
import { CHECK_RULES } from '../../server/src/core/callback/checks';
import type { Problem } from '../../server/src/core/problem';
import { filesResolver, marked, urlCallback } from './helpers/callback';

/**
 * One case per SFC code: a definition whose ⟦marked⟧ range the problem must cover exactly, and
 * words the message must say (naming the key or value at fault). SFC1xx cases go through build.
 */
interface Case {
  readonly code: keyof typeof CALLBACK_CODES;
  readonly source: string;
  readonly says: RegExp;
  readonly files?: Record<string, string>;
  readonly env?: Record<string, string>;
}

const GRAMMAR = { 'seed.sfgrammar': 'temp::uint:8 humidity::uint:8\n' };
const IOT_HUB = (connectionString: string): string => `{
  "connector": { "type": "azure-iot-hub", "connectionString": "${connectionString}" },
  "callbackType": 0, "callbackSubtype": 2,
  "bodyTemplate": "{\\"device\\": \\"{device}\\"}"
}`;
const AWS_IOT = (roleArn: string, region: string): string => `{
  "connector": { "type": "aws-iot", "roleArn": ${roleArn}, "topic": "sigfox/seed", "region": ${region} },
  "callbackType": 0, "callbackSubtype": 2,
  "bodyTemplate": "{\\"device\\": \\"{device}\\"}"
}`;

const CASES: readonly Case[] = [
  { code: 'SFC001', source: '{ "channel": "URL", "callbackType": 0⟦,⟧ }', says: /no comma after the last property/ },
  { code: 'SFC002', source: '⟦["URL", 0, 2]⟧', says: /one JSON object/ },
  { code: 'SFC003', source: urlCallback('⟦"bodyTemplat"⟧: "x"'), says: /Unknown key `bodyTemplat`: did you mean `bodyTemplate`/ },
  { code: 'SFC004', source: urlCallback('⟦"url"⟧: "https://example.com/other"'), says: /`url` is already set/ },
  {
    code: 'SFC005',
    source: urlCallback('"sendSni": ⟦"true"⟧'),
    says: /`sendSni` takes `true` or `false`, not the string "true"\. Write true/,
  },
  {
    code: 'SFC006',
    source: '{ "channel": ⟦"URL"⟧, "callbackType": 0, "callbackSubtype": 2 }',
    says: /URL callbacks need `url` and `httpMethod`/,
  },
  {
    code: 'SFC007',
    source: '{ "channel": "EMAIL", "recipient": "ops@example.com", "message": "{device}", "callbackType": ⟦"DATA"⟧, "callbackSubtype": 2 }',
    says: /`callbackType` is the API code .* not the string "DATA"\. Write 0 for DATA/,
  },
  {
    code: 'SFC008',
    source: urlCallback().replace('"callbackSubtype": 2', '"callbackSubtype": ⟦6⟧'),
    says: /`callbackSubtype` 6 is not a subtype of DATA .* 6 is DATA_ADVANCED, a subtype of SERVICE/,
  },
  {
    code: 'SFC009',
    source: urlCallback()
      .replace('"callbackType": 0', '"callbackType": 1')
      .replace('"callbackSubtype": 2', '"callbackSubtype": ⟦0⟧')
      .replace('{device}\\"}', '{device}\\", \\"batt\\": {batt}}'),
    says: /STATUS callbacks are deprecated/,
  },
  {
    code: 'SFC010',
    source: urlCallback().replace('"callbackType": 0', '"callbackType": 1').replace('"callbackSubtype": 2', '"callbackSubtype": ⟦1⟧'),
    says: /GEOLOC callbacks can no longer be created/,
  },
  {
    code: 'SFC011',
    source: urlCallback().replace('"channel": "URL"', '"channel": ⟦"url"⟧'),
    says: /`channel` is "URL", "BATCH_URL" or "EMAIL", not "url"\. Did you mean "URL"/,
  },
  {
    code: 'SFC012',
    source: urlCallback().replace('"httpMethod": "POST"', '"httpMethod": ⟦"PATCH"⟧'),
    says: /`httpMethod` is "GET", "POST" or "PUT", not "PATCH"/,
  },
  {
    code: 'SFC013',
    source: urlCallback().replace('"contentType": "application/json"', '"contentType": ⟦"application/xml"⟧'),
    says: /Content type "application\/xml" is not one Sigfox offers/,
  },
  {
    code: 'SFC014',
    source: urlCallback('⟦"linePattern"⟧: "{device};{data}"'),
    says: /`linePattern` is not used by URL callbacks \(only by `BATCH_URL`\)/,
  },
  {
    code: 'SFC015',
    source: urlCallback('⟦"bodyTemplate"⟧: "device={device}"', { method: 'GET' }),
    says: /A GET request has no body, so `bodyTemplate` is never sent/,
  },
  {
    code: 'SFC016',
    source: urlCallback('', { body: false }).replace('"httpMethod": "POST"', '"httpMethod": ⟦"POST"⟧'),
    says: /This POST callback has no `bodyTemplate`/,
  },
  {
    code: 'SFC017',
    source: urlCallback('"payloadConfig": "temp::uint:8", ⟦"payloadConfigFile"⟧: "seed.sfgrammar"'),
    says: /Both `payloadConfig` and `payloadConfigFile`/,
    files: GRAMMAR,
  },
  {
    code: 'SFC018',
    source: urlCallback('"payloadConfigFile": ⟦"missing.sfgrammar"⟧'),
    says: /payload config file "missing\.sfgrammar" cannot be read/,
  },
  {
    code: 'SFC036',
    source: urlCallback('"bodyTemplateFile": ⟦"//evil.example/share/body.sftemplate"⟧'),
    files: { '//evil.example/share/body.sftemplate': 'never read' },
    says: /is outside this project .* network path/,
  },
  {
    code: 'SFC019',
    source:
      '{ "channel": "EMAIL", "callbackType": 2, "recipient": "ops@example.com", "message": "{device}: {info}", ⟦"payloadConfig"⟧: "a::uint:8" }',
    says: /ERROR callbacks take no payload config .* `payloadConfig`/,
  },
  {
    code: 'SFC020',
    source: '{ "channel": ⟦"EMAIL"⟧, "callbackType": 0, "callbackSubtype": 3, "recipient": "ops@example.com", "message": "{device}" }',
    says: /DATA\/BIDIR callbacks answer the device with a downlink/,
  },
  {
    code: 'SFC021',
    source: urlCallback()
      .replace('"callbackType": 0', '"callbackType": 1')
      .replace('"callbackSubtype": 2', '"callbackSubtype": 6')
      .replace('"contentType": "application/json"', '"contentType": ⟦"text/plain"⟧'),
    says: /DATA_ADVANCED callbacks send a JSON body: the content type must be "application\/json", not "text\/plain"/,
  },
  { code: 'SFC022', source: urlCallback('"headers": { ⟦"X-{device}"⟧: "1" }'), says: /Header name "X-\{device\}" holds a placeholder/ },
  {
    code: 'SFC023',
    source: urlCallback('"headers": { ⟦"Content-Type"⟧: "application/json" }'),
    says: /standard header "Content-Type".*`contentType` key/,
  },
  {
    code: 'SFC024',
    source: urlCallback('"headers": { "X-Key": "a", ⟦"x-key"⟧: "b" }'),
    says: /Header "x-key" is already given as "X-Key"/,
  },
  {
    code: 'SFC025',
    source: urlCallback().replace('"url": "https://example.com/sigfox/{device}"', '"url": ⟦"example.com/sigfox/{device}"⟧'),
    says: /"example\.com\/sigfox\/\{device\}" is not absolute.*https:\/\/example\.com/,
  },
  { code: 'SFC026', source: IOT_HUB('x').replace('"type": "azure-iot-hub"', '"type": ⟦"azure"⟧'), says: /Unknown connector type "azure"/ },
  {
    code: 'SFC027',
    source: IOT_HUB('HostName=⟦hub.example.net⟧;SharedAccessKeyName=sigfox;SharedAccessKey=${env:KEY}'),
    says: /`hub\.example\.net` is not an IoT Hub host name/,
  },
  {
    code: 'SFC028',
    source: urlCallback('"headers": { "Authorization": "Bearer ⟦s3cr3t-t0ken⟧" }'),
    says: /Authorization credential is written in the file.*\$\{env:EXAMPLE_COM_TOKEN\}/,
  },
  {
    code: 'SFC029',
    source: urlCallback('"headers": { "X-Key": "⟦${env:api key}⟧" }'),
    says: /`\$\{env:api key\}` is not a valid environment reference: `api key` is not a variable name/,
  },
  { code: 'SFC030', source: AWS_IOT('⟦"my-role"⟧', '"eu-west-1"'), says: /`my-role` is not an ARN/ },
  {
    code: 'SFC031',
    source: AWS_IOT('"arn:aws:iam::123456789012:role/sigfox"', '⟦"Ireland"⟧'),
    says: /`Ireland` is not an AWS region code/,
  },
  {
    code: 'SFC032',
    source: IOT_HUB('HostName=seed-hub.azure-devices.net;SharedAccessKeyName=sigfox;SharedAccessKey=${env:KEY}').replace(
      '"callbackType": 0',
      '⟦"url"⟧: "https://example.com", "callbackType": 0',
    ),
    says: /`url` cannot be combined with `connector`/,
  },
  {
    code: 'SFC033',
    source:
      '{ "channel": "EMAIL", "callbackType": 0, "callbackSubtype": 2, "recipient": "ops@example.com, ⟦dev at example.com⟧", "message": "{device}" }',
    says: /"dev at example\.com" is not an email address/,
  },
  {
    code: 'SFC034',
    source:
      '{ ⟦"connector"⟧: { "type": "aws-kinesis", "roleArn": "arn:aws:iam::123456789012:role/sigfox", "streamName": "seed", "region": "eu-west-1" }, "callbackType": 0, "callbackSubtype": 2 }',
    says: /A connector sends each message as a JSON document: add a `bodyTemplate`/,
  },
  {
    code: 'SFC035',
    source: urlCallback('', { body: false }).replace(
      '"httpMethod": "POST"',
      '"httpMethod": "POST", ⟦"bodyTemplate"⟧: "{\\"device\\": \\"{device}\\"}"',
    ),
    says: /This body is JSON, but without `contentType`/,
  },
  {
    code: 'SFC037',
    source:
      '{ "deviceTypeId": "5f1e2d3c4b5a69788796a5b4", "channel": "EMAIL", "callbackType": 1, "callbackSubtype": ⟦0⟧, "recipient": "ops@example.com" }',
    says: /no longer accepts new SERVICE\/STATUS callbacks \(since September 2026/,
  },
  {
    code: 'SFC038',
    source:
      '{ "id": "5730510c7f071f9afd2bb2b7", "channel": "EMAIL", "callbackType": 1, "callbackSubtype": ⟦0⟧, "recipient": "ops@example.com" }',
    says: /stop in April 2027/,
  },
  {
    code: 'SFC101',
    source: urlCallback('"headers": { "Authorization": "Bearer ⟦${env:API_TOKEN}⟧" }'),
    says: /environment variable API_TOKEN is not set/,
  },
  {
    code: 'SFC102',
    source: IOT_HUB('${env:IOT_HUB_CONNECTION}').replace(
      '"connectionString": "${env:IOT_HUB_CONNECTION}"',
      '"connectionString": ⟦"${env:IOT_HUB_CONNECTION}"⟧',
    ),
    says: /Azure IoT Hub connection string built from \$\{env:IOT_HUB_CONNECTION\} is not valid.*SharedAccessKeyName/,
    env: { IOT_HUB_CONNECTION: 'HostName=seed-hub.azure-devices.net;SharedAccessKey=c2VjcmV0' },
  },
];

test('every SFC code has a case below', () => {
  // SFC900 (too many problems) is added by the per-file cap, tested in resource-bounds.test.ts.
  // SFC039/SFC040 need several files and the API: test/unit/deploy-plan.test.ts and test/cli/deploy.test.ts.
  assert.deepEqual(
    CASES.map(c => c.code).sort(),
    Object.keys(CALLBACK_CODES)
      .filter(c => c !== 'SFC900' && !DEPLOYMENT_ONLY_CODES.has(c))
      .sort(),
  );
});

test('the check table names every code a definition rule reports (SFC001/002 are the parser, SFC1xx the build)', () => {
  const declared = new Set(CHECK_RULES.flatMap(rule => (rule.codes === 'embedded' ? [] : rule.codes)));
  // SFC900 is the per-file cap; SFC039/SFC040 are found by plan/apply across definitions and the API.
  const ruleCodes = Object.keys(CALLBACK_CODES).filter(
    code => !/^SFC(1|00[12])/.test(code) && code !== 'SFC900' && !DEPLOYMENT_ONLY_CODES.has(code),
  );
  assert.deepEqual([...declared].sort(), ruleCodes.sort());
});

function problemsFor(c: Case, text: string): Problem[] {
  const resolver = filesResolver(c.files);
  if (c.code.startsWith('SFC1')) {
    const built = buildCallback(text, resolver, c.env ?? {});
    assert.equal(built.ok, false, 'the build must be refused');
    return built.ok ? [] : [...built.problems];
  }
  return validateCallback(text, resolver);
}

for (const c of CASES) {
  test(`${c.code} ${CALLBACK_CODES[c.code].name}`, () => {
    const { text, start, end } = marked(c.source);
    const found = problemsFor(c, text).filter(p => p.code === c.code);
    assert.equal(
      found.length,
      1,
      `expected one ${c.code} in ${text}\ngot ${JSON.stringify(
        problemsFor(c, text).map(p => [p.code, p.message]),
        null,
        1,
      )}`,
    );
    const p = found[0]!;
    assert.equal(JSON.stringify(text.slice(p.start, p.end)), JSON.stringify(text.slice(start, end)), 'range');
    assert.deepEqual([p.start, p.end], [start, end]);
    assert.match(p.message, c.says);
  });
}

test('a definition without mistakes has no problems', () => {
  assert.deepEqual(
    validateCallback(
      urlCallback('"sendSni": true, "headers": { "Authorization": "Bearer ${env:API_TOKEN}", "X-Device": "{device}" }'),
      filesResolver(),
    ),
    [],
  );
});
