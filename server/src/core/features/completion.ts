/** Completion: by kind of document, at the cursor. */
import { MarkupKind, type CompletionItem, type CompletionList, type Position, type Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { kindOfUri } from '../workspace';
import type { FeatureContext } from './context';
import { grammarCompletions } from './grammarCompletion';
import { fieldMarkdown } from '../grammar/fieldInfo';
import { fieldNamed } from '../grammar/targets';
import { COMPLETION_FILTER_THRESHOLD, COMPLETION_LIST_LIMIT, mayMatch } from './completionFilter';
import { templateCompletions, type CustomDataItemData } from './templateCompletion';

export interface CompletionOptions {
  /** Whether the client inserts snippets (`${1:name}`); without, only plain-text items. */
  readonly snippets: boolean;
  /** Whether the client takes `itemDefaults.editRange` (LSP 3.17): the range every item shares is then sent once. */
  readonly itemDefaultsEditRange?: boolean;
}

export function doComplete(
  context: FeatureContext,
  document: TextDocument,
  position: Position,
  options: CompletionOptions,
): CompletionList {
  const offset = document.offsetAt(position);
  let items: CompletionItem[];
  let total: number | undefined;
  switch (kindOfUri(document.uri)) {
    case 'sfgrammar': {
      const maxBytes = context.host.settings(document.uri).maxUplinkBytes;
      items = grammarCompletions(document, context.grammarOf(document), offset, { snippets: options.snippets, maxBytes });
      break;
    }
    case 'sftemplate':
      ({ items, total } = templateCompletions(
        document,
        () => context.templateScanOf(document),
        () => context.jsonSlotsOf(document),
        context.templateGrammar(document.uri),
        offset,
      ));
      break;
    default:
      items = [];
  }
  return leanList(document, offset, items, options, total ?? items.length);
}

/** The range of an item's plain text edit (not an insert/replace edit). */
function editRangeOf(item: CompletionItem): Range | undefined {
  const edit = item.textEdit;
  return edit && 'range' in edit ? edit.range : undefined;
}

function sortKey(item: CompletionItem): string {
  return item.sortText ?? item.label;
}

/**
 * A long list filtered by what was typed (from the start of the items' edit range to the cursor)
 * and cut to COMPLETION_LIST_LIMIT, incomplete; the shared edit range sent once when the client can
 * take it. `total` is the length of the list before any item was left out while building it.
 */
function leanList(
  document: TextDocument,
  offset: number,
  items: CompletionItem[],
  options: CompletionOptions,
  total: number,
): CompletionList {
  const range = items.length > 0 ? editRangeOf(items[0]!) : undefined;
  const shared = range !== undefined && items.every(item => isSameRange(editRangeOf(item), range));
  let isIncomplete = false;
  if (total > COMPLETION_FILTER_THRESHOLD) {
    isIncomplete = true;
    const start = range ? document.offsetAt(range.start) : offset;
    const typed = start <= offset ? document.getText().slice(start, offset).toLowerCase() : '';
    items = items
      .filter(item => mayMatch((item.filterText ?? item.label).toLowerCase(), typed))
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
