/**
 * The test-callback simulator against hostile definitions and servers, beyond
 * callback-simulator.test.ts: it calls http(s) URLs only, however the URL is built (a literal, an
 * environment variable, an override), follows no redirect, and never returns a secret, wherever
 * the secret shows up (URL user info, a response header, JSON-escaped in an echoed body).
 * All traffic goes to 127.0.0.1.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { MASK, sendTestCallback, type SendTestCallbackOptions } from '../../server/src/simulator';
import { filesResolver } from './helpers/callback';
import { serve, type Received, type TestServer } from '../helpers/httpServer';

let received: Received[] = [];
let server: TestServer;
let base = '';

before(async () => {
  server = await serve(({ url, headers, body }, res) => {
    if (url.startsWith('/redirect')) {
      res.writeHead(302, { Location: `${base}/redirected?from=${encodeURIComponent(url)}` });
      res.end();
      return;
    }
    // An echo that reflects what it got in its headers and body, secrets included.
    const echoed = JSON.stringify({ url, headers, body });
    res.writeHead(200, {
      'Content-Type': 'application/json',
      'X-Echo-Auth': String(headers.authorization ?? ''),
      'Set-Cookie': `s=${String(headers['x-key'] ?? '')}`,
    });
    res.end(echoed);
  });
  received = server.requests;
  base = server.url;
});

after(() => server.close());

// URL-safe: a value with `@` or `/` spliced into user info would change the host (see the report).
const PASSWORD = 'pa55+w0rd!';
const KEY = 'k"ey\\with-quote';
const TOKEN = 'tok-secret-123';

function definition(url: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    channel: 'URL',
    callbackType: 0,
    callbackSubtype: 2,
    url,
    httpMethod: 'POST',
    headers: { Authorization: 'Bearer ${env:TOKEN}', 'X-Key': '${env:KEY}' },
    contentType: 'application/json',
    bodyTemplate: '{"device": "{device}", "key": "${env:KEY}"}',
    ...extra,
  });
}

function send(options: Partial<SendTestCallbackOptions> & { definitionText: string }): ReturnType<typeof sendTestCallback> {
  return sendTestCallback({
    resolver: filesResolver(),
    hex: '01',
    env: { TOKEN, KEY, PASS: PASSWORD, URL: 'file:///etc/passwd' },
    variables: { device: '1A2B3C' },
    timeoutMs: 3000,
    ...options,
  });
}

function assertNoSecret(result: unknown): void {
  const text = JSON.stringify(result);
  for (const secret of [TOKEN, KEY, PASSWORD, encodeURIComponent(PASSWORD), encodeURIComponent(KEY), JSON.stringify(KEY).slice(1, -1)]) {
    assert.ok(!text.includes(secret), `secret ${secret} returned: ${text}`);
  }
}

test('only http(s) is called, whether the URL is written, read from the environment or given as an override', async () => {
  const before = received.length;
  const refused: [string, Partial<SendTestCallbackOptions>][] = [
    ['file:///etc/passwd', {}],
    ['javascript:alert(1)', {}],
    ['${env:URL}', {}], // file:///etc/passwd, from the environment
    ['${env:URL}', { env: { TOKEN, KEY, URL: 'ftp://127.0.0.1/x' } }],
    [`${base}/echo`, { urlOverride: 'data:text/plain,hello' }],
    [`${base}/echo`, { urlOverride: 'javascript:alert(1)' }],
    [`${base}/echo`, { urlOverride: 'file:///etc/passwd' }],
    [`${base}/echo`, { urlOverride: 'http:' }],
    [`${base}/echo`, { urlOverride: 'http:127.0.0.1' }],
    [`${base}/echo`, { urlOverride: '//127.0.0.1' }],
  ];
  for (const [url, options] of refused) {
    const result = await send({ definitionText: definition(url), ...options });
    assert.equal(result.ok, false, `${url} ${JSON.stringify(options)}`);
    assert.ok(!result.ok && ['invalid-definition', 'unsupported-url'].includes(result.reason), `${url}: ${!result.ok && result.reason}`);
    assertNoSecret(result);
  }
  assert.equal(received.length, before, 'nothing was sent');
  const upper = await send({ definitionText: definition(`${base.replace('http', 'HTTP')}/echo`) });
  assert.ok(upper.ok, 'HTTP:// in capitals is http');
});

test('a redirect is reported, not followed (its target could be anywhere)', async () => {
  const before = received.length;
  const result = await send({ definitionText: definition(`${base}/redirect/devices/{device}`) });
  assert.ok(result.ok);
  assert.equal(result.response.status, 302);
  assert.equal(received.length, before + 1, 'one request, to the URL of the definition only');
  assert.ok(!received.some(r => r.url.startsWith('/redirected')));
});

test('secrets are masked everywhere they come back: URL user info, echoed headers and cookies, JSON-escaped bodies', async () => {
  const url = `${base.replace('http://', 'http://user:${env:PASS}@')}/echo/{device}`;
  const result = await send({ definitionText: definition(url) });
  assert.ok(result.ok, JSON.stringify(result));
  const got = received.at(-1)!;
  assert.equal(got.headers.authorization, `Bearer ${TOKEN}`, 'the server got the real request');
  assert.equal(got.headers['x-key'], KEY);
  assert.equal(result.request.url, `${base.replace('http://', `http://user:${MASK}@`)}/echo/1A2B3C`);
  assert.equal(result.response.headers['x-echo-auth'], `Bearer ${MASK}`);
  assert.equal(result.response.headers['set-cookie'], `s=${MASK}`);
  assert.ok(result.response.body.includes(MASK));
  assertNoSecret(result);
});

test("a timeout or a refused connection says what happened without the request's secrets", async () => {
  const closed = await serve(() => undefined);
  const port = new URL(closed.url).port;
  await closed.close();
  const refused = await send({ definitionText: definition(`http://user:\${env:PASS}@127.0.0.1:${port}/x?key=\${env:KEY}`) });
  assert.equal(!refused.ok && refused.reason, 'network');
  assertNoSecret(refused);
});
