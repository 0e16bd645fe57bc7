import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatFloat32, renderValue } from '../../server/src/core/grammar/value';

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
