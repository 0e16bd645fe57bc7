/** Inlay hints after each payload field: the bytes and bits it reads (`byte 1, bits 3..0`). */
import type { InlayHint, Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { kindOfUri } from '../workspace';
import type { FeatureContext } from './context';
import { layoutText } from '../grammar/fieldInfo';
import { lastStartingAtOrBefore } from '../grammar/targets';

export function getInlayHints(context: FeatureContext, document: TextDocument, range: Range): InlayHint[] {
  if (kindOfUri(document.uri) !== 'sfgrammar') return [];
  const grammar = context.grammarOf(document);
  const start = document.offsetAt(range.start),
    end = document.offsetAt(range.end);
  const fields = grammar.document.fields;
  const hints: InlayHint[] = [];
  // Only the fields in view: binary search the first, stop after the last.
  for (
    let k = Math.max(
      0,
      lastStartingAtOrBefore(fields, start, f => f.token.start),
    );
    k < fields.length;
    k++
  ) {
    const field = fields[k]!;
    if (field.token.start > end) break;
    const layout = grammar.layout.fields[k];
    if (!layout || field.token.end < start) continue;
    hints.push({ position: document.positionAt(field.token.end), label: layoutText(layout), paddingLeft: true });
  }
  return hints;
}
