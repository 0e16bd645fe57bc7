import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHex, toHex } from '../../server/src/core/hex';

test('normalises white space, 0x prefix and case', () => {
  const r = parseHex('  0xC0 12\t3a\n');
  assert.ok(r.ok);
  assert.equal(toHex(r.bytes), 'C0123A');
});

test('empty input is an empty frame', () => {
  const r = parseHex('');
  assert.ok(r.ok);
  assert.equal(r.bytes.length, 0);
});

test('an odd number of digits is rejected, saying so', () => {
  const r = parseHex('123');
  assert.equal(r.ok, false);
  if (!r.ok) assert.match(r.message, /odd number of hex digits \(3\)/);
});

test('a non-hex character is rejected with the character and its 1-based position', () => {
  const r = parseHex('12 3G');
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.match(r.message, /'G' at position 5/);
    assert.equal(r.offset, 4);
  }
  const u = parseHex('12\u00e9');
  assert.equal(u.ok, false);
  if (!u.ok) assert.match(u.message, /U\+00E9 at position 3/);
});
