import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { cleanup, ensureBuilt, ROOT, run, workspace } from './helpers';
import type { ServerResponse } from 'node:http';
import { json, serve, type Received } from '../helpers/httpServer';

before(ensureBuilt);

const SEED = join(ROOT, 'test', 'examples', 'seed-device');

/** Echoes what it received as JSON: a server reflecting credentials, the worst case for masking. */
const echo = (req: Received, res: ServerResponse): void => json(res, 200, req);

const BIDIR = JSON.stringify(
  {
    channel: 'URL',
    callbackType: 0,
    callbackSubtype: 3,
    payloadConfig: 'temp::uint:8',
    url: 'https://downlink.example.com/sigfox?device={device}&ack={ack}',
    httpMethod: 'POST',
    contentType: 'application/json',
    bodyTemplate: '{"device":"{device}","temp":{customData#temp},"ack":{ack}}',
  },
  null,
  2,
);

const FILES = {
  'bidir.sfcallback.json': BIDIR,
  'downlink.sfgrammar': 'cmd::uint:8 interval::uint:16:little-endian tail::uint:40\n',
  'wide.sfgrammar': 'whole::uint:64\n',
  'broken.sfgrammar': 'a::uint:8 a::uint:8\n',
  'uplink.sfcallback.json': JSON.stringify({
    channel: 'URL',
    callbackType: 0,
    callbackSubtype: 2,
    payloadConfig: 'temp::uint:8',
    url: 'https://api.example.com/up/{device}',
    httpMethod: 'PUT',
    contentType: 'text/plain',
    bodyTemplate: 't={customData#temp}',
  }),
  'secret.sfcallback.json': JSON.stringify(
    {
      channel: 'URL',
      callbackType: 0,
      callbackSubtype: 2,
      url: 'https://api.example.com/in?token=literal-query-secret-42&dev={device}',
      httpMethod: 'POST',
      headers: { Authorization: 'Bearer literal-bearer-secret-17', 'X-Api-Key': '${env:API_KEY}' },
      contentType: 'text/plain',
      bodyTemplate: '{device} {data} ${env:API_KEY}',
    },
    null,
    2,
  ),
  'mail.sfcallback.json': JSON.stringify({
    channel: 'EMAIL',
    callbackType: 0,
    callbackSubtype: 2,
    recipient: 'ops@example.com',
    subject: 'frame {device}',
    message: '{data}',
  }),
  'bad.sfcallback.json': JSON.stringify(
    { channel: 'URL', callbackType: 0, callbackSubtype: 2, url: 'https://example.com', httpMethod: 'PATCH' },
    null,
    2,
  ),
};

let dir: string;
before(() => {
  dir = workspace(FILES);
});
after(() => cleanup(dir));

describe('send: delivery', () => {
  test('the seed example to a local server: the request as Sigfox renders it, the answer, exit 0', async () => {
    const server = await serve((_req, res) => json(res, 201, { stored: true }));
    try {
      const r = await run(
        [
          'send',
          'room-api.sfcallback.json',
          '--hex',
          '1E3C640CE4',
          '--url',
          server.url,
          '--var',
          'device=ABC123',
          '--var',
          'time=1700000000',
        ],
        { cwd: SEED, env: { ROOM_API_TOKEN: 'tok-seed' } },
      );
      assert.equal(r.code, 0, r.stderr);
      assert.equal(server.requests.length, 1);
      const [received] = server.requests;
      assert.equal(received!.method, 'POST');
      assert.equal(received!.url, '/api/v1/rooms/ABC123/readings?seq=42');
      assert.equal(received!.headers['authorization'], 'Bearer tok-seed', 'the real token is sent');
      assert.equal(received!.headers['content-type'], 'application/json');
      assert.deepEqual(JSON.parse(received!.body), {
        deviceId: 'ABC123',
        receivedAt: 1700000000,
        payload: '1e3c640ce4',
        readings: { temperatureC: 30, humidityPercent: 60, luminosity: 100, batteryMillivolts: 3300 },
        radio: { station: '1A2B', snr: 12.34, rssi: -110 },
      });
      assert.ok(
        r.stdout.startsWith(`> POST ${server.url}/api/v1/rooms/ABC123/readings?seq=42\n> Authorization: Bearer ****\n> X-Device-Type: `),
        r.stdout,
      );
      assert.match(r.stdout, /^> Content-Type: application\/json\n>\n\{\n {2}"deviceId": "ABC123",\n/m);
      assert.match(r.stdout, /^< HTTP 201 Created \(\d+ ms\)\n/m);
      assert.match(r.stdout, /^< content-type: application\/json\n/m);
      assert.match(r.stdout, /^<\n\{"stored":true\}\n\n✔ Delivered: HTTP 201 Created in \d+ ms\.\n$/m);
      assert.doesNotMatch(r.stdout + r.stderr, /tok-seed/);
      assert.equal(r.stderr, '');
    } finally {
      await server.close();
    }
  });

  test('--format json: one object with request, response, time, notes and warnings', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('ok');
    });
    try {
      const r = await run(['send', 'uplink.sfcallback.json', '-x', '2A', '-u', `${server.url}/base/`, '--var', 'device=D1', '-f', 'json'], {
        cwd: dir,
      });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stderr, '');
      const out = JSON.parse(r.stdout) as Record<string, any>;
      assert.deepEqual(Object.keys(out), ['ok', 'outcome', 'message', 'request', 'response', 'timeMs', 'notes', 'warnings']);
      assert.equal(out['ok'], true);
      assert.equal(out['outcome'], 'delivered');
      assert.deepEqual(out['request'], {
        method: 'PUT',
        url: `${server.url}/base/up/D1`,
        headers: { 'Content-Type': 'text/plain' },
        body: 't=42',
        environmentVariables: [],
      });
      assert.equal(out['response'].status, 200);
      assert.equal(out['response'].statusText, 'OK');
      assert.equal(out['response'].body, 'ok');
      assert.equal(out['response'].headers['content-type'], 'text/plain');
      assert.equal(typeof out['timeMs'], 'number');
      assert.deepEqual(out['notes'], []);
      assert.deepEqual(out['warnings'], []);
      assert.equal(server.requests[0]!.url, '/base/up/D1');
      assert.equal(server.requests[0]!.body, 't=42');
    } finally {
      await server.close();
    }
  });

  test('204 No Content is a delivery (exit 0)', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(204);
      res.end();
    });
    try {
      const r = await run(['send', 'uplink.sfcallback.json', '--hex', '01', '--url', server.url], { cwd: dir });
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^< HTTP 204 No Content \(\d+ ms\)\n(?:< .*\n)*<\n\(empty body\)\n\n✔ Delivered: HTTP 204 No Content/m);
    } finally {
      await server.close();
    }
  });

  test('a 4xx answer: reported, exit 1', async () => {
    const server = await serve((_req, res) => json(res, 404, { error: 'no such room' }));
    try {
      const r = await run(['send', 'uplink.sfcallback.json', '--hex', '01', '--url', server.url], { cwd: dir });
      assert.equal(r.code, 1);
      assert.match(r.stdout, /^< HTTP 404 Not Found \(\d+ ms\)\n/m);
      assert.match(
        r.stdout,
        /\{"error":"no such room"\}\n\n✖ The server answered HTTP 404 Not Found: Sigfox counts the delivery as failed and retries it later\.\n$/,
      );
      const asJson = await run(['send', 'uplink.sfcallback.json', '--hex', '01', '--url', server.url, '--format', 'json'], { cwd: dir });
      assert.equal(asJson.code, 1);
      const out = JSON.parse(asJson.stdout) as Record<string, any>;
      assert.equal(out['ok'], false);
      assert.equal(out['outcome'], 'http-error');
      assert.equal(out['response'].status, 404);
    } finally {
      await server.close();
    }
  });

  test('no answer within --timeout-ms: the request is shown, then the timeout, exit 1', async () => {
    const server = await serve(() => {
      /* never answers */
    });
    try {
      // The server never answers: without the deadline the CLI would hang (node:test's timeout would end it).
      const r = await run(['send', 'uplink.sfcallback.json', '--hex', '01', '--url', server.url, '--timeout-ms', '300'], { cwd: dir });
      assert.equal(r.code, 1);
      assert.equal(server.requests.length, 1);
      assert.match(r.stdout, /^> PUT http:\/\/127\.0\.0\.1:\d+\/up\/1A2B3C\n/);
      assert.doesNotMatch(r.stdout, /^< /m);
      assert.match(r.stdout, /✖ No complete answer within 300 ms: Sigfox would count the delivery as failed and retry later\.\n$/);
      const asJson = await run(
        ['send', 'uplink.sfcallback.json', '--hex', '01', '--url', server.url, '--timeout-ms', '200', '-f', 'json'],
        { cwd: dir },
      );
      assert.equal(asJson.code, 1);
      const out = JSON.parse(asJson.stdout) as Record<string, any>;
      assert.equal(out['outcome'], 'timeout');
      assert.equal(out['response'], null);
      assert.equal(out['request'].method, 'PUT');
    } finally {
      await server.close();
    }
  });

  test('nothing listening: a network error, exit 1', async () => {
    const server = await serve(echo);
    const url = server.url;
    await server.close();
    const r = await run(['send', 'uplink.sfcallback.json', '--hex', '01', '--url', url, '-f', 'json'], { cwd: dir });
    assert.equal(r.code, 1);
    const out = JSON.parse(r.stdout) as Record<string, any>;
    assert.equal(out['outcome'], 'network-error');
    assert.match(out['message'], /^The request failed: .*ECONNREFUSED/);
  });
});

describe('send: notes', () => {
  test('rendering problems are reported (stderr in text, notes in json); --downlink-grammar on a non-BIDIR callback is noted', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(204);
      res.end();
    });
    try {
      const r = await run(['send', 'bidir.sfcallback.json', '--hex', '15', '--url', server.url, '--var', 'device=a"b'], { cwd: dir });
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /^rendered body: error: The value of `\{device\}` .* is not valid JSON\. \[SFT101\]$/m);
      const asJson = await run(['send', 'bidir.sfcallback.json', '--hex', '15', '--url', server.url, '--var', 'device=a"b', '-f', 'json'], {
        cwd: dir,
      });
      assert.equal(asJson.stderr, '');
      const notes = (JSON.parse(asJson.stdout) as { notes: { where: string; severity: string; code: string }[] }).notes;
      assert.deepEqual(
        notes.map(n => [n.where, n.severity, n.code]),
        [
          ['url', 'warning', 'SFT102'],
          ['body', 'error', 'SFT101'],
        ],
      );
      const uplink = await run(
        ['send', 'uplink.sfcallback.json', '--hex', '15', '--url', server.url, '--downlink-grammar', 'downlink.sfgrammar'],
        { cwd: dir },
      );
      assert.equal(uplink.code, 0, uplink.stderr);
      assert.equal(
        uplink.stderr,
        'sigfox-callbacks: note: --downlink-grammar is not used: uplink.sfcallback.json is not a DATA/BIDIR callback, so its answer carries no downlink\n',
      );
    } finally {
      await server.close();
    }
  });
});

describe('send: BIDIR replies', () => {
  test('a valid downlink reply, decoded with --downlink-grammar: exit 0', async () => {
    const server = await serve((_req, res) =>
      json(res, 200, { ABC123: { downlinkData: '02e8030000000001' }, OTHER: { downlinkData: 'zz' } }),
    );
    try {
      const r = await run(
        [
          'send',
          'bidir.sfcallback.json',
          '--hex',
          '15',
          '--url',
          server.url,
          '--var',
          'device=ABC123',
          '--downlink-grammar',
          'downlink.sfgrammar',
        ],
        { cwd: dir },
      );
      assert.equal(r.code, 0, r.stderr);
      assert.equal(server.requests[0]!.url, '/sigfox?device=ABC123&ack=true');
      assert.equal(server.requests[0]!.body, '{"device":"ABC123","temp":21,"ack":true}');
      assert.match(
        r.stdout,
        /\nBIDIR reply: valid: downlink 02E8030000000001 \(8 bytes\) for the device\nDownlink decoded with downlink\.sfgrammar:\n {2}name {6}type {19}bytes {2}value\n {2}cmd {7}uint:8 {17}0 {6}2\n {2}interval {2}uint:16:little-endian {2}1-2 {4}1000\n {2}tail {6}uint:40 {16}3-7 {4}1\n\n✔ Delivered: HTTP 200 OK in \d+ ms, downlink 02E8030000000001\.\n$/,
      );
      assert.equal(r.stderr, '');
    } finally {
      await server.close();
    }
  });

  test('--format json: the BIDIR check, with decoded integers exact past 2^53', async () => {
    const server = await serve((_req, res) => json(res, 200, { '1A2B3C': { downlinkData: 'FFFFFFFFFFFFFFFF' } }));
    try {
      const r = await run(
        ['send', 'bidir.sfcallback.json', '--hex', '15', '--url', server.url, '--downlink-grammar', 'wide.sfgrammar', '-f', 'json'],
        { cwd: dir },
      );
      assert.equal(r.code, 0, r.stderr);
      assert.match(
        r.stdout,
        /\n {2}"bidir": \{\n {4}"valid": true,\n {4}"noData": false,\n {4}"downlinkHex": "FFFFFFFFFFFFFFFF",\n {4}"decoded": \{\n {6}"whole": 18446744073709551615\n {4}\},\n {4}"problems": \[\]\n {2}\},\n/,
      );
      const out = JSON.parse(r.stdout) as Record<string, any>;
      assert.equal(out['outcome'], 'delivered');
      assert.deepEqual(Object.keys(out), ['ok', 'outcome', 'message', 'request', 'response', 'timeMs', 'bidir', 'notes', 'warnings']);
    } finally {
      await server.close();
    }
  });

  test('malformed replies: exit 1 with what Sigfox expects', async () => {
    const replies: [number, string, RegExp][] = [
      [
        200,
        JSON.stringify({ '1A2B3C': { downlinkData: '0102' } }),
        /"downlinkData" has 4 hex digits; a downlink is exactly 8 bytes, 16 digits \(pad it, e\.g\. "0102000000000000"\)\./,
      ],
      [200, 'OK', /The answer is not JSON .*it starts with "OK"/],
      [200, JSON.stringify({ SOMEONE: { downlinkData: '0102030405060708' } }), /no entry for device "1A2B3C" \(its keys: "SOMEONE"\)/],
      [500, '{}', /The server answered HTTP 500/],
    ];
    for (const [status, body, problem] of replies) {
      const server = await serve((_req, res) => json(res, status, body));
      try {
        const r = await run(['send', 'bidir.sfcallback.json', '--hex', '15', '--url', server.url], { cwd: dir });
        assert.equal(r.code, 1, body);
        assert.match(r.stdout, /\nBIDIR reply: not valid: the device gets no downlink\n {2}error: /, body);
        assert.match(r.stdout, problem, body);
        assert.match(
          r.stdout,
          status === 200
            ? /✖ The server answered HTTP 200 OK, but not with a valid downlink reply: the device gets no downlink\.\n$/
            : /✖ The server answered HTTP 500 Internal Server Error: Sigfox counts the delivery as failed/,
        );
        const asJson = JSON.parse(
          (await run(['send', 'bidir.sfcallback.json', '--hex', '15', '--url', server.url, '-f', 'json'], { cwd: dir })).stdout,
        ) as Record<string, any>;
        assert.equal(asJson['bidir'].valid, false, body);
        assert.equal(asJson['outcome'], status === 200 ? 'invalid-downlink-reply' : 'http-error', body);
      } finally {
        await server.close();
      }
    }
  });

  test('no downlink wanted: HTTP 204, or {"<device>": {"noData": true}}: exit 0', async () => {
    for (const answer of [
      (res: ServerResponse) => {
        res.writeHead(204);
        res.end();
      },
      (res: ServerResponse) => json(res, 200, { '1A2B3C': { noData: true } }),
    ]) {
      const server = await serve((_req, res) => answer(res));
      try {
        const r = await run(['send', 'bidir.sfcallback.json', '--hex', '15', '--url', server.url], { cwd: dir });
        assert.equal(r.code, 0, r.stderr);
        assert.match(
          r.stdout,
          /\nBIDIR reply: valid: no downlink \(the server asked for none\)\n\n✔ Delivered: HTTP 20[04] (?:OK|No Content) in \d+ ms, no downlink requested\.\n$/,
        );
      } finally {
        await server.close();
      }
    }
  });

  test('a reply without application/json is accepted with a warning', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('{"1A2B3C":{"downlinkData":"0000000000000000"}}');
    });
    try {
      const r = await run(['send', 'bidir.sfcallback.json', '--hex', '15', '--url', server.url], { cwd: dir });
      assert.equal(r.code, 0, r.stderr);
      assert.match(
        r.stdout,
        /BIDIR reply: valid: downlink 0000000000000000 \(8 bytes\) for the device\n {2}warning: The answer's Content-Type is "text\/plain"; Sigfox expects application\/json\.\n/,
      );
    } finally {
      await server.close();
    }
  });
});

describe('send: secrets', () => {
  test('a literal secret and an env-resolved secret never appear in stdout or stderr, even echoed back', async () => {
    const server = await serve(echo);
    try {
      for (const format of ['text', 'json']) {
        const r = await run(['send', 'secret.sfcallback.json', '--hex', '0102', '--url', server.url, '--format', format], {
          cwd: dir,
          env: { API_KEY: 'env-secret-value-99' },
        });
        assert.equal(r.code, 0, r.stderr);
        const received = server.requests.at(-1)!;
        // They were sent...
        assert.equal(received.headers['authorization'], 'Bearer literal-bearer-secret-17');
        assert.equal(received.headers['x-api-key'], 'env-secret-value-99');
        assert.equal(received.url, '/in?token=literal-query-secret-42&dev=1A2B3C');
        assert.equal(received.body, '1A2B3C 0102 env-secret-value-99');
        // ...and never shown, though the server echoed all of them back.
        const shown = r.stdout + r.stderr;
        for (const secret of ['literal-bearer-secret-17', 'literal-query-secret-42', 'env-secret-value-99']) {
          assert.ok(!shown.includes(secret), `${format}: ${secret} printed`);
        }
        assert.ok(r.stdout.includes('****'), format);
        if (format === 'text') {
          assert.match(
            r.stdout,
            /^> POST http:\/\/127\.0\.0\.1:\d+\/in\?token=\*\*\*\*&dev=1A2B3C\n> Authorization: Bearer \*\*\*\*\n> X-Api-Key: \*\*\*\*\n/,
          );
          assert.match(
            r.stderr,
            /^secret\.sfcallback\.json\n {2}\d+:\d+ +warning +The credential in the URL parameter `token` is written in the file.* SFC028$/m,
          );
        } else {
          const out = JSON.parse(r.stdout) as Record<string, any>;
          assert.equal(out['request'].body, '1A2B3C 0102 ****');
          assert.deepEqual(
            out['warnings'].map((w: { code: string }) => w.code),
            ['SFC028', 'SFC028'],
          );
        }
      }
    } finally {
      await server.close();
    }
  });
});

describe('send: refused before sending (exit 2)', () => {
  test('bad arguments', async () => {
    const cases: [string[], RegExp][] = [
      [
        ['send', 'uplink.sfcallback.json'],
        /^sigfox-callbacks: send needs the uplink frame to send, in hex: --hex C01234\nRun `sigfox-callbacks send --help` for usage\.\n$/,
      ],
      [
        ['send', '--hex', '01'],
        /^sigfox-callbacks: send takes one callback definition: sigfox-callbacks send FILE\.sfcallback\.json --hex HEX\n/,
      ],
      [
        ['send', 'uplink.sfcallback.json', '--hex', '1G'],
        /^sigfox-callbacks: --hex "1G": not a hex digit: 'G' at position 2 \(a frame is hex digits/,
      ],
      [
        ['send', 'uplink.sfcallback.json', '--hex', '01', '--url', 'ftp://127.0.0.1/x'],
        /^sigfox-callbacks: --url takes an absolute http:\/\/ or https:\/\/ URL, e\.g\. --url http:\/\/127\.0\.0\.1:8080 \(as Sigfox calls only those\); got "ftp:\/\/127\.0\.0\.1\/x"\n/,
      ],
      [['send', 'uplink.sfcallback.json', '--hex', '01', '--url', '127.0.0.1:8080'], /--url takes an absolute http:\/\/ or https:\/\/ URL/],
      [
        ['send', 'uplink.sfcallback.json', '--hex', '01', '--timeout-ms', '0'],
        /^sigfox-callbacks: --timeout-ms takes a whole number of milliseconds >= 1, e\.g\. --timeout-ms 2000 \(Sigfox waits 10000\); got "0"\n/,
      ],
      [
        ['send', 'uplink.sfcallback.json', '--hex', '01', '--format', 'xml'],
        /^sigfox-callbacks: --format must be one of text, json; got "xml"\n/,
      ],
      [
        ['send', 'uplink.sfcallback.json', '--hex', '01', '--var', 'data=FF'],
        /^sigfox-callbacks: --var data=\.\.\.: \{data\} is the frame; give it with --hex\n/,
      ],
      [
        ['send', 'uplink.sfcallback.json', '--hex', '01', '--var', 'device'],
        /^sigfox-callbacks: --var takes name=value, e\.g\. --var device=1A2B3C; got "device"\n/,
      ],
      [
        ['send', 'downlink.sfgrammar', '--hex', '01'],
        /^sigfox-callbacks: downlink\.sfgrammar: send takes a callback definition \(\*\.sfcallback\.json\)\n/,
      ],
      [
        ['send', 'nope.sfcallback.json', '--hex', '01'],
        /^sigfox-callbacks: nope\.sfcallback\.json: cannot read: no such file or directory\n$/,
      ],
      [
        ['send', 'bidir.sfcallback.json', '--hex', '01', '--downlink-grammar', 'broken.sfgrammar'],
        /^sigfox-callbacks: broken\.sfgrammar: the payload config has 1 error; fix it first:\nbroken\.sfgrammar:1:11: error: .*\[SFG005\]\n$/,
      ],
    ];
    for (const [args, stderr] of cases) {
      const r = await run(args, { cwd: dir });
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.stdout, '', args.join(' '));
      assert.match(r.stderr, stderr, args.join(' '));
    }
  });

  test('a definition with errors, or a variable not set: the problems as check shows them, nothing sent', async () => {
    const server = await serve(echo);
    try {
      const bad = await run(['send', 'bad.sfcallback.json', '--hex', '01', '--url', server.url], { cwd: dir });
      assert.equal(bad.code, 2);
      assert.equal(bad.stdout, '');
      assert.match(
        bad.stderr,
        /^bad\.sfcallback\.json\n {2}\d+:\d+ +error +`httpMethod` is "GET", "POST" or "PUT", not "PATCH"\. Did you mean "PUT"\? +SFC012\n/m,
      );
      assert.match(bad.stderr, /sigfox-callbacks: bad\.sfcallback\.json: not sent: fix the error above\n$/);
      const unset = await run(['send', 'room-api.sfcallback.json', '--hex', '01', '--url', server.url], {
        cwd: SEED,
        env: { ROOM_API_TOKEN: '' },
      });
      assert.equal(unset.code, 2);
      assert.match(unset.stderr, /The environment variable ROOM_API_TOKEN is not set/);
      assert.equal(server.requests.length, 0);
    } finally {
      await server.close();
    }
  });

  test('an EMAIL callback, and a connector without --url, cannot be sent over HTTP', async () => {
    const mail = await run(['send', 'mail.sfcallback.json', '--hex', '01'], { cwd: dir });
    assert.equal(mail.code, 2);
    assert.equal(
      mail.stderr,
      'sigfox-callbacks: mail.sfcallback.json: not sent: This is an EMAIL callback: Sigfox sends an email, not an HTTP request, so there is nothing to send to a server.\n',
    );
    const connector = await run(['send', 'azure-iot-hub.sfcallback.json', '--hex', '1E3C640CE4'], {
      cwd: SEED,
      env: { AZURE_IOT_HUB_KEY: 'c2VjcmV0LWtleQ==' },
    });
    assert.equal(connector.code, 2);
    assert.match(
      connector.stderr,
      /^sigfox-callbacks: azure-iot-hub\.sfcallback\.json: not sent: A connector callback has no URL of its own .*give a URL to send its JSON body to/,
    );
  });

  test('a connector callback with --url: its JSON body is POSTed there, its key never shown', async () => {
    const server = await serve(echo);
    try {
      const r = await run(
        [
          'send',
          'azure-iot-hub.sfcallback.json',
          '--hex',
          '1E3C640CE4',
          '--url',
          `${server.url}/hub`,
          '--var',
          'seqNumber=7',
          '--var',
          'time=1700000000',
        ],
        { cwd: SEED, env: { AZURE_IOT_HUB_KEY: 'c2VjcmV0LWtleQ==' } },
      );
      assert.equal(r.code, 0, r.stderr);
      assert.equal(server.requests[0]!.url, '/hub');
      assert.deepEqual(JSON.parse(server.requests[0]!.body), {
        device: '1A2B3C',
        time: 1700000000,
        seqNumber: 7,
        data: '1e3c640ce4',
        temperature: 30,
        humidity: 60,
        luminosity: 100,
        batteryMillivolts: 3300,
      });
      assert.doesNotMatch(r.stdout + r.stderr, /c2VjcmV0LWtleQ/);
    } finally {
      await server.close();
    }
  });

  test('--help describes the command, its options and exit codes', async () => {
    const r = await run(['send', '--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^Usage: sigfox-callbacks send \[options\] FILE\.sfcallback\.json --hex HEX\n/);
    for (const text of [
      '-x, --hex HEX',
      '--var NAME=VALUE',
      '-u, --url URL',
      '--downlink-grammar FILE',
      '--timeout-ms N',
      '--dotenv FILE',
      '-f, --format FORMAT',
      '****',
      'Exit codes: 0 delivered',
    ])
      assert.ok(r.stdout.includes(text), text);
    const main = await run(['--help']);
    assert.match(main.stdout, /^ {2}send FILE\.sfcallback\.json --hex HEX\n/m);
  });
});
