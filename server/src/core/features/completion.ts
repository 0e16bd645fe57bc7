/** Completion: by kind of document, at the cursor. */
import { MarkupKind, type CompletionItem, type CompletionList, type Position, type Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { kindOfUri } from '../workspace';
import type { FeatureContext } from './context';
import { grammarCompletions } from './grammarCompletion';
import { fieldMarkdown } from '../grammar/fieldInfo';
import { fieldNamed } from '../grammar/targets';
import { templateCompletions, type CustomDataItemData } from './templateCompletion';

export interface CompletionOptions {
  /** Whether the client inserts snippets (`${1:name}`); without, only plain-text items. */
  readonly snippets: boolean;
  /** Whether the client takes `itemDefaults.editRange` (LSP 3.17): the range every item shares is then sent once. */
  readonly itemDefaultsEditRange?: boolean;
}

/**
 * A list longer than COMPLETION_FILTER_THRESHOLD is filtered by the word typed so far, cut to
 * COMPLETION_LIST_LIMIT items and marked incomplete, so the client asks again as the word grows:
 * a 1,000-field payload config would otherwise send every field (over 300 KB) per keystroke.
 * Short lists (the 64 integer widths) go out whole, for the client to filter.
 */
export const COMPLETION_FILTER_THRESHOLD = 100;
export const COMPLETION_LIST_LIMIT = 50;

export function doComplete(
  context: FeatureContext,
  document: TextDocument,
  position: Position,
  options: CompletionOptions,
): CompletionList {
  const offset = document.offsetAt(position);
  let items: CompletionItem[];
  switch (kindOfUri(document.uri)) {
    case 'sfgrammar': {
      const maxBytes = context.host.settings(document.uri).maxUplinkBytes;
      items = grammarCompletions(document, context.grammarOf(document), offset, { snippets: options.snippets, maxBytes });
      break;
    }
    case 'sftemplate':
      items = templateCompletions(
        document,
        context.templateScanOf(document),
        context.jsonSlotsOf(document),
        context.templateGrammar(document.uri),
        offset,
      );
      break;
    default:
      items = [];
  }
  return leanList(document, offset, items, options);
}

/** The range of an item's plain text edit (not an insert/replace edit). */
function editRangeOf(item: CompletionItem): Range | undefined {
  const edit = item.textEdit;
  return edit && 'range' in edit ? edit.range : undefined;
}

/**
 * Whether the client would show `item` for `typed`: its filter text holds the typed characters
 * in order, ignoring case. Looser than any client's fuzzy match, so no item a client would show is dropped.
 */
function mayMatch(item: CompletionItem, typed: string): boolean {
  const text = (item.filterText ?? item.label).toLowerCase();
  let at = 0;
  for (const c of typed.toLowerCase()) {
    at = text.indexOf(c, at) + 1;
    if (at === 0) return false;
  }
  return true;
}

function sortKey(item: CompletionItem): string {
  return item.sortText ?? item.label;
}

/**
 * A long list filtered by what was typed (from the start of the items' edit range to the cursor)
 * and cut to COMPLETION_LIST_LIMIT, incomplete; the shared edit range sent once when the client can take it.
 */
function leanList(document: TextDocument, offset: number, items: CompletionItem[], options: CompletionOptions): CompletionList {
  const range = items.length > 0 ? editRangeOf(items[0]!) : undefined;
  const shared = range !== undefined && items.every(item => isSameRange(editRangeOf(item), range));
  let isIncomplete = false;
  if (items.length > COMPLETION_FILTER_THRESHOLD) {
    isIncomplete = true;
    const start = range ? document.offsetAt(range.start) : offset;
    const typed = start <= offset ? document.getText().slice(start, offset) : '';
    items = items
      .filter(item => mayMatch(item, typed))
      .sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0))
      .slice(0, COMPLETION_LIST_LIMIT);
  }
  if (!shared || !options.itemDefaultsEditRange || items.length === 0) return { isIncomplete, items };
  return {
    isIncomplete,
    itemDefaults: { editRange: range },
    items: items.map(({ textEdit, ...item }) => ({ ...item, textEditText: textEdit!.newText })),
  };
}

function isSameRange(a: Range | undefined, b: Range): boolean {
  return (
    a !== undefined &&
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}

function isCustomDataItemData(data: unknown): data is CustomDataItemData {
  return (
    typeof data === 'object' &&
    data !== null &&
    typeof (data as CustomDataItemData).templateUri === 'string' &&
    typeof (data as CustomDataItemData).field === 'string'
  );
}

/** Adds the documentation left out of large lists (payload fields); other items come back as they are. */
export function resolveCompletion(context: FeatureContext, item: CompletionItem): CompletionItem {
  if (item.documentation !== undefined || !isCustomDataItemData(item.data)) return item;
  const { grammar } = context.templateGrammar(item.data.templateUri);
  const named = grammar && fieldNamed(grammar, item.data.field);
  if (!grammar || !named) return item;
  return {
    ...item,
    documentation: { kind: MarkupKind.Markdown, value: fieldMarkdown(named.field, grammar.layout.fields[named.fieldIndex]) },
  };
}
