import { escapeControls } from './output';
import type { AnalyzedGrammar } from '../core/grammar/analyze';
import type { FieldNode } from '../core/grammar/ast';
import type { DecodedFrame } from '../core/grammar/decode';
import { decodedFrameToJson } from '../core/grammar/decodeJson';
import { fieldValueToJson, renderFieldValue } from '../core/grammar/fieldValue';
import { describeBytes, type FieldLayout } from '../core/grammar/layout';
import type { DecodedValue } from '../core/grammar/value';
import { toHex } from '../core/hex';

/** How `decode` prints frames: json (one object, or an array of them), ndjson, table. */

/** One compact `{"fields":...,"warnings":[...]}` line per frame, on the hot path of bulk decoding. */
export type NdjsonLine = (bytes: Uint8Array) => string;

/**
 * Compiles the NDJSON writer of a grammar. A frame that needs no warning (the common case) is
 * written from the compiled decoder's `decodeValues` with a precompiled `"name":` prefix per
 * field; a frame with a warning (a field outside the frame, NaN, a non-printable char) gets the
 * same field JSON plus the warnings of `decode`, and a frame too long goes through `decode` +
 * `decodedFrameToJson`: every path prints the bytes decodedFrameToJson would.
 */
export function compileNdjson(grammar: AnalyzedGrammar, maxBytes: number): NdjsonLine {
  const { decoder, document } = grammar;
  // Fields with a reader decode to null (not undefined) on an empty frame; decodedFrameToJson skips the others.
  const probe = decoder.decodeValues(new Uint8Array(0));
  const slots: { k: number; prefix: string; json: (v: DecodedValue) => string | undefined }[] = [];
  for (const [name, k] of grammar.fieldIndexByName) {
    if (probe[k] === undefined) continue;
    slots.push({ k, prefix: `${slots.length === 0 ? '' : ','}${JSON.stringify(name)}:`, json: fastJson(document.fields[k]!) });
  }
  const head = '{"fields":{';
  const tail = '},"warnings":[]}\n';
  const slow = (bytes: Uint8Array): string => `${decodedFrameToJson(grammar, decoder.decode(bytes))}\n`;
  const n = slots.length;
  const warningJson = new Map<string, string>();
  return bytes => {
    if (bytes.length > maxBytes) return slow(bytes);
    const values = decoder.decodeValues(bytes);
    let out = head;
    let warned = false;
    for (let i = 0; i < n; i++) {
      const slot = slots[i]!;
      const value = values[slot.k]!;
      let text = slot.json(value);
      if (text === undefined) {
        // This value carries a warning: same JSON as decodedFrameToJson writes, warnings added below.
        warned = true;
        text = fieldValueToJson(document.fields[slot.k]!, value);
      }
      out += slot.prefix + text;
    }
    if (!warned) return out + tail;
    // From the values already decoded: a random frame's char field warns on most lines.
    let warnings = '';
    for (const w of decoder.warningsOf(values, bytes.length)) {
      // Few distinct warnings (a field, a byte, a position): each one's JSON is built once.
      let json = warningJson.get(w.message);
      if (json === undefined) {
        const field = w.fieldIndex === undefined ? 'null' : JSON.stringify(document.fields[w.fieldIndex]!.name.text);
        json = `{"code":"${w.code}","field":${field},"message":${JSON.stringify(w.message)}}`;
        if (warningJson.size < 65_536) warningJson.set(w.message, json);
      }
      warnings += warnings === '' ? json : `,${json}`;
    }
    return `${out}},"warnings":[${warnings}]}\n`;
  };
}

/** The JSON of a value that carries no decode warning, or undefined when it would carry one. */
function fastJson(field: FieldNode): (v: DecodedValue) => string | undefined {
  switch (field.type) {
    case 'bool':
      return v => (v === null ? undefined : v ? 'true' : 'false');
    case 'char':
      return v => (v === null || /[^\x20-\x7e]/.test(v as string) ? undefined : JSON.stringify(v));
    case 'float':
      return v => (v === null || !Number.isFinite(v) ? undefined : fieldValueToJson(field, v));
    default:
      return v => (v === null ? undefined : typeof v === 'number' ? `${v}` : (v as bigint).toString());
  }
}

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
