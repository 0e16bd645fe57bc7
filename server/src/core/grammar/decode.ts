import type { FieldNode } from './ast';
import type { FieldLayout, GrammarLayout } from './layout';
import type { DecodedValue } from './value';
import type { GrammarCode } from './codes';
import { plural } from '../util';

/**
 * A payload config compiled once into a decode function. Fields on whole bytes (and integers
 * spanning up to 4 bytes at any bit offset) become one straight-line expression each in a
 * generated function, as a hand-written decoder would read them; the rest (wide or bit-shifted
 * little-endian and float fields, long chars) use one small reader closure per field.
 */

export interface DecodeWarning {
  readonly code: GrammarCode;
  /** Index in `document.fields`, or undefined for a warning about the whole frame. */
  readonly fieldIndex: number | undefined;
  readonly message: string;
}

export interface DecodedFrame {
  /** Aligned with `document.fields`: undefined where the field has a grammar error and is not decoded. */
  readonly values: readonly (DecodedValue | undefined)[];
  readonly warnings: readonly DecodeWarning[];
}

export interface Decoder {
  readonly decode: (bytes: Uint8Array) => DecodedFrame;
  /** Values only, no warnings: the hot path for bulk decoding. */
  readonly decodeValues: (bytes: Uint8Array) => (DecodedValue | undefined)[];
  /** The warnings `decode` gives for values `decodeValues` returned for a frame of `frameLength` bytes. */
  readonly warningsOf: (values: readonly (DecodedValue | undefined)[], frameLength: number) => DecodeWarning[];
  /** How generated code reads each field (this decoder's `decodeValues`, the CLI's bulk writer). */
  readonly fieldReads: () => FieldReads;
}

/**
 * Per field, the source of a JavaScript expression reading its value from the frame `b`, for a
 * frame known to hold the field (`b.length > lastByte`); undefined for a field not decoded (a
 * grammar error). Sources refer to the names in `scopeNames`, bound to `scopeValues` by the
 * generated function. Only numbers from the layout are written into them, never document text.
 */
export interface FieldReads {
  readonly sources: readonly (string | undefined)[];
  readonly scopeNames: readonly string[];
  readonly scopeValues: readonly unknown[];
}

export interface DecoderOptions {
  readonly maxBytes?: number;
}

type Reader = (b: Uint8Array) => DecodedValue;

/** Frames decoded by the reader closures before the straight-line function is generated. */
const COMPILE_AFTER = 64;

/** Scratch for whole-byte floats in the generated code: bytes in, the float read back out. */
const floatScratch = new Float64Array(1);
const scratchBytes = new Uint8Array(floatScratch.buffer);
const scratchFloat32 = new Float32Array(floatScratch.buffer);
/** The machine's byte order decides which scratch byte takes the most significant frame byte. */
const LITTLE_ENDIAN_MACHINE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * `decodeValues` as one generated function: an array literal of one expression per field, with
 * the offsets, masks and shifts as constants.
 */
function compileValues(layout: GrammarLayout, reads: FieldReads): (b: Uint8Array) => (DecodedValue | undefined)[] {
  const parts = layout.fields.map((l, k) => {
    const source = reads.sources[k];
    return source === undefined ? 'undefined' : `n < ${l!.lastByte + 1} ? null : ${source}`;
  });
  const make = new Function(
    ...reads.scopeNames,
    `return function decodeValues(b) { const n = b.length; return [${parts.join(', ')}]; };`,
  ) as (...scope: unknown[]) => (b: Uint8Array) => (DecodedValue | undefined)[];
  return make(...reads.scopeValues);
}

/** Sources of FieldReads: an expression where one is written below, else a call of the field's reader closure. */
function fieldReadsOf(layout: GrammarLayout, readers: readonly (Reader | undefined)[]): FieldReads {
  const sources = layout.fields.map((l, k) => (!l || readers[k] === undefined ? undefined : (expressionFor(l) ?? `r[${k}](b)`)));
  return { sources, scopeNames: ['r', 's8', 's32', 's64'], scopeValues: [readers, scratchBytes, scratchFloat32, floatScratch] };
}

/** A JavaScript expression reading the field from `b` (length already checked), or undefined when a reader must. */
function expressionFor(l: FieldLayout): string | undefined {
  const { byte, bit, bitLength } = l;
  const f = l.field;
  switch (f.type) {
    case 'bool':
      return `(b[${byte}] & ${1 << bit}) !== 0`;
    case 'char': {
      const n = f.size!;
      if (n > 16) return undefined;
      return `String.fromCharCode(${Array.from({ length: n }, (_, i) => `b[${byte + i}]`).join(', ')})`;
    }
    case 'float': {
      if (bit !== 7) return undefined;
      const nBytes = bitLength / 8;
      const little = f.endianness === 'little-endian';
      // Frame byte i is the (nBytes-1-i)-th most significant for big-endian, the i-th least for little.
      const assignments = Array.from({ length: nBytes }, (_, i) => {
        const significance = little ? i : nBytes - 1 - i; // 0 = least significant
        const slot = LITTLE_ENDIAN_MACHINE ? significance : nBytes - 1 - significance;
        return `s8[${slot}] = b[${byte + i}]`;
      });
      return `(${assignments.join(', ')}, ${nBytes === 4 ? 's32[0]' : 's64[0]'})`;
    }
    default: {
      const signed = f.type === 'int';
      const little = f.endianness === 'little-endian' && bitLength > 8 && bitLength % 8 === 0;
      let unsigned: string;
      if (little) {
        if (bit !== 7 || bitLength > 32) return undefined;
        const nBytes = bitLength / 8;
        unsigned = Array.from({ length: nBytes }, (_, i) => `(b[${byte + i}] << ${8 * i})`).join(' | ');
      } else {
        const spanBits = 7 - bit + bitLength;
        const spanBytes = (spanBits + 7) >> 3;
        if (spanBytes > 4) return undefined;
        const shift = spanBytes * 8 - spanBits;
        const acc = Array.from({ length: spanBytes }, (_, i) => `(b[${byte + i}] << ${8 * (spanBytes - 1 - i)})`).join(' | ');
        unsigned = bitLength === 32 ? `(${acc})` : `((${acc}) >>> ${shift}) & ${2 ** bitLength - 1}`;
      }
      // As int32, then sign-extend (two's complement over exactly bitLength bits, Decision D5) or make unsigned.
      if (signed) return bitLength === 32 ? `(${unsigned}) | 0` : `((${unsigned}) << ${32 - bitLength}) >> ${32 - bitLength}`;
      return bitLength === 32 ? `(${unsigned}) >>> 0` : `(${unsigned})`;
    }
  }
}

const TWO_POW_53 = 2 ** 53;

export function compileDecoder(fields: readonly FieldNode[], layout: GrammarLayout, options: DecoderOptions = {}): Decoder {
  const maxBytes = options.maxBytes ?? 12;
  // Made on the first decode: the editor analyzes a config on every keystroke and rarely decodes with it.
  let readers: (Reader | undefined)[] | undefined;
  const readersOf = (): (Reader | undefined)[] =>
    (readers ??= layout.fields.map((l, k) => (l && fields[k]!.valid ? readerFor(l) : undefined)));
  let reads: FieldReads | undefined;
  const fieldReads = (): FieldReads => (reads ??= fieldReadsOf(layout, readersOf()));
  const count = layout.fields.length;
  // Generated on the COMPILE_AFTER-th frame: a payload config re-analyzed on every keystroke in
  // the editor, and decoded once for its examples, never pays for (or retains) generated code.
  let decoded = 0;
  let compiled: ((b: Uint8Array) => (DecodedValue | undefined)[]) | undefined;
  const decodeValues = (b: Uint8Array): (DecodedValue | undefined)[] => {
    if (compiled) return compiled(b);
    const all = readersOf();
    if (++decoded >= COMPILE_AFTER) compiled = compileValues(layout, fieldReads());
    const out = new Array<DecodedValue | undefined>(count);
    for (let k = 0; k < count; k++) {
      const r = all[k];
      out[k] = r === undefined ? undefined : r(b);
    }
    return out;
  };

  // Bulk decoding of random frames warns about a char on most of them: each warning is made once.
  const nonPrintable = new Map<number, DecodeWarning>();
  const nonPrintableWarning = (k: number, name: string, i: number, c: number): DecodeWarning => {
    const key = (k * 0x10000 + i) * 0x100 + c;
    let warning = nonPrintable.get(key);
    if (warning === undefined) {
      const message = `\`${name}\` holds byte 0x${c.toString(16).toUpperCase().padStart(2, '0')} at character ${i + 1}, outside printable ASCII: shown as Latin-1; it may break a JSON or URL body.`;
      warning = { code: 'SFG103', fieldIndex: k, message };
      if (nonPrintable.size < 4096) nonPrintable.set(key, warning);
    }
    return warning;
  };

  const warningsOf = (values: readonly (DecodedValue | undefined)[], frameLength: number): DecodeWarning[] => {
    const warnings: DecodeWarning[] = [];
    if (frameLength > maxBytes) {
      warnings.push({
        code: 'SFG101',
        fieldIndex: undefined,
        message: `The frame is ${frameLength} bytes, longer than the ${maxBytes}-byte maximum of a Sigfox ${maxBytes === 8 ? 'downlink' : 'uplink'}; decoded anyway.`,
      });
    }
    for (let k = 0; k < count; k++) {
      const l = layout.fields[k];
      const v = values[k];
      if (!l || v === undefined) continue;
      const name = l.field.name.text;
      if (v === null) {
        warnings.push({
          code: 'SFG102',
          fieldIndex: k,
          message: `\`${name}\` needs ${l.lastByte === l.byte ? `byte ${l.byte}` : `bytes ${l.byte}-${l.lastByte}`} but the frame has ${plural(frameLength, 'byte')}: it is null, as on the Sigfox backend.`,
        });
      } else if (typeof v === 'number' && !Number.isFinite(v)) {
        warnings.push({
          code: 'SFG104',
          fieldIndex: k,
          message: `\`${name}\` decodes to ${String(v)}, which Sigfox cannot render as a JSON number: it renders as null.`,
        });
      } else if (typeof v === 'string') {
        for (let i = 0; i < v.length; i++) {
          const c = v.charCodeAt(i);
          if (c < 0x20 || c > 0x7e) {
            warnings.push(nonPrintableWarning(k, name, i, c));
            break;
          }
        }
      }
    }
    return warnings;
  };

  const decode = (b: Uint8Array): DecodedFrame => {
    const values = decodeValues(b);
    return { values, warnings: warningsOf(values, b.length) };
  };

  return { decode, decodeValues, warningsOf, fieldReads };
}

function readerFor(l: FieldLayout): Reader {
  const { byte, bit, bitLength, lastByte } = l;
  const f = l.field;
  const need = lastByte + 1;
  switch (f.type) {
    case 'bool': {
      const mask = 1 << bit;
      return b => (b.length < need ? null : (b[byte]! & mask) !== 0);
    }
    case 'char': {
      const n = f.size!;
      return b => {
        if (b.length < need) return null;
        let s = '';
        for (let i = 0; i < n; i++) s += String.fromCharCode(b[byte + i]!);
        return s;
      };
    }
    case 'float': {
      const little = f.endianness === 'little-endian';
      const nBytes = bitLength / 8;
      const scratch = new DataView(new ArrayBuffer(8));
      return b => {
        if (b.length < need) return null;
        for (let i = 0; i < nBytes; i++) {
          const v = bit === 7 ? b[byte + i]! : Number(extractUnsigned(b, byte + i, bit, 8));
          scratch.setUint8(little ? nBytes - 1 - i : i, v);
        }
        return nBytes === 4 ? scratch.getFloat32(0) : scratch.getFloat64(0);
      };
    }
    default: {
      const signed = f.type === 'int';
      const little = f.endianness === 'little-endian' && bitLength > 8 && bitLength % 8 === 0;
      const raw = little ? littleEndianReader(byte, bit, bitLength) : bigEndianReader(byte, bit, bitLength);
      if (!signed) return b => (b.length < need ? null : raw(b));
      return b => (b.length < need ? null : signExtend(raw(b), bitLength));
    }
  }
}

type RawReader = (b: Uint8Array) => number | bigint;

function bigEndianReader(byte: number, bit: number, bitLength: number): RawReader {
  if (bit === 7) {
    switch (bitLength) {
      case 8:
        return b => b[byte]!;
      case 16:
        return b => (b[byte]! << 8) | b[byte + 1]!;
      case 24:
        return b => (b[byte]! << 16) | (b[byte + 1]! << 8) | b[byte + 2]!;
      case 32:
        return b => b[byte]! * 0x1000000 + ((b[byte + 1]! << 16) | (b[byte + 2]! << 8) | b[byte + 3]!);
    }
  }
  return b => extractUnsigned(b, byte, bit, bitLength);
}

function littleEndianReader(byte: number, bit: number, bitLength: number): RawReader {
  const nBytes = bitLength / 8;
  if (bit === 7 && bitLength <= 48) {
    return b => {
      let v = 0;
      for (let i = nBytes - 1; i >= 0; i--) v = v * 256 + b[byte + i]!;
      return v;
    };
  }
  // Wider than 48 bits, or (undefined per U-12, warned) shifted by a bit offset: extract byte by byte, then reverse.
  return b => {
    let v = 0n;
    for (let i = nBytes - 1; i >= 0; i--) v = (v << 8n) | BigInt(extractUnsigned(b, byte + i, bit, 8));
    return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
  };
}

/**
 * `bitLength` bits read MSB-first starting at bit `bit` of `b[byte]` and continuing at bit 7 of
 * the following bytes. Exact: plain numbers while the span fits in 48 bits, bigint beyond.
 */
export function extractUnsigned(b: Uint8Array, byte: number, bit: number, bitLength: number): number | bigint {
  const spanBits = 7 - bit + bitLength;
  const spanBytes = (spanBits + 7) >> 3;
  const shift = spanBytes * 8 - spanBits;
  // Integer operations only: 32-bit words, shifted and masked (no float division).
  if (spanBytes <= 4) {
    let acc = 0;
    for (let i = 0; i < spanBytes; i++) acc = (acc << 8) | b[byte + i]!;
    const value = acc >>> shift;
    return bitLength >= 32 ? value : value & (2 ** bitLength - 1);
  }
  if (spanBytes <= 6) {
    let high = 0;
    for (let i = 0; i < spanBytes - 4; i++) high = (high << 8) | b[byte + i]!;
    const at = byte + spanBytes - 4;
    const low = ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> shift;
    const lowBits = 32 - shift;
    if (bitLength <= lowBits) return bitLength >= 32 ? low : low & (2 ** bitLength - 1);
    return (high & ((1 << (bitLength - lowBits)) - 1)) * 2 ** lowBits + low;
  }
  let acc = 0n;
  for (let i = 0; i < spanBytes; i++) acc = (acc << 8n) | BigInt(b[byte + i]!);
  const v = (acc >> BigInt(shift)) & ((1n << BigInt(bitLength)) - 1n);
  return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

/** Two's complement over exactly `bitLength` bits (Decision D5). */
function signExtend(v: number | bigint, bitLength: number): number | bigint {
  if (typeof v === 'number' && bitLength <= 52) {
    const half = 2 ** (bitLength - 1);
    return v >= half ? v - 2 * half : v;
  }
  const big = BigInt(v);
  const half = 1n << BigInt(bitLength - 1);
  const r = big >= half ? big - (half << 1n) : big;
  return r >= -BigInt(TWO_POW_53 - 1) && r <= BigInt(TWO_POW_53 - 1) ? Number(r) : r;
}
