/** Syntax tree of a payload config ("custom grammar"). Offsets are into the document text. */

export interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

export type FieldType = 'bool' | 'char' | 'float' | 'uint' | 'int';
export const FIELD_TYPES: readonly FieldType[] = ['bool', 'char', 'float', 'uint', 'int'];

export function isFieldType(word: string | undefined): word is FieldType {
  return (FIELD_TYPES as readonly (string | undefined)[]).includes(word);
}

export type Endianness = 'big-endian' | 'little-endian';

/** One `name:index:type:size[:endian[:bitOffset]]` token, as written and as understood. */
export interface FieldNode {
  /** The whole field token. */
  readonly token: Token;
  /** Colon-separated parts, each with its own range: [name, index, type, size, endian, bitOffset, ...]. */
  readonly parts: readonly Token[];
  readonly name: Token;
  /** Understood meaning; undefined where the part is missing or invalid (a diagnostic says why). */
  readonly type: FieldType | undefined;
  /** Explicit byte index, or undefined when omitted (`name::type`). */
  readonly index: number | undefined;
  /** bool: bit number; char: byte count; uint/int/float: bit length. */
  readonly size: number | undefined;
  readonly endianness: Endianness;
  /** Explicit bit offset (pos 5), or undefined when not written. */
  readonly bitOffset: number | undefined;
  /** False when an error makes the field impossible to lay out or decode. */
  readonly valid: boolean;
}

/** A golden example written in a comment: `# example: C01234 => b1=true i1=4660`. */
export interface GoldenExample {
  readonly token: Token;
  readonly hex: Token;
  readonly expectations: readonly { readonly name: Token; readonly value: Token }[];
}

export interface GrammarDocument {
  readonly text: string;
  readonly fields: readonly FieldNode[];
  readonly comments: readonly Token[];
  readonly examples: readonly GoldenExample[];
  /** Marked by a `# downlink` line: an 8-byte downlink frame rather than an uplink (spec D11). */
  readonly downlink: boolean;
}
