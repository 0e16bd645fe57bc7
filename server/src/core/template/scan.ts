/**
 * Finds the placeholders of a template (spec D13): `{name}` with name `[A-Za-z][A-Za-z0-9_-]*`
 * and `{customData#name}` with name `[A-Za-z0-9_-]+`. Any other brace text is literal; the
 * literal texts that look like a mistyped placeholder are collected too, so they can be reported.
 *
 * One left-to-right pass: each `{` is followed to the next brace only, so every character is
 * looked at once whatever the nesting (linear on a 300 KB template).
 */
import { trimWhere } from '../util';

export const CUSTOM_DATA_PREFIX = 'customData#';

export type PlaceholderKind = 'variable' | 'customData';

export interface Placeholder {
  readonly kind: PlaceholderKind;
  /** Offset of `{`. */
  readonly start: number;
  /** Offset just after `}`. */
  readonly end: number;
  /** The variable name, or the field name after `customData#`. */
  readonly name: string;
  readonly nameStart: number;
  readonly nameEnd: number;
}

export type LookalikeIssue =
  /** `{customData#...}` whose name is empty or has a character outside `[A-Za-z0-9_-]`. */
  | 'invalid-custom-data-name'
  /** `{ device }`: a valid placeholder once the spaces inside the braces are removed. */
  | 'spaced'
  /** `{customdata#temp}`: `customData` is case-sensitive. */
  | 'custom-data-case';

/** Literal brace text that Sigfox sends as written although it was probably meant as a placeholder. */
export interface PlaceholderLookalike {
  readonly issue: LookalikeIssue;
  readonly start: number;
  readonly end: number;
  /** The text between the braces. */
  readonly content: string;
  /** The placeholder it probably means (`{device}` for `{ device }`), when that is clear. */
  readonly intended?: string;
}

export interface TemplateScan {
  /** In text order, never overlapping. */
  readonly placeholders: readonly Placeholder[];
  readonly lookalikes: readonly PlaceholderLookalike[];
}

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
/** Longest brace content inspected for a lookalike: JSON objects are long, placeholders are not. */
const MAX_LOOKALIKE_CONTENT = 200;

export function scanTemplate(text: string): TemplateScan {
  const placeholders: Placeholder[] = [];
  const lookalikes: PlaceholderLookalike[] = [];
  scanFrom(text, 0, placeholders, lookalikes, () => false);
  return { placeholders, lookalikes };
}

/**
 * The scan from `from` (a position where the scan looks for the next `{`), calling `synced` after
 * each brace pair recorded: when it answers true the scan stops (the caller knows the rest).
 */
function scanFrom(
  text: string,
  from: number,
  placeholders: Placeholder[],
  lookalikes: PlaceholderLookalike[],
  synced: (close: number) => boolean,
): void {
  const length = text.length;
  let open = text.indexOf('{', from);
  while (open !== -1) {
    let close = open + 1;
    let c = 0;
    while (close < length) {
      c = text.charCodeAt(close);
      if (c === OPEN_BRACE || c === CLOSE_BRACE) break;
      close++;
    }
    if (close >= length) break;
    if (c === OPEN_BRACE) {
      open = close;
      continue;
    }
    const recorded = placeholders.length + lookalikes.length;
    classifyBraces(text, open, close, placeholders, lookalikes);
    if (placeholders.length + lookalikes.length !== recorded && synced(close)) return;
    open = text.indexOf('{', close + 1);
  }
}

/**
 * The scan of `text` from the scan of an earlier text of the same document (a keystroke in a
 * 300 KB template): what lies before the edit is kept, the scan restarts at the last placeholder
 * or lookalike ending before it, and stops at the first one after it that the earlier scan also
 * found there (same brace pair, shifted): from that pair on both scans see the same text. The
 * result equals `scanTemplate(text)`.
 */
export function rescanTemplate(previousText: string, previous: TemplateScan, text: string): TemplateScan {
  const limit = Math.min(previousText.length, text.length);
  const prefix = commonPrefixLength(previousText, text, limit);
  if (prefix === previousText.length && prefix === text.length) return previous;
  const suffix = commonSuffixLength(previousText, text, limit - prefix);
  const delta = text.length - previousText.length;
  // Unchanged items: those ending before the edit (their braces and content are intact).
  const keptPlaceholders = countEndingBy(previous.placeholders, prefix);
  const keptLookalikes = countEndingBy(previous.lookalikes, prefix);
  const resume = Math.max(
    keptPlaceholders > 0 ? previous.placeholders[keptPlaceholders - 1]!.end : 0,
    keptLookalikes > 0 ? previous.lookalikes[keptLookalikes - 1]!.end : 0,
  );
  const placeholders = previous.placeholders.slice(0, keptPlaceholders);
  const lookalikes = previous.lookalikes.slice(0, keptLookalikes);
  // Old items starting in the unchanged suffix, where a pair found again means the scans agree from there on.
  const suffixStart = previousText.length - suffix;
  let nextPlaceholder = firstStartingAtOrAfter(previous.placeholders, suffixStart);
  let nextLookalike = firstStartingAtOrAfter(previous.lookalikes, suffixStart);
  let syncedAt: { placeholder: number; lookalike: number } | undefined;
  scanFrom(text, resume, placeholders, lookalikes, close => {
    const oldClose = close - delta;
    if (oldClose < suffixStart + 1) return false;
    while (nextPlaceholder < previous.placeholders.length && previous.placeholders[nextPlaceholder]!.end - 1 < oldClose) nextPlaceholder++;
    while (nextLookalike < previous.lookalikes.length && previous.lookalikes[nextLookalike]!.end - 1 < oldClose) nextLookalike++;
    const lastNew = lastRecorded(placeholders, lookalikes);
    const same =
      lastNew.kind === 'placeholder'
        ? previous.placeholders[nextPlaceholder]?.end === oldClose + 1 &&
          previous.placeholders[nextPlaceholder]!.start === lastNew.start - delta
        : previous.lookalikes[nextLookalike]?.end === oldClose + 1 && previous.lookalikes[nextLookalike]!.start === lastNew.start - delta;
    if (!same || lastNew.start - delta < suffixStart) return false;
    syncedAt = { placeholder: nextPlaceholder, lookalike: nextLookalike };
    return true;
  });
  if (syncedAt) {
    // The pair just found is the old one shifted: drop the new copy, then shift every old item from it on.
    const last = lastRecorded(placeholders, lookalikes);
    if (last.kind === 'placeholder') placeholders.pop();
    else lookalikes.pop();
    for (let k = syncedAt.placeholder; k < previous.placeholders.length; k++) placeholders.push(shifted(previous.placeholders[k]!, delta));
    for (let k = syncedAt.lookalike; k < previous.lookalikes.length; k++) lookalikes.push(shiftedLookalike(previous.lookalikes[k]!, delta));
  }
  return { placeholders, lookalikes };
}

/**
 * Compared a chunk at a time (native string equality), then a character at a time in the chunk
 * that differs: a keystroke in a 300 KB template costs microseconds, not a loop over every character.
 */
const CHUNK = 1024;

function commonPrefixLength(a: string, b: string, limit: number): number {
  let n = 0;
  while (n + CHUNK <= limit && a.slice(n, n + CHUNK) === b.slice(n, n + CHUNK)) n += CHUNK;
  while (n < limit && a.charCodeAt(n) === b.charCodeAt(n)) n++;
  return n;
}

function commonSuffixLength(a: string, b: string, limit: number): number {
  let n = 0;
  while (n + CHUNK <= limit && a.slice(a.length - n - CHUNK, a.length - n) === b.slice(b.length - n - CHUNK, b.length - n)) n += CHUNK;
  while (n < limit && a.charCodeAt(a.length - 1 - n) === b.charCodeAt(b.length - 1 - n)) n++;
  return n;
}

function lastRecorded(
  placeholders: readonly Placeholder[],
  lookalikes: readonly PlaceholderLookalike[],
): { kind: 'placeholder' | 'lookalike'; start: number } {
  const p = placeholders[placeholders.length - 1];
  const l = lookalikes[lookalikes.length - 1];
  if (l === undefined || (p !== undefined && p.start > l.start)) return { kind: 'placeholder', start: p!.start };
  return { kind: 'lookalike', start: l.start };
}

/** How many of the items (in text order) end at or before `offset`. */
function countEndingBy(items: readonly { readonly end: number }[], offset: number): number {
  let low = 0,
    high = items.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (items[mid]!.end <= offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

function firstStartingAtOrAfter(items: readonly { readonly start: number }[], offset: number): number {
  let low = 0,
    high = items.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (items[mid]!.start < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

function shifted(p: Placeholder, delta: number): Placeholder {
  return {
    kind: p.kind,
    start: p.start + delta,
    end: p.end + delta,
    name: p.name,
    nameStart: p.nameStart + delta,
    nameEnd: p.nameEnd + delta,
  };
}

function shiftedLookalike(l: PlaceholderLookalike, delta: number): PlaceholderLookalike {
  return { ...l, start: l.start + delta, end: l.end + delta };
}

/** `text[open]` is `{`, `text[close]` is `}` and nothing between them is a brace. */
function classifyBraces(text: string, open: number, close: number, placeholders: Placeholder[], lookalikes: PlaceholderLookalike[]): void {
  const contentStart = open + 1;
  if (isVariableName(text, contentStart, close)) {
    placeholders.push({
      kind: 'variable',
      start: open,
      end: close + 1,
      name: text.slice(contentStart, close),
      nameStart: contentStart,
      nameEnd: close,
    });
    return;
  }
  if (text.startsWith(CUSTOM_DATA_PREFIX, contentStart)) {
    const nameStart = contentStart + CUSTOM_DATA_PREFIX.length;
    if (isFieldName(text, nameStart, close)) {
      placeholders.push({ kind: 'customData', start: open, end: close + 1, name: text.slice(nameStart, close), nameStart, nameEnd: close });
    } else {
      lookalikes.push({ issue: 'invalid-custom-data-name', start: open, end: close + 1, content: text.slice(contentStart, close) });
    }
    return;
  }
  if (close - contentStart > MAX_LOOKALIKE_CONTENT) return;
  const lookalike = lookalikeOf(text.slice(contentStart, close));
  if (lookalike) lookalikes.push({ ...lookalike, start: open, end: close + 1 });
}

function lookalikeOf(content: string): { issue: LookalikeIssue; content: string; intended: string } | undefined {
  const trimmed = trimJsonWhitespace(content);
  if (trimmed.length === 0) return undefined;
  const spaced = trimmed.length !== content.length;
  if (!spaced && !startsWithIgnoringCase(trimmed, CUSTOM_DATA_PREFIX)) return undefined;
  let intended: string | undefined;
  if (startsWithIgnoringCase(trimmed, CUSTOM_DATA_PREFIX)) {
    const name = trimmed.slice(CUSTOM_DATA_PREFIX.length);
    if (isFieldName(name, 0, name.length)) intended = `{${CUSTOM_DATA_PREFIX}${name}}`;
  } else if (isVariableName(trimmed, 0, trimmed.length)) {
    intended = `{${trimmed}}`;
  }
  if (!intended) return undefined;
  return { issue: spaced ? 'spaced' : 'custom-data-case', content, intended };
}

/** `[A-Za-z][A-Za-z0-9_-]*` over text[start, end). */
export function isVariableName(text: string, start: number, end: number): boolean {
  if (start >= end || !isLetter(text.charCodeAt(start))) return false;
  for (let i = start + 1; i < end; i++) if (!isNameChar(text.charCodeAt(i))) return false;
  return true;
}

/** `[A-Za-z0-9_-]+` over text[start, end): the field-name set of spec D12. */
export function isFieldName(text: string, start: number, end: number): boolean {
  if (start >= end) return false;
  for (let i = start; i < end; i++) if (!isNameChar(text.charCodeAt(i))) return false;
  return true;
}

function isLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function isNameChar(c: number): boolean {
  return isLetter(c) || (c >= 0x30 && c <= 0x39) || c === 0x5f /* _ */ || c === 0x2d; /* - */
}

function startsWithIgnoringCase(text: string, prefix: string): boolean {
  return text.length >= prefix.length && text.slice(0, prefix.length).toLowerCase() === prefix.toLowerCase();
}

function trimJsonWhitespace(text: string): string {
  return trimWhere(text, c => c === ' ' || c === '\t' || c === '\r' || c === '\n');
}

/**
 * The placeholder whose `{` is at `open`, found without scanning the template: the scan pairs
 * every `{` with the next brace, so `{` + name characters + `}` is a pair wherever it stands.
 */
export function placeholderOpeningAt(text: string, open: number): Placeholder | undefined {
  if (open < 0 || text.charCodeAt(open) !== OPEN_BRACE) return undefined;
  let close = open + 1;
  // A placeholder holds only name characters and `#`: anything else means it is not one.
  while (close < text.length && isPlaceholderContent(text.charCodeAt(close))) close++;
  if (text.charCodeAt(close) !== CLOSE_BRACE) return undefined;
  const placeholders: Placeholder[] = [];
  classifyBraces(text, open, close, placeholders, []);
  return placeholders[0];
}

/**
 * `placeholderAt(scanTemplate(text).placeholders, offset)` from the text around `offset` alone:
 * what hover and completion ask on every keystroke, without a scan of a 300 KB template.
 */
export function placeholderAtOffset(text: string, offset: number): Placeholder | undefined {
  const open = text.lastIndexOf('{', offset);
  if (open < 0) return undefined;
  const here = placeholderOpeningAt(text, open);
  if (here) return offset <= here.end ? here : undefined;
  // A `{` at the offset that opens nothing: the placeholder ending just there still counts.
  if (open !== offset || offset === 0) return undefined;
  const before = placeholderOpeningAt(text, text.lastIndexOf('{', offset - 1));
  return before && before.end === offset ? before : undefined;
}

function isPlaceholderContent(c: number): boolean {
  return isNameChar(c) || c === 0x23; /* # */
}

/**
 * The placeholder under a cursor: the one containing `offset`, or ending right at it (cursor just
 * after `}`). Where one ends and the next starts, the next wins.
 */
export function placeholderAt(placeholders: readonly Placeholder[], offset: number): Placeholder | undefined {
  // Binary search for the last placeholder starting at or before the offset.
  let low = 0;
  let high = placeholders.length - 1;
  let candidate: Placeholder | undefined;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const placeholder = placeholders[mid];
    if (placeholder === undefined) break;
    if (placeholder.start <= offset) {
      candidate = placeholder;
      low = mid + 1;
    } else high = mid - 1;
  }
  return candidate && offset <= candidate.end ? candidate : undefined;
}
