/**
 * A payload field and every place that names it: its declaration, golden examples of its
 * grammar (`name=value`), `{customData#name}` in every template using that grammar, open or
 * not, and in the templates written inside the callback definitions that use it (url, headers,
 * body, line pattern, email). Shared by definition, references and rename.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Association } from '../associations';
import { embeddedTemplates } from '../callback/checks';
import { toRawRange, type JsonStringLiteral } from '../callback/jsonString';
import type { AnalyzedGrammar } from '../grammar/analyze';
import type { FieldNode } from '../grammar/ast';
import { placeholderAt, scanTemplate } from '../template/scan';
import { kindOfUri } from '../workspace';
import type { FeatureContext, GrammarHome } from './context';
import { fieldNamed, grammarTargetAt } from '../grammar/targets';

export interface FieldSymbol {
  readonly name: string;
  readonly field: FieldNode;
  readonly grammar: AnalyzedGrammar;
  /** Where the grammar text lives; undefined for an inline grammar whose offsets cannot be mapped. */
  readonly home: GrammarHome | undefined;
  /** The templates that can reference the field. */
  readonly templateUris: readonly string[];
  /** The callback definitions whose own template strings can reference the field. */
  readonly definitionUris: readonly string[];
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
        name: name.text,
        field: named.field,
        grammar,
        home: { document, offset: 0 },
        templateUris: context.dependentsOf(document.uri),
        definitionUris: context.associations.definitionsUsingGrammar(document.uri),
      };
      return { symbol, nameStart: name.start, nameEnd: name.end };
    }
    case 'sftemplate': {
      const placeholder = placeholderAt(context.templateScanOf(document).placeholders, offset);
      if (!placeholder || placeholder.kind !== 'customData') return undefined;
      const { association, grammar, home } = context.templateGrammar(document.uri);
      const named = grammar ? fieldNamed(grammar, placeholder.name) : undefined;
      if (!grammar || !named) return undefined;
      const symbol: FieldSymbol = {
        name: placeholder.name,
        field: named.field,
        grammar,
        home,
        ...usersOf(context, association, [document.uri]),
      };
      return { symbol, nameStart: placeholder.nameStart, nameEnd: placeholder.nameEnd };
    }
    case 'sfcallback':
      return fieldInDefinition(context, document, offset);
    default:
      return undefined;
  }
}

/** The templates and callback definitions that read the grammar an association gives. */
function usersOf(
  context: FeatureContext,
  association: Association,
  inlineTemplates: readonly string[],
): Pick<FieldSymbol, 'templateUris' | 'definitionUris'> {
  if (association.grammarUri !== undefined) {
    return {
      templateUris: context.dependentsOf(association.grammarUri),
      definitionUris: context.associations.definitionsUsingGrammar(association.grammarUri),
    };
  }
  // An inline payloadConfig: read by its own definition and the body template file it names.
  return { templateUris: inlineTemplates, definitionUris: association.definitionUri !== undefined ? [association.definitionUri] : [] };
}

/** The decoded offset of a raw offset inside a JSON string literal (the last character starting at or before it). */
function decodedOffsetOf(literal: JsonStringLiteral, rawOffset: number): number {
  let low = 0;
  let high = literal.value.length;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (literal.rawOffsetOf(mid) <= rawOffset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** In a callback definition: a `{customData#name}` in one of its template strings, or a field of its inline payloadConfig. */
function fieldInDefinition(context: FeatureContext, document: TextDocument, offset: number): FieldAtCursor | undefined {
  const found = context.definitionGrammar(document.uri);
  if (!found?.grammar) return undefined;
  const { association, grammar, home } = found;
  const definition = context.callbackDefinitionOf(document);
  const named = context.associations.templateNamedBy(document.uri);
  const users = usersOf(
    context,
    association,
    named !== undefined && context.associationOf(named).definitionUri === association.definitionUri ? [named] : [],
  );
  const symbolFor = (name: string): FieldSymbol | undefined => {
    const field = fieldNamed(grammar, name);
    return field && { name, field: field.field, grammar, home, ...users };
  };
  for (const { literal } of embeddedTemplates(definition)) {
    if (offset <= literal.start || offset >= literal.end) continue;
    const placeholder = placeholderAt(scanTemplate(literal.value).placeholders, decodedOffsetOf(literal, offset));
    const symbol = placeholder?.kind === 'customData' ? symbolFor(placeholder.name) : undefined;
    if (!placeholder || !symbol) return undefined;
    const range = toRawRange(literal, placeholder.nameStart, placeholder.nameEnd);
    return { symbol, nameStart: range.start, nameEnd: range.end };
  }
  // A field of the inline payloadConfig, when its offsets map one to one onto the file.
  const inline = definition.string('payloadConfig');
  if (!inline || !home || home.offset !== inline.start + 1 || offset <= inline.start || offset >= inline.end) return undefined;
  const target = grammarTargetAt(grammar, offset - home.offset);
  if (target.kind !== 'field' || target.field.name.text.length === 0) return undefined;
  const symbol = symbolFor(target.field.name.text);
  return symbol && { symbol, nameStart: home.offset + target.field.name.start, nameEnd: home.offset + target.field.name.end };
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
        if (name.text === symbol.name)
          result.push({ document: home.document, start: home.offset + name.start, end: home.offset + name.end, isDeclaration: false });
      }
    }
  }
  for (const uri of symbol.templateUris) {
    const document = context.documentAt(uri);
    if (!document) continue;
    for (const p of context.templateScanOf(document).placeholders) {
      if (p.kind === 'customData' && p.name === symbol.name)
        result.push({ document, start: p.nameStart, end: p.nameEnd, isDeclaration: false });
    }
  }
  for (const uri of symbol.definitionUris) {
    const document = context.documentAt(uri);
    if (!document) continue;
    for (const { literal } of embeddedTemplates(context.callbackDefinitionOf(document))) {
      for (const p of scanTemplate(literal.value).placeholders) {
        if (p.kind !== 'customData' || p.name !== symbol.name) continue;
        // Mapped through the JSON escapes: in `{customData#t\u0065mp}` the name covers all of `t\u0065mp`.
        const { start, end } = toRawRange(literal, p.nameStart, p.nameEnd);
        result.push({ document, start, end, isDeclaration: false });
      }
    }
  }
  return result;
}
