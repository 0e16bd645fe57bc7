/** Offsets (what the core computes) to LSP ranges and locations (what the editor shows). */
import type { Location, Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';

export function rangeOf(document: TextDocument, start: number, end: number): Range {
  return { start: document.positionAt(start), end: document.positionAt(end) };
}

export function locationOf(document: TextDocument, start: number, end: number): Location {
  return { uri: document.uri, range: rangeOf(document, start, end) };
}

/** Whether two ranges overlap or touch (a zero-width request range at an edge counts). */
export function rangesTouch(document: TextDocument, a: Range, start: number, end: number): boolean {
  return document.offsetAt(a.start) <= end && document.offsetAt(a.end) >= start;
}
