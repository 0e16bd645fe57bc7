import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { cleanup, ensureBuilt, ROOT, run, workspace } from './helpers';
import { json, serve } from '../helpers/httpServer';

before(ensureBuilt);

const SEED = join(ROOT, 'test', 'examples', 'seed-device');
const DOWNLINK = '# downlink\ncmd::uint:8\ninterval::uint:16:little-endian\nreset::bool:0\n';
const BIDIR = JSON.stringify({
  channel: 'URL',
  callbackType: 0,
  callbackSubtype: 3,
  payloadConfig: 'temp::uint:8',
  url: 'https://downlink.example.com/sigfox?device={device}',
  httpMethod: 'POST',
  contentType: 'application/json',
  bodyTemplate: '{"device":"{device}","temp":{customData#temp}}',
});

let dir: string;
before(() => {
  dir = workspace({
    'settings.sfgrammar': DOWNLINK,
    'plain.sfgrammar': 'cmd::uint:8 wide::uint:64\n',
    'alias.sfgrammar': 'raw::uint:16 hi:0:uint:8\n',
    'bidir.sfcallback.json': BIDIR,
  });
});
after(() => cleanup(dir));

describe('encode', () => {
  test('the seed frame from its values; a short frame with trailing nulls', async () => {
    const r = await run(['encode', '--grammar', 'seed.sfgrammar', 'temp=30', 'humidity=60', 'lum=100', 'voltage=3300'], { cwd: SEED });
    assert.deepEqual([r.code, r.stdout, r.stderr], [0, '1E3C640CE4\n', '']);
    const short = await run(['encode', '-g', 'seed.sfgrammar', 'temp=30', 'humidity=60', 'lum=null', 'voltage=null'], { cwd: SEED });
    assert.equal(short.stdout, '1E3C\n');
  });

  test('a value out of range, a missing field, a bad value, disagreeing aliases: exit 2 naming the field and its range', async () => {
    const range = await run(['encode', '-g', 'seed.sfgrammar', 'temp=256', 'humidity=60', 'lum=100', 'voltage=3300'], { cwd: SEED });
    assert.equal(range.code, 2);
    assert.equal(
      range.stderr,
      'sigfox-callbacks: cannot encode a frame with seed.sfgrammar: `temp`=256 is out of range: the field is uint:8, an integer 0..255\n',
    );
    const missing = await run(['encode', '-g', 'seed.sfgrammar', 'temp=1', 'lum=1'], { cwd: SEED });
    assert.equal(missing.code, 2);
    assert.match(
      missing.stderr,
      /2 problems:\n {2}missing value for `humidity` \(uint:8, an integer 0\.\.255\)\n {2}missing value for `voltage` \(uint:16, an integer 0\.\.65535\)\n$/,
    );
    const bad = await run(['encode', '-g', 'seed.sfgrammar', 'temp=warm'], { cwd: SEED });
    assert.deepEqual([bad.code, bad.stderr], [2, 'sigfox-callbacks: `temp`=warm is not valid: the field is uint:8, an integer 0..255\n']);
    const alias = await run(['encode', '-g', 'alias.sfgrammar', 'raw=0x1234', 'hi=0x13'], { cwd: dir });
    assert.equal(alias.code, 2);
    assert.match(alias.stderr, /`raw` and `hi` share bit 0 of byte 0 but their values disagree on it/);
    const agree = await run(['encode', '-g', 'alias.sfgrammar', 'raw=0x1234', 'hi=0x12'], { cwd: dir });
    assert.equal(agree.stdout, '1234\n');
    const usage = await run(['encode', '-g', 'alias.sfgrammar', 'raw'], { cwd: dir });
    assert.match(usage.stderr, /expected name=value, got "raw"/);
  });

  test('downlink: a `# downlink` config or --downlink gives 16 hex digits; too long is refused', async () => {
    const marked = await run(['encode', '-g', 'settings.sfgrammar', 'cmd=2', 'interval=1000', 'reset=true'], { cwd: dir });
    assert.deepEqual([marked.code, marked.stdout], [0, '02E8030100000000\n']);
    const flagged = await run(['encode', '--downlink', '-g', 'seed.sfgrammar', 'temp=30', 'humidity=60', 'lum=100', 'voltage=3300'], {
      cwd: SEED,
    });
    assert.equal(flagged.stdout, '1E3C640CE4000000\n');
    const long = await run(['encode', '--downlink', '-g', 'plain.sfgrammar', 'cmd=1', 'wide=18446744073709551615'], { cwd: dir });
    assert.equal(long.code, 2);
    assert.match(long.stderr, /the frame is 9 bytes, past the 8-byte Sigfox downlink/);
    const uplink = await run(['encode', '-g', 'plain.sfgrammar', 'cmd=1', 'wide=18446744073709551615'], { cwd: dir });
    assert.deepEqual([uplink.code, uplink.stdout], [0, '01FFFFFFFFFFFFFFFF\n'], 'a 9-byte uplink is fine');
    assert.match(long.stderr, /plain\.sfgrammar:1:13: warning: `wide` reads bytes 1-8, past the 8-byte downlink frame/);
  });
});

describe('reply and send', () => {
  test('reply prints the BIDIR answer; send decodes that answer with the downlink config', async () => {
    const reply = await run(['reply', '--device', '1A2B3C', '--grammar', 'settings.sfgrammar', 'cmd=2', 'interval=1000', 'reset=false'], {
      cwd: dir,
    });
    assert.deepEqual([reply.code, reply.stdout], [0, '{"1A2B3C":{"downlinkData":"02E8030000000000"}}\n']);
    const server = await serve((_req, res) => json(res, 200, JSON.parse(reply.stdout) as object));
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
          'device=1A2B3C',
          '--downlink-grammar',
          'settings.sfgrammar',
          '-f',
          'json',
        ],
        { cwd: dir },
      );
      assert.equal(r.code, 0, r.stderr);
      const out = JSON.parse(r.stdout) as { bidir: { valid: boolean; downlinkHex: string; decoded: unknown } };
      assert.equal(out.bidir.valid, true);
      assert.equal(out.bidir.downlinkHex, '02E8030000000000');
      assert.deepEqual(out.bidir.decoded, { cmd: 2, interval: 1000, reset: false });
    } finally {
      await server.close();
    }
    const noDevice = await run(['reply', '-g', 'settings.sfgrammar', 'cmd=2'], { cwd: dir });
    assert.equal(noDevice.code, 2);
    assert.match(noDevice.stderr, /--device ID/);
  });
});

describe('export', () => {
  test('ts013 to stdout runs the seed frame; --output with --examples writes the codec and examples.json', async () => {
    const r = await run(['export', '-g', 'seed.sfgrammar', '--target', 'ts013'], { cwd: SEED });
    assert.equal(r.code, 0, r.stderr);
    const context = vm.createContext({});
    vm.runInContext(r.stdout, context);
    assert.equal(
      vm.runInContext('JSON.stringify(decodeUplink({ bytes: [0x1e, 0x3c, 0x64, 0x0c, 0xe4], fPort: 1 }))', context),
      '{"data":{"temp":30,"humidity":60,"lum":100,"voltage":3300},"warnings":[],"errors":[]}',
    );
    const out = join(dir, 'out');
    const written = await run(['export', '-g', join(SEED, 'seed.sfgrammar'), '-t', 'ts013', '-o', 'out/seed.js', '--examples'], {
      cwd: dir,
    });
    assert.equal(written.code, 0, written.stderr);
    assert.equal(written.stderr, 'wrote out/seed.js and out/examples.json\n');
    assert.equal(readFileSync(join(out, 'seed.js'), 'utf8'), r.stdout);
    const examples = JSON.parse(readFileSync(join(out, 'examples.json'), 'utf8')) as { type: string }[];
    assert.deepEqual(
      examples.map(e => e.type),
      ['uplink', 'uplink', 'uplink'],
    );
  });

  test('c: --name sets the prefix (default: the file name); chirpstack and ttn; bad target and missing options', async () => {
    const c = await run(['export', '-g', 'settings.sfgrammar', '-t', 'c'], { cwd: dir });
    assert.match(c.stdout, /typedef struct \{[^}]*\} settings_t;/);
    assert.match(c.stdout, /static inline int settings_encode\(const settings_t \*in, uint8_t \*frame, size_t cap\)/);
    const named = await run(['export', '-g', 'settings.sfgrammar', '-t', 'c', '--name', 'room-cfg'], { cwd: dir });
    assert.match(named.stdout, /room_cfg_t/);
    const chirpstack = await run(['export', '-g', 'seed.sfgrammar', '-t', 'chirpstack'], { cwd: SEED });
    assert.match(chirpstack.stdout, /function Decode\(fPort, bytes, variables\)[\s\S]*function decodeUplink\(input\)/);
    const ttn = await run(['export', '-g', 'settings.sfgrammar', '-t', 'ttn'], { cwd: dir });
    assert.match(ttn.stdout, /function encodeDownlink\(input\)[\s\S]*function Encoder\(object, port\)/);
    // A platform dialect, as the file a user pastes into the platform.
    const thingsboard = await run(['export', '-g', 'seed.sfgrammar', '-t', 'thingsboard'], { cwd: SEED });
    assert.equal(thingsboard.code, 0, thingsboard.stderr);
    const tb = vm.createContext({});
    vm.runInContext(`function Decoder(payload, metadata) {\n${thingsboard.stdout}\n}`, tb);
    tb['__payload'] = [...Buffer.from('{"device":"1A2B","data":"1e3c640ce4"}')];
    assert.equal(
      vm.runInContext('JSON.stringify(Decoder(__payload, {}))', tb),
      '{"deviceName":"1A2B","deviceType":"seed","telemetry":{"temp":30,"humidity":60,"lum":100,"voltage":3300}}',
    );
    const bad = await run(['export', '-g', 'seed.sfgrammar', '-t', 'rust'], { cwd: SEED });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--target must be one of ts013, ttn, chirpstack, helium, datacake, tagoio, thingsboard, c; got "rust"/);
    const examples = await run(['export', '-g', 'seed.sfgrammar', '-t', 'ts013', '--examples'], { cwd: SEED });
    assert.equal(examples.code, 2);
    assert.ok(!existsSync(join(SEED, 'examples.json')));
    const tooLong = await run(['export', '-g', 'plain.sfgrammar', '-t', 'c', '--name', 'x'], { cwd: dir, env: {} });
    assert.equal(tooLong.code, 0, 'a 9-byte uplink config fits 12 bytes');
  });

  test('the commands are listed in --help and each has its own help', async () => {
    const help = await run(['--help']);
    assert.match(help.stdout, /encode --grammar FILE name=value\.\.\.[\s\S]*reply --device ID[\s\S]*export --grammar FILE --target/);
    for (const command of ['encode', 'reply', 'export']) {
      const r = await run([command, '--help']);
      assert.equal(r.code, 0);
      assert.match(r.stdout, new RegExp(`^Usage: sigfox-callbacks ${command} `));
    }
  });
});
