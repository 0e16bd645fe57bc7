/**
 * Completion in a body template: every variable the callback's type/subtype offers and every
 * field of the associated payload config as `{customData#name}`, quoted for where the cursor is:
 * in a JSON body outside a string, text values get their quotes (`"{device}"`), numbers and
 * booleans stay bare; inside a JSON string or in a text body, the placeholder alone.
 */
import { CompletionItemKind, CompletionItemTag, MarkupKind, type CompletionItem, type Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalyzedGrammar } from '../grammar/analyze';
import { inJsonStringOnLine, jsonBodyReason, lexJsonStrings, type JsonSlot, type JsonStringState } from '../template/json';
import { CUSTOM_DATA_PREFIX, placeholderAtOffset, type Placeholder, type TemplateScan } from '../template/scan';
import { acceptsCustomData, renderedTypeOfField, resolveKind, variableIn, variablesFor, type RenderedType } from '../template/variables';
import type { TemplateGrammar } from './context';
import { typeSpec } from '../grammar/fieldInfo';
import { lastStartingAtOrBefore } from '../grammar/targets';
import { COMPLETION_FILTER_THRESHOLD, COMPLETION_LIST_LIMIT, mayMatch } from './completionFilter';
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
function replacementAt(text: string, offset: number): Replacement {
  const existing = placeholderAtOffset(text, offset);
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
  /**
   * The scan and the JSON slots, asked only when the cursor's line cannot decide whether it is in
   * a JSON string (a line continued by an escaped break): a keystroke scans nothing else.
   */
  scan: () => TemplateScan,
  slots: () => readonly JsonSlot[],
  templateGrammar: TemplateGrammar,
  offset: number,
): { readonly items: CompletionItem[]; readonly total: number } {
  const text = document.getText();
  const { association, grammar } = templateGrammar;
  const replacement = replacementAt(text, offset);
  const isJson = jsonBodyReason(text, 'body', association.contentType) !== undefined;
  const insertion: Insertion = {
    range: rangeOf(document, replacement.start, replacement.end),
    braced: replacement.braced,
    quoteStrings:
      isJson && !(inJsonStringOnLine(text, replacement.start) ?? inJsonString(text, scan().placeholders, slots(), replacement.start)),
  };
  const kind = resolveKind(association.type, association.subtype);
  const fields = grammar && acceptsCustomData(kind.type, kind.subtype) ? grammar : undefined;
  const variables = variablesFor(kind.type, kind.subtype);
  const total = (fields?.fieldIndexByName.size ?? 0) + variables.length;
  // A list long enough to be cut by the word typed is cut while it is built, not after.
  const typed = total > COMPLETION_FILTER_THRESHOLD ? text.slice(replacement.start, offset).toLowerCase() : undefined;
  const items: CompletionItem[] = [];
  if (fields) for (const item of customDataItems(document.uri, fields, insertion, typed)) items.push(item); // no spread: one item per field
  for (const variable of variables) {
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
  return { items, total };
}

/** What `completionItem/resolve` needs to document a payload field item. */
export interface CustomDataItemData {
  readonly templateUri: string;
  readonly field: string;
}

/** What a payload field's item shows, built once per analyzed grammar (in field order), not per keystroke. */
interface FieldEntry {
  readonly name: string;
  readonly label: string;
  readonly detail: string;
  readonly sortText: string;
  readonly type: RenderedType | undefined;
  /** The filter texts, lower case: `customdata#name` and `{customdata#name}`. */
  readonly lowerBare: string;
  readonly lowerBraced: string;
}

const fieldEntries = new WeakMap<AnalyzedGrammar, readonly FieldEntry[]>();

function fieldEntriesOf(grammar: AnalyzedGrammar): readonly FieldEntry[] {
  let entries = fieldEntries.get(grammar);
  if (entries) return entries;
  entries = [...grammar.fieldIndexByName].map(([name, k]) => {
    const field = grammar.document.fields[k]!;
    const type = field.type ? renderedTypeOfField(field.type) : undefined;
    const label = `${CUSTOM_DATA_PREFIX}${name}`;
    const lowerBare = label.toLowerCase();
    return {
      name,
      label,
      detail: type ? `${typeSpec(field)} → ${type}` : typeSpec(field),
      sortText: `0${String(k).padStart(5, '0')}`,
      type,
      lowerBare,
      lowerBraced: `{${lowerBare}}`,
    };
  });
  fieldEntries.set(grammar, entries);
  return entries;
}

/**
 * A grammar may have hundreds of fields: their documentation is built on resolve, for the one item
 * shown. With `typed` (a list long enough to be cut, completionFilter), only the first
 * COMPLETION_LIST_LIMIT fields the typed word may match are built: payload fields sort first, in
 * field order, so those are the ones the cut list keeps.
 */
function customDataItems(templateUri: string, grammar: AnalyzedGrammar, insertion: Insertion, typed: string | undefined): CompletionItem[] {
  const items: CompletionItem[] = [];
  for (const entry of fieldEntriesOf(grammar)) {
    if (typed !== undefined) {
      if (!mayMatch(insertion.braced ? entry.lowerBraced : entry.lowerBare, typed)) continue;
      if (items.length === COMPLETION_LIST_LIMIT) break;
    }
    items.push({
      label: entry.label,
      kind: CompletionItemKind.Field,
      detail: entry.detail,
      sortText: entry.sortText,
      data: { templateUri, field: entry.name } satisfies CustomDataItemData,
      ...placeholderItem(entry.label, entry.type, insertion),
    });
  }
  return items;
}
