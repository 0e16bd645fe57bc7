/** `sigfox/decode`: a frame decoded with a payload config, every value JSON-safe, with where its bits sit. */
import type { DecodeParams, DecodeResult, DecodedFieldInfo, WireValue, WireWarning } from '../../protocol';
import type { AnalyzedGrammar } from '../grammar/analyze';
import type { DecodedFrame } from '../grammar/decode';
import type { FieldLayout } from '../grammar/layout';
import { renderFieldValue } from '../grammar/fieldValue';
import type { DecodedValue } from '../grammar/value';
import { parseHex, toHex } from '../hex';
import type { FeatureContext } from './context';
import { resolveGrammarSource } from './sources';

export function decodeFrame(context: FeatureContext, params: DecodeParams): DecodeResult {
  const grammar = resolveGrammarSource(context, params.grammar);
  if (!grammar.ok) return { fields: [], frameHex: '', warnings: [], error: grammar.error };
  const hex = parseHex(params.hex);
  if (!hex.ok) return { fields: [], frameHex: '', warnings: [], error: hex.message };
  return decodeWith(grammar.grammar, hex.bytes);
}

/** `frame`: the decoder's answer when the caller needs its values too, so the frame is decoded once. */
export function decodeWith(grammar: AnalyzedGrammar, bytes: Uint8Array, frame: DecodedFrame = grammar.decoder.decode(bytes)): DecodeResult {
  const fields: DecodedFieldInfo[] = [];
  const warnings: WireWarning[] = [];
  grammar.document.fields.forEach((field, k) => {
    const value = frame.values[k];
    const layout = grammar.layout.fields[k];
    if (value === undefined || !layout) {
      const first = grammar.problems.find(p => p.start >= field.token.start && p.end <= field.token.end);
      warnings.push({
        code: first?.code ?? 'SFG001',
        field: field.name.text || null,
        message: `\`${field.token.text}\` has errors and was not decoded${first ? `: ${first.message}` : '.'}`,
      });
      return;
    }
    fields.push({
      name: field.name.text,
      type: field.parts
        .slice(2)
        .map(p => p.text)
        .join(':'),
      value: toWireValue(value),
      rendered: renderFieldValue(field, value),
      byte: layout.byte,
      bit: layout.bit,
      bitLength: layout.bitLength,
      lastByte: layout.lastByte,
      rawBits: rawBits(bytes, layout),
    });
  });
  for (const w of frame.warnings) {
    warnings.push({
      code: w.code,
      message: w.message,
      field: w.fieldIndex === undefined ? null : grammar.document.fields[w.fieldIndex]!.name.text,
    });
  }
  return { fields, frameHex: toHex(bytes), warnings };
}

export function toWireValue(value: DecodedValue): WireValue {
  if (value === null) return { kind: 'null', value: null };
  switch (typeof value) {
    case 'boolean':
      return { kind: 'boolean', value };
    case 'string':
      return { kind: 'string', value };
    case 'bigint':
      return { kind: 'bigint', value: value.toString() };
    case 'number':
      return Number.isFinite(value) ? { kind: 'number', value } : { kind: 'nonFinite', value: String(value) };
  }
}

/** The field's bits, most significant first, read MSB-first from its first bit (spec §1.3). */
export function rawBits(bytes: Uint8Array, layout: FieldLayout): string {
  if (layout.lastByte >= bytes.length) return '';
  let bits = '';
  for (let i = 0; i < layout.bitLength; i++) {
    const stream = 7 - layout.bit + i;
    bits += (bytes[layout.byte + (stream >> 3)]! >> (7 - (stream & 7))) & 1;
  }
  return bits;
}
