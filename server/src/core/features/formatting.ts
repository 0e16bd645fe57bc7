/**
 * Formatting of a payload config. Field tokens are never changed, only the white space around
 * them, and no comment is lost, moved or detached from its field:
 * - `multiline` (default): one field per line; a comment that followed a field on its line stays
 *   after it; full-line comments stay on their own line, where they were; at most one blank line.
 * - `oneLine`: fields joined by one space on as few lines as the comments allow: the canonical
 *   one-liner Sigfox expects (D3) when no comment sits among the fields; a trailing comment still
 *   ends its field's line and a comment line between fields stays between them.
 * Trailing comments that were aligned on one column (two or more lines in a row) stay aligned;
 * a lone trailing comment is separated from its field by one space.
 */
import type { TextEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Token } from '../grammar/ast';
import type { GrammarDocument } from '../grammar/ast';
import { kindOfUri } from '../workspace';
import type { FeatureContext } from './context';
import { rangeOf } from './ranges';

export type FormatStyle = 'multiline' | 'oneLine';

export function formatDocument(
  context: FeatureContext,
  document: TextDocument,
  style: FormatStyle = context.host.settings(document.uri).formatStyle,
): TextEdit[] {
  if (kindOfUri(document.uri) !== 'sfgrammar') return [];
  const analyzed = context.grammarOf(document);
  // A pasted config (SFG029) is repaired by its quick fix; laying out its pieces would bury the cause.
  if (analyzed.problems.some(p => p.code === 'SFG029')) return [];
  const grammar = analyzed.document;
  const eol = grammar.text.includes('\r\n') ? '\r\n' : '\n';
  const formatted = style === 'oneLine' ? formatOneLine(grammar, eol) : formatMultiline(grammar, eol);
  return minimalEdit(document, grammar.text, formatted);
}

interface Item {
  readonly token: Token;
  readonly isComment: boolean;
}

function itemsInOrder(grammar: GrammarDocument): Item[] {
  const items: Item[] = [
    ...grammar.fields.map(f => ({ token: f.token, isComment: false })),
    ...grammar.comments.map(c => ({ token: c, isComment: true })),
  ];
  return items.sort((a, b) => a.token.start - b.token.start);
}

/** Line breaks as the parser counts them: `\n`, `\r\n` and a lone `\r` (old Mac files). */
function lineBreaksBetween(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) n++;
  }
  return n;
}

interface Line {
  text: string;
  readonly isField: boolean;
  comment?: string;
  /** Column of the trailing comment in the original text, or -1 when a tab makes it unknown. */
  commentColumn?: number;
}

export function formatMultiline(grammar: GrammarDocument, eol: string): string {
  return layOut(grammar, 'multiline', eol);
}

export function formatOneLine(grammar: GrammarDocument, eol: string): string {
  return layOut(grammar, 'oneLine', eol);
}

function layOut(grammar: GrammarDocument, style: FormatStyle, eol: string): string {
  const { text } = grammar;
  const lines: Line[] = [];
  let previousEnd = -1;
  for (const item of itemsInOrder(grammar)) {
    const breaks = previousEnd < 0 ? Infinity : lineBreaksBetween(text, previousEnd, item.token.start);
    const last = lines[lines.length - 1];
    previousEnd = item.token.end;
    if (item.isComment && breaks === 0 && last?.isField && last.comment === undefined) {
      // A trailing comment stays on the line of what precedes it.
      last.comment = item.token.text;
      last.commentColumn = columnOf(text, item.token.start);
      continue;
    }
    if (style === 'oneLine' && !item.isComment && last?.isField && last.comment === undefined) {
      last.text += ` ${item.token.text}`;
      continue;
    }
    if (breaks >= 2 && breaks !== Infinity) lines.push({ text: '', isField: false });
    lines.push({ text: item.token.text, isField: !item.isComment });
  }
  alignTrailingComments(lines);
  return lines.length === 0 ? '' : lines.map(l => (l.comment === undefined ? l.text : l.text + l.comment)).join(eol) + eol;
}

/** Column of an offset on its line, or -1 when a tab before it makes the visual column uncertain. */
function columnOf(text: string, offset: number): number {
  let k = offset;
  while (k > 0 && text.charCodeAt(k - 1) !== 10 && text.charCodeAt(k - 1) !== 13) k--;
  return text.slice(k, offset).includes('\t') ? -1 : offset - k;
}

/**
 * Consecutive lines whose trailing comments started on one column keep a common column: the
 * original one, or further right when a field is now wider. Each line's text gets the padding.
 */
function alignTrailingComments(lines: Line[]): void {
  let k = 0;
  while (k < lines.length) {
    const column = lines[k]!.commentColumn;
    let end = k + 1;
    if (column !== undefined && column >= 0)
      while (end < lines.length && lines[end]!.comment !== undefined && lines[end]!.commentColumn === column) end++;
    const group = lines.slice(k, end).filter(l => l.comment !== undefined);
    if (group.length >= 2) {
      const at = Math.max(column!, ...group.map(l => l.text.length + 1));
      for (const l of group) l.text = l.text.padEnd(at);
    } else for (const l of group) l.text += ' ';
    k = end;
  }
}

/** One edit covering only what differs, so the cursor and undo stay where the user expects. */
function minimalEdit(document: TextDocument, before: string, after: string): TextEdit[] {
  if (before === after) return [];
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endBefore = before.length,
    endAfter = after.length;
  while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
    endBefore--;
    endAfter--;
  }
  return [{ range: rangeOf(document, start, endBefore), newText: after.slice(start, endAfter) }];
}
