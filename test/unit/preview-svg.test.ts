/** The picture of the frame's bits (client/src/preview/frameSvg.ts). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  fitLabel,
  layoutFrame,
  layoutFrameChoices,
  PALETTE_SIZE,
  ROW_CHOICES,
  type FieldBits,
  type FramePicture,
} from '../../client/src/preview/frameSvg';

function bits(name: string, byte: number, bit: number, bitLength: number, colour: number): FieldBits {
  return { name, byte, bit, bitLength, colour, value: '1', detail: `${name} detail` };
}

/** Frame bit indexes (0 = most significant bit of byte 0) the field reads. */
function fieldBits(f: FieldBits): number[] {
  const first = f.byte * 8 + 7 - f.bit;
  return Array.from({ length: f.bitLength }, (_, i) => first + i);
}

function coveredBits(picture: FramePicture, field: number): number[] {
  return picture.segments
    .filter(s => s.field === field)
    .flatMap(s => Array.from({ length: s.bitCount }, (_, i) => s.firstBit + i))
    .sort((a, b) => a - b);
}

const cells = (p: FramePicture) => p.shapes.filter(s => s.kind === 'rect' && s.className.startsWith('cell '));
const texts = (p: FramePicture) => p.shapes.flatMap(s => (s.kind === 'text' ? [s.text] : []));

describe('frame picture', () => {
  const room = [bits('temp', 0, 7, 8, 0), bits('humidity', 1, 7, 8, 1), bits('lum', 2, 7, 8, 2), bits('voltage', 3, 7, 16, 3)];

  it('draws one cell per bit, holding the bit, coloured by the field that reads it', () => {
    const p = layoutFrame(room, 5, '1A2B3C0E74');
    assert.equal(p.byteCount, 5);
    const all = cells(p);
    assert.equal(all.length, 40);
    assert.deepEqual(
      all.slice(0, 8).map(c => c.kind === 'rect' && c.className),
      Array(8).fill('cell f0'),
    );
    assert.ok(all.slice(24).every(c => c.kind === 'rect' && c.className === 'cell f3'));
    const bitTexts = p.shapes
      .filter(s => s.kind === 'text' && s.className === 'bit')
      .map(s => s.kind === 'text' && s.text)
      .join('');
    assert.equal(bitTexts, '0001101000101011001111000000111001110100');
    assert.ok(texts(p).includes('byte 0 · 0x1A'));
  });

  it("covers each field's bits exactly, cutting fields at row ends", () => {
    const p = layoutFrame(room, 5, '1A2B3C0E74');
    room.forEach((f, k) => assert.deepEqual(coveredBits(p, k), fieldBits(f), f.name));
    // voltage spans bytes 3 and 4: row 0 ends after byte 3.
    assert.deepEqual(
      p.segments.filter(s => s.field === 3).map(s => [s.row, s.bitCount]),
      [
        [0, 8],
        [1, 8],
      ],
    );
  });

  it('puts overlapping fields in separate lanes', () => {
    const p = layoutFrame([bits('all', 0, 7, 8, 0), bits('flag', 0, 7, 1, 1), bits('low', 0, 3, 4, 2)], 1, 'F0');
    const lanes = p.segments.map(s => s.lane);
    assert.deepEqual(lanes, [0, 1, 1]);
  });

  it('draws bytes a field reaches past the frame as missing, not as zeros', () => {
    const p = layoutFrame(room, 2, '1A2B');
    assert.equal(p.byteCount, 5);
    const missing = cells(p).filter(c => c.kind === 'rect' && c.className === 'cell missing');
    assert.equal(missing.length, 24);
    assert.ok(texts(p).includes('byte 4 · not in frame'));
  });

  it('marks bits no field reads', () => {
    const p = layoutFrame([bits('hi', 0, 7, 4, 0)], 1, 'F0');
    assert.equal(cells(p).filter(c => c.kind === 'rect' && c.className === 'cell unused').length, 4);
  });

  it('is empty for an empty frame without fields', () => {
    assert.deepEqual(layoutFrame([], 0, ''), { width: 0, height: 0, shapes: [], segments: [], byteCount: 0, bytesPerRow: 4 });
  });

  it('cycles the palette', () => {
    const many = Array.from({ length: PALETTE_SIZE + 2 }, (_, k) => bits(`f${k}`, k, 7, 8, k));
    const p = layoutFrame(many, many.length, '00'.repeat(many.length));
    const bars = p.shapes.filter(s => s.kind === 'rect' && s.className.startsWith('bar '));
    assert.deepEqual(bars.map(b => b.kind === 'rect' && b.className).slice(PALETTE_SIZE), ['bar f0', 'bar f1']);
  });

  it('keeps labels inside their bar, and hostile names as plain strings', () => {
    assert.equal(fitLabel(['temp = 26', 'temp'], 170), 'temp = 26');
    assert.equal(fitLabel(['temperature = 26', 'temperature'], 70), 'temperatu…');
    assert.equal(fitLabel(['x = 1', 'x'], 6), '');
    const hostile = '</script><img src=x onerror=alert(1)>';
    const p = layoutFrame([{ ...bits(hostile, 0, 7, 32, 0), value: hostile }], 4, '00000000');
    assert.ok(
      p.shapes.some(s => s.kind === 'text' && s.text.startsWith('</script>')),
      'a label is text data, drawn with textContent',
    );
  });

  it('offers narrower and wider rows, only as wide as the frame needs', () => {
    const choices = layoutFrameChoices(room, 5, '1A2B3C0E74');
    assert.deepEqual(
      choices.map(p => p.bytesPerRow),
      [1, 2, 4, 8],
    );
    assert.deepEqual(
      choices.map(p => p.width),
      [184, 360, 712, 888],
    );
    assert.ok(choices[0]!.height > choices[3]!.height);
    assert.deepEqual(
      layoutFrameChoices(room.slice(0, 2), 2, '1A2B').map(p => p.bytesPerRow),
      [1, 2],
    );
    assert.deepEqual(
      layoutFrameChoices([], 0, '').map(p => p.bytesPerRow),
      [1],
    );
  });

  it('property: every field of any layout is covered exactly, within the picture', () => {
    const field = fc.record({
      byte: fc.integer({ min: 0, max: 11 }),
      bit: fc.integer({ min: 0, max: 7 }),
      bitLength: fc.integer({ min: 1, max: 64 }),
    });
    fc.assert(
      fc.property(
        fc.array(field, { maxLength: 8 }),
        fc.integer({ min: 0, max: 12 }),
        fc.constantFrom(...ROW_CHOICES),
        (raw, frameBytes, bytesPerRow) => {
          const fields = raw.map((f, k) => bits(`f${k}`, f.byte, f.bit, f.bitLength, k));
          const p = layoutFrame(fields, frameBytes, '00'.repeat(frameBytes), bytesPerRow);
          fields.forEach((f, k) => assert.deepEqual(coveredBits(p, k), fieldBits(f)));
          for (const s of p.segments) {
            assert.ok((s.firstBit % (bytesPerRow * 8)) + s.bitCount <= bytesPerRow * 8, 'a segment stays in its row');
          }
          for (const s of p.shapes) {
            if (s.kind === 'rect') assert.ok(s.x >= 0 && s.x + s.width <= p.width && s.y + s.height <= p.height, 'inside the picture');
          }
        },
      ),
    );
  });
});
