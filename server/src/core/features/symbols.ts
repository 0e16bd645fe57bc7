/** Document symbols: the fields (and golden examples) of a payload config; the placeholders of a template. */
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { kindOfUri } from '../workspace';
import type { FeatureContext } from './context';
import { layoutText, typeSpec } from '../grammar/fieldInfo';
import { rangeOf } from './ranges';

export function findDocumentSymbols(context: FeatureContext, document: TextDocument): DocumentSymbol[] {
  switch (kindOfUri(document.uri)) {
    case 'sfgrammar':
      return grammarSymbols(context, document);
    case 'sftemplate':
      return templateSymbols(context, document);
    default:
      return [];
  }
}

function grammarSymbols(context: FeatureContext, document: TextDocument): DocumentSymbol[] {
  const grammar = context.grammarOf(document);
  const symbols: { start: number; symbol: DocumentSymbol }[] = grammar.document.fields.map((field, k) => {
    const layout = grammar.layout.fields[k];
    const name = field.name.text.length > 0 ? field.name : field.token;
    return {
      start: field.token.start,
      symbol: {
        name: name.text,
        detail: layout ? `${typeSpec(field)} · ${layoutText(layout)}` : typeSpec(field),
        kind: SymbolKind.Field,
        range: rangeOf(document, field.token.start, field.token.end),
        selectionRange: rangeOf(document, name.start, name.end),
      },
    };
  });
  for (const example of grammar.document.examples) {
    symbols.push({
      start: example.token.start,
      symbol: {
        name: `example ${example.hex.text}`,
        kind: SymbolKind.Event,
        range: rangeOf(document, example.token.start, example.token.end),
        selectionRange: rangeOf(document, example.hex.start, example.hex.end),
      },
    });
  }
  return symbols.sort((a, b) => a.start - b.start).map(s => s.symbol);
}

function templateSymbols(context: FeatureContext, document: TextDocument): DocumentSymbol[] {
  const text = document.getText();
  return context.templateScanOf(document).placeholders.map(p => ({
    name: text.slice(p.start, p.end),
    kind: p.kind === 'customData' ? SymbolKind.Field : SymbolKind.Variable,
    range: rangeOf(document, p.start, p.end),
    selectionRange: rangeOf(document, p.nameStart, p.nameEnd),
  }));
}
