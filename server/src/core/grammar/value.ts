/** Decoded values and how Sigfox renders them into a callback (spec §1.4, Decision D7). */

/** bool -> boolean; char -> string; uint/int -> number, or bigint past 2^53; float -> number; null when not in the frame. */
export type DecodedValue = boolean | string | number | bigint | null;

const float32 = new Float32Array(1);
const float32Bits = new Uint32Array(float32.buffer);
/** 10^k for k in [-60, 60), correctly rounded: every unit a float32's digits need. */
const POWERS_OF_TEN = Array.from({ length: 120 }, (_, k) => Number(`1e${k - 60}`));
/** Per digit position p, the digits after it as a fraction of one unit in the p-th digit. */
const restAfter = new Float64Array(10);

/**
 * Shortest decimal that reads back as the same 32-bit float (`0.8465959`, not `0.8465958833694458`):
 * the fewest significant digits p whose correctly rounded decimal reads back as `x`. One digit
 * string of `x` gives, for every p, how far its p-digit rounding lies from `x`; that rounding
 * reads back as `x` when it lies within half the gap to the neighbouring float32 on its side.
 * Only a distance too close to that half gap to call (within one part in 10^6) is settled by
 * formatting and reading back.
 */
export function formatFloat32(x: number): string {
  if (!Number.isFinite(x)) return 'null';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const magnitude = Math.abs(x);
  float32[0] = magnitude;
  const word = float32Bits[0]!;
  float32Bits[0] = word - 1;
  const halfDown = (magnitude - float32[0]!) / 2;
  float32Bits[0] = word + 1;
  // Past the largest float32 lies infinity; a decimal reads back as x up to half a step above it.
  const halfUp = Number.isFinite(float32[0]!) ? (float32[0]! - magnitude) / 2 : halfDown;
  // The shortest digits of x as a double: within 10^-16 of x, far inside any float32 gap (2^-24).
  const exponential = magnitude.toExponential();
  const e = exponential.indexOf('e');
  const exponent = Number(exponential.slice(e + 1));
  const digits = e === 1 ? exponential[0]! : exponential[0] + exponential.slice(2, e);
  // p runs up to 9 digits (always enough for a float32), and below the digits of x itself.
  const last = Math.min(digits.length - 1, 9);
  let rest = 0;
  for (let i = digits.length - 1; i >= 1; i--) {
    rest = (rest + (digits.charCodeAt(i) - 0x30)) / 10;
    if (i <= last) restAfter[i] = rest;
  }
  const sign = x < 0 ? '-' : '';
  for (let p = 1; p <= last; p++) {
    const r = restAfter[p]!;
    const unit = POWERS_OF_TEN[exponent - p + 1 + 60]!;
    const up = r > 0.5;
    const distance = up ? (1 - r) * unit : r * unit;
    const gap = up ? halfUp : halfDown;
    if (distance > gap * 1.000001) continue;
    if (distance < gap * 0.999999 && Math.abs(r - 0.5) > 1e-9) {
      const head = digits.slice(0, p);
      if (!up) return sign + numberText(head, exponent);
      const carried = roundUp(head);
      return sign + (carried === undefined ? numberText('1', exponent + 1) : numberText(carried, exponent));
    }
    // Too close to call: do what the definition says.
    const candidate = Number(x.toPrecision(p));
    if (Math.fround(candidate) === x) return String(candidate);
  }
  // x's own shortest digits (as a double) read back as x itself.
  return digits.length <= 9 ? sign + numberText(digits, exponent) : String(x);
}

/** Digits plus one in the last place; undefined when all are 9 (the carry makes it 1 followed by zeros). */
function roundUp(digits: string): string | undefined {
  let i = digits.length - 1;
  while (i >= 0 && digits.charCodeAt(i) === 0x39) i--;
  if (i < 0) return undefined;
  return digits.slice(0, i) + String.fromCharCode(digits.charCodeAt(i) + 1);
}

/** `d.ddd × 10^exponent` as JavaScript prints a number (ECMAScript Number::toString). */
function numberText(digits: string, exponent: number): string {
  let end = digits.length;
  while (end > 1 && digits.charCodeAt(end - 1) === 0x30) end--;
  const s = digits.slice(0, end);
  const k = s.length;
  const n = exponent + 1; // digits before the decimal point
  if (k <= n && n <= 21) return s + '0'.repeat(n - k);
  if (0 < n && n <= 21) return `${s.slice(0, n)}.${s.slice(n)}`;
  if (-6 < n && n <= 0) return `0.${'0'.repeat(-n)}${s}`;
  const power = n - 1;
  return `${s[0]}${k > 1 ? `.${s.slice(1)}` : ''}e${power >= 0 ? '+' : '-'}${Math.abs(power)}`;
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
      if (Number.isInteger(value) && Math.abs(value) <= Number.MAX_SAFE_INTEGER && !Object.is(value, -0)) return String(value);
      return floatBits === 32 ? formatFloat32(value) : formatFloat64(value);
  }
}

/** A JSON value literal for output formats (`decode --format json`): exact integers, strings quoted. */
export function valueToJson(value: DecodedValue, floatBits: 32 | 64 = 64): string {
  if (typeof value === 'string') return JSON.stringify(value);
  return renderValue(value, floatBits);
}
