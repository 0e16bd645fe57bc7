import type { DecodedValue } from '../grammar/value';
import { didYouMean } from '../suggest';
import { NUMERIC_SETTINGS } from '../workspace';
import { describeRange, integerRange, type CodecField, type CodecPlan } from './plan';

/**
 * Frames from field values: the exact inverse of the decoder. Each value becomes its bits and
 * is written through the field's runs (plan.ts). Fields that share bits (aliases) must agree on
 * them; a field left out is accepted only when the others already fix all of its bits.
 */

export type EncodeResult =
  | {
      readonly ok: true;
      readonly bytes: Uint8Array;
      /** An uplink longer than the limit: encoded anyway, as decode reads it. */ readonly warnings: readonly string[];
    }
  | { readonly ok: false; readonly errors: readonly string[] };

/** The largest frame encode builds: the bound of `sigfox.maxUplinkBytes`. */
export const MAX_ENCODED_BYTES = NUMERIC_SETTINGS.maxUplinkBytes.max;

/** `values` by field name; `null` only for fields past the end of a short uplink frame. */
export function encodeFrame(plan: CodecPlan, values: ReadonlyMap<string, DecodedValue>): EncodeResult {
  const errors: string[] = [];
  const byName = new Map(plan.fields.map(f => [f.name, f]));
  for (const name of values.keys()) {
    if (byName.has(name)) continue;
    const near = didYouMean(name, [...byName.keys()], 2)[0];
    errors.push(
      `no field \`${name}\` in the payload config${near ? ` (did you mean \`${near}\`?)` : ''}; its fields are ${plan.fields.map(f => f.name).join(', ')}`,
    );
  }
  const frameBytes = frameLength(plan, values, errors);
  // A config may place a field anywhere (a char of billions of bytes): no frame is built past the largest uplink setting.
  if (frameBytes > MAX_ENCODED_BYTES)
    return {
      ok: false,
      errors: [
        ...errors,
        `the frame would be ${frameBytes} bytes; encode builds frames of at most ${MAX_ENCODED_BYTES} bytes (a Sigfox uplink is 12)`,
      ],
    };
  const frame = new Uint8Array(frameBytes);
  const owner = new Int32Array(frameBytes * 8).fill(-1);
  const nans: [CodecField, number][] = [];
  plan.fields.forEach((field, k) => {
    const value = values.get(field.name);
    if (value === undefined || value === null) return;
    if (field.type === 'float' && typeof value === 'number' && Number.isNaN(value)) {
      nans.push([field, k]);
      return;
    }
    const bits = valueBits(field, value);
    if (typeof bits === 'string') errors.push(bits);
    else writeBits(plan, field, k, bits, frame, owner, errors);
  });
  for (const [field, k] of nans) writeNaN(plan, field, k, frame, owner, errors);
  for (const [field, k] of nans) for (const p of positionsOf(field)) if (owner[p]! < 0) owner[p] = k;
  for (const field of plan.fields) {
    if (values.has(field.name) || field.lastByte >= frameBytes) continue;
    if (!positionsOf(field).every(p => owner[p]! >= 0)) errors.push(`missing value for \`${field.name}\` (${describeRange(field)})`);
  }
  const warnings: string[] = [];
  if (frameBytes > plan.maxBytes) {
    const tooLong = `the frame is ${frameBytes} bytes, past the ${plan.maxBytes}-byte Sigfox ${plan.downlink ? 'downlink' : 'uplink'}`;
    // A downlink is exactly 8 bytes; a long uplink config is only a warning (D11), so its frame is too.
    if (plan.downlink) errors.push(tooLong);
    else warnings.push(tooLong);
  }
  return errors.length ? { ok: false, errors } : { ok: true, bytes: frame, warnings };
}

/** A full frame, or shorter when trailing fields are given as null (how the backend sees a short frame). */
function frameLength(plan: CodecPlan, values: ReadonlyMap<string, DecodedValue>, errors: string[]): number {
  const present = plan.fields.filter(f => values.get(f.name) !== null);
  const length = plan.downlink ? plan.frameBytes : present.reduce((n, f) => Math.max(n, f.lastByte + 1), 0);
  for (const f of plan.fields) {
    if (values.get(f.name) !== null || f.lastByte >= length) continue;
    errors.push(
      plan.downlink
        ? `\`${f.name}\` cannot be null: a downlink frame is always ${plan.frameBytes} bytes`
        : `\`${f.name}\` can be null only when the frame ends before its last byte ${f.lastByte}, but other fields reach byte ${length - 1}`,
    );
  }
  return length;
}

function positionsOf(field: CodecField): number[] {
  const out: number[] = [];
  for (const run of field.runs) for (let j = 0; j < run.length; j++) out.push(run.position + j);
  return out;
}

function writeBits(
  plan: CodecPlan,
  field: CodecField,
  k: number,
  bits: bigint,
  frame: Uint8Array,
  owner: Int32Array,
  errors: string[],
): void {
  const positions = positionsOf(field);
  positions.forEach((p, j) => {
    const bit = Number((bits >> BigInt(positions.length - 1 - j)) & 1n);
    const byte = p >> 3,
      mask = 0x80 >> (p & 7);
    const previous = owner[p]!;
    if (previous >= 0) {
      if (((frame[byte]! & mask) !== 0 ? 1 : 0) !== bit) {
        const other = plan.fields[previous]!.name;
        if (!errors.some(e => e.startsWith(`\`${other}\` and \`${field.name}\``)))
          errors.push(`\`${other}\` and \`${field.name}\` share bit ${7 - (p & 7)} of byte ${byte} but their values disagree on it`);
      }
      return;
    }
    owner[p] = k;
    if (bit) frame[byte]! |= mask;
  });
}

/**
 * NaN is a family of bit patterns, and JavaScript does not keep a NaN's payload: any NaN will
 * do. So a NaN sets only what makes it one (every exponent bit, and one mantissa bit unless a
 * field sharing them already set one: the quiet bit when free) and keeps bits other fields fix.
 * NaNs are written after every other value, and only ever set bits, so they never undo a NaN
 * written before them; their remaining bits are claimed as 0 once all are written.
 */
function writeNaN(plan: CodecPlan, field: CodecField, k: number, frame: Uint8Array, owner: Int32Array, errors: string[]): void {
  const positions = positionsOf(field);
  const exponentBits = field.bitLength === 32 ? 8 : 11;
  const exponent = positions.slice(1, 1 + exponentBits);
  const mantissa = positions.slice(1 + exponentBits);
  const isSet = (p: number): boolean => (frame[p >> 3]! & (0x80 >> (p & 7))) !== 0;
  const set = (p: number): void => {
    owner[p] = k;
    frame[p >> 3]! |= 0x80 >> (p & 7);
  };
  const blocked = exponent.find(p => owner[p]! >= 0 && !isSet(p));
  const freeMantissa = mantissa.find(p => owner[p]! < 0);
  if (blocked !== undefined || (!mantissa.some(p => owner[p]! >= 0 && isSet(p)) && freeMantissa === undefined)) {
    const other = plan.fields[positions.map(p => owner[p]!).find(o => o >= 0 && o !== k) ?? k]!.name;
    errors.push(`\`${other}\` and \`${field.name}\` share bits but no NaN of \`${field.name}\` agrees with \`${other}\``);
    return;
  }
  for (const p of exponent) if (owner[p]! < 0) set(p);
  if (!mantissa.some(p => owner[p]! >= 0 && isSet(p))) set(freeMantissa!);
}

/** The value's bits, most significant first, or an error naming the field and what it takes. */
function valueBits(field: CodecField, value: Exclude<DecodedValue, null>): bigint | string {
  const wrong = (why: string): string => `\`${field.name}\`=${String(value)} ${why}: the field is ${describeRange(field)}`;
  switch (field.type) {
    case 'bool':
      return typeof value === 'boolean' ? (value ? 1n : 0n) : wrong('is not a bool');
    case 'char': {
      if (typeof value !== 'string') return wrong('is not text');
      if (value.length !== field.charCount) return wrong(`has ${value.length} character${value.length === 1 ? '' : 's'}`);
      let bits = 0n;
      for (let i = 0; i < value.length; i++) {
        const c = value.charCodeAt(i);
        if (c > 0xff) return wrong(`has a character outside Latin-1 at position ${i + 1}`);
        bits = (bits << 8n) | BigInt(c);
      }
      return bits;
    }
    case 'float': {
      if (typeof value !== 'number' && typeof value !== 'bigint') return wrong('is not a number');
      const view = new DataView(new ArrayBuffer(8));
      if (field.bitLength === 32) {
        view.setFloat32(0, Number(value));
        return BigInt(view.getUint32(0));
      }
      view.setFloat64(0, Number(value));
      return view.getBigUint64(0);
    }
    default: {
      if ((typeof value !== 'number' || !Number.isInteger(value)) && typeof value !== 'bigint') return wrong('is not an integer');
      if (typeof value === 'number' && !Number.isSafeInteger(value)) return wrong('is not exact as a number (write its digits)');
      const v = BigInt(value);
      const { min, max } = integerRange(field);
      if (v < min || v > max) return wrong('is out of range');
      return BigInt.asUintN(field.bitLength, v);
    }
  }
}

/**
 * A value typed on a command line or in a form, read as the field's type: `true`/`false`,
 * decimal or `0x` integers of any width, numbers (and NaN, Infinity), text (JSON-quoted to
 * keep spaces or escapes), `null`.
 */
export function valueFromText(field: CodecField, text: string): DecodedValue | { readonly error: string } {
  const wrong = (): { error: string } => ({ error: `\`${field.name}\`=${text} is not valid: the field is ${describeRange(field)}` });
  if (text === 'null') return null;
  switch (field.type) {
    case 'bool':
      return text === 'true' || text === '1' ? true : text === 'false' || text === '0' ? false : wrong();
    case 'char':
      if (text.startsWith('"')) {
        try {
          const s: unknown = JSON.parse(text);
          return typeof s === 'string' ? s : wrong();
        } catch {
          return wrong();
        }
      }
      return text;
    case 'float':
      if (/^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?$/i.test(text) || /^[-+]?(?:Infinity|NaN)$/.test(text)) return Number(text);
      return wrong();
    default:
      if (/^[-+]?\d+$/.test(text)) return BigInt(text);
      if (/^-?0x[\da-f]+$/i.test(text)) return text.startsWith('-') ? -BigInt(text.slice(1)) : BigInt(text);
      return wrong();
  }
}
