/** Decoded values and how Sigfox renders them into a callback (spec §1.4, Decision D7). */

/** bool -> boolean; char -> string; uint/int -> number, or bigint past 2^53; float -> number; null when not in the frame. */
export type DecodedValue = boolean | string | number | bigint | null;

/** Shortest decimal that reads back as the same 32-bit float (`0.8465959`, not `0.8465958833694458`). */
export function formatFloat32(x: number): string {
  if (!Number.isFinite(x)) return 'null';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  for (let p = 1; p <= 9; p++) {
    const candidate = Number(x.toPrecision(p));
    if (Math.fround(candidate) === x) return String(candidate);
  }
  return String(x);
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
