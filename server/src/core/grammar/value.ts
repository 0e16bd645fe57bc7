/** Decoded values and how Sigfox renders them into a callback (spec §1.4, Decision D7). */

/** bool -> boolean; char -> string; uint/int -> number, or bigint past 2^53; float -> number; null when not in the frame. */
export type DecodedValue = boolean | string | number | bigint | null;

const float32 = new Float32Array(1);
const float32Bits = new Uint32Array(float32.buffer);
/** 10^k for k in [-60, 60), correctly rounded: every scale a float32 needs. */
const POWERS_OF_TEN = Array.from({ length: 120 }, (_, k) => Number(`1e${k - 60}`));
/**
 * How far from a rounding boundary (in units of the ninth significant digit) a decision is
 * taken without checking: the scaled value carries an error below 10^-6 of a unit, and half a
 * float32 gap is at least 2.9 units (2^-25 of a value at least 10^8 units).
 */
const SURE = 1e-4;
/** Half the gap between float32 values of a biased binary exponent (subnormals, 0, share exponent 1's). */
const HALF_GAPS = Array.from({ length: 256 }, (_, field) => 2 ** (Math.max(field, 1) - 150) / 2);
const LOG10_2 = Math.log10(2);

/** Room for formatFloat32's longest text, `-1.1754944e-38`. */
const floatText = new Uint8Array(32);

/**
 * Shortest decimal that reads back as the same 32-bit float (`0.8465959`, not `0.8465958833694458`):
 * the fewest significant digits p whose correctly rounded decimal reads back as `x` (Decision
 * D7), printed as JavaScript prints numbers.
 */
export function formatFloat32(x: number): string {
  const end = writeFloat32(floatText, 0, x);
  let text = '';
  for (let i = 0; i < end; i++) text += String.fromCharCode(floatText[i]!);
  return text;
}

/**
 * formatFloat32's text written as ASCII at `p` in `buf` (bulk output builds no strings): the
 * end offset, at most 15 bytes on. x scaled to nine integer digits gives, for every p, how far
 * its p-digit rounding lies from x; that rounding reads back as x when it lies within half the
 * gap to the neighbouring float32. From 10^-4 to 10^9 the arithmetic is exact; elsewhere a
 * distance too close to that half gap, or to a tie, to call from doubles (3 in 10,000 random
 * values), and powers of two, are settled by formatting and reading back.
 */
export function writeFloat32(buf: Uint8Array, p: number, x: number): number {
  if (!Number.isFinite(x)) return writeAscii(buf, p, 'null');
  if (x === 0) return writeAscii(buf, p, Object.is(x, -0) ? '-0' : '0');
  const magnitude = Math.abs(x);
  float32[0] = magnitude;
  const word = float32Bits[0]!;
  const field = word >>> 23; // the biased binary exponent
  // At a power of two the gap below is half the gap above: a shorter rounding on the wide side
  // can read back where a longer one on the narrow side does not. Rare: settled by definition.
  if ((word & 0x7fffff) === 0 && field > 1) return writeAscii(buf, p, shortestByReadingBack(x));
  // The first significant digit's power of ten, from the binary exponent (2^e lies within one
  // power of ten of it); subnormals (binary exponent field 0) ask log10.
  let exponent = field === 0 ? Math.floor(Math.log10(magnitude)) : Math.floor((field - 127) * LOG10_2);
  if (POWERS_OF_TEN[exponent + 60]! > magnitude) exponent--;
  else if (POWERS_OF_TEN[exponent + 61]! <= magnitude) exponent++;
  const scale = POWERS_OF_TEN[68 - exponent]!; // x * scale has nine digits before the point
  const scaled = magnitude * scale;
  // Half the gap to either neighbouring float32 (past the largest lies infinity; a decimal reads
  // back as x up to half a step above it, the same half gap).
  const halfDown = HALF_GAPS[field]! * scale;
  // From 10^-4 to 10^9, x * 10^(8 - exponent) (24 bits times at most 5^12's 28) and every rest
  // below are exact: ties and half gaps are told apart exactly, with no reading back.
  const exact = exponent >= -4 && exponent <= 8;
  // Rounding to p digits lands within half a gap once half a unit in the p-th digit is less
  // than it: start from the fewest such digits. Fewer digits work only while each rounding still
  // lands within (a p-digit rounding is no farther than any with fewer digits), so look down
  // from there until one does not: random values stop after one look.
  let places = 9,
    unit = 1;
  while (places > 1 && unit * 5 < halfDown - SURE) {
    places--;
    unit *= 10;
  }
  let digits = -1,
    count = 0;
  // Below 10^9: integer division on the whole part, the fraction added back (exactly); each
  // look's head is the previous one's divided by ten.
  const whole = scaled | 0;
  const fraction = scaled - whole;
  let head = (whole / unit) | 0;
  for (; places >= 1; places--, unit *= 10, head = (head / 10) | 0) {
    const rest = whole - head * unit + fraction;
    // 1 to round up, a tie too (as toPrecision does); as numbers, not branches (random values
    // would mispredict them).
    const up = +(rest > unit / 2) | (+exact & +(rest === unit / 2));
    const distance = Math.abs(rest - up * unit);
    if (exact) {
      // Exactly half a gap away reads back as x when its last binary digit is even (ties to even).
      if (distance > halfDown || (distance === halfDown && (word & 1) !== 0)) break;
    } else {
      if (distance > halfDown + SURE) break;
      if (distance >= halfDown - SURE || Math.abs(rest - unit / 2) <= SURE) return writeAscii(buf, p, shortestByReadingBack(x)); // too close to call
    }
    digits = head + up;
    count = places;
  }
  // Rounding 9.99 up to 10 moves the first digit one place up.
  if (digits === POWERS_OF_TEN[60 + count]) exponent++;
  // At most 10^9: integer division from here on.
  digits |= 0;
  while (digits % 10 === 0) {
    digits = (digits / 10) | 0;
    count--;
  }
  if (count === 0) count = 1;
  if (x < 0) buf[p++] = 0x2d; // -
  return writeNumberText(buf, p, digits, count, exponent + 1);
}

/** The definition itself, for the rare value too close to a boundary to decide from doubles. */
function shortestByReadingBack(x: number): string {
  for (let p = 1; p < 9; p++) {
    const candidate = Number(x.toPrecision(p));
    if (Math.fround(candidate) === x) return String(candidate);
  }
  return String(Number(x.toPrecision(9)));
}

/**
 * `0.d1d2...dk × 10^n` (k digits, no trailing zero) as JavaScript prints a number
 * (ECMAScript Number::toString): plain up to 21 integer digits and down to 0.000001, else with
 * an exponent (at most two digits for a float32).
 */
function writeNumberText(buf: Uint8Array, p: number, digits: number, k: number, n: number): number {
  if (k <= n && n <= 21) {
    p = writeDigits(buf, p, digits, k);
    for (let i = k; i < n; i++) buf[p++] = 0x30;
    return p;
  }
  if (0 < n && n <= 21) return writePoint(buf, p, digits, k, n);
  if (-6 < n && n <= 0) {
    buf[p++] = 0x30;
    buf[p++] = 0x2e;
    for (let i = n; i < 0; i++) buf[p++] = 0x30;
    return writeDigits(buf, p, digits, k);
  }
  p = k > 1 ? writePoint(buf, p, digits, k, 1) : writeDigits(buf, p, digits, 1);
  buf[p++] = 0x65; // e
  let e = n - 1;
  if (e < 0) {
    buf[p++] = 0x2d;
    e = -e;
  } else buf[p++] = 0x2b;
  if (e < 10) buf[p++] = 0x30 + e;
  else {
    buf[p++] = DIGIT_PAIRS[2 * e]!;
    buf[p++] = DIGIT_PAIRS[2 * e + 1]!;
  }
  return p;
}

/** k digits with a decimal point after the first n: written one place on, the first n moved back in front of the point. */
function writePoint(buf: Uint8Array, p: number, digits: number, k: number, n: number): number {
  const end = writeDigits(buf, p + 1, digits, k);
  for (let i = 0; i < n; i++) buf[p + i] = buf[p + i + 1]!;
  buf[p + n] = 0x2e; // .
  return end;
}

/** "00".."99" as byte pairs: two digits per division. */
const DIGIT_PAIRS = new Uint8Array(200);
for (let i = 0; i < 100; i++) {
  DIGIT_PAIRS[2 * i] = 0x30 + Math.floor(i / 10);
  DIGIT_PAIRS[2 * i + 1] = 0x30 + (i % 10);
}

/** The `count` decimal digits of a non-negative integer below 2^53, leading zeros included. */
function writeDigits(buf: Uint8Array, p: number, value: number, count: number): number {
  const end = p + count;
  if (value < 0x80000000) {
    writeInt32Digits(buf, p, end, value | 0);
    return end;
  }
  // Past int32: the last eight digits split off by one division (a uint:48, a float:32 past 2^31
  // would otherwise divide by ten in doubles digit by digit); what is left is an int32.
  // Exact: below 2^53 the quotient is under 2^27, where a value 10^-8 short of an integer is more
  // than half a double's spacing (2^-27) from it, so it never rounds up to it.
  const high = Math.floor(value / 1e8);
  const low = value - high * 1e8;
  writeInt32Digits(buf, end - 8, end, low);
  writeInt32Digits(buf, p, end - 8, high);
  return end;
}

/** The digits of an int32 ending just before `at`, back to `p`: a function of its own, so its divisions stay integer ones. */
function writeInt32Digits(buf: Uint8Array, p: number, at: number, value: number): void {
  while (at - p >= 2) {
    const rest = (value / 100) | 0;
    const pair = (value - rest * 100) << 1;
    buf[--at] = DIGIT_PAIRS[pair + 1]!;
    buf[--at] = DIGIT_PAIRS[pair]!;
    value = rest;
  }
  if (at > p) buf[p] = 0x30 + (value % 10);
}

/** An exact integer's decimal digits at `p`, as String(value) prints them; returns the end. */
export function writeInteger(buf: Uint8Array, p: number, value: number): number {
  if (value < 0) {
    buf[p++] = 0x2d; // -
    value = -value;
  }
  return writeDigits(buf, p, value, digitCount(value));
}

/** Decimal digits of a non-negative integer below 2^53. */
function digitCount(value: number): number {
  if (value < 1e5) return value < 10 ? 1 : value < 100 ? 2 : value < 1000 ? 3 : value < 1e4 ? 4 : 5;
  if (value < 1e10) return value < 1e6 ? 6 : value < 1e7 ? 7 : value < 1e8 ? 8 : value < 1e9 ? 9 : 10;
  let count = 11;
  for (let limit = 1e11; value >= limit && count < 16; limit *= 10) count++;
  return count;
}

/** Text known to be ASCII (number formatting) at `p`; returns the end. */
export function writeAscii(buf: Uint8Array, p: number, text: string): number {
  for (let i = 0; i < text.length; i++) buf[p + i] = text.charCodeAt(i);
  return p + text.length;
}

/** renderValue of a number, written as ASCII at `p` (bulk output); returns the end. */
export function writeNumber(buf: Uint8Array, p: number, value: number, floatBits: 32 | 64): number {
  if (isExactInteger(value)) return writeInteger(buf, p, value);
  return floatBits === 32 ? writeFloat32(buf, p, value) : writeAscii(buf, p, formatFloat64(value));
}

/** An integer a double holds exactly, and not -0: printed as plain digits whatever the width. */
function isExactInteger(value: number): boolean {
  return Number.isInteger(value) && Math.abs(value) <= Number.MAX_SAFE_INTEGER && !Object.is(value, -0);
}

/** JS already prints the shortest round-trip double. */
export function formatFloat64(x: number): string {
  return Number.isFinite(x) ? String(x) : 'null';
}

/**
 * The exact text Sigfox puts in place of `{customData#name}`: integers as exact decimal digits,
 * floats shortest round-trip for their width, bools bare, chars raw (no quotes, no escaping), null.
 */
export function renderValue(value: DecodedValue, floatBits: 32 | 64 = 64): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return value;
    case 'bigint':
      return value.toString();
    case 'number':
      if (isExactInteger(value)) return String(value);
      return floatBits === 32 ? formatFloat32(value) : formatFloat64(value);
  }
}

/** A JSON value literal for output formats (`decode --format json`): exact integers, strings quoted. */
export function valueToJson(value: DecodedValue, floatBits: 32 | 64 = 64): string {
  if (typeof value === 'string') return JSON.stringify(value);
  return renderValue(value, floatBits);
}
