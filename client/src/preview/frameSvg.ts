/**
 * The picture of a frame: its bytes in rows, every bit a cell holding its value and coloured by
 * the field that reads it, and under the cells one labelled bar per field (in lanes, so that
 * overlapping fields stay apart). Output is a list of plain shapes; the webview creates them
 * with createElementNS/setAttribute/textContent, never from markup. Colours are classes
 * (client/media/preview.css), so the themes decide. Pure: no `vscode`.
 */

export interface FieldBits {
  readonly name: string;
  /** First byte read, and its first bit (7 = most significant), as `sigfox/decode` reports them. */
  readonly byte: number;
  readonly bit: number;
  readonly bitLength: number;
  /** Palette index. */
  readonly colour: number;
  /** Shown in the bar when it fits. */
  readonly value: string;
  /** Tooltip. */
  readonly detail: string;
}

export type SvgShape =
  | {
      readonly kind: 'rect';
      readonly x: number;
      readonly y: number;
      readonly width: number;
      readonly height: number;
      readonly className: string;
      readonly title?: string;
    }
  | {
      readonly kind: 'text';
      readonly x: number;
      readonly y: number;
      readonly text: string;
      readonly className: string;
      readonly anchor: 'start' | 'middle' | 'end';
      readonly title?: string;
    }
  | {
      readonly kind: 'line';
      readonly x1: number;
      readonly y1: number;
      readonly x2: number;
      readonly y2: number;
      readonly className: string;
    };

/** A field's bits within one row: bit `firstBit` of the frame (0 = most significant bit of byte 0) onwards. */
export interface FieldSegment {
  readonly field: number;
  readonly row: number;
  readonly firstBit: number;
  readonly bitCount: number;
  readonly lane: number;
}

export interface FramePicture {
  readonly width: number;
  readonly height: number;
  readonly shapes: readonly SvgShape[];
  readonly segments: readonly FieldSegment[];
  /** Bytes drawn: the frame, plus any a field reaches past its end (drawn as missing). */
  readonly byteCount: number;
  readonly bytesPerRow: number;
}

export const PALETTE_SIZE = 8;
export const BYTES_PER_ROW = 4;
/** Row widths offered to the webview, which draws the widest that fits its width. */
export const ROW_CHOICES: readonly number[] = [1, 2, 4, 8];
const CELL_WIDTH = 22;
const CELL_HEIGHT = 24;
const BYTE_WIDTH = CELL_WIDTH * 8;
const MARGIN = 4;
const HEADER_HEIGHT = 30;
const LANE_HEIGHT = 22;
const ROW_GAP = 14;
/** Average advance of the label font (11px), generous, so that a label never spills out of its bar. */
const CHAR_WIDTH = 6.8;

export function colourClass(colour: number): string {
  return `f${colour % PALETTE_SIZE}`;
}

/** The picture at each row width of ROW_CHOICES that makes a difference (no wider than the frame needs). */
export function layoutFrameChoices(fields: readonly FieldBits[], frameBytes: number, frameHex: string): FramePicture[] {
  const byteCount = drawnBytes(fields, frameBytes);
  const useful = ROW_CHOICES.filter((_, i) => i === 0 || ROW_CHOICES[i - 1]! < byteCount);
  return useful.map(n => layoutFrame(fields, frameBytes, frameHex, n));
}

function drawnBytes(fields: readonly FieldBits[], frameBytes: number): number {
  const reach = fields.reduce((max, f) => Math.max(max, Math.ceil((f.byte * 8 + 7 - f.bit + f.bitLength) / 8)), 0);
  return Math.max(frameBytes, reach);
}

/** @param frameHex upper-case hex of the frame (`frameBytes` bytes). */
export function layoutFrame(fields: readonly FieldBits[], frameBytes: number, frameHex: string, bytesPerRow = BYTES_PER_ROW): FramePicture {
  const byteCount = drawnBytes(fields, frameBytes);
  if (byteCount === 0) return { width: 0, height: 0, shapes: [], segments: [], byteCount: 0, bytesPerRow };
  const rows = Math.ceil(byteCount / bytesPerRow);
  const bitsPerRow = bytesPerRow * 8;

  // Which field colours each bit: the first one that reads it.
  const owner = new Array<number>(byteCount * 8).fill(-1);
  fields.forEach((f, k) => {
    const first = f.byte * 8 + 7 - f.bit;
    for (let b = first; b < first + f.bitLength; b++) if (owner[b] === -1) owner[b] = k;
  });

  // Cut each field at row ends, then give each piece the first lane free over its bits.
  const segments: FieldSegment[] = [];
  const laneEnds: number[][] = Array.from({ length: rows }, () => []);
  const pieces = fields
    .flatMap((f, k) => {
      const out: Omit<FieldSegment, 'lane'>[] = [];
      let bit = f.byte * 8 + 7 - f.bit;
      let left = f.bitLength;
      while (left > 0) {
        const row = Math.floor(bit / bitsPerRow);
        const count = Math.min(left, (row + 1) * bitsPerRow - bit);
        out.push({ field: k, row, firstBit: bit, bitCount: count });
        bit += count;
        left -= count;
      }
      return out;
    })
    .sort((a, b) => a.row - b.row || a.firstBit - b.firstBit || a.field - b.field);
  for (const piece of pieces) {
    const ends = laneEnds[piece.row]!;
    let lane = ends.findIndex(end => end <= piece.firstBit);
    if (lane < 0) lane = ends.length;
    ends[lane] = piece.firstBit + piece.bitCount;
    segments.push({ ...piece, lane });
  }

  const shapes: SvgShape[] = [];
  const rowBytes = Math.min(byteCount, bytesPerRow);
  const width = MARGIN * 2 + rowBytes * BYTE_WIDTH;
  let y = MARGIN;
  for (let row = 0; row < rows; row++) {
    const lanes = Math.max(1, laneEnds[row]!.length);
    const cellsY = y + HEADER_HEIGHT;
    for (let byte = row * bytesPerRow; byte < Math.min(byteCount, (row + 1) * bytesPerRow); byte++) {
      const x0 = MARGIN + (byte % bytesPerRow) * BYTE_WIDTH;
      const inFrame = byte < frameBytes;
      const hex = inFrame ? frameHex.slice(byte * 2, byte * 2 + 2) : '';
      shapes.push({
        kind: 'text',
        x: x0 + BYTE_WIDTH / 2,
        y: y + 11,
        anchor: 'middle',
        className: inFrame ? 'byte-label' : 'byte-label missing',
        text: inFrame ? `byte ${byte} · 0x${hex}` : `byte ${byte} · not in frame`,
      });
      const value = inFrame ? parseInt(hex, 16) : 0;
      for (let i = 0; i < 8; i++) {
        const x = x0 + i * CELL_WIDTH;
        const b = byte * 8 + i;
        const k = owner[b]!;
        shapes.push({ kind: 'text', x: x + CELL_WIDTH / 2, y: y + 25, anchor: 'middle', className: 'bit-index', text: String(7 - i) });
        const fill = !inFrame ? 'missing' : k >= 0 ? colourClass(fields[k]!.colour) : 'unused';
        shapes.push({
          kind: 'rect',
          x,
          y: cellsY,
          width: CELL_WIDTH,
          height: CELL_HEIGHT,
          className: `cell ${fill}`,
          ...(k >= 0 ? { title: fields[k]!.detail } : { title: inFrame ? 'not read by any field' : 'past the end of the frame' }),
        });
        shapes.push({
          kind: 'text',
          x: x + CELL_WIDTH / 2,
          y: cellsY + 16,
          anchor: 'middle',
          className: inFrame ? 'bit' : 'bit missing',
          text: inFrame ? String((value >> (7 - i)) & 1) : '·',
        });
      }
      if (byte % bytesPerRow !== 0) {
        shapes.push({ kind: 'line', x1: x0, y1: cellsY - 4, x2: x0, y2: cellsY + CELL_HEIGHT + 4, className: 'byte-divider' });
      }
    }
    for (const s of segments.filter(seg => seg.row === row)) {
      const f = fields[s.field]!;
      const x = MARGIN + (s.firstBit % bitsPerRow) * CELL_WIDTH;
      const w = s.bitCount * CELL_WIDTH;
      const barY = cellsY + CELL_HEIGHT + 4 + s.lane * LANE_HEIGHT;
      shapes.push({
        kind: 'rect',
        x: x + 1,
        y: barY,
        width: w - 2,
        height: LANE_HEIGHT - 4,
        className: `bar ${colourClass(f.colour)}`,
        title: f.detail,
      });
      const label = fitLabel([`${f.name} = ${f.value}`, f.name], w - 6);
      if (label)
        shapes.push({ kind: 'text', x: x + w / 2, y: barY + 13, anchor: 'middle', className: 'bar-label', text: label, title: f.detail });
    }
    y = cellsY + CELL_HEIGHT + 4 + lanes * LANE_HEIGHT + ROW_GAP;
  }
  return { width, height: y - ROW_GAP + MARGIN, shapes, segments, byteCount, bytesPerRow };
}

/** The first candidate that fits `width`, else the last one cut with an ellipsis; '' when not even one character fits. */
export function fitLabel(candidates: readonly string[], width: number): string {
  const max = Math.floor(width / CHAR_WIDTH);
  for (const c of candidates) if ([...c].length <= max) return c;
  const last = [...candidates[candidates.length - 1]!];
  return max >= 2 ? `${last.slice(0, max - 1).join('')}…` : '';
}
