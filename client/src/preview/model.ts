/**
 * What the preview panel shows, as display-ready plain data: the webview only places these
 * strings with textContent (client/media/preview.js). Built from what the server returned
 * (`sigfox/preview`); nothing here decodes or renders a frame, nor invents a value. Pure: no `vscode`.
 */
import type { DecodeResult, DecodedFieldInfo, RenderResult, WireValue } from '../../../server/src/protocol';
import { layoutFrameChoices, type FramePicture } from './frameSvg';
import { plural } from '../../../server/src/core/util';

export interface FieldRow {
  readonly name: string;
  readonly type: string;
  /** Where the bits sit: `byte 0`, `bytes 3–4`, `byte 2, bits 5–4`. */
  readonly position: string;
  /** `8 bits`, `1 bit`. */
  readonly size: string;
  /** Nibble-grouped (`0001 1010`), the first 64 bits of a longer field; `—` when the field does not fit in the frame. */
  readonly rawBits: string;
  /** The value as Sigfox renders it (D7), strings quoted with their control characters visible. */
  readonly value: string;
  readonly valueKind: WireValue['kind'];
  /** Index into the colour palette shared by the table and the picture. */
  readonly colour: number;
  /** Warnings about this field, joined. */
  readonly warning?: string;
}

export interface Notice {
  readonly code: string;
  readonly text: string;
}

export interface BodyProblem {
  readonly code: string;
  readonly message: string;
  /** `line 3, column 11` in the template, when known. */
  readonly where: string;
}

export interface VariableRow {
  readonly name: string;
  readonly value: string;
  /** `frame`: from the decoded frame; `setting`: the user's sample value; `default`: the server's representative value; `missing`: left as written. */
  readonly origin: 'frame' | 'setting' | 'default' | 'missing';
}

export type BodyStatus = 'valid-json' | 'invalid-json' | 'text' | 'none' | 'error';

export interface BodyModel {
  /** The template's workspace-relative path, or undefined when there is none. */
  readonly template?: string;
  /** Why this template: `associated (sibling of room.sfgrammar)`, `chosen`, or why there is none. */
  readonly note: string;
  readonly status: BodyStatus;
  readonly statusText: string;
  /** Exactly what Sigfox would send. */
  readonly text: string;
  readonly problems: readonly BodyProblem[];
  readonly variables: readonly VariableRow[];
  readonly callbackKind?: string;
}

export interface PreviewModel {
  /** Increases with every model posted, so the webview's acknowledgement names what it shows. */
  readonly version: number;
  readonly grammar: string;
  readonly frameHex: string;
  /** `5 bytes · 4 fields`. */
  readonly summary: string;
  readonly fields: readonly FieldRow[];
  readonly warnings: readonly Notice[];
  /** The same picture at several row widths, narrowest first: the webview draws the widest that fits. */
  readonly pictures: readonly FramePicture[];
  readonly body: BodyModel;
  /** Set when the frame could not be decoded any more (the grammar was deleted, the server failed...). */
  readonly error?: string;
}

export interface TemplateInput {
  readonly label: string;
  readonly note: string;
  readonly callbackKind?: string;
  /** The server's answer; an `error` in it is shown instead of a body. */
  readonly render: RenderResult;
  /** Maps a template offset to `line L, column C`; absent when the template text is not at hand. */
  readonly locate?: (offset: number) => string;
}

export interface PreviewInput {
  readonly version: number;
  readonly grammarLabel: string;
  /** The server's answer; an `error` in it is shown instead of fields. */
  readonly decode: DecodeResult;
  /** Undefined when no template is associated or chosen; `noTemplateNote` then says why. */
  readonly template?: TemplateInput;
  readonly noTemplateNote?: string;
}

export function buildPreviewModel(input: PreviewInput): PreviewModel {
  const { decode } = input;
  const byteCount = decode.frameHex.length / 2;
  const fields = decode.fields.map((field, k) => fieldRow(field, k, decode));
  return {
    version: input.version,
    grammar: input.grammarLabel,
    frameHex: decode.frameHex,
    summary: `${plural(byteCount, 'byte')} · ${plural(fields.length, 'field')}`,
    fields,
    warnings: decode.warnings.map(w => ({ code: w.code, text: w.field ? `${w.field}: ${w.message}` : w.message })),
    pictures: layoutFrameChoices(
      decode.fields.map((f, k) => ({
        name: f.name,
        byte: f.byte,
        bit: f.bit,
        bitLength: f.bitLength,
        colour: k,
        value: fields[k]!.value,
        detail: `${f.name} (${f.type}): ${fields[k]!.position}, ${fields[k]!.size} = ${fields[k]!.value}`,
      })),
      byteCount,
      decode.frameHex,
    ),
    body: bodyModel(input),
    ...(decode.error !== undefined ? { error: decode.error } : {}),
  };
}

function fieldRow(field: DecodedFieldInfo, k: number, decode: DecodeResult): FieldRow {
  const warnings = decode.warnings.filter(w => w.field === field.name).map(w => w.message);
  return {
    name: field.name,
    type: field.type,
    position: describePosition(field),
    size: plural(field.bitLength, 'bit'),
    rawBits: field.rawBits ? groupBits(field.rawBits) : '—',
    value: displayValue(field),
    valueKind: field.value.kind,
    colour: k,
    ...(warnings.length ? { warning: warnings.join(' ') } : {}),
  };
}

/** `byte 0` for a whole byte, `bytes 3–4` for whole bytes, otherwise the bits too (7 = most significant). */
export function describePosition(f: Pick<DecodedFieldInfo, 'byte' | 'bit' | 'bitLength' | 'lastByte'>): string {
  const bytes = f.lastByte > f.byte ? `bytes ${f.byte}–${f.lastByte}` : `byte ${f.byte}`;
  if (f.bit === 7 && f.bitLength % 8 === 0) return bytes;
  if (f.lastByte === f.byte) {
    const low = f.bit - f.bitLength + 1;
    return f.bitLength === 1 ? `${bytes}, bit ${f.bit}` : `${bytes}, bits ${f.bit}–${low}`;
  }
  return `${bytes}, from bit ${f.bit}`;
}

/** A field's value as the panel shows it: numbers as Sigfox renders them, strings quoted and readable. */
export function displayValue(field: Pick<DecodedFieldInfo, 'value' | 'rendered'>): string {
  const v = field.value;
  switch (v.kind) {
    case 'string':
      return quote(v.value);
    case 'nonFinite':
      return `${v.value} (sent as null)`;
    case 'null':
      return 'null (not in the frame)';
    default:
      return field.rendered;
  }
}

/** JSON-style quoting that also shows C1 controls and DEL (char bytes are Latin-1, spec D6). */
export function quote(s: string): string {
  return JSON.stringify(s).replace(/[\u007f-\u009f]/g, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Past this, the table shows the start of the bits (the picture shows them all). */
const MAX_RAW_BITS = 64;

function groupBits(bits: string): string {
  const shown = bits.slice(0, MAX_RAW_BITS).replace(/(.{4})(?=.)/g, '$1 ');
  return bits.length > MAX_RAW_BITS ? `${shown} … (+${bits.length - MAX_RAW_BITS} bits)` : shown;
}

/**
 * The decoded values as a JSON object (first field of a name wins, as in templates): numbers
 * with the exact digits Sigfox renders (bigint included), non-finite floats and missing fields as null.
 */
export function valuesAsJson(fields: readonly DecodedFieldInfo[]): string {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const f of fields) {
    if (seen.has(f.name)) continue;
    seen.add(f.name);
    lines.push(`  ${JSON.stringify(f.name)}: ${jsonValue(f)}`);
  }
  return lines.length ? `{\n${lines.join(',\n')}\n}` : '{}';
}

function jsonValue(f: DecodedFieldInfo): string {
  const v = f.value;
  switch (v.kind) {
    case 'string':
      return JSON.stringify(v.value);
    case 'boolean':
      return String(v.value);
    case 'bigint':
      return v.value;
    case 'number':
      return f.rendered;
    case 'nonFinite':
    case 'null':
      return 'null';
  }
}

function bodyModel(input: PreviewInput): BodyModel {
  const t = input.template;
  if (!t) {
    return {
      note: input.noTemplateNote ?? 'No template.',
      status: 'none',
      statusText: 'no template',
      text: '',
      problems: [],
      variables: [],
    };
  }
  const base = { template: t.label, note: t.note, ...(t.callbackKind ? { callbackKind: t.callbackKind } : {}) };
  const r = t.render;
  if (r.error !== undefined) {
    return { ...base, status: 'error', statusText: 'not rendered', text: r.error, problems: [], variables: [] };
  }
  const status: BodyStatus = !r.isJson ? 'text' : r.validJson ? 'valid-json' : 'invalid-json';
  const statusText = status === 'text' ? 'text body' : status === 'valid-json' ? 'valid JSON' : 'invalid JSON';
  return {
    ...base,
    status,
    statusText,
    text: r.text,
    problems: r.problems.map(p => ({ code: p.code, message: p.message, where: t.locate ? t.locate(p.offset) : `offset ${p.offset}` })),
    variables: r.variables.map(v => ({ name: v.name, value: v.value, origin: ORIGIN_SHOWN[v.origin] })),
  };
}

/** The server's origins as the panel names them (the values given here come from the setting). */
const ORIGIN_SHOWN: Record<RenderResult['variables'][number]['origin'], VariableRow['origin']> = {
  frame: 'frame',
  given: 'setting',
  representative: 'default',
  missing: 'missing',
};
