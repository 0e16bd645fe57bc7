import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeGrammar } from '../../server/src/core/grammar/analyze';
import { encodeFrame, valueFromText } from '../../server/src/core/codec/encode';
import { planCodec } from '../../server/src/core/codec/plan';
import { checkExamples } from '../../server/src/core/grammar/examples';
import type { DecodedValue } from '../../server/src/core/grammar/value';
import { parseHex, toHex } from '../../server/src/core/hex';
import { arbitraryConfig, arbitraryFrame, coveredOnly, hasNaN, sameValue, valuesOf } from './helpers/codec';

const SEED = `temp::uint:8 humidity::uint:8 lum::uint:8 voltage::uint:16
# example: 1E3C640CE4 => temp=30 humidity=60 lum=100 voltage=3300
# example: 1E3C => temp=30 humidity=60 lum=null voltage=null`;

function encode(config: string, values: Record<string, DecodedValue>, options: { downlink?: boolean } = {}): string | readonly string[] {
  const r = encodeFrame(planCodec(analyzeGrammar(config), options), new Map(Object.entries(values)));
  return r.ok ? toHex(r.bytes) : r.errors;
}

describe('encode: the inverse of decode', () => {
  test('the seed config, full and short frames (trailing fields null)', () => {
    assert.equal(encode(SEED, { temp: 30n, humidity: 60n, lum: 100n, voltage: 3300n }), '1E3C640CE4');
    assert.equal(encode(SEED, { temp: 30n, humidity: 60n, lum: null, voltage: null }), '1E3C');
    assert.deepEqual(encode(SEED, { temp: 30n, humidity: null, lum: 1n, voltage: 2n }), [
      '`humidity` can be null only when the frame ends before its last byte 1, but other fields reach byte 4',
    ]);
  });

  test('cursor rules, bit offsets, little-endian, sub-byte two’s complement, floats and chars', () => {
    assert.equal(encode('Speed::uint:8 Direction::uint:4 Status:1:uint:4::3', { Speed: 1n, Direction: 0xan, Status: 5n }), '01A5');
    assert.equal(
      encode('b1::bool:7 b2::bool:6 i1:1:uint:16:little-endian i2::uint:8', { b1: true, b2: false, i1: 0x3412n, i2: 0x56n }),
      '80123456',
    );
    assert.equal(encode('x::int:4 y:0:int:4::3', { x: -1n, y: -8n }), 'F8');
    assert.equal(encode('v::int:64', { v: -(1n << 63n) }), '8000000000000000');
    assert.equal(encode('v::uint:64', { v: (1n << 64n) - 1n }), 'FFFFFFFFFFFFFFFF');
    assert.equal(encode('f::float:32:little-endian', { f: 1.5 }), '0000C03F');
    assert.equal(encode('f::float:64', { f: -0 }), '8000000000000000');
    assert.equal(encode('d:1:uint:8:big-endian:5', { d: 0xffn }), '003FC0');
    assert.equal(encode('s::char:3', { s: 'AB\u00e9' }), '4142E9');
  });

  test('errors name the field and what it takes', () => {
    assert.deepEqual(encode('t::uint:8', { t: 256n }), ['`t`=256 is out of range: the field is uint:8, an integer 0..255']);
    assert.deepEqual(encode('t::int:5', { t: 16n }), ['`t`=16 is out of range: the field is int:5, an integer -16..15']);
    assert.deepEqual(encode('t::int:5 u::uint:3', { t: -16n }), ['missing value for `u` (uint:3, an integer 0..7)']);
    assert.deepEqual(encode('s::char:2', { s: 'abc' }), ['`s`=abc has 3 characters: the field is char:2, exactly 2 characters (Latin-1)']);
    assert.deepEqual(encode('b::bool:0', { b: 1n }), ['`b`=1 is not a bool: the field is bool, true or false']);
    assert.deepEqual(encode('temp::uint:8', { tmp: 1n, temp: 1n }), [
      'no field `tmp` in the payload config (did you mean `temp`?); its fields are temp',
    ]);
  });

  test('a field placed billions of bytes away is an error naming the frame size, not a crash', () => {
    assert.deepEqual(encode('a::char:10000000000 b:5:uint:16', { a: 'x', b: 1n }), [
      'the frame would be 10000000000 bytes; encode builds frames of at most 255 bytes (a Sigfox uplink is 12)',
    ]);
    assert.match(String(encode('far:300:uint:8', { far: 1n })), /the frame would be 301 bytes/);
    assert.equal(encode('far:254:uint:8', { far: 1n }).length, 510, 'the largest frame is still built');
  });

  test('fields sharing bits: one value fixes the other; disagreeing values are an error', () => {
    const config = 'raw::uint:16 hi:0:uint:8 lo:1:uint:8 flag:0:bool:7';
    assert.equal(encode(config, { raw: 0x8102n }), '8102');
    assert.equal(encode(config, { hi: 0x81n, lo: 2n }), '8102');
    assert.equal(encode(config, { raw: 0x8102n, hi: 0x81n, flag: true }), '8102');
    assert.deepEqual(encode(config, { raw: 0x8102n, hi: 0x80n }), ['`raw` and `hi` share bit 0 of byte 0 but their values disagree on it']);
    assert.deepEqual(encode(config, { lo: 2n, flag: true }), [
      'missing value for `raw` (uint:16, an integer 0..65535)',
      'missing value for `hi` (uint:8, an integer 0..255)',
    ]);
  });

  test('NaN: any NaN pattern will do, so bits other fields fix are kept; the quiet NaN otherwise', () => {
    assert.equal(encode('f::float:32', { f: NaN }), '7FC00000');
    // f shares its third byte with g = 0: the NaN keeps it (its payload moves to byte 4).
    const shared = 'b:0:bool:5 f::float:32::0 g:2:uint:8 h:3:float:32::3';
    const frame = Uint8Array.from([0, 255, 0, 0, 2, 0, 0, 0]);
    const config = analyzeGrammar(shared);
    const values = config.decoder.decodeValues(frame);
    const plan = planCodec(config);
    const r = encodeFrame(plan, new Map(plan.fields.map(f => [f.name, values[f.fieldIndex]!])));
    assert.ok(r.ok, r.ok ? '' : r.errors.join());
    assert.ok(Number.isNaN(config.decoder.decodeValues(r.bytes)[1]));
    assert.deepEqual(encode('f::float:32 e:0:uint:16', { f: NaN, e: 0n }), ['`e` and `f` share bits but no NaN of `f` agrees with `e`']);
  });

  test('downlink: a `# downlink` line or --downlink gives 8 bytes, and longer configs are refused', () => {
    assert.equal(encode('# downlink\ncmd::uint:8', { cmd: 2n }), '0200000000000000');
    assert.equal(encode('cmd::uint:8', { cmd: 2n }, { downlink: true }), '0200000000000000');
    assert.deepEqual(encode('a::uint:64 b::uint:8', { a: 1n, b: 1n }, { downlink: true }), [
      'the frame is 9 bytes, past the 8-byte Sigfox downlink',
    ]);
    assert.deepEqual(encode('# downlink\ncmd::uint:8', { cmd: null }), ['`cmd` cannot be null: a downlink frame is always 8 bytes']);
  });

  test('an uplink config past 12 bytes encodes anyway, with a warning (D11: decode reads it too)', () => {
    const r = encodeFrame(
      planCodec(analyzeGrammar('a::uint:64 b::uint:40')),
      new Map<string, DecodedValue>([
        ['a', 1n],
        ['b', 2n],
      ]),
    );
    assert.ok(r.ok);
    assert.equal(toHex(r.bytes), '00000000000000010000000002');
    assert.deepEqual(r.warnings, ['the frame is 13 bytes, past the 12-byte Sigfox uplink']);
  });

  test('a `# downlink` config is checked against 8 bytes (SFG020 in the editor and check)', () => {
    const g = analyzeGrammar('# downlink\na::uint:64 b::uint:8');
    assert.ok(g.document.downlink);
    const p = g.problems.find(x => x.code === 'SFG020');
    assert.match(p?.message ?? '', /past the 8-byte downlink frame/);
    assert.equal(analyzeGrammar('# a downlink\na::uint:64 b::uint:8').problems.filter(x => x.code === 'SFG020').length, 0);
  });

  test('text values from a command line or a form', () => {
    const plan = planCodec(analyzeGrammar('b::bool:0 i::int:64 h::uint:16 f::float:32 s::char:3'));
    const [b, i, h, f, s] = plan.fields;
    assert.equal(valueFromText(b!, 'true'), true);
    assert.equal(valueFromText(i!, '-9223372036854775808'), -(1n << 63n));
    assert.equal(valueFromText(h!, '0x0CE4'), 3300n);
    assert.equal(valueFromText(f!, '-1.5e3'), -1500);
    assert.equal(valueFromText(s!, '"a b"'), 'a b');
    assert.equal(valueFromText(s!, 'null'), null);
    assert.deepEqual(valueFromText(h!, '12.5'), { error: '`h`=12.5 is not valid: the field is uint:16, an integer 0..65535' });
  });

  test('golden examples round-trip: each example frame is what its values encode to', () => {
    const grammar = analyzeGrammar(SEED);
    const plan = planCodec(grammar);
    for (const result of checkExamples(grammar)) {
      assert.ok(result.passed);
      const frame = parseHex(result.example.hex.text);
      assert.ok(frame.ok);
      const values = grammar.decoder.decodeValues(frame.bytes);
      const encoded = encodeFrame(plan, new Map(plan.fields.map(f => [f.name, values[f.fieldIndex]!])));
      assert.ok(encoded.ok);
      assert.equal(toHex(encoded.bytes), result.example.hex.text);
    }
  });
});

describe('encode: properties over generated configs', () => {
  test('decode(encode(values)) == values, for values decoded from any frame', () => {
    fc.assert(
      fc.property(
        arbitraryConfig().chain(c => fc.tuple(fc.constant(c), arbitraryFrame(c.plan))),
        ([config, frame]) => {
          const values = valuesOf(config, frame);
          const encoded = encodeFrame(config.plan, values);
          assert.ok(encoded.ok, `${config.text}: ${encoded.ok ? '' : encoded.errors.join('; ')}`);
          if (!hasNaN(values)) assert.equal(toHex(encoded.bytes), toHex(coveredOnly(config.plan, frame)), config.text);
          const again = valuesOf(config, encoded.bytes);
          for (const [name, v] of values) assert.ok(sameValue(again.get(name)!, v), `${config.text}: ${name}`);
        },
      ),
      { numRuns: 600 },
    );
  });

  test('values chosen freely for fields that share no bits come back unchanged', () => {
    const disjoint = arbitraryConfig().filter(c => {
      const seen = new Set<number>();
      for (const f of c.plan.fields)
        for (const r of f.runs)
          for (let j = 0; j < r.length; j++) {
            if (seen.has(r.position + j)) return false;
            seen.add(r.position + j);
          }
      return true;
    });
    const valueFor = (type: string, bits: number): fc.Arbitrary<DecodedValue> => {
      switch (type) {
        case 'bool':
          return fc.boolean();
        case 'char':
          return fc.string({
            unit: fc.integer({ min: 0, max: 255 }).map(c => String.fromCharCode(c)),
            minLength: bits / 8,
            maxLength: bits / 8,
          });
        case 'float':
          return bits === 32 ? fc.float({ noNaN: true }) : fc.double({ noNaN: true });
        case 'int':
          return fc.bigInt({ min: -(1n << BigInt(bits - 1)), max: (1n << BigInt(bits - 1)) - 1n });
        default:
          return fc.bigInt({ min: 0n, max: (1n << BigInt(bits)) - 1n });
      }
    };
    fc.assert(
      fc.property(
        disjoint.chain(c => fc.tuple(fc.constant(c), fc.tuple(...c.plan.fields.map(f => valueFor(f.type, f.bitLength))))),
        ([config, chosen]) => {
          const values = new Map(config.plan.fields.map((f, k) => [f.name, chosen[k]!]));
          const encoded = encodeFrame(config.plan, values);
          assert.ok(encoded.ok, encoded.ok ? '' : encoded.errors.join('; '));
          const decoded = valuesOf(config, encoded.bytes);
          for (const [name, v] of values)
            assert.ok(sameValue(decoded.get(name)!, v), `${config.text}: ${name}: ${String(decoded.get(name))} != ${String(v)}`);
        },
      ),
      { numRuns: 300 },
    );
  });
});
