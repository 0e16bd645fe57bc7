/**
 * Rename a payload field everywhere it is named (declaration, golden examples, every template
 * using the grammar, open or not). Refused, with the reason, when the new name is not a valid
 * field name (spec D12/D13) or another field already has it.
 */
import type { Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FeatureContext } from './context';
import { RequestRefusedError } from './errors';
import { fieldAtCursor, occurrencesOf, type FieldAtCursor } from './fieldReferences';
import { rangeOf } from './ranges';

/** D12 names; `#` is refused too: `{customData#a#b}` could never reference it. */
const FIELD_NAME = /^[\w-]+$/;

function renamableAt(context: FeatureContext, document: TextDocument, position: Position): FieldAtCursor {
  const atCursor = fieldAtCursor(context, document, document.offsetAt(position));
  if (!atCursor) {
    throw new RequestRefusedError(
      'Only a payload field can be renamed: put the cursor on a field name, a `{customData#name}` or a `name=` of a golden example.',
    );
  }
  if (!atCursor.symbol.home) {
    throw new RequestRefusedError(
      `\`${atCursor.symbol.name}\` is defined in an inline payloadConfig written with escape sequences; rename it in the callback definition by hand.`,
    );
  }
  return atCursor;
}

export function prepareRename(context: FeatureContext, document: TextDocument, position: Position): { range: Range; placeholder: string } {
  const atCursor = renamableAt(context, document, position);
  return { range: rangeOf(document, atCursor.nameStart, atCursor.nameEnd), placeholder: atCursor.symbol.name };
}

export function doRename(context: FeatureContext, document: TextDocument, position: Position, newName: string): WorkspaceEdit {
  const { symbol } = renamableAt(context, document, position);
  if (newName === symbol.name) return { changes: {} };
  if (!FIELD_NAME.test(newName)) {
    const bad = [...newName].find(c => !/[\w-]/.test(c));
    throw new RequestRefusedError(
      newName.length === 0
        ? 'A field name cannot be empty.'
        : `\`${newName}\` is not a valid field name: ${JSON.stringify(bad)} is not allowed; use letters, digits, \`_\` and \`-\`.`,
    );
  }
  const taken = symbol.grammar.fieldIndexByName.get(newName);
  if (taken !== undefined) {
    const other = symbol.grammar.document.fields[taken]!;
    throw new RequestRefusedError(
      `The payload config already has a field \`${newName}\` (\`${other.token.text}\`): two fields with one name cannot both be referenced. Choose another name.`,
    );
  }
  const changes: Record<string, TextEdit[]> = {};
  for (const o of occurrencesOf(context, symbol)) {
    (changes[o.document.uri] ??= []).push({ range: rangeOf(o.document, o.start, o.end), newText: newName });
  }
  return { changes };
}
