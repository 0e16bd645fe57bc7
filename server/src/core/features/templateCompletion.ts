/**
 * Completion in a body template: every variable the callback's type/subtype offers and every
 * field of the associated payload config as `{customData#name}`, quoted for where the cursor is:
 * in a JSON body outside a string, text values get their quotes (`"{device}"`), numbers and
 * booleans stay bare; inside a JSON string or in a text body, the placeholder alone.
 */
import { CompletionItemKind, CompletionItemTag, MarkupKind, type CompletionItem, type Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalyzedGrammar } from '../grammar/analyze';
import { jsonBodyReason, lexJsonStrings, type JsonSlot, type JsonStringState } from '../template/json';
import { CUSTOM_DATA_PREFIX, placeholderAt, type Placeholder, type TemplateScan } from '../template/scan';
import { acceptsCustomData, renderedTypeOfField, resolveKind, variableIn, variablesFor, type RenderedType } from '../template/variables';
import type { TemplateGrammar } from './context';
import { typeSpec } from '../grammar/fieldInfo';
import { lastStartingAtOrBefore } from '../grammar/targets';
import { rangeOf } from './ranges';
import { needsQuotesInJson, variableMarkdown } from '../template/variableInfo';

function isPlaceholderChar(c: string | undefined): boolean {
  return c !== undefined && /[\w#-]/.test(c);
}

/** What the completion replaces, and whether the replaced text starts with `{`. */
interface Replacement {
  readonly start: number;
  readonly end: number;
  readonly braced: boolean;
}

/** The placeholder being typed or edited at the cursor, or the word under it. */
function replacementAt(text: string, scan: TemplateScan, offset: number): Replacement {
  const existing = placeholderAt(scan.placeholders, offset);
  if (existing && offset > existing.start && offset < existing.end) return { start: existing.start, end: existing.end, braced: true };
  let start = offset;
  while (start > 0 && isPlaceholderChar(text[start - 1])) start--;
  let end = offset;
  while (end < text.length && isPlaceholderChar(text[end])) end++;
  if (text[start - 1] === '{') {
    if (text[end] === '}') end++;
    return { start: start - 1, end, braced: true };
  }
  return { start, end, braced: false };
}

/**
 * Whether `offset` is inside a JSON string. The state after the last placeholder before it is
 * known (its slot: placeholders hold no quote), so only the gap up to the cursor is lexed.
 */
function inJsonString(text: string, placeholders: readonly Placeholder[], slots: readonly JsonSlot[], offset: number): boolean {
  let k = lastStartingAtOrBefore(placeholders, offset, p => p.start);
  while (k >= 0 && placeholders[k]!.end > offset) k--;
  const state: JsonStringState = { inString: k >= 0 ? slots[k]!.inString : false, stringStart: -1 };
  lexJsonStrings(text, k >= 0 ? placeholders[k]!.end : 0, offset, state);
  return state.inString;
}

interface Insertion {
  readonly range: Range;
  readonly braced: boolean;
  /** JSON body with the cursor outside any string: text values need quotes. */
  readonly quoteStrings: boolean;
}

function placeholderItem(
  inner: string,
  type: RenderedType | undefined,
  insertion: Insertion,
): Pick<CompletionItem, 'textEdit' | 'filterText'> {
  const placeholder = `{${inner}}`;
  const newText = insertion.quoteStrings && needsQuotesInJson(type) ? `"${placeholder}"` : placeholder;
  return { textEdit: { range: insertion.range, newText }, filterText: insertion.braced ? placeholder : inner };
}

export function templateCompletions(
  document: TextDocument,
  scan: TemplateScan,
  slots: readonly JsonSlot[],
  templateGrammar: TemplateGrammar,
  offset: number,
): CompletionItem[] {
  const text = document.getText();
  const { association, grammar } = templateGrammar;
  const replacement = replacementAt(text, scan, offset);
  const isJson = jsonBodyReason(text, scan.placeholders, 'body', association.contentType) !== undefined;
  const insertion: Insertion = {
    range: rangeOf(document, replacement.start, replacement.end),
    braced: replacement.braced,
    quoteStrings: isJson && !inJsonString(text, scan.placeholders, slots, replacement.start),
  };
  const kind = resolveKind(association.type, association.subtype);
  const items: CompletionItem[] = [];
  if (grammar && acceptsCustomData(kind.type, kind.subtype))
    for (const item of customDataItems(document.uri, grammar, insertion)) items.push(item); // no spread: one item per field
  for (const variable of variablesFor(kind.type, kind.subtype)) {
    items.push({
      label: variable.name,
      kind: CompletionItemKind.Variable,
      detail: variable.type,
      documentation: { kind: MarkupKind.Markdown, value: variableMarkdown(variable, kind, variableIn(kind, variable.name) !== undefined) },
      // Current variables before deprecated ones; payload fields (sort key 0) before both.
      sortText: `${variable.deprecated ? 2 : 1}${variable.name}`,
      ...(variable.deprecated ? { tags: [CompletionItemTag.Deprecated] } : {}),
      ...placeholderItem(variable.name, variable.type, insertion),
    });
  }
  return items;
}

/** What `completionItem/resolve` needs to document a payload field item. */
export interface CustomDataItemData {
  readonly templateUri: string;
  readonly field: string;
}

/** A grammar may have hundreds of fields: their documentation is built on resolve, for the one item shown. */
function customDataItems(templateUri: string, grammar: AnalyzedGrammar, insertion: Insertion): CompletionItem[] {
  const items: CompletionItem[] = [];
  for (const [name, k] of grammar.fieldIndexByName) {
    const field = grammar.document.fields[k]!;
    const type = field.type ? renderedTypeOfField(field.type) : undefined;
    items.push({
      label: `${CUSTOM_DATA_PREFIX}${name}`,
      kind: CompletionItemKind.Field,
      detail: type ? `${typeSpec(field)} → ${type}` : typeSpec(field),
      sortText: `0${String(k).padStart(5, '0')}`,
      data: { templateUri, field: name } satisfies CustomDataItemData,
      ...placeholderItem(`${CUSTOM_DATA_PREFIX}${name}`, type, insertion),
    });
  }
  return items;
}
