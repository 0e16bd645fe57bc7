/**
 * Go to definition: from `{customData#name}` (in a template, or in a callback definition's own
 * template strings), a golden example's `name=` or an inline payloadConfig field to the payload
 * field; from a callback definition's `payloadConfigFile` / `bodyTemplateFile` to that file.
 */
import type { LocationLink, Position } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FeatureContext } from './context';
import { declarationOf, fieldAtCursor } from './fieldReferences';
import { fileDefinitionAt } from './fileLinks';
import { rangeOf } from './ranges';

export function findDefinition(context: FeatureContext, document: TextDocument, position: Position): LocationLink[] {
  const offset = document.offsetAt(position);
  const file = fileDefinitionAt(context, document, offset);
  if (file) return file;
  const atCursor = fieldAtCursor(context, document, offset);
  const declaration = atCursor && declarationOf(atCursor.symbol);
  if (!atCursor || !declaration) return [];
  const home = atCursor.symbol.home!;
  const field = atCursor.symbol.field.token;
  return [
    {
      originSelectionRange: rangeOf(document, atCursor.nameStart, atCursor.nameEnd),
      targetUri: declaration.document.uri,
      targetRange: rangeOf(declaration.document, home.offset + field.start, home.offset + field.end),
      targetSelectionRange: rangeOf(declaration.document, declaration.start, declaration.end),
    },
  ];
}
