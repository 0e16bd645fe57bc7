import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanup, ensureBuilt, ROOT, run, workspace } from './helpers';

before(ensureBuilt);

const SEED = join(ROOT, 'test', 'examples', 'seed-device');

/** The seed example copied to a scratch directory, so paths are short and --output stays out of the repo. */
function seedCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sigfox-build-'));
  cpSync(SEED, dir, { recursive: true });
  return dir;
}

const ROOM_API_BODY = [
  '{',
  '  "deviceId": "{device}",',
  '  "receivedAt": {time},',
  '  "payload": "{data}",',
  '  "readings": {',
  '    "temperatureC": {customData#temp},',
  '    "humidityPercent": {customData#humidity},',
  '    "luminosity": {customData#lum},',
  '    "batteryMillivolts": {customData#voltage}',
  '  },',
  '  "radio": {',
  '    "station": "{station}",',
  '    "snr": {snr},',
  '    "rssi": {rssi}',
  '  }',
  '}',
].join('\n');

/** What `build room-api.sfcallback.json` must print with ROOM_API_TOKEN=tok-123, key order included. */
const ROOM_API_JSON = {
  channel: 'URL',
  callbackType: 0,
  callbackSubtype: 2,
  payloadConfig: 'temp::uint:8 humidity::uint:8 lum::uint:8 voltage::uint:16',
  url: 'https://iot.example.com/api/v1/rooms/{device}/readings?seq={seqNumber}',
  httpMethod: 'POST',
  headers: { Authorization: 'Bearer tok-123', 'X-Device-Type': '{deviceTypeId}' },
  sendSni: true,
  bodyTemplate: ROOM_API_BODY,
  contentType: 'application/json',
};

const NO_TOKEN = { ROOM_API_TOKEN: '', AZURE_IOT_HUB_KEY: '' };

describe('build', () => {
  test('the seed example: the API v2 JSON, 2-space indented, files inlined, ${env:NAME} resolved', async () => {
    const r = await run(['build', 'test/examples/seed-device/room-api.sfcallback.json'], { env: { ROOM_API_TOKEN: 'tok-123' } });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `${JSON.stringify(ROOM_API_JSON, null, 2)}\n`);
    assert.equal(r.stderr, '');
  });

  test('inline texts, local keys dropped, a canonical one-liner from a commented .sfgrammar, env in the URL, not in a template file', async () => {
    const dir = workspace({
      'cb/batch.sfcallback.json': JSON.stringify(
        {
          $schema: './schema.json',
          channel: 'BATCH_URL',
          callbackType: 0,
          callbackSubtype: 2,
          payloadConfigFile: '../grammars/t.sfgrammar',
          url: 'https://${env:INGEST_HOST}/batch',
          httpMethod: 'POST',
          linePattern: '{device};{time};{customData#t}',
        },
        null,
        2,
      ),
      'grammars/t.sfgrammar': '# temperature\nt::int:16:little-endian   # centi-degrees\n\n',
      'cb/form.sfcallback.json': JSON.stringify({
        channel: 'URL',
        callbackType: 1,
        callbackSubtype: 0,
        url: 'https://example.com/status',
        httpMethod: 'POST',
        contentType: 'application/x-www-form-urlencoded',
        bodyTemplateFile: 'form.sftemplate',
      }),
      'cb/form.sftemplate': 'device={device}&batt={batt}&k=${env:FORM_KEY}\n',
    });
    try {
      const batch = await run(['build', 'cb/batch.sfcallback.json'], { cwd: dir, env: { INGEST_HOST: 'ingest.example.org' } });
      assert.equal(batch.code, 0, batch.stderr);
      assert.equal(
        batch.stdout,
        `${JSON.stringify(
          {
            channel: 'BATCH_URL',
            callbackType: 0,
            callbackSubtype: 2,
            payloadConfig: 't::int:16:little-endian',
            url: 'https://ingest.example.org/batch',
            httpMethod: 'POST',
            linePattern: '{device};{time};{customData#t}',
          },
          null,
          2,
        )}\n`,
      );
      const form = await run(['build', 'cb/form.sfcallback.json'], { cwd: dir, env: { FORM_KEY: 'k1' } });
      assert.equal(form.code, 0, form.stderr);
      assert.deepEqual(JSON.parse(form.stdout), {
        channel: 'URL',
        callbackType: 1,
        callbackSubtype: 0,
        url: 'https://example.com/status',
        httpMethod: 'POST',
        bodyTemplate: 'device={device}&batt={batt}&k=${env:FORM_KEY}',
        contentType: 'application/x-www-form-urlencoded',
      });
    } finally {
      cleanup(dir);
    }
  });

  test('a missing environment variable is an error naming it: exit 1, nothing on stdout', async () => {
    const r = await run(['build', 'room-api.sfcallback.json'], { cwd: SEED, env: NO_TOKEN });
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.equal(
      r.stderr,
      [
        '',
        'room-api.sfcallback.json',
        '  9:30  error  The environment variable ROOM_API_TOKEN is not set (or empty), so `${env:ROOM_API_TOKEN}` cannot be resolved: set it before building or sending (e.g. `export ROOM_API_TOKEN=...`).  SFC101',
        '',
        '✖ 1 problem (1 error, 0 warnings)',
        'sigfox-callbacks: room-api.sfcallback.json: not built: fix the error above',
        '',
      ].join('\n'),
    );
  });

  test('`${env:...}` in a body template file is not resolved (HOME, tokens never pulled into a template)', async () => {
    const dir = workspace({
      'a.sfcallback.json':
        '{"channel":"URL","callbackType":0,"callbackSubtype":2,"url":"https://example.com","httpMethod":"POST","contentType":"text/plain","bodyTemplateFile":"t/body.sftemplate"}',
      't/body.sftemplate': '{device}\nkey=${env:BODY_KEY}\n',
    });
    try {
      const r = await run(['build', 'a.sfcallback.json'], { cwd: dir, env: { BODY_KEY: 'k-secret' } });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(JSON.parse(r.stdout).bodyTemplate, '{device}\nkey=${env:BODY_KEY}');
      assert.doesNotMatch(r.stdout, /k-secret/);
    } finally {
      cleanup(dir);
    }
  });

  test('refused while check reports errors: the same report as check, each problem in its own file, exit 1', async () => {
    const dir = workspace({
      'cb/bad.sfcallback.json': JSON.stringify(
        {
          channel: 'URL',
          callbackType: 0,
          callbackSubtype: 2,
          payloadConfigFile: 'g.sfgrammar',
          url: 'https://example.com/in',
          httpMethod: 'PATCH',
          contentType: 'application/json',
          bodyTemplateFile: 'body.sftemplate',
        },
        null,
        2,
      ),
      'cb/g.sfgrammar': 'a::uint:8 a::uint:8\n',
      'cb/body.sftemplate': '{"t":{customData#nope},"d":"{devise}"}\n',
    });
    try {
      const r = await run(['build', 'cb/bad.sfcallback.json'], { cwd: dir });
      assert.equal(r.code, 1);
      assert.equal(r.stdout, '');
      const check = await run(['check'], { cwd: dir });
      assert.equal(check.code, 1);
      assert.equal(r.stderr, `${check.stdout}sigfox-callbacks: cb/bad.sfcallback.json: not built: fix the 4 errors above\n`);
      assert.match(r.stderr, /^cb\/bad\.sfcallback\.json\n {2}7:17 +error .*PATCH.* SFC012$/m);
      assert.match(r.stderr, /^cb\/body\.sftemplate\n {2}1:18 +error .*`nope`.* SFT002\n {2}1:30 +error .*\{devise\}.* SFT001$/m);
      assert.match(r.stderr, /^cb\/g\.sfgrammar\n {2}1:11 +error .* SFG005$/m);
    } finally {
      cleanup(dir);
    }
  });

  test('warnings do not stop the build: printed on stderr in the stylish format, exit 0', async () => {
    const dir = workspace({
      'w.sfcallback.json': JSON.stringify(
        {
          channel: 'URL',
          callbackType: 0,
          callbackSubtype: 2,
          url: 'https://example.com/in',
          httpMethod: 'GET',
          headers: { Authorization: 'Bearer literal-abc' },
        },
        null,
        2,
      ),
    });
    try {
      const r = await run(['build', 'w.sfcallback.json'], { cwd: dir });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(JSON.parse(r.stdout).headers.Authorization, 'Bearer literal-abc');
      assert.match(r.stderr, /^w\.sfcallback\.json\n {2}\d+:\d+ +warning +The Authorization credential is written in the file.* SFC028$/m);
      assert.match(r.stderr, /✖ 1 problem \(0 errors, 1 warning\)/);
      assert.doesNotMatch(r.stderr, /literal-abc/);
    } finally {
      cleanup(dir);
    }
  });

  test('a connector callback: the connector form values, and a note on stderr that it is not an API body', async () => {
    const r = await run(['build', 'azure-iot-hub.sfcallback.json'], { cwd: SEED, env: { AZURE_IOT_HUB_KEY: 'c2VjcmV0LWtleQ==' } });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout,
      `${JSON.stringify(
        {
          callbackType: 0,
          callbackSubtype: 2,
          payloadConfig: 'temp::uint:8 humidity::uint:8 lum::uint:8 voltage::uint:16',
          bodyTemplate: readFileSync(join(SEED, 'azure-iot-hub.sftemplate'), 'utf8').replace(/\n$/, ''),
          contentType: 'application/json',
          connector: {
            type: 'azure-iot-hub',
            connectionString: 'HostName=seed-hub.azure-devices.net;SharedAccessKeyName=sigfox-connector;SharedAccessKey=c2VjcmV0LWtleQ==',
          },
        },
        null,
        2,
      )}\n`,
    );
    assert.equal(
      r.stderr,
      "sigfox-callbacks: note: azure-iot-hub.sfcallback.json is delivered by the Azure IoT Hub connector, which the Sigfox API v2 cannot create: this JSON holds the values to enter in the backend's connector form (device type > Callbacks > New > Azure IoT Hub), not a body to POST to /device-types/{id}/callbacks\n",
    );
    const missing = await run(['build', 'azure-iot-hub.sfcallback.json'], { cwd: SEED, env: NO_TOKEN });
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /AZURE_IOT_HUB_KEY is not set/);
  });

  test('--dotenv: NAME=value lines, comments, export, quotes; a variable set in the environment wins', async () => {
    const dir = seedCopy();
    try {
      writeFileSync(
        join(dir, '.env'),
        '# secrets for the seed\n\nexport ROOM_API_TOKEN="from \\"file\\""  # the API token\nOTHER=x y # comment\nSINGLE=\'a#b\'\n',
      );
      const r = await run(['build', 'room-api.sfcallback.json', '--dotenv', '.env'], { cwd: dir, env: NO_TOKEN });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(JSON.parse(r.stdout).headers.Authorization, 'Bearer from "file"');
      const env = await run(['build', 'room-api.sfcallback.json', '--dotenv', '.env'], { cwd: dir, env: { ROOM_API_TOKEN: 'from-env' } });
      assert.equal(JSON.parse(env.stdout).headers.Authorization, 'Bearer from-env');
    } finally {
      cleanup(dir);
    }
  });

  test('a bad or missing env file is an input error (exit 2) naming the line, never quoting it', async () => {
    const dir = seedCopy();
    try {
      writeFileSync(join(dir, 'bad.env'), 'ROOM_API_TOKEN=ok\nthis is s3cr3t-looking text\n');
      const bad = await run(['build', 'room-api.sfcallback.json', '--dotenv', 'bad.env'], { cwd: dir });
      assert.equal(bad.code, 2);
      assert.equal(bad.stdout, '');
      assert.equal(
        bad.stderr,
        'sigfox-callbacks: bad.env:2: this line has no `=`; an env file holds NAME=value lines, # comments and blank lines\n',
      );
      writeFileSync(join(dir, 'quote.env'), 'ROOM_API_TOKEN="s3cr3t\n');
      const quote = await run(['build', 'room-api.sfcallback.json', '--dotenv', 'quote.env'], { cwd: dir });
      assert.equal(quote.code, 2);
      assert.match(
        quote.stderr,
        /^sigfox-callbacks: quote\.env:1: the value of ROOM_API_TOKEN opens a double quote that is not closed on the same line\n$/,
      );
      assert.doesNotMatch(bad.stderr + quote.stderr, /s3cr3t/);
      const missing = await run(['build', 'room-api.sfcallback.json', '--dotenv', 'nope.env'], { cwd: dir });
      assert.equal(missing.stdout, '');
      assert.equal(missing.code, 2);
      assert.equal(missing.stderr, 'sigfox-callbacks: nope.env: cannot read: no such file or directory\n');
    } finally {
      cleanup(dir);
    }
  });

  test('--output writes the same JSON atomically, owner-only when it holds secrets, and nothing on stdout', async () => {
    const dir = seedCopy();
    try {
      const r = await run(['build', 'room-api.sfcallback.json', '--output', 'out/room.json'], {
        cwd: dir,
        env: { ROOM_API_TOKEN: 'tok-123' },
      });
      assert.equal(r.code, 2, 'the folder must exist');
      assert.match(r.stderr, /^sigfox-callbacks: --output out\/room\.json: cannot write: no such file or directory\n$/);
      const ok = await run(['build', 'room-api.sfcallback.json', '-o', 'room.json'], { cwd: dir, env: { ROOM_API_TOKEN: 'tok-123' } });
      assert.equal(ok.code, 0, ok.stderr);
      assert.equal(ok.stdout, '');
      assert.equal(ok.stderr, '');
      assert.equal(readFileSync(join(dir, 'room.json'), 'utf8'), `${JSON.stringify(ROOM_API_JSON, null, 2)}\n`);
      if (process.platform !== 'win32') assert.equal(statSync(join(dir, 'room.json')).mode & 0o777, 0o600);
      assert.deepEqual(
        readdirSync(dir).filter(f => f.endsWith('.tmp')),
        [],
        'no temporary file left behind',
      );
    } finally {
      cleanup(dir);
    }
  });

  test('--output is left untouched when the build is refused', async () => {
    const dir = seedCopy();
    try {
      writeFileSync(join(dir, 'room.json'), 'previous build\n');
      const r = await run(['build', 'room-api.sfcallback.json', '--output', 'room.json'], { cwd: dir, env: NO_TOKEN });
      assert.equal(r.code, 1);
      assert.match(r.stderr, /not built: fix the error above \(room\.json is left as it was\)\n$/);
      assert.equal(readFileSync(join(dir, 'room.json'), 'utf8'), 'previous build\n');
      assert.deepEqual(
        readdirSync(dir).filter(f => f.endsWith('.tmp')),
        [],
      );
    } finally {
      cleanup(dir);
    }
  });

  test('usage and input errors exit 2 with one line on stderr and nothing on stdout', async () => {
    const dir = workspace({
      'a.sfcallback.json': '{}',
      'g.sfgrammar': 't::uint:8',
      'bin.sfcallback.json': Buffer.from([0x7b, 0x00, 0x7d]),
      'dir/x': '',
    });
    try {
      const cases: [string[], string][] = [
        [
          ['build'],
          'sigfox-callbacks: build takes one callback definition: sigfox-callbacks build FILE.sfcallback.json\nRun `sigfox-callbacks build --help` for usage.\n',
        ],
        [
          ['build', 'a.sfcallback.json', 'b.sfcallback.json'],
          'sigfox-callbacks: build takes one callback definition, got 2: a.sfcallback.json b.sfcallback.json\nRun `sigfox-callbacks build --help` for usage.\n',
        ],
        [
          ['build', 'g.sfgrammar'],
          'sigfox-callbacks: g.sfgrammar: build takes a callback definition (*.sfcallback.json)\nRun `sigfox-callbacks build --help` for usage.\n',
        ],
        [['build', 'nope.sfcallback.json'], 'sigfox-callbacks: nope.sfcallback.json: cannot read: no such file or directory\n'],
        [
          ['build', 'bin.sfcallback.json'],
          'sigfox-callbacks: bin.sfcallback.json: looks like a binary file (NUL byte at offset 1); sigfox-callbacks reads UTF-8 text files only\n',
        ],
        [
          ['build', 'a.sfcallback.json', '--outptu', 'x'],
          'sigfox-callbacks: unknown option --outptu (did you mean --output?)\nRun `sigfox-callbacks build --help` for usage.\n',
        ],
        [
          ['build', 'a.sfcallback.json', '--output'],
          'sigfox-callbacks: option --output needs a value\nRun `sigfox-callbacks build --help` for usage.\n',
        ],
        [
          ['build', 'a.sfcallback.json', '--output', 'a.sfcallback.json'],
          'sigfox-callbacks: --output a.sfcallback.json is the callback definition itself; write the build to another file\nRun `sigfox-callbacks build --help` for usage.\n',
        ],
      ];
      for (const [args, stderr] of cases) {
        const r = await run(args, { cwd: dir });
        assert.equal(r.code, 2, args.join(' '));
        assert.equal(r.stdout, '', args.join(' '));
        assert.equal(r.stderr, stderr, args.join(' '));
      }
      writeFileSync(
        join(dir, 'ok.sfcallback.json'),
        '{"channel":"URL","callbackType":0,"callbackSubtype":2,"url":"https://example.com","httpMethod":"GET"}',
      );
      const intoDir = await run(['build', 'ok.sfcallback.json', '-o', 'dir'], { cwd: dir });
      assert.equal(intoDir.code, 2);
      assert.equal(intoDir.stderr, 'sigfox-callbacks: --output dir: is a directory; give a file path\n');
    } finally {
      cleanup(dir);
    }
  });

  test('--help describes the command, its options and exit codes', async () => {
    const r = await run(['build', '--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^Usage: sigfox-callbacks build \[options\] FILE\.sfcallback\.json\n/);
    for (const text of ['--dotenv FILE', '-o, --output FILE', '${env:NAME}', 'connector', 'Exit codes: 0 built, 1 '])
      assert.ok(r.stdout.includes(text), text);
    const main = await run(['--help']);
    assert.match(main.stdout, /^ {2}build FILE\.sfcallback\.json /m);
  });
});
