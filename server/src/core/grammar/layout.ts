import { problem, type Problem } from '../problem';
import type { FieldNode, GrammarDocument } from './ast';

/** Where one field's bits sit in the frame. Bits are numbered 7 (MSB) to 0 (LSB) in each byte. */
export interface FieldLayout {
  readonly field: FieldNode;
  /** Position of the field in `document.fields`. */
  readonly fieldIndex: number;
  /** First byte read (explicit index, or the cursor of spec §1.2). */
  readonly byte: number;
  /** Bit of the first byte where reading starts (7 = most significant). */
  readonly bit: number;
  readonly bitLength: number;
  /** Last byte touched (inclusive). */
  readonly lastByte: number;
  readonly indexExplicit: boolean;
}

export interface LayoutOptions {
  /** Largest frame: 12 for uplink (default), 8 for a downlink grammar. */
  readonly maxBytes?: number;
}

export interface GrammarLayout {
  /** One entry per field of the document; undefined where the field cannot be laid out. */
  readonly fields: readonly (FieldLayout | undefined)[];
  readonly problems: readonly Problem[];
}

/** Bit length of a field as read from the frame, or undefined when unknown. */
export function bitLengthOf(field: FieldNode): number | undefined {
  if (field.type === undefined || field.size === undefined) return undefined;
  switch (field.type) {
    case 'bool':
      return 1;
    case 'char':
      return field.size * 8;
    default:
      return field.size;
  }
}

/**
 * Lays out every field under the cursor rules of spec §1.2 (Decisions D1, D2, D4):
 * an omitted index points at the cursor; bools never advance it; a field with an explicit bit
 * offset leaves it on its last byte ("last byte used"); any other field moves it past its last
 * byte, even a sub-byte one.
 */
export function layoutGrammar(document: GrammarDocument, options: LayoutOptions = {}): GrammarLayout {
  const maxBytes = options.maxBytes ?? 12;
  const layouts: (FieldLayout | undefined)[] = [];
  const problems: Problem[] = [];
  let cursor = 0;
  document.fields.forEach((field, fieldIndex) => {
    const bitLength = bitLengthOf(field);
    if (field.type === undefined || bitLength === undefined || field.name.text.length === 0) {
      layouts.push(undefined);
      return;
    }
    const byte = field.index ?? cursor;
    const bit = field.type === 'bool' ? field.size! : field.type === 'char' ? 7 : (field.bitOffset ?? 7);
    const lastByte = byte + Math.floor((7 - bit + bitLength - 1) / 8);
    const layout: FieldLayout = { field, fieldIndex, byte, bit, bitLength, lastByte, indexExplicit: field.index !== undefined };
    layouts.push(layout);
    if (field.type === 'bool') cursor = byte;
    else if (field.bitOffset !== undefined) cursor = lastByte;
    else cursor = lastByte + 1;
    if (lastByte >= maxBytes) {
      problems.push(
        problem(
          'SFG020',
          field.token.start,
          field.token.end,
          `\`${field.name.text}\` reads ${describeBytes(byte, lastByte)}, past the ${maxBytes}-byte ${maxBytes === 8 ? 'downlink' : 'uplink'} frame: it will always be null.`,
        ),
      );
    }
  });
  return { fields: layouts, problems };
}

export function describeBytes(first: number, last: number): string {
  return first === last ? `byte ${first}` : `bytes ${first}-${last}`;
}

/** Which bits of `byte` a layout covers, as a mask (bit 7 = 0x80). */
export function coveredMask(layout: FieldLayout, byte: number): number {
  if (byte < layout.byte || byte > layout.lastByte) return 0;
  const startInStream = (byte - layout.byte) * 8 - (7 - layout.bit); // stream index of this byte's bit 7
  let mask = 0;
  for (let b = 7; b >= 0; b--) {
    const streamIndex = startInStream + (7 - b);
    if (streamIndex >= 0 && streamIndex < layout.bitLength) mask |= 1 << b;
  }
  return mask;
}
