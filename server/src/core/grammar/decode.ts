import type { FieldNode } from './ast';
import type { FieldLayout, GrammarLayout } from './layout';
import type { DecodedValue } from './value';
import type { GrammarCode } from './codes';
import { plural } from '../util';

/**
 * A payload config compiled once into a decode function: one small reader closure per field,
 * chosen by type, width, alignment and byte order, so decoding a frame is a loop over readers.
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
}

export interface DecoderOptions {
  readonly maxBytes?: number;
}

type Reader = (b: Uint8Array) => DecodedValue;

const TWO_POW_53 = 2 ** 53;

export function compileDecoder(fields: readonly FieldNode[], layout: GrammarLayout, options: DecoderOptions = {}): Decoder {
  const maxBytes = options.maxBytes ?? 12;
  const readers: (Reader | undefined)[] = layout.fields.map((l, k) => (l && fields[k]!.valid ? readerFor(l) : undefined));
  const count = readers.length;

  const decodeValues = (b: Uint8Array): (DecodedValue | undefined)[] => {
    const out = new Array<DecodedValue | undefined>(count);
    for (let k = 0; k < count; k++) {
      const r = readers[k];
      out[k] = r === undefined ? undefined : r(b);
    }
    return out;
  };

  const decode = (b: Uint8Array): DecodedFrame => {
    const values = decodeValues(b);
    const warnings: DecodeWarning[] = [];
    if (b.length > maxBytes) {
      warnings.push({
        code: 'SFG101',
        fieldIndex: undefined,
        message: `The frame is ${b.length} bytes, longer than the ${maxBytes}-byte maximum of a Sigfox ${maxBytes === 8 ? 'downlink' : 'uplink'}; decoded anyway.`,
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
          message: `\`${name}\` needs ${l.lastByte === l.byte ? `byte ${l.byte}` : `bytes ${l.byte}-${l.lastByte}`} but the frame has ${plural(b.length, 'byte')}: it is null, as on the Sigfox backend.`,
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
            warnings.push({
              code: 'SFG103',
              fieldIndex: k,
              message: `\`${name}\` holds byte 0x${c.toString(16).toUpperCase().padStart(2, '0')} at character ${i + 1}, outside printable ASCII: shown as Latin-1; it may break a JSON or URL body.`,
            });
            break;
          }
        }
      }
    }
    return { values, warnings };
  };

  return { decode, decodeValues };
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
  if (spanBytes <= 6) {
    let acc = 0;
    for (let i = 0; i < spanBytes; i++) acc = acc * 256 + b[byte + i]!;
    return Math.floor(acc / 2 ** shift) % 2 ** bitLength;
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
