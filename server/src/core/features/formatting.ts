/**
 * Formatting of a payload config. Field tokens are never changed, only the white space around
 * them, and no comment is ever lost:
 * - `multiline` (default): one field per line; a comment that followed a field on its line stays
 *   after it; full-line comments stay on their own line; at most one blank line in a row.
 * - `oneLine`: the canonical one-liner Sigfox expects (D3); the comments are kept on their own
 *   lines, those before the first field above it, the others below it, in their order.
 */
import type { TextEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Token } from '../grammar/ast';
import { canonicalConfig } from '../grammar/parse';
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
  const grammar = context.grammarOf(document).document;
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

export function formatMultiline(grammar: GrammarDocument, eol: string): string {
  const { text } = grammar;
  const lines: string[] = [];
  let previousEnd = -1;
  for (const item of itemsInOrder(grammar)) {
    const breaks = previousEnd < 0 ? Infinity : lineBreaksBetween(text, previousEnd, item.token.start);
    if (item.isComment && breaks === 0 && lines.length > 0) {
      // A trailing comment stays on the line of what precedes it.
      lines[lines.length - 1] += ` ${item.token.text}`;
    } else {
      if (breaks >= 2 && breaks !== Infinity) lines.push('');
      lines.push(item.token.text);
    }
    previousEnd = item.token.end;
  }
  return lines.length === 0 ? '' : lines.join(eol) + eol;
}

export function formatOneLine(grammar: GrammarDocument, eol: string): string {
  const firstField = grammar.fields[0]?.token.start ?? Infinity;
  const before = grammar.comments.filter(c => c.start < firstField).map(c => c.text);
  const after = grammar.comments.filter(c => c.start > firstField).map(c => c.text);
  const lines = [...before, ...(grammar.fields.length > 0 ? [canonicalConfig(grammar)] : []), ...after];
  return lines.length === 0 ? '' : lines.join(eol) + eol;
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
