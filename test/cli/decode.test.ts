import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeGrammar } from '../../server/src/core/grammar/analyze';
import { decodedFrameToJson } from '../../server/src/core/grammar/decodeJson';
import { cleanup, CLI, ensureBuilt, run, SEED_GRAMMAR, testCacheDir, workspace } from './helpers';
import { loadVectors } from '../unit/helpers/vectors';

before(ensureBuilt);

/** Every type, a 64-bit integer, a sub-byte field and a bit offset: the JSON writer's hard cases. */
const ALL_TYPES = 'flag::bool:7 label::char:2 f::float:32 big::uint:64 s:0:int:12 low:1:uint:4::3\n';

interface DecodedJson {
  fields: Record<string, unknown>;
  warnings: { code: string; field: string | null; message: string }[];
}

let dir: string;
before(() => {
  dir = workspace({
    '.vscode/settings.json': '{ "sigfox.maxUplinkBytes": 16 }',
    'seed.sfgrammar': SEED_GRAMMAR,
    'all.sfgrammar': ALL_TYPES,
    'bad.sfgrammar': 'a::uint:8 a::uint:8\n',
    'warn.sfgrammar': 'd::uint:4 s::uint:4\n',
  });
});
process.on('exit', () => cleanup(dir));

const decode = (args: string[], input?: string) => run(['decode', ...args], { cwd: dir, ...(input !== undefined ? { input } : {}) });

describe('decode: frames as arguments', () => {
  test('one frame, --format json (the default): one object { fields, warnings }', async () => {
    const r = await decode(['--grammar', 'seed.sfgrammar', '1A2B3C0102']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.deepEqual(JSON.parse(r.stdout), { fields: { temp: 26, humidity: 43, lum: 60, voltage: 258 }, warnings: [] });
  });

  test('several frames: a JSON array of objects, in argument order; short frames give null with a warning', async () => {
    const r = await decode(['-g', 'seed.sfgrammar', '--format', 'json', '1A2B3C0102', '0x1a 2b']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as DecodedJson[];
    assert.equal(out.length, 2);
    assert.deepEqual(out[0]!.fields, { temp: 26, humidity: 43, lum: 60, voltage: 258 });
    assert.deepEqual(out[1]!.fields, { temp: 26, humidity: 43, lum: null, voltage: null });
    assert.deepEqual(
      out[1]!.warnings.map(w => [w.code, w.field]),
      [
        ['SFG102', 'lum'],
        ['SFG102', 'voltage'],
      ],
    );
  });

  test('integers past 2^53 keep every digit, float:32 prints the shortest round-trip decimal', async () => {
    const r = await decode(['-g', 'all.sfgrammar', '-f', 'ndjson', 'C1BA3F58BA82FFFFFFFFFFFFFFFF']);
    assert.match(r.stdout, /"code":"SFG103"/, 'byte 0xC1 is not printable ASCII');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /"big":18446744073709551615[,}]/);
    assert.match(r.stdout, /"f":0\.8465959[,}]/);
    const json = await decode(['-g', 'all.sfgrammar', 'C1BA3F58BA82FFFFFFFFFFFFFFFF']);
    assert.match(json.stdout, /"big": 18446744073709551615,/);
  });

  test('ndjson prints exactly what json prints, one compact object per line, on every kind of frame', async () => {
    const clean = '4142' + '3F58BA82' + 'FFFFFFFFFFFFFFFF';
    const frames = [
      clean, // no warning: the precompiled fast path
      `${clean}000000`, // 17 bytes, over the 16 of this workspace's sigfox.maxUplinkBytes: SFG101
      '4142' + '7FC00000' + '0000000000000000', // NaN: SFG104
      '0A42' + clean.slice(4), // a line feed in a char field: SFG103
      '4142', // too short for f and big: SFG102
      '0x', // empty frame: every field null
    ];
    const nd = await decode(['-g', 'all.sfgrammar', '-f', 'ndjson', ...frames]);
    const js = await decode(['-g', 'all.sfgrammar', '-f', 'json', ...frames]);
    assert.equal(nd.code, 0, nd.stderr);
    const lines = nd.stdout.split('\n');
    assert.equal(lines.pop(), '');
    assert.equal(lines.length, frames.length);
    assert.equal(
      lines[0],
      '{"fields":{"flag":false,"label":"AB","f":0.8465959,"big":18446744073709551615,"s":1044,"low":2},"warnings":[]}',
    );
    // Same values, same warnings, same digits (compared as text, so bigint digits count).
    const jsonTexts = (JSON.parse(js.stdout) as unknown[]).map(o => JSON.stringify(o));
    assert.deepEqual(
      lines.map(l => JSON.stringify(JSON.parse(l))),
      jsonTexts,
    );
    const codes = lines.map(l => (JSON.parse(l) as DecodedJson).warnings.map(w => w.code).join(' '));
    assert.deepEqual(codes, ['', 'SFG101', 'SFG104', 'SFG103', 'SFG102 SFG102', 'SFG102 SFG102 SFG102 SFG102 SFG102 SFG102']);
  });

  test('table: aligned name / type / bytes / value columns, bit ranges for sub-byte fields, warnings under it', async () => {
    const r = await decode(['-g', 'all.sfgrammar', '-f', 'table', '4142' + '3F58BA82' + 'FFFFFFFFFFFFFFFF']);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.match(lines[0]!, /^name +type +bytes +value$/);
    assert.equal(lines.length, 7, 'a header and six fields, no warning');
    const valueColumn = lines[0]!.indexOf('value');
    for (const l of lines.slice(1)) assert.ok(l[valueColumn - 1] === ' ' && l[valueColumn] !== ' ', `aligned: ${l}`);
    const rows = Object.fromEntries(lines.slice(1).map(l => [l.split(/ +/)[0], l]));
    assert.match(rows['flag'], /^flag +bool:7 +0 bit 7 +false$/);
    assert.match(rows['label'], /^label +char:2 +0-1 +"AB"$/);
    assert.match(rows['f'], /^f +float:32 +2-5 +0\.8465959$/);
    assert.match(rows['big'], /^big +uint:64 +6-13 +18446744073709551615$/);
    assert.match(rows['s'], /^s +int:12 +0 bit 7 \.\. 1 bit 4 +1044$/);
    assert.match(rows['low'], /^low +uint:4::3 +1 bits 3\.\.0 +2$/);
    const short = await decode(['-g', 'all.sfgrammar', '-f', 'table', '4142']);
    assert.match(short.stdout, /^f +float:32 +2-5 +null$/m);
    assert.match(short.stdout, /^warning: `f` needs bytes 2-5 but the frame has 2 bytes.* \[SFG102\]$/m);
    const two = await decode(['-g', 'seed.sfgrammar', '-f', 'table', '1A2B3C0102', '1A']);
    assert.match(two.stdout, /^frame 1A2B3C0102\nname/m);
    assert.match(two.stdout, /\n\nframe 1A\nname/);
  });

  test('grammar warnings go to stderr, the output stays clean', async () => {
    const r = await decode(['-g', 'warn.sfgrammar', '-f', 'ndjson', 'AB00']);
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.stdout), { fields: { d: 10, s: 0 }, warnings: [] });
    assert.match(r.stderr, /^warn\.sfgrammar:1:11: warning: .* \[SFG019\]$/m);
  });
});

describe('decode: input errors exit 2, nothing on stdout', () => {
  test('bad hex in an argument: which argument, what and where', async () => {
    const r = await decode(['-g', 'seed.sfgrammar', '1A2B', '12G4']);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(
      r.stderr,
      'sigfox-callbacks: frame 2 "12G4": not a hex digit: \'G\' at position 3 (a frame is hex digits 0-9, a-f, optionally prefixed by 0x)\n',
    );
    const odd = await decode(['-g', 'seed.sfgrammar', '123']);
    assert.match(odd.stderr, /frame "123": odd number of hex digits \(3\)/);
  });

  test('a payload config with errors is refused, its errors listed', async () => {
    const r = await decode(['-g', 'bad.sfgrammar', '0102']);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(
      r.stderr,
      /^sigfox-callbacks: bad\.sfgrammar: the payload config has 1 error; fix it first:\nbad\.sfgrammar:1:11: error: .* \[SFG005\]\n$/,
    );
  });

  test('missing --grammar, a grammar that does not exist, an unknown format', async () => {
    const none = await decode(['0102']);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /decode needs a payload config: --grammar FILE\.sfgrammar\nRun `sigfox-callbacks decode --help` for usage\./);
    const missing = await decode(['-g', 'nope.sfgrammar', '0102']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^sigfox-callbacks: nope\.sfgrammar: cannot read: no such file or directory\n$/);
    const format = await decode(['-g', 'seed.sfgrammar', '-f', 'csv', '01']);
    assert.equal(format.code, 2);
    assert.match(format.stderr, /--format must be one of json, ndjson, table/);
  });
});

describe('decode: frames on stdin (bulk)', () => {
  test('ndjson through a pipe and into a file is what decode gives, line for line, over many output batches (buffers written out are filled again)', async () => {
    // 40,000 frames of every length up to 16 bytes: about 10 MB of output, many times the batches one input chunk fills.
    const frames: Buffer[] = [];
    let x = 0x2545f491;
    for (let i = 0; i < 40_000; i++) {
      const frame = Buffer.alloc(i % 17);
      for (let b = 0; b < frame.length; b++) frame[b] = (x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 24;
      frames.push(frame);
    }
    const input = frames.map(f => f.toString('hex') || '00').join('\n') + '\n';
    const grammar = analyzeGrammar(ALL_TYPES, { maxBytes: 16 });
    const expected = frames.map(f => `${decodedFrameToJson(grammar, grammar.decoder.decode(f.length ? f : Buffer.alloc(1)))}\n`).join('');
    const piped = await decode(['-g', 'all.sfgrammar', '-f', 'ndjson'], input);
    assert.equal(piped.code, 0, piped.stderr);
    assert.ok(piped.stdout === expected, 'piped output differs from decode');
    const file = join(dir, 'out.ndjson');
    const fd = openSync(file, 'w');
    try {
      const r = spawnSync(process.execPath, [CLI, 'decode', '-g', 'all.sfgrammar', '-f', 'ndjson'], {
        cwd: dir,
        input,
        stdio: ['pipe', fd, 'pipe'],
        env: { ...process.env, SIGFOX_CALLBACKS_CACHE_DIR: testCacheDir() },
      });
      assert.equal(r.status, 0, r.stderr.toString());
    } finally {
      closeSync(fd);
    }
    assert.ok(readFileSync(file, 'utf8') === expected, 'file output differs from decode');
  });

  test('one frame per line; blank lines, CRLF, spaces and 0x accepted; a bad line is reported with its number', async () => {
    const input = '1A2B3C0102\n\n  \nzz12\r\n0x1a 2b 3c 01 02\r\n1A2B3C010\nFFFFFFFFFF';
    const r = await decode(['-g', 'seed.sfgrammar', '-f', 'ndjson'], input);
    assert.equal(r.code, 2);
    const lines = r.stdout
      .trimEnd()
      .split('\n')
      .map(l => JSON.parse(l) as DecodedJson);
    assert.deepEqual(
      lines.map(l => l.fields['voltage']),
      [258, 258, 65535],
    );
    assert.equal(
      r.stderr,
      "stdin line 4: not a hex digit: 'z' at position 1 (a frame is hex digits 0-9, a-f, optionally prefixed by 0x)\n" +
        'stdin line 6: odd number of hex digits (9): a frame is whole bytes, two digits each\n' +
        'sigfox-callbacks: 2 lines were not a hex frame (listed above); the other 3 frames were decoded\n',
    );
  });

  test('every byte in lower, upper and mixed case hex decodes; a character next to the digit ranges is refused', async () => {
    const lines: string[] = [];
    const expected: number[] = [];
    for (let b = 0; b < 256; b++) {
      const hex = b.toString(16).padStart(2, '0');
      for (const digits of [hex, hex.toUpperCase(), hex[0]!.toUpperCase() + hex[1]]) {
        lines.push(`${digits}00000000`);
        expected.push(b);
      }
    }
    const r = await decode(['-g', 'seed.sfgrammar', '-f', 'ndjson'], `${lines.join('\n')}\n`);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(
      r.stdout
        .trimEnd()
        .split('\n')
        .map(l => (JSON.parse(l) as DecodedJson).fields['temp']),
      expected,
    );
    // Just outside 0-9, A-F and a-f.
    const near = ['/0', '0:', '@0', '0G', '`0', '0g'].map(pair => `${pair}00000000`);
    const bad = await decode(['-g', 'seed.sfgrammar', '-f', 'ndjson'], `${near.join('\n')}\n`);
    assert.equal(bad.stdout, '');
    assert.equal(bad.stderr.match(/^stdin line \d+: not a hex digit/gm)!.length, near.length);
  });

  test('json from stdin is one array; table is one block per frame; empty input is an empty array', async () => {
    const json = await decode(['-g', 'seed.sfgrammar'], '1A2B3C0102\n0000000000\n');
    assert.equal(json.code, 0, json.stderr);
    assert.deepEqual(
      (JSON.parse(json.stdout) as DecodedJson[]).map(o => o.fields['temp']),
      [26, 0],
    );
    const empty = await decode(['-g', 'seed.sfgrammar'], '');
    assert.deepEqual(JSON.parse(empty.stdout), []);
    assert.equal(empty.code, 0);
    const table = await decode(['-g', 'seed.sfgrammar', '-f', 'table'], '1A2B3C0102\n0000000000\n');
    assert.equal(table.stdout.match(/^frame /gm)!.length, 2);
  });

  test('a line longer than 64 KB is reported and skipped, the next lines still decoded', async () => {
    const r = await decode(['-g', 'seed.sfgrammar', '-f', 'ndjson'], `01\n${'ab'.repeat(40_000)}\n0203\n`);
    assert.equal(r.code, 2);
    assert.equal(r.stdout.trimEnd().split('\n').length, 2);
    assert.match(r.stderr, /^stdin line 2: longer than 64 KB/m);
  });

  test('many frames stream through intact across read chunks; only the first 100 bad lines are listed', async () => {
    const n = 200_000;
    const frames: string[] = [];
    for (let i = 0; i < n; i++)
      frames.push(((i * 2654435761) >>> 0).toString(16).padStart(8, '0') + (i & 0xff).toString(16).padStart(2, '0'));
    const r = await decode(['-g', 'seed.sfgrammar', '-f', 'ndjson'], `${frames.join('\n')}\n`);
    assert.equal(r.code, 0, r.stderr.slice(0, 500));
    const out = r.stdout.split('\n');
    assert.equal(out.length, n + 1);
    for (const i of [0, 1, 4095, 65_536, 123_457, n - 1]) {
      const f = frames[i]!;
      const expected = {
        temp: parseInt(f.slice(0, 2), 16),
        humidity: parseInt(f.slice(2, 4), 16),
        lum: parseInt(f.slice(4, 6), 16),
        voltage: parseInt(f.slice(6, 10), 16),
      };
      assert.deepEqual((JSON.parse(out[i]!) as DecodedJson).fields, expected, `frame ${i}`);
    }
    const bad = await decode(['-g', 'seed.sfgrammar', '-f', 'ndjson'], 'zz\n'.repeat(150));
    assert.equal(bad.code, 2);
    assert.equal(bad.stderr.match(/^stdin line/gm)!.length, 100);
    assert.match(bad.stderr, /150 lines were not a hex frame \(the first 100 are listed above\); the other 0 frames were decoded/);
  });
});

test('every decoding vector (test/fixtures/vectors.json) decodes through the CLI to its expected values', async () => {
  const vectors = loadVectors();
  const vdir = workspace(Object.fromEntries(vectors.map((v, i) => [`v${i}.sfgrammar`, `${v.config}\n`])));
  try {
    const results = await Promise.all(
      vectors.map((v, i) => run(['decode', '-g', `v${i}.sfgrammar`, '-f', 'ndjson', v.hex], { cwd: vdir })),
    );
    vectors.forEach((v, i) => {
      const r = results[i]!;
      assert.equal(r.code, 0, `${v.config}: ${r.stderr}`);
      const fields = (JSON.parse(r.stdout) as DecodedJson).fields;
      for (const [name, expected] of Object.entries(v.expected)) {
        const actual = fields[name];
        if (typeof expected === 'string' && typeof actual !== 'string') {
          // 64-bit integers: the vector holds the digits, the CLI prints them as a JSON number.
          assert.match(r.stdout, new RegExp(`"${name}":${expected}[,}]`), `${v.config} ${name}`);
        } else if (typeof expected === 'number' && !Number.isInteger(expected)) {
          assert.equal(Math.fround(actual as number), Math.fround(expected), `${v.config} ${name}`);
        } else {
          assert.deepEqual(actual, expected, `${v.config} / ${v.hex}: ${name}`);
        }
      }
    });
  } finally {
    cleanup(vdir);
  }
});
