import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatFloat32, renderValue, writeInteger, writeNumber } from '../../server/src/core/grammar/value';

test('float32 renders the shortest decimal that reads back as the same float32 (D7)', () => {
  assert.equal(formatFloat32(Math.fround(0.8465958833694458)), '0.8465959');
  assert.equal(formatFloat32(Math.fround(23.5)), '23.5');
  assert.equal(formatFloat32(Math.fround(0.1)), '0.1');
  assert.equal(formatFloat32(Math.fround(3.4e38)), '3.4e+38');
});

test('float64 renders the shortest round-trip double; NaN and Infinity render null', () => {
  assert.equal(renderValue(0.1 + 0.2), '0.30000000000000004');
  assert.equal(renderValue(NaN), 'null');
  assert.equal(renderValue(-Infinity, 32), 'null');
});

test('integers render as exact decimal digits, bigint included; bools bare; chars raw; null', () => {
  assert.equal(renderValue(18446744073709551615n), '18446744073709551615');
  assert.equal(renderValue(-42), '-42');
  assert.equal(renderValue(true), 'true');
  assert.equal(renderValue('a"b\\'), 'a"b\\');
  assert.equal(renderValue(null), 'null');
});

test('bulk output writes numbers as bytes exactly as renderValue prints them', () => {
  const buf = new Uint8Array(40);
  const written = (end: number): string => Buffer.from(buf.subarray(5, end)).toString('latin1');
  const integers = [
    0,
    7,
    -7,
    99,
    100,
    -100,
    2 ** 31 - 1,
    2 ** 31,
    -(2 ** 31),
    2 ** 32 - 1,
    10 ** 15,
    Number.MAX_SAFE_INTEGER,
    -Number.MAX_SAFE_INTEGER,
  ];
  for (let k = 0; k <= 53; k++) integers.push(2 ** k - 1, 2 ** k, -(2 ** k) + 1);
  // Either side of every power of ten, and of multiples of 10^8 (where the last eight digits split off).
  for (let k = 1; k <= 15; k++) integers.push(10 ** k - 1, 10 ** k, 10 ** k + 1, -(10 ** k) + 1);
  for (const high of [21, 42, 99_999_999, 90_071_992])
    for (const d of [-1, 0, 1]) if (high * 1e8 + d <= Number.MAX_SAFE_INTEGER) integers.push(high * 1e8 + d);
  let x = 0x9e3779b9;
  for (let i = 0; i < 2000; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    integers.push(Math.floor((x / 2 ** 32) * 2 ** (10 + (i % 44))));
  }
  for (const v of integers) assert.equal(written(writeInteger(buf, 5, v)), String(v), String(v));
  // Floats: integral (plain digits), -0, fractions either side of 1e-6 and 1e21, NaN, infinities.
  const floats = [0.1, -0.1, 1.5, -0, 0, 1e21, 1e-7, 0.000001, 123456789012, NaN, Infinity, 3.4028234663852886e38, 1.401298464324817e-45];
  for (const x of floats)
    for (const bits of [32, 64] as const) {
      const v = bits === 32 ? Math.fround(x) : x;
      assert.equal(written(writeNumber(buf, 5, v, bits)), renderValue(v, bits), `${v} as float:${bits}`);
    }
});
