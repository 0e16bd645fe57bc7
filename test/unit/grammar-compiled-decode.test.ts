/**
 * The compiled decoder (generated expressions for whole-byte fields, integer bit extraction)
 * against a reference that reads the frame bit by bit with bigints, on random layouts and frames,
 * and the float32 formatter against the definition of "shortest round trip".
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { analyzeGrammar } from '../../server/src/core/grammar/analyze';
import { formatFloat32 } from '../../server/src/core/grammar/value';

interface Field {
  type: 'bool' | 'char' | 'uint' | 'int' | 'float';
  byte: number;
  bit: number;
  length: number;
  little: boolean;
}

/** `count` bits of `b` MSB-first from bit `bit` (7 = most significant) of `b[byte]`. */
function bits(b: Uint8Array, byte: number, bit: number, count: number): bigint {
  let v = 0n;
  for (let k = 0, at = byte * 8 + (7 - bit); k < count; k++, at++) v = (v << 1n) | BigInt((b[at >> 3]! >> (7 - (at & 7))) & 1);
  return v;
}

function reference(f: Field, b: Uint8Array): unknown {
  if (f.type === 'bool') return ((b[f.byte]! >> f.bit) & 1) === 1;
  if (f.type === 'char') return String.fromCharCode(...b.subarray(f.byte, f.byte + f.length));
  const nBytes = f.length / 8;
  let raw: bigint;
  if (f.little && f.length > 8 && f.length % 8 === 0) {
    raw = 0n;
    for (let i = nBytes - 1; i >= 0; i--) raw = (raw << 8n) | bits(b, f.byte + i, f.bit, 8);
  } else {
    raw = bits(b, f.byte, f.bit, f.length);
  }
  if (f.type === 'float') {
    const view = new DataView(new ArrayBuffer(8));
    if (nBytes === 4) view.setUint32(0, Number(raw));
    else view.setBigUint64(0, raw);
    return nBytes === 4 ? view.getFloat32(0) : view.getFloat64(0);
  }
  if (f.type === 'int' && raw >= 1n << BigInt(f.length - 1)) raw -= 1n << BigInt(f.length);
  return raw >= -BigInt(Number.MAX_SAFE_INTEGER) && raw <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(raw) : raw;
}

const field: fc.Arbitrary<Field> = fc.oneof(
  fc.record({ type: fc.constant('bool' as const), byte: fc.nat(11), bit: fc.nat(7), length: fc.constant(1), little: fc.constant(false) }),
  fc.record({
    type: fc.constant('char' as const),
    byte: fc.nat(4),
    bit: fc.constant(7),
    length: fc.integer({ min: 1, max: 20 }),
    little: fc.constant(false),
  }),
  fc.record({
    type: fc.constantFrom('uint' as const, 'int' as const),
    byte: fc.nat(4),
    bit: fc.nat(7),
    length: fc.integer({ min: 1, max: 64 }),
    little: fc.boolean(),
  }),
  fc.record({
    type: fc.constant('float' as const),
    byte: fc.nat(4),
    bit: fc.constant(7),
    length: fc.constantFrom(32, 64),
    little: fc.boolean(),
  }),
);

function configOf(fields: readonly Field[]): string {
  return fields
    .map((f, k) => {
      if (f.type === 'bool') return `f${k}:${f.byte}:bool:${f.bit}`;
      if (f.type === 'char') return `f${k}:${f.byte}:char:${f.length}`;
      return `f${k}:${f.byte}:${f.type}:${f.length}:${f.little ? 'little' : 'big'}-endian${f.bit === 7 ? '' : `:${f.bit}`}`;
    })
    .join(' ');
}

test('the compiled decoder reads every field as a bit-by-bit reference does, short frames included', () => {
  let decoded = 0;
  fc.assert(
    fc.property(fc.array(field, { minLength: 1, maxLength: 6 }), fc.uint8Array({ minLength: 0, maxLength: 24 }), (fields, frame) => {
      const grammar = analyzeGrammar(configOf(fields), { maxBytes: 64 });
      // The first frames go through the reader closures, later ones through the generated function: both checked.
      const interpreted = grammar.decoder.decodeValues(frame);
      let compiled = interpreted;
      for (let i = 0; i < 64; i++) compiled = grammar.decoder.decodeValues(frame);
      decoded += compiled.filter(v => v !== undefined).length;
      fields.forEach((f, k) => {
        const l = grammar.layout.fields[k];
        if (!l || compiled[k] === undefined) return; // a field the grammar rejects is not decoded
        const expected = frame.length <= l.lastByte ? null : reference({ ...f, byte: l.byte, bit: l.bit }, frame);
        const where = `${configOf(fields)} field ${k} on ${Buffer.from(frame).toString('hex')}`;
        assert.deepEqual(interpreted[k], expected, `reader closure: ${where}`);
        assert.deepEqual(compiled[k], expected, `generated: ${where}`);
      });
    }),
    { numRuns: 2000 },
  );
  assert.ok(decoded > 3000, `only ${decoded} fields decoded: the generated layouts are mostly rejected`);
});

/** The definition: the fewest significant digits that read back as the same float32. */
function shortestByTrial(x: number): string {
  for (let p = 1; p <= 9; p++) {
    const candidate = Number(x.toPrecision(p));
    if (Math.fround(candidate) === x) return String(candidate);
  }
  return String(x);
}

test('float32 formatting is the shortest decimal that reads back as the same float32', () => {
  const f32 = new Float32Array(1);
  const u32 = new Uint32Array(f32.buffer);
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 0xffffffff }), word => {
      u32[0] = word;
      const x = f32[0]!;
      if (!Number.isFinite(x) || x === 0) return;
      assert.equal(formatFloat32(x), shortestByTrial(x), `float32 bits 0x${word.toString(16)}`);
    }),
    { numRuns: 100_000 },
  );
  for (const x of [0.1, 0.5, 1, 2, 3.4028234663852886e38, 1.401298464324817e-45, 1.1754943508222875e-38, 16777216, 123456.7, 0.8465959])
    for (const v of [Math.fround(x), -Math.fround(x)]) assert.equal(formatFloat32(v), shortestByTrial(v), String(v));
});

test('float32 formatting settles exact ties and exact half gaps as the definition does (values with few significant bits, 10^-4 to 10^9)', () => {
  const f32 = new Float32Array(1);
  const u32 = new Uint32Array(f32.buffer);
  // Where x times a power of ten is exact, a rounding can sit exactly on a tie (toPrecision rounds
  // it up) or exactly half a gap from x (reading back rounds to the even neighbour).
  const fewBits = fc.record({
    field: fc.integer({ min: 127 - 15, max: 127 + 31 }),
    bits: fc.integer({ min: 1, max: 23 }),
    mantissa: fc.integer({ min: 0, max: (1 << 23) - 1 }),
    negative: fc.boolean(),
  });
  fc.assert(
    fc.property(fewBits, ({ field, bits, mantissa, negative }) => {
      u32[0] = ((field << 23) | ((mantissa >>> (23 - bits)) << (23 - bits)) | (negative ? 0x80000000 : 0)) >>> 0;
      const x = f32[0]!;
      assert.equal(formatFloat32(x), shortestByTrial(x), `float32 bits 0x${u32[0]!.toString(16)}`);
    }),
    { numRuns: 50_000 },
  );
  // A tie (3266890.75 to eight digits) and a rounding exactly half a gap away (57982172 to eight digits).
  for (const x of [3266890.75, 677910.875, 57982172, 116066776, 817576768])
    for (const v of [Math.fround(x), -Math.fround(x)]) assert.equal(formatFloat32(v), shortestByTrial(v), String(v));
});
