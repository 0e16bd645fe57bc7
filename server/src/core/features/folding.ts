/**
 * Folding: blocks of comment lines in a payload config; objects and arrays of a JSON template
 * (placeholders and strings skipped, so `{device}` never opens a fold).
 */
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { jsonBodyReason } from '../template/json';
import { kindOfUri } from '../workspace';
import type { FeatureContext } from './context';

export function getFoldingRanges(context: FeatureContext, document: TextDocument): FoldingRange[] {
  switch (kindOfUri(document.uri)) {
    case 'sfgrammar':
      return commentBlocks(context, document);
    case 'sftemplate':
      return jsonBlocks(context, document);
    default:
      return [];
  }
}

/** Two or more consecutive lines that hold only a comment. */
function commentBlocks(context: FeatureContext, document: TextDocument): FoldingRange[] {
  const grammar = context.grammarOf(document);
  const { text, comments } = grammar.document;
  const ranges: FoldingRange[] = [];
  let first = -1,
    last = -1;
  const close = (): void => {
    if (first >= 0 && last > first) ranges.push({ startLine: first, endLine: last, kind: FoldingRangeKind.Comment });
  };
  for (const comment of comments) {
    if (!startsItsLine(text, comment.start)) continue;
    const line = document.positionAt(comment.start).line;
    if (line === last + 1 && first >= 0) last = line;
    else {
      close();
      first = last = line;
    }
  }
  close();
  return ranges;
}

function startsItsLine(text: string, offset: number): boolean {
  for (let i = offset - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return true;
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

function jsonBlocks(context: FeatureContext, document: TextDocument): FoldingRange[] {
  const text = document.getText();
  const { placeholders } = context.templateScanOf(document);
  if (jsonBodyReason(text, 'body', context.associationOf(document.uri).contentType) === undefined) return [];
  const ranges: FoldingRange[] = [];
  const open: number[] = [];
  let line = 0,
    next = 0,
    inString = false;
  for (let i = 0; i < text.length; i++) {
    if (next < placeholders.length && i === placeholders[next]!.start) {
      i = placeholders[next++]!.end - 1;
      continue;
    }
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      inString = false;
      continue;
    }
    if (inString) {
      if (c === 0x5c) {
        if (text.charCodeAt(i + 1) === 10) line++;
        i++;
      } else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) open.push(line);
    else if ((c === 0x7d || c === 0x5d) && open.length > 0) {
      const startLine = open.pop()!;
      // The closing line stays visible: fold up to the line before it.
      if (line - 1 > startLine) ranges.push({ startLine, endLine: line - 1 });
    }
  }
  return ranges;
}
