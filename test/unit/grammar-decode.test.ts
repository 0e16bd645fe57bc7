import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeToJsonObject, decodeValues, analyze } from './helpers/grammar';

test('64-bit uint keeps every digit past 2^53, as bigint and as exact JSON digits', () => {
  assert.equal(decodeValues('a::uint:64', 'FFFFFFFFFFFFFFFF').a, 18446744073709551615n);
  const grammar = analyze('a::uint:64');
  const json = (
    require('../../server/src/core/grammar/decodeJson') as typeof import('../../server/src/core/grammar/decodeJson')
  ).decodedFrameToJson(grammar, grammar.decoder.decode(Uint8Array.from(Array(8).fill(0xff))));
  assert.match(json, /"a":18446744073709551615\b/);
});

test("64-bit int is two's complement: all ones is -1, 0x80.. is the minimum", () => {
  assert.equal(decodeValues('a::int:64', 'FFFFFFFFFFFFFFFF').a, -1);
  assert.equal(decodeValues('a::int:64', '8000000000000000').a, -9223372036854775808n);
  assert.equal(decodeValues('a::int:64:little-endian', '0000000000000080').a, -9223372036854775808n);
});

test('2^53 boundary: exact number below, bigint above', () => {
  assert.equal(decodeValues('a::uint:56', '1FFFFFFFFFFFFF').a, 2 ** 53 - 1);
  assert.equal(decodeValues('a::uint:56', '20000000000001').a, 9007199254740993n);
});

test('sub-byte ints take the top bits by default and advance a whole byte (spec §1.2, D4)', () => {
  assert.deepEqual(decodeValues('Speed::uint:8 Direction::uint:4 Status::uint:4', '645912'), { Speed: 100, Direction: 5, Status: 1 });
});

test('bit offsets read an MSB-first stream across bytes', () => {
  // dhtemp:1:uint:8:big-endian:5 = bits 5..0 of byte 1 + bits 7..6 of byte 2 (BeeWAN layout)
  assert.equal(decodeValues('x:1:uint:8:big-endian:5', '00ABC0').x, ((0xab & 0x3f) << 2) | (0xc0 >> 6));
  assert.equal(decodeValues('x:0:uint:12::3', 'F5A3').x, 0x5a3);
  assert.equal(decodeValues('x:0:uint:1::0', '01').x, 1);
});

test('sub-byte int is sign-extended over exactly N bits (D5)', () => {
  assert.equal(decodeValues('a::int:12', 'BBB0').a, -1093);
  assert.equal(decodeValues('a:0:int:3::2', '04').a, -4);
  assert.equal(decodeValues('a:0:int:3::2', '03').a, 3);
});

test('explicit index 0 is byte 0, and an omitted index follows the previous field even if it was explicit (D2)', () => {
  assert.deepEqual(decodeValues('a:2:uint:8 b::uint:8 c:0:uint:8', '01020304'), { a: 3, b: 4, c: 1 });
});

test('a bool after a multi-byte field reads the next unread byte; a field after bools reads their byte (D1)', () => {
  assert.deepEqual(decodeValues('x::uint:16 f::bool:0 g::bool:1 y::uint:8', '0000027F'), { x: 0, f: false, g: true, y: 2 });
});

test('explicit bit offset leaves the cursor on the last byte used', () => {
  assert.deepEqual(decodeValues('a::uint:4::7 b::uint:4::3', 'A5'), { a: 10, b: 5 });
});

test('empty frame: every field is null, with a warning each', () => {
  const out = decodeToJsonObject('a::uint:8 b::bool:0 s::char:2 f::float:32', '');
  assert.deepEqual(out.fields, { a: null, b: null, s: null, f: null });
  assert.deepEqual(
    out.warnings.map(w => w.code),
    ['SFG102', 'SFG102', 'SFG102', 'SFG102'],
  );
});

test('a field that does not fit the frame is null (D11); the others decode', () => {
  assert.deepEqual(decodeToJsonObject('a::uint:8 b::uint:16', '0102').fields, { a: 1, b: null });
});

test('a frame over 12 bytes is decoded with a warning (D11)', () => {
  const out = decodeToJsonObject('a::uint:8', '00112233445566778899AABBCC');
  assert.equal(out.fields.a, 0);
  assert.deepEqual(
    out.warnings.map(w => w.code),
    ['SFG101'],
  );
});

test('float32 renders as the shortest float32 decimal in JSON (D7)', () => {
  const out = decodeToJsonObject('c::float:32', '3F58BA82');
  assert.equal(out.fields.c, 0.8465959);
});

test('float NaN and Infinity render as null with a warning (D7)', () => {
  const out = decodeToJsonObject('a::float:32 b::float:64', '7FC000007FF0000000000000');
  assert.deepEqual(out.fields, { a: null, b: null });
  assert.deepEqual(
    out.warnings.map(w => w.code),
    ['SFG104', 'SFG104'],
  );
});

test('char decodes Latin-1 and warns outside printable ASCII (D6)', () => {
  const out = decodeToJsonObject('s::char:3', '41E900');
  assert.equal(out.fields.s, 'A\u00e9\u0000');
  assert.deepEqual(
    out.warnings.map(w => w.code),
    ['SFG103'],
  );
});

test('little-endian 24/48-bit and float64', () => {
  assert.equal(decodeValues('a::uint:24:little-endian', '563412').a, 0x123456);
  assert.equal(decodeValues('a::uint:48:little-endian', '060504030201').a, 0x010203040506);
  assert.equal(decodeValues('a::float:64', '400921FB54442D18').a, Math.PI);
});

test('a field with a grammar error is not decoded, and does not stop the others', () => {
  const grammar = analyze('a::uint:8 b::uint:32:2 c::uint:8');
  const values = grammar.decoder.decode(Uint8Array.from([1, 2, 3, 4, 5, 6])).values;
  assert.equal(values[0], 1);
  assert.equal(values[1], undefined);
  assert.equal(values[2], 6);
});
