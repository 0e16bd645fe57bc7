/** Find references of a payload field: its grammar and every template using that grammar, open or not. */
import type { Location, Position } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FeatureContext } from './context';
import { fieldAtCursor, occurrencesOf } from './fieldReferences';
import { locationOf } from './ranges';

export function findReferences(
  context: FeatureContext,
  document: TextDocument,
  position: Position,
  includeDeclaration: boolean,
): Location[] {
  const atCursor = fieldAtCursor(context, document, document.offsetAt(position));
  if (!atCursor) return [];
  return occurrencesOf(context, atCursor.symbol)
    .filter(o => includeDeclaration || !o.isDeclaration)
    .map(o => locationOf(o.document, o.start, o.end));
}
