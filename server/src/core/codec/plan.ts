import type { AnalyzedGrammar } from '../grammar/analyze';
import { DOWNLINK_BYTES } from '../grammar/analyze';
import type { FieldType } from '../grammar/ast';
import type { FieldLayout } from '../grammar/layout';

/**
 * The compiled layout restated for encoders and code generators: each field as runs of frame
 * bits holding its value, most significant first. Absolute bit positions count from bit 7 of
 * byte 0 (position 0) towards bit 0 of the last byte, the MSB-first stream of spec §1.3.
 * Every target (core encoder, JavaScript codecs, C) reads and writes through these runs, so
 * they all agree with the decoder's cursor, bit-offset and byte-order rules by construction.
 */

export interface BitRun {
  /** Absolute bit position of the run's first (most significant) bit. */
  readonly position: number;
  readonly length: number;
}

export interface CodecField {
  readonly name: string;
  readonly fieldIndex: number;
  readonly type: FieldType;
  /** Bits of the value (bool 1, char 8 per character). */
  readonly bitLength: number;
  /** The value's bits, most significant first, as runs of consecutive frame bits. */
  readonly runs: readonly BitRun[];
  readonly firstByte: number;
  readonly lastByte: number;
  /** char: number of characters. */
  readonly charCount: number;
}

export interface CodecPlan {
  readonly fields: readonly CodecField[];
  /** Bytes a full frame takes: the last byte any field touches, plus one (8 for a downlink config). */
  readonly frameBytes: number;
  /** The Sigfox limit the frame is checked against: 12 uplink (or the setting), 8 downlink. */
  readonly maxBytes: number;
  readonly downlink: boolean;
}

export interface PlanOptions {
  /** Largest uplink (the `sigfox.maxUplinkBytes` setting); default 12. */
  readonly maxUplinkBytes?: number;
  /** Treat the config as downlink even without its `# downlink` line (`encode --downlink`). */
  readonly downlink?: boolean;
}

/** The plan of a payload config without errors; fields that cannot be laid out are left out. */
export function planCodec(grammar: AnalyzedGrammar, options: PlanOptions = {}): CodecPlan {
  const fields: CodecField[] = [];
  grammar.layout.fields.forEach((layout, k) => {
    const field = grammar.document.fields[k]!;
    if (!layout || !field.valid || field.type === undefined) return;
    if (grammar.fieldIndexByName.get(field.name.text) !== k) return; // a duplicate name is never referenced
    fields.push({
      name: field.name.text,
      fieldIndex: k,
      type: field.type,
      bitLength: layout.bitLength,
      runs: runsOf(layout),
      firstByte: layout.byte,
      lastByte: layout.lastByte,
      charCount: field.type === 'char' ? field.size! : 0,
    });
  });
  const downlink = grammar.document.downlink || options.downlink === true;
  const used = fields.reduce((n, f) => Math.max(n, f.lastByte + 1), 0);
  return {
    fields,
    frameBytes: downlink ? Math.max(used, DOWNLINK_BYTES) : used,
    maxBytes: downlink ? DOWNLINK_BYTES : (options.maxUplinkBytes ?? 12),
    downlink,
  };
}

function runsOf(layout: FieldLayout): BitRun[] {
  const f = layout.field;
  const start = layout.byte * 8 + (7 - layout.bit);
  const littleEndian =
    f.endianness === 'little-endian' &&
    (f.type === 'float' || ((f.type === 'uint' || f.type === 'int') && layout.bitLength > 8 && layout.bitLength % 8 === 0));
  if (!littleEndian) return [{ position: start, length: layout.bitLength }];
  // Little-endian: the decoder takes byte i of the stream as the value's i-th least significant byte.
  const runs: BitRun[] = [];
  for (let i = layout.bitLength / 8 - 1; i >= 0; i--) runs.push({ position: start + 8 * i, length: 8 });
  return runs;
}

/** Smallest and largest integer a uint/int field holds. */
export function integerRange(field: Pick<CodecField, 'type' | 'bitLength'>): { readonly min: bigint; readonly max: bigint } {
  const n = BigInt(field.bitLength);
  return field.type === 'int' ? { min: -(1n << (n - 1n)), max: (1n << (n - 1n)) - 1n } : { min: 0n, max: (1n << n) - 1n };
}

/** What a field takes, for error messages: `uint:8, 0..255`. */
export function describeRange(field: CodecField): string {
  switch (field.type) {
    case 'bool':
      return 'bool, true or false';
    case 'char':
      return `char:${field.charCount}, exactly ${field.charCount} character${field.charCount === 1 ? '' : 's'} (Latin-1)`;
    case 'float':
      return `float:${field.bitLength}, a number`;
    default: {
      const { min, max } = integerRange(field);
      return `${field.type}:${field.bitLength}, an integer ${min}..${max}`;
    }
  }
}
