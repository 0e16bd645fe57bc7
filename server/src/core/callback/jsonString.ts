/**
 * A JSON string literal of the definition file, decoded, with a map from each decoded character
 * back to the raw source. Templates and payload configs are checked on the decoded text (what
 * Sigfox receives); their problems must land on the characters the user typed, and `\"`, `\n`
 * or `\u00e9` take more source characters than they decode to.
 */

export interface JsonStringLiteral {
  /** The decoded value. */
  readonly value: string;
  /** Offset of the opening quote in the file. */
  readonly start: number;
  /** Offset just after the closing quote (or the end of the unterminated literal). */
  readonly end: number;
  /** Raw offset of decoded offset `i` (0..value.length); `value.length` maps to the closing quote. */
  readonly rawOffsetOf: (decodedOffset: number) => number;
  /** Whether the literal has no escape, so decoded offsets are the raw ones shifted by one. */
  readonly verbatim: boolean;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/**
 * Decodes the literal at `text[start, end)` (quotes included). Malformed escapes (already reported
 * as JSON syntax errors) decode to the characters written, so offsets stay within the literal.
 */
export function decodeJsonString(text: string, start: number, end: number): JsonStringLiteral {
  const contentEnd = end > start + 1 && text.charCodeAt(end - 1) === 0x22 ? end - 1 : end;
  // Most strings hold no escape: the value is the raw text, and offsets map one to one.
  let escape = start + 1;
  while (escape < contentEnd && text.charCodeAt(escape) !== 0x5c) escape++;
  if (escape >= contentEnd) {
    const first = start + 1;
    return {
      value: text.slice(first, contentEnd),
      start,
      end,
      verbatim: true,
      rawOffsetOf: (decoded: number) => (decoded <= 0 ? first : Math.min(first + decoded, contentEnd)),
    };
  }
  let value = '';
  // rawStarts[i] is the raw offset of the escape or character that produced decoded char i.
  const rawStarts: number[] = [];
  let i = start + 1;
  while (i < contentEnd) {
    const c = text[i]!;
    if (c !== '\\' || i + 1 >= contentEnd) {
      rawStarts.push(i);
      value += c;
      i++;
      continue;
    }
    const next = text[i + 1]!;
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) {
      rawStarts.push(i);
      value += simple;
      i += 2;
    } else if (next === 'u' && /^[0-9a-f]{4}$/i.test(text.slice(i + 2, i + 6)) && i + 6 <= contentEnd) {
      rawStarts.push(i);
      value += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
      i += 6;
    } else {
      rawStarts.push(i, i + 1);
      value += c + next;
      i += 2;
    }
  }
  const verbatim = rawStarts.length === contentEnd - start - 1;
  return {
    value,
    start,
    end,
    verbatim,
    rawOffsetOf: (decoded: number) => {
      if (decoded <= 0) return start + 1;
      if (decoded >= rawStarts.length) return contentEnd;
      return rawStarts[decoded]!;
    },
  };
}

/** A range of the decoded value as a range of the file. */
export function toRawRange(literal: JsonStringLiteral, start: number, end: number): { start: number; end: number } {
  const rawStart = literal.rawOffsetOf(start);
  return { start: rawStart, end: Math.max(rawStart, literal.rawOffsetOf(end)) };
}
