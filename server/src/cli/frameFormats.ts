import { escapeControls, type ByteBatch } from './output';
import type { AnalyzedGrammar } from '../core/grammar/analyze';
import type { FieldNode } from '../core/grammar/ast';
import type { DecodedFrame, DecodeWarning } from '../core/grammar/decode';
import type { DecodedValue } from '../core/grammar/value';
import { decodedFrameToJson } from '../core/grammar/decodeJson';
import { floatBitsOf, renderFieldValue } from '../core/grammar/fieldValue';
import { describeBytes, type FieldLayout } from '../core/grammar/layout';
import { writeAscii, writeInteger, writeNumber } from '../core/grammar/value';
import { toHex } from '../core/hex';

/** How `decode` prints frames: json (one object, or an array of them), ndjson, table. */

/** Writes one compact `{"fields":...,"warnings":[...]}` line per frame into `out`: the hot path of bulk decoding. */
export type NdjsonWriter = (bytes: Uint8Array, out: ByteBatch) => void;

/** How a field's value is written. */
const BOOL = 0,
  INTEGER = 1,
  FLOAT = 2,
  CHAR = 3;

interface Slot {
  readonly k: number;
  readonly kind: number;
  readonly floatBits: 32 | 64;
  /** `"name":`, after a comma for all but the first field. */
  readonly prefix: Buffer;
}

const NULL = Buffer.from('null'),
  TRUE = Buffer.from('true'),
  FALSE = Buffer.from('false');

/**
 * Compiles the NDJSON writer of a grammar. Values come from the compiled decoder's
 * `decodeValues` and are written as bytes behind a precompiled `"name":` per field, without
 * building strings; a frame with a warning (a field outside the frame, NaN, a non-printable
 * char) also gets the warnings of `decode`, and a frame longer than `maxBytes` goes through
 * `decode` + `decodedFrameToJson`: every path prints the bytes decodedFrameToJson would.
 */
export function compileNdjson(grammar: AnalyzedGrammar, maxBytes: number): NdjsonWriter {
  const { decoder, document } = grammar;
  // Fields with a reader decode to null (not undefined) on an empty frame; decodedFrameToJson skips the others.
  const probe = decoder.decodeValues(new Uint8Array(0));
  const slots: Slot[] = [];
  const head = Buffer.from('{"fields":{');
  const tail = Buffer.from('},"warnings":[]}\n');
  // Room for a line without warnings: the longest value each field can print.
  let lineBytes = head.length + tail.length;
  for (const [name, k] of grammar.fieldIndexByName) {
    if (probe[k] === undefined) continue;
    const field = document.fields[k]!;
    const kind = field.type === 'bool' ? BOOL : field.type === 'char' ? CHAR : field.type === 'float' ? FLOAT : INTEGER;
    const prefix = Buffer.from(`${slots.length === 0 ? '' : ','}${JSON.stringify(name)}:`);
    slots.push({ k, kind, floatBits: floatBitsOf(field), prefix });
    lineBytes += prefix.length + longestValue(kind, grammar.layout.fields[k]!.bitLength);
  }
  const slow = (bytes: Uint8Array): string => `${decodedFrameToJson(grammar, decoder.decode(bytes))}\n`;
  const writeFields = compileFieldsWriter(slots, head, tail);
  // A field decoded but not printed (a second field of the same name, an error `decode` refuses)
  // still has its warnings listed: then every frame asks warningsOf.
  const printed = new Set(slots.map(slot => slot.k));
  const hidden = probe.some((v, k) => v !== undefined && !printed.has(k));
  const warningsHead = Buffer.from('},"warnings":[');
  const warningsTail = Buffer.from(']}\n');
  const warningJson = new Map<DecodeWarning | string, Buffer>();
  return (bytes, out) => {
    if (bytes.length > maxBytes) return out.text(slow(bytes));
    const values = decoder.decodeValues(bytes);
    out.room(lineBytes);
    const end = writeFields(values, out.buf, out.pos);
    if (end > 0 && !hidden) {
      out.pos = end;
      return;
    }
    // From the values already decoded: a random frame's char field warns on most lines.
    const warnings = decoder.warningsOf(values, bytes.length);
    if (warnings.length === 0) {
      out.pos = end;
      return;
    }
    // Back before the tail that closed the line as one without warnings.
    out.pos = end > 0 ? end - tail.length : -end;
    out.room(warningsHead.length);
    out.pos = copy(out.buf, out.pos, warningsHead);
    let first = true;
    for (const w of warnings) {
      // Few distinct warnings (a field, a byte, a position): each one's JSON is made once.
      // The decoder hands out the same object for the same char warning; others are keyed by text.
      const key = w.code === 'SFG103' ? w : w.message;
      let json = warningJson.get(key);
      if (json === undefined) {
        const field = w.fieldIndex === undefined ? 'null' : JSON.stringify(document.fields[w.fieldIndex]!.name.text);
        json = Buffer.from(`{"code":"${w.code}","field":${field},"message":${JSON.stringify(w.message)}}`);
        if (warningJson.size < 65_536) warningJson.set(key, json);
      }
      out.room(json.length + 1);
      if (!first) out.buf[out.pos++] = 0x2c; // ,
      first = false;
      out.pos = copy(out.buf, out.pos, json);
    }
    out.room(warningsTail.length);
    out.pos = copy(out.buf, out.pos, warningsTail);
  };
}

/** Writes `{"fields":{...}` of one frame's values at `p`: the end, after the closing tail, or negated and before it when a value carries a warning. */
type FieldsWriter = (values: readonly (DecodedValue | undefined)[], buf: Buffer, p: number) => number;

/**
 * The field writer as one generated function, as the decoder's `decodeValues` is: the `"name":`
 * bytes stored as constants, a straight line of per-field writes with no loop over slots. Only
 * numbers (bytes, field indexes, widths) are written into its source, never text from the document.
 */
function compileFieldsWriter(slots: readonly Slot[], head: Uint8Array, tail: Uint8Array): FieldsWriter {
  const constant = (bytes: Uint8Array): string => `${Array.from(bytes, (b, i) => `buf[p + ${i}] = ${b};`).join(' ')} p += ${bytes.length};`;
  const lines = ['let x, w = 0;', constant(head)];
  for (const slot of slots) {
    lines.push(constant(slot.prefix), `x = v[${slot.k}];`, `if (x === null) { w = 1; ${constant(NULL)} } else {`);
    switch (slot.kind) {
      case BOOL:
        lines.push(`if (x) { ${constant(TRUE)} } else { ${constant(FALSE)} }`);
        break;
      case INTEGER:
        lines.push("p = typeof x === 'number' ? integer(buf, p, x) : ascii(buf, p, x.toString());");
        break;
      case FLOAT:
        // NaN and infinities print null, with a warning.
        lines.push(`if (x !== x || x === Infinity || x === -Infinity) w = 1; p = number(buf, p, x, ${slot.floatBits});`);
        break;
      default:
        // A char with a non-printable character: written, and warned about.
        lines.push('p = string(buf, p, x); if (p < 0) { w = 1; p = -p; }');
    }
    lines.push('}');
  }
  lines.push('if (w) return -p;', constant(tail), 'return p;');
  const make = new Function('integer', 'ascii', 'number', 'string', `return function writeFields(v, buf, p) { ${lines.join('\n')} };`) as (
    integer: typeof writeInteger,
    ascii: typeof writeAscii,
    number: typeof writeNumber,
    string: typeof writeJsonString,
  ) => FieldsWriter;
  return make(writeInteger, writeAscii, writeNumber, writeJsonString);
}

/** The most bytes a value of this kind and width prints (null included). */
function longestValue(kind: number, bitLength: number): number {
  switch (kind) {
    case BOOL:
      return 5;
    case CHAR:
      return 2 + 6 * (bitLength / 8); // quotes, and \u00XX per character at worst
    case FLOAT:
      return 25; // -2.2250738585072014e-308
    default:
      return 2 + Math.ceil(bitLength * Math.LOG10E * Math.LN2) + 1;
  }
}

function copy(buf: Buffer, p: number, bytes: Uint8Array): number {
  const n = bytes.length;
  // A call to set costs more than a short loop; a warning's 150 bytes copy faster with it.
  if (n > 24) buf.set(bytes, p);
  else for (let i = 0; i < n; i++) buf[p + i] = bytes[i]!;
  return p + n;
}

/**
 * A char value (Latin-1 text) as JSON.stringify writes it, in UTF-8: the end offset, negated
 * when the text holds a character outside printable ASCII (a decode warning).
 */
function writeJsonString(buf: Buffer, p: number, text: string): number {
  let printable = true;
  buf[p++] = 0x22;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x20 && c <= 0x7e) {
      if (c === 0x22 || c === 0x5c) buf[p++] = 0x5c; // \" and \\
      buf[p++] = c;
      continue;
    }
    printable = false;
    if (c >= 0x7f) {
      // U+007F..U+00FF: DEL as is, the rest as two UTF-8 bytes.
      if (c === 0x7f) buf[p++] = c;
      else {
        buf[p++] = 0xc0 | (c >> 6);
        buf[p++] = 0x80 | (c & 0x3f);
      }
      continue;
    }
    const short = SHORT_ESCAPES[c]!;
    buf[p++] = 0x5c;
    if (short !== 0) buf[p++] = short;
    else {
      buf[p] = 0x75; // u00XX, lower-case hex
      buf[p + 1] = 0x30;
      buf[p + 2] = 0x30;
      buf[p + 3] = HEX_DIGITS[c >> 4]!;
      buf[p + 4] = HEX_DIGITS[c & 15]!;
      p += 5;
    }
  }
  buf[p++] = 0x22;
  return printable ? p : -p;
}

/** JSON's two-character escapes of control characters (\b \t \n \f \r); 0 where \u00XX is used. */
const SHORT_ESCAPES = new Uint8Array(32);
for (const [c, letter] of [
  [8, 'b'],
  [9, 't'],
  [10, 'n'],
  [12, 'f'],
  [13, 'r'],
] as const)
  SHORT_ESCAPES[c] = letter.charCodeAt(0);
const HEX_DIGITS = Buffer.from('0123456789abcdef');

/** `decode --format json` for one frame: the indented `{ "fields", "warnings" }` object. */
export function jsonObject(grammar: AnalyzedGrammar, frame: DecodedFrame): string {
  return decodedFrameToJson(grammar, frame, true);
}

/** An object of jsonObject as an element of an indented top-level array. */
export function jsonArrayElement(grammar: AnalyzedGrammar, frame: DecodedFrame): string {
  return `  ${jsonObject(grammar, frame).replace(/\n/g, '\n  ')}`;
}

/** The type as written in the config (`uint:16:little-endian`). */
function typeText(field: FieldNode): string {
  return field.parts
    .slice(2)
    .map(p => p.text)
    .join(':');
}

/** Which bytes (and bits, when not whole bytes) the field reads. */
export function bitsText(l: FieldLayout): string {
  if (l.field.type === 'bool') return `${l.byte} bit ${l.bit}`;
  if (l.bit === 7 && l.bitLength % 8 === 0) return describeBytes(l.byte, l.lastByte).replace(/^bytes? /, '');
  const lastBit = (l.bit - l.bitLength + 1 + 8 * (l.lastByte - l.byte)) & 7;
  return l.byte === l.lastByte ? `${l.byte} bits ${l.bit}..${lastBit}` : `${l.byte} bit ${l.bit} .. ${l.lastByte} bit ${lastBit}`;
}

/** `decode --format table`: aligned columns name, type, bytes, value, then the frame's warnings. */
export function table(grammar: AnalyzedGrammar, frame: DecodedFrame, bytes: Uint8Array, withHeading: boolean): string {
  const rows: string[][] = [['name', 'type', 'bytes', 'value']];
  for (const [name, k] of grammar.fieldIndexByName) {
    const v = frame.values[k];
    const l = grammar.layout.fields[k];
    if (v === undefined || !l) continue;
    const field = grammar.document.fields[k]!;
    rows.push([name, typeText(field), bitsText(l), typeof v === 'string' ? JSON.stringify(v) : renderFieldValue(field, v)]);
  }
  // A loop, not Math.max(...rows): 200,000 fields would overflow the stack.
  const widths = rows[0]!.map((_, c) => rows.reduce((w, r) => Math.max(w, r[c]!.length), 0));
  let out = withHeading ? `frame ${toHex(bytes) || '(empty)'}\n` : '';
  for (const r of rows) out += `${r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  ')}\n`;
  for (const w of frame.warnings) out += `warning: ${w.message} [${w.code}]\n`;
  // Field names come from the config and char values from the frame: escaped for the terminal.
  return escapeControls(out);
}
