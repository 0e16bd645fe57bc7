/** Completion: by kind of document, at the cursor. */
import { MarkupKind, type CompletionItem, type CompletionList, type Position } from 'vscode-languageserver-types';
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
}

export function doComplete(
  context: FeatureContext,
  document: TextDocument,
  position: Position,
  options: CompletionOptions,
): CompletionList {
  const offset = document.offsetAt(position);
  switch (kindOfUri(document.uri)) {
    case 'sfgrammar': {
      const maxBytes = context.host.settings(document.uri).maxUplinkBytes;
      return {
        isIncomplete: false,
        items: grammarCompletions(document, context.grammarOf(document), offset, { snippets: options.snippets, maxBytes }),
      };
    }
    case 'sftemplate':
      return {
        isIncomplete: false,
        items: templateCompletions(
          document,
          context.templateScanOf(document),
          context.jsonSlotsOf(document),
          context.templateGrammar(document.uri),
          offset,
        ),
      };
    default:
      return { isIncomplete: false, items: [] };
  }
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
