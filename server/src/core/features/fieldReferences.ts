/**
 * A payload field and every place that names it: its declaration, golden examples of its
 * grammar (`name=value`) and `{customData#name}` in every template using that grammar, open or
 * not. Shared by definition, references and rename.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalyzedGrammar } from '../grammar/analyze';
import type { FieldNode } from '../grammar/ast';
import { placeholderAt } from '../template/scan';
import { kindOfUri } from '../workspace';
import type { FeatureContext, GrammarHome } from './context';
import { fieldNamed, grammarTargetAt } from './grammarTargets';

export interface FieldSymbol {
  readonly name: string;
  readonly field: FieldNode;
  readonly grammar: AnalyzedGrammar;
  /** Where the grammar text lives; undefined for an inline grammar whose offsets cannot be mapped. */
  readonly home: GrammarHome | undefined;
  /** The templates that can reference the field. */
  readonly templateUris: readonly string[];
}

/** The field under the cursor, and the range of the name the cursor is on. */
export interface FieldAtCursor {
  readonly symbol: FieldSymbol;
  readonly nameStart: number;
  readonly nameEnd: number;
}

export interface Occurrence {
  readonly document: TextDocument;
  readonly start: number;
  readonly end: number;
  readonly isDeclaration: boolean;
}

export function fieldAtCursor(context: FeatureContext, document: TextDocument, offset: number): FieldAtCursor | undefined {
  switch (kindOfUri(document.uri)) {
    case 'sfgrammar': {
      const grammar = context.grammarOf(document);
      const target = grammarTargetAt(grammar, offset);
      const name = target.kind === 'field' ? target.field.name : target.kind === 'exampleName' ? target.name : undefined;
      if (!name || name.text.length === 0) return undefined;
      const named = fieldNamed(grammar, name.text);
      if (!named) return undefined;
      const symbol: FieldSymbol = {
        name: name.text, field: named.field, grammar,
        home: { document, offset: 0 },
        templateUris: context.dependentsOf(document.uri),
      };
      return { symbol, nameStart: name.start, nameEnd: name.end };
    }
    case 'sftemplate': {
      const placeholder = placeholderAt(context.templateScanOf(document).placeholders, offset);
      if (!placeholder || placeholder.kind !== 'customData') return undefined;
      const { association, grammar, home } = context.templateGrammar(document.uri);
      const named = grammar ? fieldNamed(grammar, placeholder.name) : undefined;
      if (!grammar || !named) return undefined;
      const templateUris = association.grammarUri !== undefined ? context.dependentsOf(association.grammarUri) : [document.uri];
      const symbol: FieldSymbol = { name: placeholder.name, field: named.field, grammar, home, templateUris };
      return { symbol, nameStart: placeholder.nameStart, nameEnd: placeholder.nameEnd };
    }
    default:
      return undefined;
  }
}

/** The declaration, in the grammar's file. */
export function declarationOf(symbol: FieldSymbol): Occurrence | undefined {
  const home = symbol.home;
  if (!home) return undefined;
  const name = symbol.field.name;
  return { document: home.document, start: home.offset + name.start, end: home.offset + name.end, isDeclaration: true };
}

export function occurrencesOf(context: FeatureContext, symbol: FieldSymbol): Occurrence[] {
  const result: Occurrence[] = [];
  const declaration = declarationOf(symbol);
  if (declaration) result.push(declaration);
  const home = symbol.home;
  if (home) {
    for (const example of symbol.grammar.document.examples) {
      for (const { name } of example.expectations) {
        if (name.text === symbol.name) result.push({ document: home.document, start: home.offset + name.start, end: home.offset + name.end, isDeclaration: false });
      }
    }
  }
  for (const uri of symbol.templateUris) {
    const document = context.documentAt(uri);
    if (!document) continue;
    for (const p of context.templateScanOf(document).placeholders) {
      if (p.kind === 'customData' && p.name === symbol.name) result.push({ document, start: p.nameStart, end: p.nameEnd, isDeclaration: false });
    }
  }
  return result;
}
