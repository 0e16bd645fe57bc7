import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';
import * as acorn from 'acorn';
import fc from 'fast-check';
import { analyzeGrammar } from '../../server/src/core/grammar/analyze';
import { canonicalConfig } from '../../server/src/core/grammar/parse';
import { generateCCodec } from '../../server/src/core/codec/c';
import { encodeFrame } from '../../server/src/core/codec/encode';
import { EXPORT_TARGETS, exportCodec } from '../../server/src/core/codec/export';
import { datacakeFieldNames, generateJsCodec, type JsTarget } from '../../server/src/core/codec/javascript';
import { planCodec } from '../../server/src/core/codec/plan';
import type { DecodedValue } from '../../server/src/core/grammar/value';
import { toHex } from '../../server/src/core/hex';
import { arbitraryConfig, coveredOnly, type GeneratedConfig, valuesOf } from './helpers/codec';

/** Generated JavaScript runs in a bare context: no require, no module, no typed arrays expected. */
function load(code: string): vm.Context {
  const context = vm.createContext({});
  vm.runInContext(code, context, { timeout: 2000 });
  return context;
}

function call(context: vm.Context, fn: string, ...args: unknown[]): unknown {
  context['__args'] = args;
  // JSON across the boundary: what a platform stores, and no cross-realm prototypes in assertions.
  return JSON.parse(vm.runInContext(`JSON.stringify(${fn}.apply(null, __args))`, context, { timeout: 2000 }) as string);
}

/** How ThingsBoard runs an uplink converter's decoder script: as the body of a function. */
function thingsboardDecoder(body: string): string {
  return `function Decoder(payload, metadata) {\n${body}\n}`;
}

/**
 * How TagoIO runs a payload parser: the code inside a function, in a context whose global `payload`
 * holds the incoming variables; what `payload` holds at the end is stored.
 */
function runTagoio(code: string, payload: unknown): unknown {
  const context = vm.createContext({ payload, device: { id: 'd', tags: [], params: [] } });
  vm.runInContext(`(function () {\n${code}\n}());`, context, { timeout: 2000 });
  return JSON.parse(vm.runInContext('JSON.stringify(payload)', context) as string);
}

function parsesAsEs5(code: string): void {
  acorn.parse(code, { ecmaVersion: 5, sourceType: 'script' });
}

/** A decoded value as the generated JavaScript returns it (digit strings past 2^53, NaN/Infinity -> JSON null). */
function asJs(v: DecodedValue): unknown {
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number' && !Number.isFinite(v)) return null;
  if (typeof v === 'number' && Object.is(v, -0)) return 0;
  return v;
}

/** Values handed to a generated encoder: numbers where exact, digit strings beyond. */
function toJsInput(v: DecodedValue): unknown {
  return typeof v === 'bigint' ? (v >= -(2n ** 53n) + 1n && v <= 2n ** 53n - 1n ? Number(v) : v.toString()) : v;
}

const configs = (options: { downlink?: boolean }, n: number, seed: number): GeneratedConfig[] =>
  fc.sample(arbitraryConfig(options), { numRuns: n, seed });

const frames = (config: GeneratedConfig, n: number, seed: number): Uint8Array[] =>
  fc
    .sample(fc.uint8Array({ minLength: 0, maxLength: config.plan.maxBytes + 1 }), { numRuns: n, seed })
    .concat(fc.sample(fc.uint8Array({ minLength: config.plan.frameBytes, maxLength: config.plan.frameBytes }), { numRuns: n, seed }));

describe('generated JavaScript codecs', () => {
  const SEED =
    'temp::uint:8 humidity::uint:8 lum::uint:8 voltage::uint:16\n# example: 1E3C640CE4 => temp=30 humidity=60 lum=100 voltage=3300\n# example: 1E3C => temp=30\n';

  test('every target parses as ECMAScript 5.1 and stays within The Things Stack limit, uplink and downlink', () => {
    const samples = [SEED, '# downlink\ncmd::uint:8 interval::uint:16:little-endian wide::int:40', 'a::float:64 b::int:64 c::char:2'];
    for (const text of samples) {
      const grammar = analyzeGrammar(text);
      const plan = planCodec(grammar);
      for (const target of ['ts013', 'ttn', 'chirpstack'] as const) {
        const code = generateJsCodec(plan, target, { name: 'x', config: canonicalConfig(grammar.document) });
        parsesAsEs5(code);
        assert.ok(code.length <= 40_960, `${target}: ${code.length}`);
      }
      if (plan.downlink) continue;
      for (const target of ['helium', 'datacake', 'tagoio'] as const)
        parsesAsEs5(generateJsCodec(plan, target, { name: 'x', config: canonicalConfig(grammar.document) }));
      // Each says at its top how its platform calls it.
      for (const target of ['helium', 'datacake', 'tagoio', 'thingsboard'] as const)
        assert.match(generateJsCodec(plan, target, { name: 'x', config: '' }).split('\n').slice(0, 4).join('\n'), /^\/\/ Contract \(/m);
      // ThingsBoard runs the file as the body of its Decoder(payload, metadata).
      parsesAsEs5(thingsboardDecoder(generateJsCodec(plan, 'thingsboard', { name: 'x', config: '' })));
    }
    assert.throws(() => parsesAsEs5('let x = () => 1;'), /Unexpected|reserved|keyword/);
  });

  test('entry points of each platform, on the seed config', () => {
    const grammar = analyzeGrammar(SEED);
    const plan = planCodec(grammar);
    const bytes = [0x1e, 0x3c, 0x64, 0x0c, 0xe4];
    const data = { temp: 30, humidity: 60, lum: 100, voltage: 3300 };
    const js = (target: JsTarget): vm.Context =>
      load(generateJsCodec(plan, target, { name: 'seed', config: canonicalConfig(grammar.document) }));
    assert.deepEqual(call(js('ts013'), 'decodeUplink', { bytes, fPort: 1 }), { data, warnings: [], errors: [] });
    assert.deepEqual(call(js('ttn'), 'Decoder', bytes, 1), data);
    assert.deepEqual(call(js('chirpstack'), 'Decode', 1, bytes, {}), data);
    assert.deepEqual(call(js('chirpstack'), 'decodeUplink', { bytes, fPort: 1, variables: {} }), { data, warnings: [], errors: [] });
    assert.deepEqual(call(js('ts013'), 'decodeUplink', { bytes: [0x1e, 0x3c] }), {
      data: { temp: 30, humidity: 60, lum: null, voltage: null },
      warnings: ['lum needs 3 bytes but the frame has 2: null', 'voltage needs 5 bytes but the frame has 2: null'],
      errors: [],
    });
    assert.deepEqual(call(js('ts013'), 'decodeUplink', { bytes: 'nope' }), {
      data: {},
      warnings: [],
      errors: ['bytes must be an array of integers 0..255'],
    });
    assert.equal(vm.runInContext('typeof encodeDownlink', js('ts013')), 'undefined', 'an uplink codec has no encoder');
  });

  test('downlink entry points: encodeDownlink gives the 8 bytes, errors name the field and its range', () => {
    const grammar = analyzeGrammar('# downlink\ncmd::uint:8 interval::uint:16:little-endian flag:7:bool:0');
    const plan = planCodec(grammar);
    const ts013 = load(generateJsCodec(plan, 'ts013', { name: 'd', config: '' }));
    assert.deepEqual(call(ts013, 'encodeDownlink', { data: { cmd: 2, interval: 1000, flag: true }, fPort: 3 }), {
      bytes: [2, 0xe8, 3, 0, 0, 0, 0, 1],
      fPort: 3,
      warnings: [],
      errors: [],
    });
    assert.deepEqual(call(ts013, 'encodeDownlink', { data: { cmd: 256, interval: 1 } }), {
      errors: ['cmd=256 is not valid: the field is uint:8, an integer 0..255', 'missing value for flag (bool, true or false)'],
      warnings: [],
    });
    assert.deepEqual((call(ts013, 'decodeDownlink', { bytes: [2, 0xe8, 3, 0, 0, 0, 0, 1] }) as { data: unknown }).data, {
      cmd: 2,
      interval: 1000,
      flag: true,
    });
    const chirpstack = load(generateJsCodec(plan, 'chirpstack', { name: 'd', config: '' }));
    assert.deepEqual(call(chirpstack, 'Encode', 1, { cmd: 2, interval: 1000, flag: true }, {}), [2, 0xe8, 3, 0, 0, 0, 0, 1]);
    assert.throws(() => call(chirpstack, 'Encode', 1, { cmd: 2 }, {}), /missing value for interval/);
    const ttn = load(generateJsCodec(plan, 'ttn', { name: 'd', config: '' }));
    assert.deepEqual(call(ttn, 'Encoder', { cmd: 2, interval: 1000, flag: false }, 1), [2, 0xe8, 3, 0, 0, 0, 0, 0]);
  });

  test('TS013 examples.json from the golden examples is what the codec outputs', () => {
    for (const text of [SEED, '# downlink\ncmd::uint:8 x::int:56\n# example: 02FFFFFFFFFFFFFF => cmd=2 x=-1\n']) {
      const grammar = analyzeGrammar(text);
      const plan = planCodec(grammar);
      const result = exportCodec(grammar, plan, 'ts013', { name: 'x', config: '' });
      assert.ok(result.ok);
      const context = load(result.code);
      const examples = JSON.parse(result.examples) as { type: string; input: { bytes?: number[]; data?: object }; output: unknown }[];
      assert.ok(examples.length >= 2);
      for (const e of examples) {
        const fn = e.type === 'uplink' ? 'decodeUplink' : e.type === 'downlink-decode' ? 'decodeDownlink' : 'encodeDownlink';
        assert.deepEqual(call(context, fn, e.input), e.output, `${e.type} ${JSON.stringify(e.input)}`);
      }
    }
  });

  test('differential: decodeUplink agrees with the core decoder on generated configs and frames', () => {
    for (const config of configs({}, 120, 7)) {
      const context = load(generateJsCodec(config.plan, 'ts013', { name: 'x', config: config.text }));
      for (const frame of frames(config, 6, 11)) {
        const out = call(context, 'decodeUplink', { bytes: [...frame], fPort: 1 }) as { data: Record<string, unknown>; warnings: string[] };
        const core = config.grammar.decoder.decode(frame);
        const expected = Object.fromEntries(config.plan.fields.map(f => [f.name, asJs(core.values[f.fieldIndex] ?? null)]));
        assert.deepEqual(out.data, expected, `${config.text} on ${toHex(frame)}`);
        assert.equal(out.warnings.length, core.warnings.filter(w => w.code === 'SFG101' || w.code === 'SFG102').length);
      }
    }
  });

  test('differential: Helium, Datacake, TagoIO and ThingsBoard decode as the core decoder does, each called as its platform calls it', () => {
    for (const config of configs({}, 60, 13)) {
      const helium = load(generateJsCodec(config.plan, 'helium', { name: 'x', config: config.text }));
      const datacake = load(generateJsCodec(config.plan, 'datacake', { name: 'x', config: config.text }));
      const thingsboard = load(thingsboardDecoder(generateJsCodec(config.plan, 'thingsboard', { name: 'dev', config: config.text })));
      const tagoio = generateJsCodec(config.plan, 'tagoio', { name: 'x', config: config.text });
      const fieldOf = new Map(config.plan.fields.map((f, k) => [f.name, datacakeFieldNames(config.plan.fields.map(g => g.name))[k]!]));
      for (const frame of frames(config, 4, 17)) {
        const core = config.grammar.decoder.decode(frame);
        const expected = Object.fromEntries(config.plan.fields.map(f => [f.name, asJs(core.values[f.fieldIndex] ?? null)]));
        const present = Object.entries(expected).filter(([, v]) => v !== null);
        const where = `${config.text} on ${toHex(frame)}`;
        assert.deepEqual(call(helium, 'Decoder', [...frame], 1, { fcnt: 1 }), expected, where);
        assert.deepEqual(
          call(datacake, 'Decoder', [...frame], 1),
          present.map(([name, value]) => ({ field: fieldOf.get(name), value })),
          where,
        );
        // The Sigfox callback's JSON, as ThingsBoard's HTTP or Sigfox integration hands it over: bytes of text.
        const posted = [...Buffer.from(JSON.stringify({ device: '1A2B3C', data: toHex(frame) }))];
        assert.deepEqual(call(thingsboard, 'Decoder', posted, {}), { deviceName: '1A2B3C', deviceType: 'dev', telemetry: expected }, where);
        assert.deepEqual(call(thingsboard, 'Decoder', [...frame], { deviceName: 'm' }), {
          deviceName: 'm',
          deviceType: 'dev',
          telemetry: expected,
        });
        // TagoIO: the parser rewrites the global `payload`, keeping what was there.
        const raw = [
          { variable: 'data', value: toHex(frame).toLowerCase(), group: 'g', time: '2026-12-03T10:00:00Z' },
          { variable: 'device', value: '1A2B3C' },
        ];
        assert.deepEqual(
          runTagoio(tagoio, raw),
          [...raw, ...present.map(([variable, value]) => ({ variable, value, group: 'g', time: '2026-12-03T10:00:00Z' }))],
          where,
        );
      }
    }
  });

  test('TagoIO leaves a payload without a frame alone and says when the frame is not hex; Datacake names are identifiers', () => {
    const plan = planCodec(analyzeGrammar('temp::uint:8'));
    const run = (payload: unknown): unknown => runTagoio(generateJsCodec(plan, 'tagoio', { name: 'x', config: '' }), payload);
    assert.deepEqual(run([{ variable: 'rssi', value: -120 }]), [{ variable: 'rssi', value: -120 }]);
    assert.deepEqual(run([{ variable: 'payload', value: '1E' }]), [
      { variable: 'payload', value: '1E' },
      { variable: 'temp', value: 30 },
    ]);
    assert.deepEqual(run([{ variable: 'data', value: 'zz' }]), [
      { variable: 'data', value: 'zz' },
      { variable: 'parse_error', value: 'the data variable is not hexadecimal' },
    ]);
    assert.deepEqual(datacakeFieldNames(['temp', 'Temp', 'batt-level', '2nd', 'é']), ['TEMP', 'TEMP_2', 'BATT_LEVEL', 'F_2ND', '_']);
  });

  test('the decode-only platforms refuse a downlink config, with what to use instead', () => {
    const grammar = analyzeGrammar('# downlink\ncmd::uint:8');
    for (const target of ['helium', 'datacake', 'tagoio', 'thingsboard'] as const) {
      const r = exportCodec(grammar, planCodec(grammar), target, { name: 'x', config: '' });
      assert.equal(r.ok, false);
      assert.match(!r.ok ? r.error : '', /decodes uplinks, and this payload config is a downlink.*ts013, ttn, chirpstack or c/);
    }
  });

  test('differential: encodeDownlink gives the core encoder’s frame, and round-trips through decodeDownlink', () => {
    for (const config of configs({ downlink: true }, 100, 5)) {
      const context = load(generateJsCodec(config.plan, 'ts013', { name: 'x', config: config.text }));
      for (const frame of frames(config, 4, 3).filter(f => f.length === config.plan.frameBytes)) {
        const values = valuesOf(config, frame);
        // A NaN's payload bits are not kept by the ES5 encoder (it writes the quiet NaN): skipped.
        if ([...values.values()].some(v => typeof v === 'number' && Number.isNaN(v))) continue;
        const core = encodeFrame(config.plan, values);
        const data = Object.fromEntries([...values].map(([k, v]) => [k, toJsInput(v)]));
        const out = call(context, 'encodeDownlink', { data }) as { bytes?: number[]; errors: string[] };
        assert.ok(core.ok, config.text);
        assert.deepEqual(out.errors, [], config.text);
        assert.equal(toHex(Uint8Array.from(out.bytes!)), toHex(core.bytes), `${config.text} from ${toHex(frame)}`);
        const back = call(context, 'decodeDownlink', { bytes: out.bytes, fPort: 1 }) as { data: unknown };
        assert.deepEqual(back.data, Object.fromEntries([...values].map(([k, v]) => [k, asJs(v)])), config.text);
      }
    }
  });

  test('float encoding in ES5 rounds exactly as IEEE-754 (ties to even, subnormals, overflow)', () => {
    const plan = planCodec(analyzeGrammar('# downlink\nf::float:32 g:4:float:32'));
    const context = load(generateJsCodec(plan, 'ts013', { name: 'x', config: '' }));
    const special = [
      0,
      -0,
      1e-46,
      1.401298464324817e-45,
      7e-46,
      3.4028235677973366e38,
      3.4028236e38,
      1e39,
      -1e39,
      1.00000005960464477539,
      5e-324,
      Infinity,
      -Infinity,
      NaN,
    ];
    const doubles = special.concat(fc.sample(fc.double(), { numRuns: 400, seed: 1 }));
    for (const f of doubles) {
      const core = encodeFrame(
        plan,
        new Map<string, DecodedValue>([
          ['f', f],
          ['g', 1],
        ]),
      );
      assert.ok(core.ok);
      context['__f'] = f;
      const bytes = vm.runInContext('encodeDownlink({ data: { f: __f, g: 1 } }).bytes', context) as number[];
      assert.equal(toHex(Uint8Array.from(bytes)), toHex(core.bytes), String(f));
    }
  });
});

const gcc = spawnSync('gcc', ['--version']).status === 0;

describe('generated C', { skip: gcc ? false : 'gcc is not installed: the generated C is not compiled' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'sigfox-codec-c-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** One program for every config and frame: each line is one frame, decoded then encoded back. */
  test('differential: NAME_decode agrees with the core decoder and NAME_encode gives the frame back (one gcc build)', () => {
    const uplinks = configs({}, 24, 21);
    const downlinks = configs({ downlink: true }, 12, 22);
    const all = [...uplinks, ...downlinks];
    const includes: string[] = [];
    const body: string[] = [];
    const expected: string[] = [];
    all.forEach((config, n) => {
      const name = `c${n}`;
      writeFileSync(join(dir, `${name}.h`), generateCCodec(config.plan, { name, config: config.text }));
      includes.push(`#include "${name}.h"`);
      const fields = config.plan.fields;
      const ids = generateCCodec(config.plan, { name, config: '' })
        .match(/^ {4}\S+ (\w+)(?:\[\d+\])?; \/\*/gm)!
        .map(m => /(\w+)(?:\[\d+\])?; \/\*$/.exec(m)![1]!);
      const whole = fc.sample(fc.uint8Array({ minLength: config.plan.frameBytes, maxLength: config.plan.frameBytes }), {
        numRuns: 8,
        seed: n,
      });
      // Short frames too: the fields that fit are decoded, the others are not present (null in the core).
      const short = whole.slice(0, 3).map((frame, k) => frame.subarray(0, (k * 5 + n) % config.plan.frameBytes));
      for (const frame of [...whole, ...short]) {
        const isWhole = frame.length === config.plan.frameBytes;
        // C has no empty initializer: a 0-byte frame is read from a 1-byte array.
        const bytes = frame.length ? [...frame].map(b => `0x${b.toString(16)}`).join(', ') : '0';
        const print = (f: (typeof fields)[number], k: number): string => {
          const m = `v.${ids[k]}`;
          switch (f.type) {
            case 'bool':
              return `printf(" %d", ${m} ? 1 : 0);`;
            case 'char':
              return `{ size_t i; printf(" "); for (i = 0; i < ${f.charCount}; i++) printf("%02X", (unsigned)(unsigned char)${m}[i]); }`;
            case 'float':
              return `printf(" %.17g", (double)${m});`; // exact for float and double alike
            case 'uint':
              return `printf(" %llu", (unsigned long long)${m});`;
            case 'int':
              return `printf(" %lld", (long long)${m});`;
          }
        };
        const has = (k: number): string => `${name.toUpperCase()}_HAS(&v, ${name.toUpperCase()}_FIELD_${ids[k]})`;
        const prints = fields.map((f, k) => `if (${has(k)}) ${print(f, k)} else printf(" -");`);
        body.push(
          `{ static const uint8_t f[] = { ${bytes} }; ${name}_t v; uint8_t o[16]; int i, n;`,
          `  printf("%d", ${name}_decode(f, ${frame.length}u, &v)); ${prints.join(' ')}`,
          isWhole
            ? `  n = ${name}_encode(&v, o, sizeof o); printf(" %d ", n); for (i = 0; i < n; i++) printf("%02X", o[i]); printf("\\n"); }`
            : `  (void)o; (void)i; (void)n; printf("\\n"); }`,
        );
        const values = config.grammar.decoder.decodeValues(frame);
        const shown = fields.map(f => {
          const v = values[f.fieldIndex]!;
          if (v === null) return '-';
          if (f.type === 'bool') return v ? '1' : '0';
          if (f.type === 'char') return toHex(Uint8Array.from([...(v as string)].map(c => c.charCodeAt(0))));
          return typeof v === 'number' && Number.isNaN(v) ? 'NaN' : String(v);
        });
        expected.push(
          (isWhole
            ? `${config.plan.frameBytes} ${shown.join(' ')} ${config.plan.frameBytes} ${toHex(coveredOnly(config.plan, frame))}`
            : `${frame.length} ${shown.join(' ')}`
          ).replace(/ {2,}/g, ' '),
        );
      }
    });
    const main = `${includes.join('\n')}\n#include <stdio.h>\nint main(void) {\n${body.join('\n')}\nreturn 0;\n}\n`;
    writeFileSync(join(dir, 'main.c'), main);
    const build = spawnSync('gcc', ['-std=c99', '-Wall', '-Wextra', '-Werror', '-O0', '-o', join(dir, 'main'), join(dir, 'main.c')], {
      encoding: 'utf8',
    });
    assert.equal(build.status, 0, build.stderr);
    const run = spawnSync(join(dir, 'main'), { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const lines = run.stdout.trimEnd().split('\n');
    assert.equal(lines.length, expected.length);
    lines.forEach((line, i) => {
      const got = line.replace(/ {2,}/g, ' ').split(' ');
      const want = expected[i]!.split(' ');
      assert.equal(got.length, want.length, `${line} vs ${expected[i]}`);
      got.forEach((g, k) => {
        const w = want[k]!;
        if (w === 'NaN') assert.match(g, /nan/i);
        else if (/^-?inf/i.test(g)) assert.equal(Number(w), g.startsWith('-') ? -Infinity : Infinity);
        else if (/[.e]/.test(g) || /[.e]/i.test(w)) assert.ok(Object.is(Number(g), Number(w)), `${g} != ${w} in line ${i}: ${expected[i]}`);
        else assert.equal(g, w, `line ${i}: ${line} vs ${expected[i]}`);
      });
    });
  });

  test('range, alias and length errors; names that are not C identifiers; the frame-fits assertion', () => {
    const text = 'small::uint:5 neg::int:3 my-field::uint:8 int::bool:0 2nd::char:2 whole:0:uint:8 top:0:bool:7';
    const grammar = analyzeGrammar(text);
    const header = generateCCodec(planCodec(grammar), { name: 'demo-codec', config: text });
    assert.match(header, /Field names that are not C identifiers: my-field -> my_field, int -> int_, 2nd -> f_2nd/);
    writeFileSync(join(dir, 'demo.h'), header);
    writeFileSync(
      join(dir, 'demo.c'),
      `#include "demo.h"
#include <stdio.h>
int main(void) {
  demo_codec_t v; uint8_t o[12];
  memset(&v, 0, sizeof v);
  v.small = 31; v.neg = -4; v.my_field = 7; v.int_ = true; memcpy(v.f_2nd, "OK", 3); v.whole = 0xF8; v.top = true;
  printf("%d", demo_codec_encode(&v, o, sizeof o)); { int i; for (i = 0; i < DEMO_CODEC_FRAME_SIZE; i++) printf(" %02X", o[i]); }
  v.small = 32; printf(" %d", demo_codec_encode(&v, o, sizeof o)); v.small = 31;
  v.neg = 4; printf(" %d", demo_codec_encode(&v, o, sizeof o)); v.neg = -4;
  v.top = false; printf(" %d", demo_codec_encode(&v, o, sizeof o)); v.top = true;
  printf(" %d", demo_codec_encode(&v, o, 3));
  printf(" %d", demo_codec_decode(o, 3, &v));
  printf(" %u%u%u%u%u%u%u", DEMO_CODEC_HAS(&v, DEMO_CODEC_FIELD_small), DEMO_CODEC_HAS(&v, DEMO_CODEC_FIELD_neg),
    DEMO_CODEC_HAS(&v, DEMO_CODEC_FIELD_my_field), DEMO_CODEC_HAS(&v, DEMO_CODEC_FIELD_int_), DEMO_CODEC_HAS(&v, DEMO_CODEC_FIELD_f_2nd),
    DEMO_CODEC_HAS(&v, DEMO_CODEC_FIELD_whole), DEMO_CODEC_HAS(&v, DEMO_CODEC_FIELD_top));
  printf(" %d %d\\n", (int)v.my_field, v.f_2nd[0]);
  return 0;
}
`,
    );
    const build = spawnSync('gcc', ['-std=c99', '-Wall', '-Wextra', '-Werror', '-pedantic', '-o', join(dir, 'demo'), join(dir, 'demo.c')], {
      encoding: 'utf8',
    });
    assert.equal(build.status, 0, build.stderr);
    const out = spawnSync(join(dir, 'demo'), { encoding: 'utf8' }).stdout;
    // small=31 (11111) neg=-4 (100) in byte 0; my-field byte 1; int bit 0 of byte 2; 2nd bytes 2-3 ... (aliases agree)
    const core = encodeFrame(
      planCodec(grammar),
      new Map<string, DecodedValue>([
        ['small', 31n],
        ['neg', -4n],
        ['my-field', 7n],
        ['int', true],
        ['2nd', 'OK'],
        ['whole', 0xf8n],
        ['top', true],
      ]),
    );
    assert.ok(core.ok, core.ok ? '' : core.errors.join());
    const hex = [...core.bytes].map(b => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
    // Decoding the first 3 bytes: the bytes read, then which fields were in them (as the core's non-nulls), absent ones zeroed.
    const short = grammar.decoder.decodeValues(core.bytes.subarray(0, 3));
    const present = ['small', 'neg', 'my-field', 'int', '2nd', 'whole', 'top']
      .map(name => (short[grammar.fieldIndexByName.get(name)!] === null ? '0' : '1'))
      .join('');
    assert.equal(out, `${core.bytes.length} ${hex} -3 -3 -4 -2 3 ${present} 7 0\n`);
    assert.ok(present.includes('0') && present.includes('1'), present);

    // A config past the 12-byte uplink does not compile: the static assertion says why.
    writeFileSync(join(dir, 'big.h'), generateCCodec(planCodec(analyzeGrammar('a::uint:64 b::uint:64')), { name: 'big', config: '' }));
    writeFileSync(join(dir, 'big.c'), '#include "big.h"\nint main(void) { return 0; }\n');
    const big = spawnSync('gcc', ['-std=c99', '-Wall', '-Wextra', '-Werror', '-fsyntax-only', join(dir, 'big.c')], { encoding: 'utf8' });
    assert.notEqual(big.status, 0);
    assert.match(big.stderr, /the frame does not fit a 12-byte Sigfox uplink/);
  });

  test('96 one-bit fields, the most a 12-byte frame holds: each truncation decodes the fields the core decodes, and only those are present', () => {
    const text = Array.from({ length: 96 }, (_, k) => `b${k}:${k >> 3}:bool:${7 - (k & 7)}`).join(' ');
    const grammar = analyzeGrammar(text);
    const plan = planCodec(grammar);
    assert.equal(plan.fields.length, 96);
    writeFileSync(join(dir, 'bits.h'), generateCCodec(plan, { name: 'bits', config: text }));
    const frame = Uint8Array.from([0xa5, 0x3c, 0xff, 0x00, 0x81, 0x7e, 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc]);
    const lines: string[] = [];
    const expected: string[] = [];
    for (let len = 0; len <= frame.length; len++) {
      // Per field: '-' when not present, else its bit.
      lines.push(
        `{ bits_t v; int k; printf("%d ", bits_decode(f, ${len}u, &v)); for (k = 0; k < BITS_NUM_FIELDS; k++) printf("%c", BITS_HAS(&v, k) ? '0' + (int)bits_b_get(&v, k) : '-'); printf("\\n"); }`,
      );
      const values = grammar.decoder.decodeValues(frame.subarray(0, len));
      expected.push(`${len} ${plan.fields.map(f => (values[f.fieldIndex] === null ? '-' : values[f.fieldIndex] ? '1' : '0')).join('')}`);
    }
    const members = plan.fields.map((_, k) => `case ${k}: return v->b${k};`).join(' ');
    writeFileSync(
      join(dir, 'bits.c'),
      `#include "bits.h"\n#include <stdio.h>\nstatic bool bits_b_get(const bits_t *v, int k) { switch (k) { ${members} } return false; }\n` +
        `int main(void) {\nstatic const uint8_t f[] = { ${[...frame].join(', ')} };\n${lines.join('\n')}\nreturn 0;\n}\n`,
    );
    const build = spawnSync('gcc', ['-std=c99', '-Wall', '-Wextra', '-Werror', '-pedantic', '-o', join(dir, 'bits'), join(dir, 'bits.c')], {
      encoding: 'utf8',
    });
    assert.equal(build.status, 0, build.stderr);
    const run = spawnSync(join(dir, 'bits'), { encoding: 'utf8' });
    assert.deepEqual(run.stdout.trimEnd().split('\n'), expected);
  });

  test('a field named like the struct member or a macro is renamed, and the pre-C11 static assertion compiles', () => {
    const text = 'present::uint:8 COUNT::uint:8 NUM_FIELDS::bool:7';
    const header = generateCCodec(planCodec(analyzeGrammar(text)), { name: 'clash', config: text });
    assert.match(header, /present -> present_2/);
    writeFileSync(join(dir, 'clash.h'), header);
    writeFileSync(
      join(dir, 'clash.c'),
      `#include "clash.h"
#include <stdio.h>
int main(void) {
  static const uint8_t f[] = { 7, 9, 0x80 }; clash_t v; int n = clash_decode(f, 2u, &v);
  printf("%d %d %d %d %u%u%u\\n", n, (int)v.present_2, (int)v.COUNT, CLASH_NUM_FIELDS,
    CLASH_HAS(&v, CLASH_FIELD_present_2), CLASH_HAS(&v, CLASH_FIELD_COUNT), CLASH_HAS(&v, CLASH_FIELD_NUM_FIELDS));
  return 0;
}
`,
    );
    const build = spawnSync(
      'gcc',
      ['-std=c99', '-Wall', '-Wextra', '-Werror', '-pedantic', '-o', join(dir, 'clash'), join(dir, 'clash.c')],
      {
        encoding: 'utf8',
      },
    );
    assert.equal(build.status, 0, build.stderr);
    assert.equal(spawnSync(join(dir, 'clash'), { encoding: 'utf8' }).stdout, '2 7 9 3 110\n');
    // Without __GNUC__ the header takes its pre-C11 path (a negative array size): its two assertions must not share
    // a typedef name, and a frame too long still fails. Only the header is compiled: libc's stdio wants __GNUC__.
    writeFileSync(join(dir, 'big99.h'), generateCCodec(planCodec(analyzeGrammar('a::uint:64 b::uint:64')), { name: 'big99', config: '' }));
    const c99 = (header: string): ReturnType<typeof spawnSync> => {
      writeFileSync(join(dir, 'c99.c'), `#include "${header}"\nint main(void) { return 0; }\n`);
      return spawnSync('gcc', ['-std=c99', '-Wall', '-Wextra', '-Werror', '-pedantic', '-U__GNUC__', '-fsyntax-only', join(dir, 'c99.c')], {
        encoding: 'utf8',
      });
    };
    const ok = c99('clash.h');
    assert.equal(ok.status, 0, String(ok.stderr));
    const big = c99('big99.h');
    assert.notEqual(big.status, 0);
    assert.match(String(big.stderr), /size of array .big99_static_assert_\d+. is negative/);
  });
});

test('export refuses a config whose fields do not fit the frame, for every target', () => {
  const grammar = analyzeGrammar('# downlink\na::uint:64 b::uint:8');
  for (const target of EXPORT_TARGETS) {
    const r = exportCodec(grammar, planCodec(grammar), target, { name: 'x', config: '' });
    assert.deepEqual(r, { ok: false, error: 'its fields reach byte 8, past the 8-byte Sigfox downlink: no device sends that frame' });
  }
});
