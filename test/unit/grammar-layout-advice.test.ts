import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyzeGrammar } from '../../server/src/core/grammar/analyze';
import { describeBits } from '../../server/src/core/grammar/layoutAdvice';
import type { OffsetEdit, Problem } from '../../server/src/core/problem';
import { createLanguageService } from '../../server/src/core/languageService';
import { MemoryHost } from './helpers/features';

const LAYOUT_CODES = new Set(['SFG019', 'SFG027', 'SFG028']);

function layoutProblems(text: string): Problem[] {
  return analyzeGrammar(text).problems.filter(p => LAYOUT_CODES.has(p.code));
}

function only(text: string, code: string): Problem {
  const found = layoutProblems(text);
  assert.deepEqual(
    found.map(p => p.code),
    [code],
    `${text}: ${found.map(p => p.message).join(' | ')}`,
  );
  return found[0]!;
}

function fieldText(text: string, p: Problem): string {
  return text.slice(p.start, p.end);
}

function relatedTexts(text: string, p: Problem): string[] {
  return (p.related ?? []).map(r => text.slice(r.start, r.end));
}

function apply(text: string, edits: readonly OffsetEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** Configs deployed against the real backend (spec vectors, device makers' READMEs, this repo's examples). */
const REAL_CONFIGS = [
  'int1::uint:8 int2::uint:8',
  'b1::bool:7 b2::bool:6 i1:1:uint:16',
  'b1::bool:7 b2::bool:6 i1:1:uint:16:little-endian i2::uint:8',
  'str::char:6 i1::uint:16 i2::uint:32',
  'lightAmbi::uint:16 temperature:2:int:8',
  'Battery::uint:8 pH::uint:16:little-endian Conductivity::float:32:little-endian DO::uint:16:little-endian Temp::uint:16:little-endian',
  'int1::uint:8 int2:1:uint:16 int3:3:uint:16:little-endian int4:5:uint:32 int5:9:uint:32:little-endian int6:13:uint:48 int7:19:uint:48:little-endian',
  'message::char:12',
  'b1:0:bool:7 b2:0:bool:6 b3:0:bool:5 b4:0:bool:4 b5:0:bool:3 b6:0:bool:2 b7:0:bool:1 b8:0:bool:0',
  'status::uint:8 i1::uint:16 i2::uint:16 i3:1:uint:16',
  'counter::uint:32  param1::uint:32 param2::uint:8 tempDegreesCelsius::uint:8  voltage::uint:16',
  'gforce::uint:8 lat::uint:8 lon::uint:16',
  'Speed::uint:8 Direction::uint:4 Status:1:uint:4::3',
  'Speed::uint:8 Direction::uint:4:big-endian:7 Status::uint:4::3',
  'battery:0:uint:5 reserved:0:uint:3:big-endian:2 mode:1:uint:5 button:1:bool:2 temp:1:uint:10:big-endian:1 humidity:3:uint:8',
  'battery:0:uint:5 reserved:0:uint:3:big-endian:2 mode:1:uint:5 button:1:bool:2 spare:1:uint:2:big-endian:1 light:2:uint:16',
  'x::uint:8 f::bool:0 y::uint:8',
  'humidity::char:2 temperature::char:2',
  'Device_Type::uint:8 Firmware_Version_Battery_status_byte::uint:8 Voltage_Value::uint:16:little-endian',
  // TECA water level: the bools sit in byte 10, which SumBoles then reads whole.
  's1::uint:24 s2::uint:24 s3::uint:16 s4::uint:16 reboot::bool:7 b6::bool:6 b5::bool:5 b4::bool:4 b3::bool:3 b2::bool:2 b1::bool:0 SumBoles::uint:8 bat::uint:8',
  // BeeWAN hive: a byte read across a byte boundary on purpose.
  'weight:0:uint:10 dhtemp:1:uint:8:big-endian:5 hum:2:uint:6:big-endian:5',
  'temp::uint:8 humidity::uint:8 lum::uint:8 voltage::uint:16',
];

describe('layout analysis: bits two fields both read', () => {
  it('a field after bools of the same byte re-reads their bits (cursor rule)', () => {
    const text = 'a::bool:7 b::bool:6 c::bool:5 mode::uint:4';
    const p = only(text, 'SFG028');
    assert.equal(fieldText(text, p), 'mode::uint:4');
    assert.deepEqual(relatedTexts(text, p), ['a::bool:7', 'b::bool:6', 'c::bool:5']);
    assert.match(p.message, /bool never moves the cursor/);
  });

  it('a field sharing bits with many names the first three, in document order, and counts the others', () => {
    const text = 'a::bool:7 b::bool:6 c::bool:5 d::bool:4 e::bool:3 mode::uint:6';
    const p = only(text, 'SFG028');
    assert.equal(fieldText(text, p), 'mode::uint:6');
    assert.deepEqual(relatedTexts(text, p), ['a::bool:7', 'b::bool:6', 'c::bool:5']);
    assert.match(p.message, /\(`a`\), bit 6 of byte 0 \(`b`\), bit 5 of byte 0 \(`c`\) and bits of 2 more fields/);
    const one = only('a::bool:7 b::bool:6 c::bool:5 d::bool:4 mode::uint:6', 'SFG028');
    assert.match(one.message, /\(`c`\) and bits of 1 more field\./);
  });

  it('a field with an explicit index inside a multi-byte field', () => {
    const text = 'lat::int:32 lon::int:32 temp:6:int:16';
    const p = only(text, 'SFG027');
    assert.equal(fieldText(text, p), 'temp:6:int:16');
    assert.deepEqual(relatedTexts(text, p), ['lon::int:32']);
    assert.match(p.message, /bytes 6-7/);
  });

  it('a field after one with an explicit bit offset re-reads its last byte', () => {
    const text = 'a::uint:12 b:1:uint:12::3 c::uint:12';
    const p = only(text, 'SFG028');
    assert.equal(fieldText(text, p), 'c::uint:12');
    assert.deepEqual(relatedTexts(text, p), ['b:1:uint:12::3']);
    assert.match(p.message, /explicit bit offset/);
  });

  it('a field straddling bits of a multi-byte field', () => {
    const text = 'v::uint:16 x:0:uint:8::3';
    const p = only(text, 'SFG027');
    assert.match(p.message, /bits 3\.\.0 of byte 0 and bits 7\.\.4 of byte 1/);
    assert.deepEqual(relatedTexts(text, p), ['v::uint:16']);
  });

  it('a partial overlap of two sub-byte fields, and two bools on one bit', () => {
    only('a::uint:6 b:0:uint:4::3', 'SFG027');
    only('a::bool:7 b:0:bool:7', 'SFG027');
  });

  it('whole-byte aliasing is silent: a byte and its bools, a uint:16 and its two bytes, the same bytes twice', () => {
    for (const text of [
      'status::uint:8 alarm:0:bool:7',
      'alarm::bool:7 status::uint:8',
      'v::uint:16 hi:0:uint:8 lo:1:uint:8',
      'v::uint:16 lo:1:uint:4::3',
      'raw::uint:16 signed:0:int:16',
      'raw::char:2 n:0:uint:16',
    ])
      assert.deepEqual(layoutProblems(text), [], text);
  });

  it('no layout warning on any real config', () => {
    for (const text of REAL_CONFIGS) assert.deepEqual(layoutProblems(text), [], text);
  });

  it('names the bits read in at most three pieces, as a byte-by-byte reading would', () => {
    // The reading byte by byte, as the message means it: partial bytes by bits, runs of whole bytes together.
    const byByte = (start: number, end: number): string => {
      const pieces: string[] = [];
      let run: [number, number] | undefined;
      const flush = (): void => {
        if (run) pieces.push(run[0] === run[1] ? `byte ${run[0]}` : `bytes ${run[0]}-${run[1]}`);
        run = undefined;
      };
      for (let k = Math.floor(start / 8); k * 8 < end; k++) {
        const from = Math.max(start, 8 * k) - 8 * k,
          to = Math.min(end, 8 * k + 8) - 8 * k;
        if (from === 0 && to === 8) run = run ? [run[0], k] : [k, k];
        else {
          flush();
          pieces.push(7 - from === 8 - to ? `bit ${7 - from} of byte ${k}` : `bits ${7 - from}..${8 - to} of byte ${k}`);
        }
      }
      flush();
      return pieces.join(' and ');
    };
    fc.assert(
      fc.property(fc.nat(400), fc.integer({ min: 1, max: 200 }), (start, length) => {
        assert.equal(describeBits(start, start + length), byByte(start, start + length));
      }),
      { numRuns: 2000 },
    );
  });

  it('a field is flagged as overlapping exactly when it shares bits with an earlier one (whole-byte aliases aside)', () => {
    const field = fc.oneof(
      fc.record({
        type: fc.constantFrom('uint', 'int'),
        length: fc.integer({ min: 1, max: 24 }),
        index: fc.option(fc.nat(6)),
        bit: fc.option(fc.nat(7)),
      }),
      fc.record({ type: fc.constant('bool'), length: fc.nat(7), index: fc.option(fc.nat(6)), bit: fc.constant(null) }),
    );
    fc.assert(
      fc.property(fc.array(field, { minLength: 1, maxLength: 8 }), fields => {
        const text = fields
          .map((f, k) => {
            const index = f.index === null ? '' : String(f.index);
            if (f.type === 'bool') return `f${k}:${f.index ?? 0}:bool:${f.length}`;
            return `f${k}:${index}:${f.type}:${f.length}${f.bit === null ? '' : `::${f.bit}`}`;
          })
          .join(' ');
        const grammar = analyzeGrammar(text);
        const spans = grammar.layout.fields.map(l =>
          l && grammar.document.fields[l.fieldIndex]!.valid
            ? { start: l.byte * 8 + 7 - l.bit, end: l.byte * 8 + 7 - l.bit + l.bitLength }
            : undefined,
        );
        const inOneByteOf = (x: { start: number; end: number }, y: { start: number; end: number }): boolean => {
          const k = x.start >> 3;
          return (x.end - 1) >> 3 === k && y.start <= 8 * k && y.end >= 8 * k + 8;
        };
        const sameWholeBytes = (x: { start: number; end: number }, y: { start: number; end: number }): boolean =>
          x.start === y.start && x.end === y.end && x.start % 8 === 0 && x.end % 8 === 0;
        const expected = new Set<number>();
        spans.forEach((later, k) => {
          for (let j = 0; j < k && later; j++) {
            const earlier = spans[j];
            if (!earlier || earlier.end <= later.start || later.end <= earlier.start) continue;
            if (inOneByteOf(later, earlier) || inOneByteOf(earlier, later) || sameWholeBytes(earlier, later)) continue;
            expected.add(k);
          }
        });
        const flagged = new Set(
          grammar.problems
            .filter(p => p.code === 'SFG027' || p.code === 'SFG028')
            .map(p => grammar.document.fields.findIndex(f => f.token.start === p.start)),
        );
        assert.deepEqual([...flagged].sort(), [...expected].sort(), text);
      }),
      { numRuns: 1500 },
    );
  });

  // The timeout only turns the old hang (a loop over every byte) into a failure.
  it('a char field of billions of bytes is described, not walked byte by byte (it froze the checker)', { timeout: 60_000 }, () => {
    const found = layoutProblems('a::char:10000000000 b:5:uint:16');
    assert.deepEqual(
      found.map(p => p.code),
      ['SFG027'],
    );
    assert.equal(found[0]!.related?.[0]?.message, '`a` reads bytes 0-9999999999');
    assert.equal(describeBits(3, 8 * 10_000_000_000 + 5), 'bits 4..0 of byte 0 and bytes 1-9999999999 and bits 7..3 of byte 10000000000');
  });

  it('the editor shows the other field as related information', () => {
    const host = new MemoryHost({ 'g.sfgrammar': 'lat::int:32 lon::int:32\ntemp:6:int:16' });
    const service = createLanguageService(host);
    const d = service.doValidation(host.document('g.sfgrammar')).find(x => x.code === 'SFG027')!;
    assert.equal(d.relatedInformation?.length, 1);
    assert.deepEqual(d.relatedInformation![0]!.location.range, { start: { line: 0, character: 12 }, end: { line: 0, character: 23 } });
    assert.match(d.relatedInformation![0]!.message, /`lon` reads bytes 4-7/);
  });
});

describe('layout quick fixes', () => {
  it('a cursor overlap is fixed by reading after the field, preferred', () => {
    const text = 'a::uint:12 b:1:uint:12::3 c::uint:12';
    const fix = only(text, 'SFG028').data!.fixes![0]!;
    assert.equal(apply(text, fix.edits), 'a::uint:12 b:1:uint:12::3 c:3:uint:12');
    assert.equal(fix.preferred, true);
  });

  it('after bools: reads the next free bits and keeps the following field where it was', () => {
    const text = 'a::bool:7 b::bool:6 c::bool:5 mode::uint:4 next::uint:8';
    const fix = layoutProblems(text).find(p => p.code === 'SFG028')!.data!.fixes![0]!;
    assert.equal(apply(text, fix.edits), 'a::bool:7 b::bool:6 c::bool:5 mode:0:uint:4::4 next:1:uint:8');
    assert.match(fix.title, /keep `next` at byte 1/);
    assert.equal(fix.preferred, true);
  });

  it('an explicit index is offered a fix, never preferred: the index may be meant', () => {
    const text = 'lat::int:32 lon::int:32 temp:6:int:16';
    const fix = only(text, 'SFG027').data!.fixes![0]!;
    assert.equal(apply(text, fix.edits), 'lat::int:32 lon::int:32 temp:8:int:16');
    assert.equal(fix.preferred, false);
  });

  it('SFG019: the field after the fixed one keeps its byte (speed does not re-read byte 0)', () => {
    const text = 'direction::uint:4 status::uint:4 speed::uint:8';
    const p = layoutProblems(text).find(x => x.code === 'SFG019' && fieldText(text, x) === 'status::uint:4')!;
    const fix = p.data!.fixes![0]!;
    const fixed = apply(text, fix.edits);
    assert.equal(fixed, 'direction::uint:4 status:0:uint:4::3 speed:2:uint:8');
    assert.equal(fix.title, 'Read the bits after `direction` with `status:0:uint:4::3`, and keep `speed` at byte 2');
    assert.equal(fix.preferred, true);
    const speed = analyzeGrammar(fixed).layout.fields[2]!;
    assert.equal(speed.byte, 2);
  });

  it('SFG019: a fix that puts a byte across a byte boundary is offered but not preferred', () => {
    const text = 'a::uint:4 b::uint:8';
    const fix = only(text, 'SFG019').data!.fixes![0]!;
    assert.equal(apply(text, fix.edits), 'a::uint:4 b:0:uint:8::3');
    assert.equal(fix.preferred, false);
  });

  it('SFG019: ...unless the frame already reads across byte boundaries', () => {
    const text = 'w:0:uint:8::5 a:2:uint:4 b::uint:8';
    const fix = layoutProblems(text).find(p => p.code === 'SFG019')!.data!.fixes![0]!;
    assert.equal(apply(text, fix.edits), 'w:0:uint:8::5 a:2:uint:4 b:2:uint:8::3');
    assert.equal(fix.preferred, true);
  });

  it('the editor offers the checked fix with its edits and preference', () => {
    const host = new MemoryHost({ 'g.sfgrammar': 'direction::uint:4 status::uint:4 speed::uint:8' });
    const service = createLanguageService(host);
    const document = host.document('g.sfgrammar');
    const diagnostics = service.doValidation(document).filter(d => d.code === 'SFG019');
    const actions = service.getCodeActions(document, diagnostics[0]!.range, { diagnostics: [diagnostics[0]!] });
    assert.equal(actions.length, 1);
    assert.equal(actions[0]!.isPreferred, true);
    assert.equal(actions[0]!.edit!.changes![document.uri]!.length, 2);
  });
});
