import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCallback, validateCallbackWithReferences, type CallbackFileResolver } from '../../server/src/core/callback';
import { analyzeGrammar } from '../../server/src/core/grammar/analyze';
import { validateGrammar } from '../../server/src/core/grammar/validate';
import { checkExamples } from '../../server/src/core/grammar/examples';
import { filesResolver, urlCallback } from './helpers/callback';

const EXAMPLES = join(__dirname, '..', 'examples', 'seed-device');
const examples: CallbackFileResolver = {
  readRelative: path => {
    try {
      return readFileSync(join(EXAMPLES, path), 'utf8');
    } catch {
      return undefined;
    }
  },
};
const example = (name: string): string => readFileSync(join(EXAMPLES, name), 'utf8');
const ENV = { ROOM_API_TOKEN: 'room-token-1234', AZURE_IOT_HUB_KEY: 'c2VlZC1odWIta2V5LWZvci10ZXN0cy0xMjM0NTY3OA==' };

test('the example project is clean: definitions, their files, and the golden examples', () => {
  for (const name of ['room-api.sfcallback.json', 'azure-iot-hub.sfcallback.json']) {
    assert.deepEqual(validateCallbackWithReferences(example(name), examples), [], name);
  }
  const grammar = analyzeGrammar(example('seed.sfgrammar'));
  assert.deepEqual(validateGrammar(grammar), []);
  const results = checkExamples(grammar);
  assert.equal(results.length, 3);
  assert.ok(results.every(r => r.passed));
});

test('build: the URL example becomes the API v2 create body, files inlined and the token resolved', () => {
  const built = buildCallback(example('room-api.sfcallback.json'), examples, ENV);
  assert.ok(built.ok, JSON.stringify(!built.ok && built.problems));
  assert.deepEqual(built.json, {
    channel: 'URL',
    callbackType: 0,
    callbackSubtype: 2,
    payloadConfig: 'temp::uint:8 humidity::uint:8 lum::uint:8 voltage::uint:16',
    url: 'https://iot.example.com/api/v1/rooms/{device}/readings?seq={seqNumber}',
    httpMethod: 'POST',
    headers: { Authorization: 'Bearer room-token-1234', 'X-Device-Type': '{deviceTypeId}' },
    sendSni: true,
    bodyTemplate: example('room-api.sftemplate').replace(/\n$/, ''),
    contentType: 'application/json',
  });
  assert.deepEqual(Object.keys(built.json), [
    'channel',
    'callbackType',
    'callbackSubtype',
    'payloadConfig',
    'url',
    'httpMethod',
    'headers',
    'sendSni',
    'bodyTemplate',
    'contentType',
  ]);
  assert.equal(built.callback.target, 'api');
  assert.deepEqual(built.callback.secretValues, ['room-token-1234']);
});

test('build: a connector becomes the connector form values (the API v2 has no connector fields)', () => {
  const built = buildCallback(example('azure-iot-hub.sfcallback.json'), examples, ENV);
  assert.ok(built.ok);
  assert.equal(built.callback.target, 'connector');
  assert.deepEqual(built.json, {
    callbackType: 0,
    callbackSubtype: 2,
    payloadConfig: 'temp::uint:8 humidity::uint:8 lum::uint:8 voltage::uint:16',
    bodyTemplate: example('azure-iot-hub.sftemplate').replace(/\n$/, ''),
    contentType: 'application/json',
    connector: {
      type: 'azure-iot-hub',
      connectionString: `HostName=seed-hub.azure-devices.net;SharedAccessKeyName=sigfox-connector;SharedAccessKey=${ENV.AZURE_IOT_HUB_KEY}`,
    },
  });
  assert.deepEqual(built.callback.secretValues, [ENV.AZURE_IOT_HUB_KEY]);
});

test('build: an inline payload config is sent canonical; v1 flags pass through; $schema is dropped', () => {
  const text = urlCallback('"$schema": "../schema.json", "payloadConfig": "a::uint:8  b::uint:8", "enabled": false, "sendDuplicate": true');
  const built = buildCallback(text, filesResolver());
  assert.ok(built.ok);
  assert.equal(built.json.payloadConfig, 'a::uint:8 b::uint:8');
  assert.equal(built.json.enabled, false);
  assert.equal(built.json.sendDuplicate, true);
  assert.ok(!('$schema' in built.json));
  assert.deepEqual(
    built.warnings.map(p => p.code),
    ['SFG022'],
  );
});

test('build: refused while the definition has errors, with the problems', () => {
  const built = buildCallback(urlCallback('"sendSni": "yes"'), filesResolver());
  assert.equal(built.ok, false);
  assert.deepEqual(!built.ok && built.problems.map(p => p.code), ['SFC005']);
});

test('build: refused while a file it names has errors, each problem with its path', () => {
  const text = urlCallback('', { body: false }).replace(
    '"httpMethod": "POST"',
    '"httpMethod": "POST", "contentType": "application/json", "bodyTemplateFile": "body.sftemplate"',
  );
  const built = buildCallback(text, filesResolver({ 'body.sftemplate': '{"d": "{devise}"}' }));
  assert.equal(built.ok, false);
  assert.deepEqual(!built.ok && built.problems.map(p => [p.path, p.code, p.start, p.end]), [['body.sftemplate', 'SFT001', 8, 14]]);
});

test('build: ${env:...} in a body template file stays as written: template files never read the environment', () => {
  const text = urlCallback('', { body: false }).replace(
    '"httpMethod": "POST"',
    '"httpMethod": "POST", "contentType": "application/json", "bodyTemplateFile": "body.sftemplate"',
  );
  const files = filesResolver({ 'body.sftemplate': '{"d": "{device}", "key": "${env:SITE_KEY}", "home": "${env:HOME}"}\r\n' });
  const built = buildCallback(text, files, { SITE_KEY: 'k-42', HOME: '/root' });
  assert.ok(built.ok);
  assert.equal(built.json.bodyTemplate, '{"d": "{device}", "key": "${env:SITE_KEY}", "home": "${env:HOME}"}', 'final line break dropped');
  assert.deepEqual(built.callback.envNames, []);
  assert.deepEqual(built.callback.secretValues, []);
});

test('build: values read from the environment are checked once resolved, without printing them', () => {
  const text = urlCallback().replace('"https://example.com/sigfox/{device}"', '"${env:CALLBACK_URL}"');
  const bad = buildCallback(text, filesResolver(), { CALLBACK_URL: 'ftp://files.example.com/secret-path' });
  assert.equal(bad.ok, false);
  const problem = !bad.ok ? bad.problems[0]! : undefined;
  assert.equal(problem?.code, 'SFC102');
  assert.doesNotMatch(problem.message, /secret-path/);
  const good = buildCallback(text, filesResolver(), { CALLBACK_URL: 'https://hooks.example.com/sigfox' });
  assert.ok(good.ok);
  assert.equal(good.json.url, 'https://hooks.example.com/sigfox');
});

test('build: a variable without a value in an e-mail or batch callback is SFC101, as in a URL', () => {
  const email = JSON.stringify({
    channel: 'EMAIL',
    callbackType: 2,
    recipient: '${env:OPS_MAIL}',
    subject: 'Error on {device}',
    message: 'token ${env:MAIL_TOKEN} at {time}',
  });
  const missing = buildCallback(email, filesResolver(), {});
  assert.equal(missing.ok, false);
  assert.deepEqual(!missing.ok && missing.problems.map(p => p.code), ['SFC101', 'SFC101']);
  assert.deepEqual(!missing.ok && missing.missingEnvironment, ['MAIL_TOKEN', 'OPS_MAIL']);
  const built = buildCallback(email, filesResolver(), { OPS_MAIL: 'ops@example.com', MAIL_TOKEN: 't0k3n' });
  assert.ok(built.ok);
  assert.equal(built.json.message, 'token t0k3n at {time}');
  assert.deepEqual([...built.callback.secretValues].sort(), ['ops@example.com', 't0k3n']);
});

test('build: literal secrets (warned about) are listed for masking', () => {
  const text = urlCallback('"headers": { "Authorization": "Basic dXNlcjpwYXNz" }').replace('{device}"', '{device}?apiKey=k123"');
  const built = buildCallback(text, filesResolver());
  assert.ok(built.ok);
  assert.deepEqual([...built.callback.secretValues].sort(), ['dXNlcjpwYXNz', 'k123']);
  assert.deepEqual(
    built.warnings.map(p => p.code),
    ['SFC028', 'SFC028'],
  );
});

test("build: a value read from the environment into the URL's user info or host cannot move the request to another host", () => {
  const withUrl = (url: string): string => urlCallback().replace('"https://example.com/sigfox/{device}"', JSON.stringify(url));
  const userInfo = withUrl('https://sigfox:${env:PASS}@api.example.com/in/{device}');
  const moved = buildCallback(userInfo, filesResolver(), { PASS: 'x@evil.example/' });
  assert.equal(moved.ok, false);
  if (!moved.ok) {
    const p = moved.problems.find(q => q.code === 'SFC102');
    assert.ok(p, JSON.stringify(moved.problems));
    assert.match(p.message, /another host than the one written/);
    assert.doesNotMatch(p.message, /evil/, 'the value (a secret) is never quoted');
  }
  assert.equal(buildCallback(userInfo, filesResolver(), { PASS: 'pa55%2Fword' }).ok, true, 'a percent-encoded value is fine');
  // In the path or query a slash cannot change the host; a host taken from the environment is fine.
  assert.equal(buildCallback(withUrl('https://api.example.com/${env:PATH_PART}?k=1'), filesResolver(), { PATH_PART: 'v1/in' }).ok, true);
  assert.equal(buildCallback(withUrl('https://${env:API_HOST}/in'), filesResolver(), { API_HOST: 'api.example.com:8443' }).ok, true);
});
