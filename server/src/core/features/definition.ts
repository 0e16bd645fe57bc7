/** Go to definition: from `{customData#name}` or a golden example's `name=` to the payload field. */
import type { LocationLink, Position } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FeatureContext } from './context';
import { declarationOf, fieldAtCursor } from './fieldReferences';
import { rangeOf } from './ranges';

export function findDefinition(context: FeatureContext, document: TextDocument, position: Position): LocationLink[] {
  const atCursor = fieldAtCursor(context, document, document.offsetAt(position));
  const declaration = atCursor && declarationOf(atCursor.symbol);
  if (!atCursor || !declaration) return [];
  const home = atCursor.symbol.home!;
  const field = atCursor.symbol.field.token;
  return [{
    originSelectionRange: rangeOf(document, atCursor.nameStart, atCursor.nameEnd),
    targetUri: declaration.document.uri,
    targetRange: rangeOf(declaration.document, home.offset + field.start, home.offset + field.end),
    targetSelectionRange: rangeOf(declaration.document, declaration.start, declaration.end),
  }];
}
