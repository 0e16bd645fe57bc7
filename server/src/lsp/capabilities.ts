/** What the server offers, negotiated with what the client says it can take. */
import { FIX_ALL_KIND } from '../core/features/codeActions';
import { CodeActionKind, TextDocumentSyncKind, type ClientCapabilities, type ServerCapabilities } from 'vscode-languageserver';

/** The client abilities the handlers adapt to. */
export interface ClientFeatures {
  readonly configuration: boolean;
  readonly workspaceFolders: boolean;
  readonly watchedFilesRegistration: boolean;
  readonly configurationRegistration: boolean;
  readonly snippets: boolean;
  /** Completion lists may carry `itemDefaults.editRange`. */
  readonly completionEditRangeDefault: boolean;
  readonly hierarchicalSymbols: boolean;
  readonly definitionLinks: boolean;
  readonly prepareRename: boolean;
  readonly codeActionLiterals: boolean;
  readonly inlayHints: boolean;
}

export function clientFeatures(c: ClientCapabilities): ClientFeatures {
  const text = c.textDocument;
  return {
    configuration: c.workspace?.configuration === true,
    workspaceFolders: c.workspace?.workspaceFolders === true,
    watchedFilesRegistration: c.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
    configurationRegistration: c.workspace?.didChangeConfiguration?.dynamicRegistration === true,
    snippets: text?.completion?.completionItem?.snippetSupport === true,
    completionEditRangeDefault: text?.completion?.completionList?.itemDefaults?.includes('editRange') === true,
    hierarchicalSymbols: text?.documentSymbol?.hierarchicalDocumentSymbolSupport === true,
    definitionLinks: text?.definition?.linkSupport === true,
    prepareRename: text?.rename?.prepareSupport === true,
    codeActionLiterals: text?.codeAction?.codeActionLiteralSupport !== undefined,
    inlayHints: text?.inlayHint !== undefined,
  };
}

export const COMPLETION_TRIGGERS = ['{', '#', ':'];

export function serverCapabilities(features: ClientFeatures): ServerCapabilities {
  return {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    completionProvider: { triggerCharacters: COMPLETION_TRIGGERS, resolveProvider: true },
    hoverProvider: true,
    documentSymbolProvider: true,
    definitionProvider: true,
    referencesProvider: true,
    renameProvider: features.prepareRename ? { prepareProvider: true } : true,
    // Our fixes are edits: a client without code action literals could not apply them.
    ...(features.codeActionLiterals ? { codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] } } : {}),
    documentFormattingProvider: true,
    ...(features.inlayHints ? { inlayHintProvider: true } : {}),
    codeLensProvider: { resolveProvider: false },
    foldingRangeProvider: true,
    documentLinkProvider: { resolveProvider: false },
    ...(features.workspaceFolders ? { workspace: { workspaceFolders: { supported: true, changeNotifications: true } } } : {}),
  };
}
