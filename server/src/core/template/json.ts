/**
 * JSON bodies (spec D14): when a body counts as JSON, where each placeholder sits relative to
 * JSON strings, and the first syntax error of a text, in words a user understands.
 */
import { printParseErrorCode, visit, type ParseError } from 'jsonc-parser';
import { placeholderOpeningAt, type Placeholder } from './scan';
import { JSON_SCAN_ERROR_WORDING, previousNonBlank } from '../util';

/** Where a template is used (spec §2.3): a URL, a header value, a body, a batch line pattern, an email subject/message. */
export type TemplateMedium = 'body' | 'url' | 'header' | 'linePattern' | 'email';

/** The media type of a Content-Type value, without its parameters (`; charset=utf-8`), in lower case. */
export function mediaTypeOf(contentType: string): string {
  const semicolon = contentType.indexOf(';');
  return (semicolon < 0 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
}

/** `application/json`, with or without parameters (`; charset=utf-8`), in any case. */
export function isJsonContentType(contentType: string): boolean {
  return mediaTypeOf(contentType) === 'application/json';
}

/**
 * Where a template's values end up in a URL or query string: the URL itself, or a form body
 * (Sigfox appends the URL's query to it). Values there need percent-encoding.
 */
export function isUrlLike(medium: TemplateMedium, contentType: string | undefined): boolean {
  return (
    medium === 'url' || (medium === 'body' && contentType !== undefined && mediaTypeOf(contentType) === 'application/x-www-form-urlencoded')
  );
}

export type JsonBodyReason = 'content-type' | 'starts-like-json';

/**
 * Why a body is JSON, or undefined when it is not (spec D14): a JSON content type; or, with no
 * content type, a first non-blank character `[`, or `{` that does not open a placeholder
 * (`{device};{data}` is a text line, not a JSON object). Only bodies are ever JSON.
 */
export function jsonBodyReason(text: string, medium: TemplateMedium, contentType?: string): JsonBodyReason | undefined {
  if (medium !== 'body') return undefined;
  if (contentType !== undefined && contentType.trim() !== '') return isJsonContentType(contentType) ? 'content-type' : undefined;
  const first = skipJsonWhitespace(text, 0);
  if (first >= text.length) return undefined;
  const c = text[first];
  if (c === '[') return 'starts-like-json';
  if (c === '{' && placeholderOpeningAt(text, first) === undefined) return 'starts-like-json';
  return undefined;
}

export function skipJsonWhitespace(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
    i++;
  }
  return i;
}

/** Where a placeholder sits in a JSON text. */
export interface JsonSlot {
  /** Inside a JSON string (between quotes). */
  readonly inString: boolean;
  /** Offset of the opening quote of that string, or -1. */
  readonly stringStart: number;
  /** The placeholder is the whole string: `"{time}"`. */
  readonly wholeString: boolean;
  /** That whole string is an object key (`"{device}": ...`). */
  readonly isKey: boolean;
}

const OUTSIDE: JsonSlot = { inString: false, stringStart: -1, wholeString: false, isKey: false };

/** Where the string lexer stands: inside a JSON string or not, and where that string opened. */
export interface JsonStringState {
  inString: boolean;
  stringStart: number;
}

/**
 * Advances `state` over text[from, to): a backslash escapes the next character, a `"` opens or
 * closes a string, and, as JSON parsers recover, a line break ends an unterminated one.
 */
export function lexJsonStrings(text: string, from: number, to: number, state: JsonStringState): void {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (state.inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */ || c === 0x0a || c === 0x0d) state.inString = false;
    } else if (c === 0x22) {
      state.inString = true;
      state.stringStart = i;
    }
  }
}

/**
 * Whether `offset` is inside a JSON string, from its line alone: a line break ends any string
 * (as in lexJsonStrings) unless a backslash just before it escapes it, so a line that follows an
 * unescaped break starts outside every string. Undefined after an escaped break: the caller lexes
 * from further back. Equal to lexing the whole text up to `offset` (placeholders hold no `"`, `\`
 * or line break), at the cost of one line: a keystroke in a 300 KB body lexes one line, not the body.
 */
export function inJsonStringOnLine(text: string, offset: number): boolean | undefined {
  let lineStart = offset;
  while (lineStart > 0) {
    const c = text.charCodeAt(lineStart - 1);
    if (c === 0x0a || c === 0x0d) break;
    lineStart--;
  }
  if (lineStart > 0 && text.charCodeAt(lineStart - 2) === 0x5c /* \ */) return undefined;
  const state: JsonStringState = { inString: false, stringStart: -1 };
  lexJsonStrings(text, lineStart, offset, state);
  return state.inString;
}

/**
 * The JSON slot of each placeholder, by a string-aware lexing of the text between placeholders
 * (the placeholders themselves contain no quote). Like JSON parsers, a line break ends an
 * unterminated string, which keeps one typo from turning the rest of the body inside out.
 */
export function jsonSlots(text: string, placeholders: readonly Placeholder[]): JsonSlot[] {
  const slots: JsonSlot[] = [];
  const state: JsonStringState = { inString: false, stringStart: -1 };
  let pos = 0;
  for (const p of placeholders) {
    // A backslash just before a placeholder escapes its `{`: the lexer stepping past `pos` is fine.
    lexJsonStrings(text, pos, p.start, state);
    if (!state.inString) {
      slots.push(OUTSIDE);
    } else {
      const { stringStart } = state;
      const wholeString = stringStart === p.start - 1 && text.charCodeAt(p.end) === 0x22;
      const isKey = wholeString && text.charCodeAt(skipJsonWhitespace(text, p.end + 1)) === 0x3a; /* : */
      slots.push({ inString: true, stringStart, wholeString, isKey });
    }
    pos = p.end;
  }
  return slots;
}

/**
 * How deep jsonc-parser may be asked to go: it recurses once per level (parseValue, parseArray...)
 * and overflows the stack at a few thousand levels, which no callback body comes near.
 */
export const MAX_JSON_DEPTH = 1000;

/**
 * Offset of the first `[` or `{` that opens a level deeper than `max`, or -1. Strings (a line
 * break ends one, as in jsonc-parser) and comments are skipped: only what a parser nests counts.
 */
export function nestingDepthExceeds(text: string, max: number): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22 || d === 0x0a || d === 0x0d) break;
      }
    } else if (c === 0x2f /* / */ && text.charCodeAt(i + 1) === 0x2f) {
      while (i < text.length && text.charCodeAt(i) !== 0x0a && text.charCodeAt(i) !== 0x0d) i++;
    } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2a /* * */) {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 1;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return i;
    } else if ((c === 0x5d || c === 0x7d) && depth > 0) {
      depth--;
    }
  }
  return -1;
}

export interface JsonSyntaxError {
  readonly start: number;
  readonly end: number;
  /** What is wrong and how to fix it, e.g. "a `,` is missing between two values". */
  readonly description: string;
}

/** The first error of a strict JSON parse (no comments, no trailing commas), or undefined when valid. */
export function firstJsonError(text: string): JsonSyntaxError | undefined {
  // The native parser is strict JSON and an order of magnitude faster: the common, valid case
  // costs ~1 ms on 300 KB. jsonc-parser only runs to locate and name an error.
  let nativeError: unknown;
  try {
    JSON.parse(text);
    return undefined;
  } catch (e) {
    nativeError = e;
  }
  // A visitor that only listens to errors builds no values: twice as fast as `parse`. It recurses
  // once per nesting level, so a text nested deeper than it can take keeps the native verdict.
  let first: ParseError | undefined;
  if (nestingDepthExceeds(text, MAX_JSON_DEPTH) < 0)
    visit(
      text,
      {
        onError: (error, offset, length) => {
          if (!first || offset < first.offset) first = { error, offset, length };
        },
      },
      { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
    );
  if (!first) {
    // Too deep for jsonc-parser, or not expected (both are strict JSON): the native verdict at the position it gives.
    const position = /position (\d+)/.exec(String(nativeError))?.[1];
    const offset = Math.min(position === undefined ? 0 : Number(position), text.length);
    return { start: offset, end: offset, description: 'this is not valid JSON' };
  }
  return describeError(text, first);
}

function describeError(text: string, error: ParseError): JsonSyntaxError {
  const start = Math.min(error.offset, text.length);
  const end = Math.min(error.offset + Math.max(error.length, 0), text.length);
  const at = (description: string, s = start, e = end): JsonSyntaxError => ({ start: s, end: e, description });
  const previous = previousNonBlank(text, start);
  const trailingComma = previous >= 0 && text[previous] === ',' && (text[start] === '}' || text[start] === ']');
  const code = printParseErrorCode(error.error);
  // Wording both JSON readers (definitions and template bodies) share.
  const shared = JSON_SCAN_ERROR_WORDING[code];
  if (shared) return at(shared);
  switch (code) {
    case 'InvalidSymbol':
      return at(`unexpected ${describeChar(text, start)} (JSON strings and names take double quotes; text values must be quoted)`);
    case 'InvalidNumberFormat':
      return at('this number is malformed');
    case 'PropertyNameExpected':
      return trailingComma
        ? at('JSON allows no comma after the last property: remove this `,`', previous, previous + 1)
        : at('a property name in double quotes is expected here');
    case 'ValueExpected':
      if (trailingComma) return at('JSON allows no comma after the last element: remove this `,`', previous, previous + 1);
      return start >= text.length ? at('the body ends where a value is expected') : at('a value is expected here');
    case 'ColonExpected':
      return at('a `:` is expected after the property name');
    case 'CommaExpected':
      return at('a `,` is missing before this value');
    case 'CloseBraceExpected':
      return at('a `}` is missing to close the object');
    case 'CloseBracketExpected':
      return at('a `]` is missing to close the array');
    case 'EndOfFileExpected':
      return at('nothing may follow the end of the JSON value');
    case 'InvalidCommentToken':
    case 'UnexpectedEndOfComment':
      return at('JSON does not allow comments');
    case 'InvalidCharacter': {
      const control = firstControlChar(text, start, end);
      return control >= 0
        ? at(
            `a string contains a raw control character (${describeChar(text, control)}); write it escaped, e.g. \\n or \\t`,
            control,
            control + 1,
          )
        : at('a string contains an invalid character');
    }
    default:
      return at('this is not valid JSON');
  }
}

function firstControlChar(text: string, start: number, end: number): number {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) < 0x20) return i;
  return -1;
}

function describeChar(text: string, offset: number): string {
  if (offset >= text.length) return 'end of the body';
  const c = text.charCodeAt(offset);
  if (c === 0x0a) return 'line break';
  if (c === 0x09) return 'tab';
  if (c < 0x20) return `control character U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
  return `\`${String.fromCodePoint(text.codePointAt(offset) ?? c)}\``;
}
