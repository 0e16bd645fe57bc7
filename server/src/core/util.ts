/**
 * Small text and value helpers shared across the core. Everything here runs in linear time on
 * user-controlled strings (no regular expression that can backtrack).
 */

/** `text` without the leading and trailing characters for which `strip` holds. */
export function trimWhere(text: string, strip: (c: string) => boolean): string {
  let start = 0;
  let end = text.length;
  while (start < end && strip(text[start] as string)) start++;
  while (end > start && strip(text[end - 1] as string)) end--;
  return text.slice(start, end);
}

/** `text` without the trailing characters for which `strip` holds. */
export function trimEndWhere(text: string, strip: (c: string) => boolean): string {
  let end = text.length;
  while (end > 0 && strip(text[end - 1] as string)) end--;
  return text.slice(0, end);
}

/** JSON/ASCII white space by char code: space, tab, line feed, carriage return, vertical tab, form feed. */
export function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12;
}

/** A plain object (not null, not an array): what a JSON object or a settings section parses to. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `text` cut to at most `max` characters, an ellipsis marking the cut. */
export function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** "1 byte", "2 bytes": a count with its unit, English plural by `s`. */
export function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** 1-based line and column (in UTF-16 units) of `offset` in `text`, as editors and compilers print them. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++)
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  return { line, column: offset - lineStart + 1 };
}

/** Offset of the last character before `before` that is not JSON white space (space, tab, CR, LF), or -1. */
export function previousNonBlank(text: string, before: number): number {
  let i = before - 1;
  while (i >= 0 && ' \t\r\n'.includes(text[i] as string)) i--;
  return i;
}

/** The JSON scanner's errors worded once for every JSON reader (callback definitions, template bodies). */
export const JSON_SCAN_ERROR_WORDING: Readonly<Partial<Record<string, string>>> = {
  UnexpectedEndOfString: 'this string is not closed: a `"` is missing before the end of the line',
  UnexpectedEndOfNumber: 'this number is incomplete',
  InvalidUnicode: 'invalid `\\u` escape: it takes four hexadecimal digits',
  InvalidEscapeCharacter: 'invalid escape: JSON knows only \\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX',
};

/** T with its readonly properties assignable: an object filled in property by property before it is handed out. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };
