import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sendTestCallback, MASK, type SendTestCallbackOptions } from '../../server/src/simulator';
import type { CallbackFileResolver } from '../../server/src/core/callback';
import { filesResolver } from './helpers/callback';
import { json, serve, type Received, type TestServer } from '../helpers/httpServer';

/** What the server received, unmasked: the simulator masks only what it returns. */
let received: Received[] = [];
let server: TestServer;
let base = '';

type Handler = (request: Received, res: ServerResponse) => void;
const ROUTES: Record<string, Handler> = {
  // Echoes everything it got, as a careless server would (secrets included).
  '/echo': (r, res) => json(res, 200, r),
  '/rejects': (_r, res) => json(res, 400, { error: 'invalid body' }),
  '/slow': () => {
    /* never answers */
  },
  '/bidir/downlink': (r, res) =>
    json(res, 200, { [deviceOf(r)]: { downlinkData: '0a14001e00000001' }, other: { downlinkData: 'ffffffffffffffff' } }),
  '/bidir/no-content': (_r, res) => {
    res.writeHead(204);
    res.end();
  },
  '/bidir/no-data': (r, res) => json(res, 200, { [deviceOf(r)]: { noData: true } }),
  '/bidir/short': (r, res) => json(res, 200, { [deviceOf(r)]: { downlinkData: '0a1400' } }),
  '/bidir/text': (_r, res) => {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end('OK');
  },
  '/bidir/other-device': (_r, res) => json(res, 200, { FFFFFF: { downlinkData: '0102030405060708' } }),
  '/bidir/accepted': (r, res) => json(res, 202, { [deviceOf(r)]: { downlinkData: '0102030405060708' } }),
};

function deviceOf(r: Received): string {
  return /\/devices\/([^/?]+)/.exec(r.url)?.[1] ?? '';
}

before(async () => {
  server = await serve((r, res) => {
    const route = Object.keys(ROUTES).find(path => r.url.startsWith(path) || r.url.includes(path));
    if (route) ROUTES[route]!(r, res);
    else json(res, 404, { error: 'no route' });
  });
  received = server.requests;
  base = server.url;
});

after(() => server.close());

const GRAMMAR = 'temp::uint:8 humidity::uint:8 lum::uint:8 voltage::uint:16\n';
const TOKEN = 'tok-3f9a-SECRET';
const SITE_KEY = 'site+key/with=chars';

function definition(path: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify(
    {
      channel: 'URL',
      callbackType: 0,
      callbackSubtype: 2,
      payloadConfigFile: 'seed.sfgrammar',
      url: `${base}${path}/devices/{device}?seq={seqNumber}&key=\${env:SITE_KEY}`,
      httpMethod: 'POST',
      headers: { Authorization: 'Bearer ${env:ROOM_TOKEN}', 'X-Station': '{station}' },
      contentType: 'application/json',
      bodyTemplate:
        '{"device": "{device}", "time": {time}, "temp": {customData#temp}, "volt": {customData#voltage}, "key": "${env:SITE_KEY}"}',
      ...extra,
    },
    null,
    2,
  );
}

function send(options: Partial<SendTestCallbackOptions> & { definitionText: string }): ReturnType<typeof sendTestCallback> {
  return sendTestCallback({
    resolver: filesResolver({ 'seed.sfgrammar': GRAMMAR }),
    hex: '1E3C640CE4',
    env: { ROOM_TOKEN: TOKEN, SITE_KEY },
    variables: { device: '1A2B3C', seqNumber: 7, time: 1700000000 },
    timeoutMs: 15000, // generous: a busy machine must not fail a test that is not about timeouts
    ...options,
  });
}

function assertNoSecret(result: unknown): void {
  const text = JSON.stringify(result);
  for (const secret of [TOKEN, SITE_KEY, encodeURIComponent(SITE_KEY)])
    assert.ok(!text.includes(secret), `secret ${secret} leaked: ${text}`);
}

test('2xx: the request is rendered as Sigfox would, sent, and everything returned is masked', async () => {
  const result = await send({ definitionText: definition('/echo') });
  assert.ok(result.ok, JSON.stringify(result));
  const got = received.at(-1)!;
  // The server got the real request: values from the frame and variables, secrets resolved.
  assert.equal(got.method, 'POST');
  assert.equal(got.url, `/echo/devices/1A2B3C?seq=7&key=${SITE_KEY}`);
  assert.equal(got.headers.authorization, `Bearer ${TOKEN}`);
  assert.equal(got.headers['x-station'], '1A2B');
  assert.equal(got.headers['content-type'], 'application/json');
  assert.deepEqual(JSON.parse(got.body), { device: '1A2B3C', time: 1700000000, temp: 30, volt: 3300, key: SITE_KEY });
  // What is returned is masked, including the echo.
  assert.equal(result.request.url, `${base}/echo/devices/1A2B3C?seq=7&key=${MASK}`);
  assert.equal(result.request.headers.Authorization, `Bearer ${MASK}`);
  assert.equal(JSON.parse(result.request.body!).key, MASK);
  assert.equal(result.response.status, 200);
  assert.ok(result.response.body.includes(MASK));
  assert.ok(result.timeMs >= 0);
  assert.equal(result.bidir, undefined, 'only BIDIR answers are checked as downlinks');
  assertNoSecret(result);
});

test('4xx: the answer is returned as is (Sigfox would count a failed delivery)', async () => {
  const result = await send({ definitionText: definition('/rejects') });
  assert.ok(result.ok);
  assert.equal(result.response.status, 400);
  assert.deepEqual(JSON.parse(result.response.body), { error: 'invalid body' });
  assertNoSecret(result);
});

test('timeout: no answer within the deadline is a timeout, with the request masked', async () => {
  // /slow never answers: without the deadline this test would hang (node:test's timeout would end it).
  const result = await send({ definitionText: definition('/slow'), timeoutMs: 150 });
  assert.equal(result.ok, false);
  assert.equal(!result.ok && result.reason, 'timeout');
  assert.ok(!result.ok && result.timeMs !== undefined && result.timeMs >= 140, 'not given up before the deadline');
  assert.match(!result.ok ? result.message : '', /within 150 ms/);
  assert.ok(!result.ok && result.request?.headers.Authorization === `Bearer ${MASK}`);
  assertNoSecret(result);
});

test('only http(s) URLs are called', async () => {
  const result = await send({ definitionText: definition('/echo'), urlOverride: 'ftp://127.0.0.1/' });
  assert.equal(result.ok, false);
  assert.equal(!result.ok && result.reason, 'unsupported-url');
  assertNoSecret(result);
  const count = received.length;
  const file = await send({ definitionText: definition('/echo'), urlOverride: 'file:///etc' });
  assert.equal(!file.ok && file.reason, 'unsupported-url');
  assert.equal(received.length, count, 'nothing was sent');
});

test('urlOverride replaces the scheme, host and port and keeps the rendered path and query', async () => {
  const text = definition('/echo').replace(base, 'https://iot.example.com');
  const result = await send({ definitionText: text, urlOverride: base });
  assert.ok(result.ok);
  assert.equal(received.at(-1)!.url, `/echo/devices/1A2B3C?seq=7&key=${SITE_KEY}`);
});

test('a form body gets the URL query parameters appended (spec 2.4)', async () => {
  const text = definition('/echo', {
    contentType: 'application/x-www-form-urlencoded',
    bodyTemplate: 'temp={customData#temp}&hum={customData#humidity}',
  });
  const result = await send({ definitionText: text });
  assert.ok(result.ok);
  assert.equal(received.at(-1)!.body, `temp=30&hum=60&seq=7&key=${SITE_KEY}`);
  assert.equal(received.at(-1)!.headers['content-type'], 'application/x-www-form-urlencoded');
  assertNoSecret(result);
});

test('a connector is sent to the urlOverride as JSON, its key masked; without one it cannot be sent', async () => {
  const key = 'Y29ubmVjdG9yLWtleS1mb3ItdGVzdHM=';
  const examples: CallbackFileResolver = {
    readRelative: p => {
      try {
        return readFileSync(join(__dirname, '..', 'examples', 'seed-device', p), 'utf8');
      } catch {
        return undefined;
      }
    },
  };
  const text = readFileSync(join(__dirname, '..', 'examples', 'seed-device', 'azure-iot-hub.sfcallback.json'), 'utf8');
  const result = await send({ definitionText: text, resolver: examples, env: { AZURE_IOT_HUB_KEY: key }, urlOverride: `${base}/echo` });
  assert.ok(result.ok, JSON.stringify(result));
  assert.equal(received.at(-1)!.method, 'POST');
  assert.equal(received.at(-1)!.headers['content-type'], 'application/json');
  assert.deepEqual(JSON.parse(received.at(-1)!.body), {
    device: '1A2B3C',
    time: 1700000000,
    seqNumber: 7,
    data: '1e3c640ce4',
    temperature: 30,
    humidity: 60,
    luminosity: 100,
    batteryMillivolts: 3300,
  });
  assert.ok(!JSON.stringify(result).includes(key));
  const unsent = await send({ definitionText: text, resolver: examples, env: { AZURE_IOT_HUB_KEY: key } });
  assert.equal(!unsent.ok && unsent.reason, 'not-sendable');
});

test('a definition with errors, a missing environment variable or a bad frame is not sent', async () => {
  const count = received.length;
  const invalid = await send({ definitionText: definition('/echo', { httpMethod: 'PATCH' }) });
  assert.equal(!invalid.ok && invalid.reason, 'invalid-definition');
  assert.deepEqual(!invalid.ok && invalid.problems.map(p => p.code), ['SFC012']);
  const noEnv = await send({ definitionText: definition('/echo'), env: { ROOM_TOKEN: TOKEN } });
  assert.equal(!noEnv.ok && noEnv.reason, 'invalid-definition');
  assert.ok(!noEnv.ok && noEnv.problems.every(p => p.code === 'SFC101'));
  const badHex = await send({ definitionText: definition('/echo'), hex: '1E3' });
  assert.equal(!badHex.ok && badHex.reason, 'invalid-frame');
  assert.equal(received.length, count);
});

// ---- BIDIR ---------------------------------------------------------------------------------

const bidir = (path: string): string => definition(path, { callbackSubtype: 3 });
const DOWNLINK_GRAMMAR = 'interval::uint:16 threshold::uint:8 mode::uint:8 flags::uint:32';

test('BIDIR: a valid downlink answer is accepted and decoded with the downlink grammar', async () => {
  const result = await send({ definitionText: bidir('/bidir/downlink'), downlinkGrammarText: DOWNLINK_GRAMMAR });
  assert.ok(result.ok && result.bidir);
  assert.deepEqual(result.bidir, {
    valid: true,
    problems: [],
    downlinkHex: '0A14001E00000001',
    decoded: { interval: 2580, threshold: 0, mode: 30, flags: 1 },
  });
  assertNoSecret(result);
});

test('BIDIR: 204 and {"noData": true} mean no downlink, and are valid', async () => {
  for (const path of ['/bidir/no-content', '/bidir/no-data']) {
    const result = await send({ definitionText: bidir(path) });
    assert.ok(result.ok && result.bidir, path);
    assert.equal(result.bidir.valid, true, path);
    assert.equal(result.bidir.noData, true, path);
    assert.equal(result.bidir.downlinkHex, undefined, path);
  }
});

test('BIDIR: malformed answers are clear problems', async () => {
  const cases: [string, RegExp][] = [
    ['/bidir/short', /"downlinkData" has 6 hex digits; a downlink is exactly 8 bytes, 16 digits/],
    ['/bidir/text', /The answer is not JSON/],
    ['/bidir/other-device', /no entry for device "1A2B3C" \(its keys: "FFFFFF"\)/],
    ['/bidir/accepted', /HTTP 202/],
    ['/rejects', /HTTP 400: Sigfox counts the delivery as failed/],
  ];
  for (const [path, says] of cases) {
    const result = await send({ definitionText: bidir(path) });
    assert.ok(result.ok && result.bidir, `${path}: ${JSON.stringify(result).slice(0, 500)}`);
    assert.equal(result.bidir.valid, false, path);
    const errors = result.bidir.problems.filter(p => p.severity === 'error');
    assert.equal(errors.length, 1, `${path}: ${JSON.stringify(result.bidir.problems)}`);
    assert.match(errors[0]!.message, says);
  }
});
