/** Hex frame input: normalised (white space, `0x` prefix, case) or rejected with a precise reason. */
import { isSpace } from './util';

export type HexResult =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly message: string; /** 0-based offset in the input */ readonly offset: number };

const NIBBLE = new Int8Array(128).fill(-1);
for (let i = 0; i < 10; i++) NIBBLE[48 + i] = i;
for (let i = 0; i < 6; i++) {
  NIBBLE[65 + i] = 10 + i;
  NIBBLE[97 + i] = 10 + i;
}

/** Fast path for the common case (bench, bulk decode): bare even-length hex, nothing else. */
function parsePlain(input: string): Uint8Array | undefined {
  const n = input.length;
  if (n & 1) return undefined;
  const out = new Uint8Array(n >> 1);
  for (let i = 0, j = 0; i < n; i += 2, j++) {
    const a = input.charCodeAt(i),
      b = input.charCodeAt(i + 1);
    const hi = a < 128 ? NIBBLE[a]! : -1,
      lo = b < 128 ? NIBBLE[b]! : -1;
    if ((hi | lo) < 0) return undefined;
    out[j] = (hi << 4) | lo;
  }
  return out;
}

export function parseHex(input: string): HexResult {
  const plain = parsePlain(input);
  if (plain) return { ok: true, bytes: plain };
  const digits: number[] = [];
  const positions: number[] = [];
  let i = 0;
  while (i < input.length && isSpace(input.charCodeAt(i))) i++;
  if (input[i] === '0' && (input[i + 1] === 'x' || input[i + 1] === 'X')) i += 2;
  for (; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if (isSpace(c)) continue;
    const v = c < 128 ? NIBBLE[c]! : -1;
    if (v < 0) {
      const ch = String.fromCodePoint(input.codePointAt(i)!);
      const shown = /[\x20-\x7e]/.test(ch) ? `'${ch}'` : `U+${input.codePointAt(i)!.toString(16).toUpperCase().padStart(4, '0')}`;
      return {
        ok: false,
        offset: i,
        message: `not a hex digit: ${shown} at position ${i + 1} (a frame is hex digits 0-9, a-f, optionally prefixed by 0x)`,
      };
    }
    digits.push(v);
    positions.push(i);
  }
  if (digits.length & 1) {
    return {
      ok: false,
      offset: positions[positions.length - 1] ?? 0,
      message: `odd number of hex digits (${digits.length}): a frame is whole bytes, two digits each`,
    };
  }
  const out = new Uint8Array(digits.length >> 1);
  for (let j = 0; j < out.length; j++) out[j] = (digits[2 * j]! << 4) | digits[2 * j + 1]!;
  return { ok: true, bytes: out };
}

export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += (b < 16 ? '0' : '') + b.toString(16);
  return s.toUpperCase();
}
