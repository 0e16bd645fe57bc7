import { escapeControls, type ByteBatch } from './output';
import type { AnalyzedGrammar } from '../core/grammar/analyze';
import type { FieldNode } from '../core/grammar/ast';
import type { DecodedFrame } from '../core/grammar/decode';
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

const NULL = Buffer.from('null'),
  TRUE = Buffer.from('true'),
  FALSE = Buffer.from('false');

/**
 * What the generated writer found to warn about in a field, as a number: with the field's index it
 * names one distinct warning (the JSON of which is made once). The low two bits say which.
 */
const NOT_PRINTABLE = 0, // SFG103: (position * 256 + byte) * 4
  NOT_FINITE = 1, // SFG104: (0 NaN, 1 Infinity, 2 -Infinity) * 4 + 1
  NOT_IN_FRAME = 2; // SFG102: frame length * 4 + 2
/** What writeChars found to warn about: a detail, or -1. */
const CHAR_WARNING = new Int32Array(1);

/**
 * Compiles the NDJSON writer of a grammar: one generated function reads each field straight from
 * the frame (with the decoder's own read expressions) and writes its value as bytes behind a
 * precompiled `"name":`, noting what `decode` would warn about; each distinct warning's JSON is
 * made once from the decoder's warnings. A frame longer than `maxBytes`, or a config with a field
 * decoded but not printed (a second field of the same name), goes through `decode` +
 * `decodedFrameToJson`: every path prints the bytes decodedFrameToJson would.
 */
export function compileNdjson(grammar: AnalyzedGrammar, maxBytes: number): NdjsonWriter {
  const { decoder, document, layout } = grammar;
  const reads = decoder.fieldReads();
  const printed = [...grammar.fieldIndexByName].filter(([, k]) => reads.sources[k] !== undefined);
  const slow = (bytes: Uint8Array): string => `${decodedFrameToJson(grammar, decoder.decode(bytes))}\n`;
  // A field decoded but not printed still has its warnings listed: rare (the CLI refuses such configs), so by decode.
  if (printed.length !== reads.sources.filter(source => source !== undefined).length) return (bytes, out) => out.text(slow(bytes));

  const head = Buffer.from('{"fields":{');
  const tail = Buffer.from('},"warnings":[]}\n');
  // Room for a line without warnings: the longest value each field can print.
  let lineBytes = head.length + tail.length;
  const parts = ['const n = b.length; let x, w = 0;', constant(head)];
  printed.forEach(([name, k], i) => {
    const field = document.fields[k]!;
    const l = layout.fields[k]!;
    const kind = field.type === 'bool' ? BOOL : field.type === 'char' ? CHAR : field.type === 'float' ? FLOAT : INTEGER;
    const prefix = Buffer.from(`${i === 0 ? '' : ','}${JSON.stringify(name)}:`);
    lineBytes += prefix.length + longestValue(kind, l.bitLength);
    const warn = (detail: string): string => `keys[++w] = ${k}; keys[++w] = ${detail};`;
    parts.push(constant(prefix), `if (n < ${l.lastByte + 1}) { ${constant(NULL)} ${warn(`n * 4 + ${NOT_IN_FRAME}`)} } else {`);
    const source = reads.sources[k]!;
    switch (kind) {
      case BOOL:
        parts.push(`if (${source}) { ${constant(TRUE)} } else { ${constant(FALSE)} }`);
        break;
      case CHAR:
        parts.push(`p = chars(buf, p, b, ${l.byte}, ${l.bitLength / 8}); if (bad[0] >= 0) { ${warn('bad[0]')} }`);
        break;
      case FLOAT:
        // NaN and infinities print null, with a warning.
        parts.push(
          `x = ${source}; if (x !== x || x === Infinity || x === -Infinity) { ${warn(`(x !== x ? 0 : x > 0 ? 4 : 8) + ${NOT_FINITE}`)} }`,
          `p = number(buf, p, x, ${floatBitsOf(field)});`,
        );
        break;
      default:
        if (field.type === 'uint' && l.bitLength <= 4) {
          // A flag, mode or nibble: one or two digits, written in place.
          parts.push(`x = ${source}; if (x < 10) buf[p++] = 48 + x; else { buf[p] = 49; buf[p + 1] = 38 + x; p += 2; }`);
          break;
        }
        // Past 48 bits a reader may give a bigint.
        parts.push(`x = ${source}; p = typeof x === 'number' ? integer(buf, p, x) : ascii(buf, p, x.toString());`);
    }
    parts.push('}');
  });
  parts.push(`if (w !== 0) { keys[0] = w; return -p; } ${constant(tail)} return p;`);
  const make = new Function(
    ...reads.scopeNames,
    'integer',
    'ascii',
    'number',
    'chars',
    'keys',
    'bad',
    `return function writeFields(b, buf, p, dv) { ${parts.join('\n')} };`,
  ) as (...scope: unknown[]) => (b: Uint8Array, buf: Buffer, p: number, dv: DataView) => number;
  // For a line with warnings, keys[0] counts what keys[1...] holds: pairs of field index and
  // detail. Int32 (both stay far below 2^31): read back as small integers, not boxed doubles.
  const keys = new Int32Array(1 + 2 * printed.length);
  const writeFields = make(...reads.scopeValues, writeInteger, writeAscii, writeNumber, writeChars, keys, CHAR_WARNING);

  // Few distinct warnings (a field, a byte, a position): each one's JSON is made once, from
  // decode's, and with it the whole end of a line that lists only it (the common case).
  const warningsHead = '},"warnings":[';
  const warningsTail = ']}\n';
  // By field, then by detail (an array index: most details are small).
  const known: (KnownWarning | undefined)[][] = [];
  let knownCount = 0;
  const warningOf = (bytes: Uint8Array, k: number, detail: number): KnownWarning => {
    const ofField = (known[k] ??= []);
    let warning = ofField[detail];
    if (warning === undefined) {
      const w = decoder.warningsOf(decoder.decodeValues(bytes), bytes.length).find(w => w.fieldIndex === k)!;
      const json = `{"code":"${w.code}","field":${JSON.stringify(document.fields[k]!.name.text)},"message":${JSON.stringify(w.message)}}`;
      warning = { json: Buffer.from(json), alone: Buffer.from(warningsHead + json + warningsTail) };
      if (knownCount++ < 65_536) ofField[detail] = warning;
    }
    return warning;
  };
  const listHead = Buffer.from(warningsHead);
  const listTail = Buffer.from(warningsTail);
  return (bytes, out) => {
    if (bytes.length > maxBytes) return out.text(slow(bytes));
    out.room(lineBytes);
    const end = writeFields(bytes, out.buf, out.pos, out.view);
    if (end > 0) {
      out.pos = end;
      return;
    }
    // The line stopped before the tail that closes a line without warnings.
    out.pos = -end;
    const count = keys[0]!;
    if (count === 2) {
      const { alone } = warningOf(bytes, keys[1]!, keys[2]!);
      out.room(alone.length);
      out.pos = copy(out.buf, out.pos, alone);
      return;
    }
    out.room(listHead.length);
    out.pos = copy(out.buf, out.pos, listHead);
    for (let j = 1; j < count; j += 2) {
      const { json } = warningOf(bytes, keys[j]!, keys[j + 1]!);
      out.room(json.length + 1);
      if (j > 1) out.buf[out.pos++] = 0x2c; // ,
      out.pos = copy(out.buf, out.pos, json);
    }
    out.room(listTail.length);
    out.pos = copy(out.buf, out.pos, listTail);
  };
}

/** A warning's JSON, and the end of a line listing only it. */
interface KnownWarning {
  readonly json: Buffer;
  readonly alone: Buffer;
}

/** Source storing `bytes` at `p` as constants, four at a time through `dv` (a view of `buf`), and moving `p` past them. */
function constant(bytes: Uint8Array): string {
  const stores: string[] = [];
  let i = 0;
  for (; i + 4 <= bytes.length; i += 4) {
    const word = (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24)) >>> 0;
    stores.push(`dv.setUint32(p + ${i}, ${word}, true);`);
  }
  for (; i < bytes.length; i++) stores.push(`buf[p + ${i}] = ${bytes[i]};`);
  return `${stores.join(' ')} p += ${bytes.length};`;
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
 * A char field's `n` bytes from `b[from]` as the JSON string JSON.stringify writes for their
 * Latin-1 text, in UTF-8, at `p`; returns the end. What decode warns about (SFG103, the first
 * byte outside printable ASCII) is left in CHAR_WARNING[0] as a detail, else -1.
 */
function writeChars(buf: Buffer, p: number, b: Uint8Array, from: number, n: number): number {
  let warning = -1;
  buf[p++] = 0x22;
  for (let i = 0; i < n; i++) {
    const c = b[from + i]!;
    if (c >= 0x20 && c <= 0x7e) {
      if (c === 0x22 || c === 0x5c) buf[p++] = 0x5c; // \" and \\
      buf[p++] = c;
      continue;
    }
    if (warning < 0) warning = (i * 256 + c) * 4 + NOT_PRINTABLE;
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
  CHAR_WARNING[0] = warning;
  return p;
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
