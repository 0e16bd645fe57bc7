import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GRAMMAR_CODES } from '../../server/src/core/grammar/codes';
import { problemsOf, coveredText, decodeToJsonObject } from './helpers/grammar';
import { parseHex } from '../../server/src/core/hex';

/** One case per code: the text, the code, the text the range must cover, words the message must say. */
const CASES: { code: string; text: string; covers: string; says: RegExp; options?: { inline?: boolean; maxBytes?: number } }[] = [
  { code: 'SFG001', text: 'temp:uint a::uint:8', covers: 'temp:uint', says: /incomplete.*temp::uint:8/ },
  { code: 'SFG002', text: '::uint:8', covers: ':', says: /no name/ },
  { code: 'SFG003', text: 'temp\u00e9::uint:8', covers: 'temp\u00e9', says: /letters, digits/ },
  { code: 'SFG004', text: 'a#b::uint:8', covers: 'a#b', says: /customData#/ },
  { code: 'SFG005', text: 't::uint:8\nt::uint:8', covers: 't', says: /already defined on line 1/ },
  { code: 'SFG006', text: 'temp:uint:8', covers: 'uint', says: /temp::uint:8/ },
  { code: 'SFG007', text: 't::uint8:8', covers: 'uint8', says: /did you mean `uint`/ },
  { code: 'SFG008', text: 't::uint', covers: 'uint', says: /bit length/ },
  { code: 'SFG009', text: 'b::bool:8', covers: '8', says: /0 .* to 7/ },
  { code: 'SFG010', text: 's::char:0', covers: '0', says: /length in bytes/ },
  { code: 'SFG011', text: 'f::float:16', covers: '16', says: /32 or 64/ },
  { code: 'SFG012', text: 'n::uint:65', covers: '65', says: /1 to 64/ },
  { code: 'SFG013', text: 'i2::uint:32:2', covers: '2', says: /bit offset goes in the next slot: `i2::uint:32::2`/ },
  { code: 'SFG014', text: 'n::uint:4::8', covers: '8', says: /0 to 7/ },
  { code: 'SFG015', text: 'n::uint:12:little-endian', covers: 'little-endian', says: /multiple of 8/ },
  { code: 'SFG016', text: 'n::uint:8:little-endian', covers: 'little-endian', says: /changes nothing/ },
  { code: 'SFG017', text: 's::char:2::3', covers: '::3', says: /char takes only a byte count/ },
  { code: 'SFG018', text: 'b::bool:7:1', covers: ':1', says: /bool takes only its bit/ },
  { code: 'SFG019', text: 'Direction::uint:4 Status::uint:4', covers: 'Status::uint:4', says: /Status:0:uint:4::3/ },
  { code: 'SFG020', text: 'a:12:uint:8', covers: 'a:12:uint:8', says: /past the 12-byte uplink/ },
  { code: 'SFG021', text: 'n::uint:16:little-endian:3', covers: '3', says: /undefined/ },
  { code: 'SFG022', text: 'a::uint:8  b::uint:8', covers: 'a::uint:8  b::uint:8', says: /canonical/, options: { inline: true } },
  { code: 'SFG023', text: '# nothing yet\n', covers: '', says: /no fields/ },
  { code: 'SFG024', text: 'a::uint:8\n# example: 0G1', covers: '# example: 0G1', says: /# example: HEX => name=value/ },
  { code: 'SFG025', text: 'a::uint:8\n# example: 01 => a=2', covers: '2', says: /decodes to 1, not 2/ },
  { code: 'SFG026', text: 't::UINT:8', covers: 'UINT', says: /lower case/ },
  { code: 'SFG027', text: 'lat::int:32 lon::int:32 temp:6:int:16', covers: 'temp:6:int:16', says: /bytes 6-7 that `lon` reads/ },
  { code: 'SFG029', text: 'temp::uint:8, hum::uint:8', covers: ',', says: /separated by white space, not by commas/ },
  { code: 'SFG028', text: 'a::bool:7 b::bool:6 mode::uint:4', covers: 'mode::uint:4', says: /no byte index.*mode:0:uint:4::5/ },
];

test('every grammar code has a case below (one test per code)', () => {
  const structural = Object.keys(GRAMMAR_CODES).filter(c => Number(c.slice(3)) < 100);
  assert.deepEqual(CASES.map(c => c.code).sort(), structural.sort());
});

for (const c of CASES) {
  test(`${c.code} ${GRAMMAR_CODES[c.code as keyof typeof GRAMMAR_CODES].name}: ${JSON.stringify(c.text)}`, () => {
    const problems = problemsOf(c.text, c.options);
    const found = problems.filter(p => p.code === c.code);
    assert.equal(found.length, 1, `expected one ${c.code}, got ${JSON.stringify(problems.map(p => [p.code, p.message]))}`);
    const p = found[0]!;
    assert.equal(coveredText(c.text, p), c.covers);
    assert.match(p.message, c.says);
    assert.ok(p.start >= 0 && p.end <= c.text.length && p.start <= p.end);
  });
}

test('decode-time codes: SFG101 frame too long, SFG102 not in frame, SFG103 non-printable, SFG104 NaN, SFG105 bad hex', () => {
  assert.deepEqual(
    decodeToJsonObject('a::uint:8', '00'.repeat(13)).warnings.map(w => w.code),
    ['SFG101'],
  );
  assert.deepEqual(
    decodeToJsonObject('a::uint:16', '00').warnings.map(w => w.code),
    ['SFG102'],
  );
  assert.deepEqual(
    decodeToJsonObject('s::char:1', '07').warnings.map(w => w.code),
    ['SFG103'],
  );
  assert.deepEqual(
    decodeToJsonObject('f::float:32', 'FF800000').warnings.map(w => w.code),
    ['SFG104'],
  );
  const bad = parseHex('12 3G');
  assert.equal(bad.ok, false);
});

test('one bad field never hides the others', () => {
  const codes = problemsOf('a::uint:99 b::flot:8 c:x:uint:8 d::bool:9').map(p => p.code);
  assert.deepEqual(codes, ['SFG012', 'SFG007', 'SFG006', 'SFG009']);
});

test('a valid config has no problems, whatever the white space and comments (D3)', () => {
  assert.deepEqual(problemsOf('# room sensor\ntemp::uint:8\t humidity::uint:8 # %\n\n  lum::uint:8\nvoltage::uint:16 # mV\n'), []);
});

test('inline payloadConfig that is canonical is clean; the fix is the canonical one-liner', () => {
  assert.deepEqual(problemsOf('a::uint:8 b::uint:8', { inline: true }), []);
  const [p] = problemsOf('a::uint:8\nb::uint:8 # c', { inline: true });
  assert.deepEqual(p!.data?.replacements, ['a::uint:8 b::uint:8']);
});

test('the D4 warning is silent when the skipped bits are read by another field', () => {
  assert.deepEqual(problemsOf('Direction::uint:4 Status::uint:4 rest:0:uint:4::3'), []);
  assert.deepEqual(problemsOf('Direction::uint:4 Status:0:uint:4::3'), []);
});

test('a downlink grammar (8 bytes) warns from byte 8 on', () => {
  assert.deepEqual(
    problemsOf('a:8:uint:8', { maxBytes: 8 }).map(p => p.code),
    ['SFG020'],
  );
  assert.deepEqual(problemsOf('a:7:uint:8', { maxBytes: 8 }), []);
});

test('golden examples that pass produce no problem, including floats, strings and null', () => {
  const text = 'a::uint:8 f::float:32 s::char:2 n::uint:8\n# example: 01 41BC0000 4142 => a=1 f=23.5 s="AB" n=null\n';
  assert.deepEqual(problemsOf(text.replace(' 41BC0000 4142', '41BC00004142')), []);
});
