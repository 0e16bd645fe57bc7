/**
 * `startServer(connection)`: the glue between an LSP connection and the pure language service.
 * No Sigfox rule lives here: it keeps documents, files and settings current, debounces
 * diagnostics, adapts results to the client's abilities, and never lets a handler throw.
 * No connection is created at import: the entry (main.ts), the CLI (`lsp --stdio`) and the tests
 * each pass their own.
 */
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocuments,
  type CompletionList,
  type Connection,
  type Definition,
  type DocumentSymbol,
  type FileEvent,
  type InitializeParams,
  type InitializeResult,
  type LocationLink,
  type SymbolInformation,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { normalizeUri, siblingTemplateUri } from '../core/associations';
import { createLanguageService, type LanguageService } from '../core/languageService';
import { kindOfUri } from '../core/workspace';
import {
  AssociationRequest,
  CanonicalConfigRequest,
  DecodeRequest,
  PreviewRequest,
  DeployRequest,
  EncodeRequest,
  ExportCodecRequest,
  RenderRequest,
  SendTestCallbackRequest,
  type AssociationResult,
  type CanonicalConfigResult,
  type DecodeResult,
  type PreviewResult,
  type EncodeResult,
  type ExportCodecResult,
  type RenderResult,
  type SendTestCallbackResponse,
  type SourceRef,
} from '../protocol';
import { clientFeatures, serverCapabilities, type ClientFeatures } from './capabilities';
import { routeConsoleTo } from './console';
import { DiagnosticsScheduler } from './diagnostics';
import { FileIndex } from './fileIndex';
import { runDeploy } from './deploy';
import { checkedDocumentSync, errorLogger, guard, guardNotification, type Logger } from './guard';
import { sendTestCallbackFor } from './sendTestCallbackHandler';
import { SettingsStore } from './settings';
import { WorkspaceFolders } from './workspaceFolders';
import { LspWorkspaceHost } from './workspaceHost';
import { plural } from '../core/util';

export interface StartServerOptions {
  /** Send `console.*` output to the client's log (default true); tests that own the console turn it off. */
  readonly routeConsole?: boolean;
  /** Values for `${env:NAME}` in `sigfox/sendTestCallback` (default: the server's process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Deadline of `sigfox/sendTestCallback` in ms (default: Sigfox's 10 s). */
  readonly sendTimeoutMs?: number;
}

export interface RunningServer {
  /** Stops timers and gives the console back; the connection itself belongs to the caller. */
  dispose(): void;
}

const WATCHED_GLOBS = ['**/*.sfgrammar', '**/*.sftemplate', '**/*.sfcallback.json'];

/** Everything that depends on what the client said in `initialize`. */
interface Session {
  readonly features: ClientFeatures;
  readonly settings: SettingsStore;
  readonly host: LspWorkspaceHost;
  readonly service: LanguageService;
  readonly diagnostics: DiagnosticsScheduler;
  /**
   * Settles when the workspace's files are listed (and again after a folder is added): a
   * cross-file answer (rename, references...) given before would be partial, e.g. a rename right
   * after start-up that edits the grammar and none of its templates.
   */
  indexed: Promise<void>;
  markIndexed: () => void;
}

export function startServer(connection: Connection, options: StartServerOptions = {}): RunningServer {
  const restoreConsole = options.routeConsole === false ? () => undefined : routeConsoleTo(connection);
  const server: ServerContext = {
    connection,
    log: errorLogger(connection),
    documents: new TextDocuments(TextDocument),
    files: new FileIndex(),
    folders: new WorkspaceFolders(),
    session: undefined,
  };
  handleLifecycle(server);
  handleDocumentSync(server);
  handleConfiguration(server);
  handleFeatures(server);
  handleCustomRequests(server, options);

  server.documents.listen(checkedDocumentSync(connection, server.log));
  connection.listen();

  return {
    dispose() {
      server.session?.diagnostics.dispose();
      restoreConsole();
    },
  };
}

/** What every group of handlers shares: the connection, the open documents and files, and the session once initialized. */
interface ServerContext {
  readonly connection: Connection;
  readonly log: Logger;
  readonly documents: TextDocuments<TextDocument>;
  readonly files: FileIndex;
  readonly folders: WorkspaceFolders;
  session: Session | undefined;
}

/** Capabilities: `initialize` makes the session from what the client can do; `initialized` registers watchers and indexes the workspace. */
function handleLifecycle(server: ServerContext): void {
  const { connection, log, documents, files, folders } = server;

  connection.onInitialize(params => {
    try {
      return initialize(params);
    } catch (e) {
      // Nothing can work without a session: log why, and let the client report the failure.
      log('initialization', e);
      throw e;
    }
  });

  function initialize(params: InitializeParams): InitializeResult {
    const features = clientFeatures(params.capabilities);
    folders.set(params.workspaceFolders?.map(f => f.uri) ?? (params.rootUri ? [params.rootUri] : []));
    const settings = new SettingsStore(connection, features.configuration, uri => folders.folderOf(uri));
    const host = new LspWorkspaceHost(documents, files, settings, folders);
    // `{time}` in previews is the server's start: a body does not change while the user types.
    const startedSeconds = Math.floor(Date.now() / 1000);
    const service = createLanguageService(host, {
      snippets: features.snippets,
      completionEditRangeDefault: features.completionEditRangeDefault,
      timeSeconds: () => startedSeconds,
    });
    const diagnostics = new DiagnosticsScheduler(connection, service, documents, settings, log);
    let markIndexed = (): void => undefined;
    const indexed = new Promise<void>(resolve => (markIndexed = resolve));
    server.session = { features, settings, host, service, diagnostics, indexed, markIndexed };
    return { capabilities: serverCapabilities(features), serverInfo: { name: 'sigfox-callbacks' } };
  }

  connection.onInitialized(
    guardNotification(log, 'initialization', async () => {
      const s = server.session;
      // onInitialize either made the session or failed, and then no client sends `initialized`.
      if (!s) return;
      if (s.features.watchedFilesRegistration) {
        await connection.client.register(DidChangeWatchedFilesNotification.type, {
          watchers: WATCHED_GLOBS.map(globPattern => ({ globPattern })),
        });
      }
      if (s.features.configurationRegistration) {
        await connection.client.register(DidChangeConfigurationNotification.type, { section: 'sigfox' });
      }
      if (s.features.workspaceFolders) handleWorkspaceFolders(server, s);
      try {
        await indexWorkspace(server, s);
      } finally {
        s.markIndexed(); // a failed listing is logged; requests then answer from what is known
      }
    }),
  );

  connection.onShutdown(guard(log, 'shutdown', undefined, () => server.session?.diagnostics.dispose()));
}

async function indexWorkspace(server: ServerContext, s: Session): Promise<void> {
  const { connection, documents, files, folders } = server;
  const started = Date.now();
  const list = folders.list;
  await Promise.all(list.map(folder => s.settings.load(folder)));
  const counts = await Promise.all(list.map(folder => files.addFolder(folder, message => connection.console.warn(message))));
  const total = counts.reduce((a, b) => a + b, 0);
  connection.console.info(
    `[sigfox] indexed ${plural(total, 'Sigfox file')} in ${plural(list.length, 'workspace folder')} (${Date.now() - started} ms)`,
  );
  // Documents opened before the index was complete may have missed a callback definition naming them.
  s.diagnostics.scheduleAll(documents.keys(), 0);
}

// ---- workspace and configuration ----------------------------------------------------------

function handleWorkspaceFolders(server: ServerContext, s: Session): void {
  const { connection, log, files, folders } = server;
  connection.workspace.onDidChangeWorkspaceFolders(
    guardNotification(log, 'workspace folders change', async event => {
      for (const folder of event.removed) files.removeFolder(folder.uri);
      const removed = new Set(event.removed.map(r => normalizeUri(r.uri)));
      folders.set([...folders.list.filter(f => !removed.has(f)), ...event.added.map(a => a.uri)]);
      const adding = Promise.all(event.added.map(a => files.addFolder(a.uri, message => connection.console.warn(message))));
      // Cross-file answers wait for the added folders too: never partial.
      s.indexed = Promise.all([s.indexed, adding.catch(() => undefined)]).then(() => undefined);
      await adding;
      s.diagnostics.scheduleAll(s.diagnostics.knownUris());
    }),
  );
}

function handleConfiguration(server: ServerContext): void {
  server.connection.onDidChangeConfiguration(
    guardNotification(server.log, 'configuration change', params => {
      const s = server.session;
      if (!s) return;
      s.settings.changed(params.settings);
      s.diagnostics.scheduleAll(s.diagnostics.knownUris());
    }),
  );
}

// ---- document sync and diagnostics --------------------------------------------------------

function handleDocumentSync(server: ServerContext): void {
  const { connection, log, documents } = server;

  documents.onDidChangeContent(
    guardNotification(log, 'document change', async ({ document }) => {
      const s = server.session;
      if (!s) return;
      await s.settings.load(document.uri);
      s.diagnostics.schedule(document.uri);
      if (kindOfUri(document.uri) === 'sfcallback') scheduleAfterDefinitionChange(s, document.uri);
    }),
  );

  documents.onDidClose(
    guardNotification(log, 'document close', ({ document }) => {
      const s = server.session;
      if (!s) return;
      s.settings.forget(document.uri);
      s.host.forgetDiskText(document.uri);
      // The file on disk is what counts now: check it again (or clear, if it does not exist).
      s.diagnostics.schedule(document.uri, 0);
      if (kindOfUri(document.uri) === 'sfcallback') scheduleAfterDefinitionChange(s, document.uri);
    }),
  );

  connection.onDidChangeWatchedFiles(
    guardNotification(log, 'watched files change', ({ changes }) => {
      const s = server.session;
      if (!s) return;
      for (const change of changes) applyFileEvent(server, s, change);
    }),
  );
}

/** A callback definition can change the association of the templates it names, and of those it named. */
function scheduleAfterDefinitionChange(s: Session, definitionUri: string): void {
  const targets = [...s.diagnostics.knownUris()].filter(uri => kindOfUri(uri) === 'sftemplate');
  const named = s.service.templateNamedBy(definitionUri);
  if (named !== undefined) targets.push(named);
  s.diagnostics.scheduleAll(targets);
}

function applyFileEvent(server: ServerContext, s: Session, change: FileEvent): void {
  const uri = normalizeUri(change.uri);
  const kind = kindOfUri(uri);
  if (!kind) return;
  s.host.forgetDiskText(uri);
  if (change.type === FileChangeType.Deleted) server.files.remove(uri);
  else server.files.add(uri);
  // An open buffer wins over the disk: only a file that is not open has new content to check
  // (a deleted one gets its diagnostics cleared). Its check schedules what depends on it.
  if (server.documents.get(change.uri) === undefined) s.diagnostics.schedule(uri, 0);
  if (kind === 'sfgrammar') {
    // A grammar's check schedules its dependents, but a deleted grammar is no longer its sibling's.
    const sibling = siblingTemplateUri(uri);
    if (sibling !== undefined && s.host.readText(sibling) !== undefined) s.diagnostics.schedule(sibling, 0);
  } else if (kind === 'sfcallback') {
    scheduleAfterDefinitionChange(s, uri);
  }
}

// ---- LSP features -------------------------------------------------------------------------

function handleFeatures(server: ServerContext): void {
  const { connection, log, documents } = server;

  /** Runs a document request with its settings loaded, or answers `fallback` for an unknown document. */
  async function withDocument<R>(uri: string, fallback: R, run: (s: Session, document: TextDocument) => R): Promise<R> {
    const s = server.session;
    const document = documents.get(uri);
    if (!s || !document) return fallback;
    await s.settings.load(uri);
    return run(s, document);
  }

  /** The same, for an answer that reads other files: it waits for the workspace index, so it is never partial. */
  async function withWorkspace<R>(uri: string, fallback: R, run: (s: Session, document: TextDocument) => R): Promise<R> {
    await server.session?.indexed;
    return withDocument(uri, fallback, run);
  }

  const emptyCompletion: CompletionList = { isIncomplete: false, items: [] };
  connection.onCompletion(
    guard(log, 'completion', emptyCompletion, params =>
      withWorkspace(params.textDocument.uri, emptyCompletion, (s, d) => s.service.doComplete(d, params.position)),
    ),
  );

  // The fallback is the item itself, as it came: resolving only ever adds documentation.
  connection.onCompletionResolve(item => {
    try {
      return server.session?.service.doResolveCompletion(item) ?? item;
    } catch (e) {
      log('completion resolve', e);
      return item;
    }
  });

  connection.onHover(
    guard(log, 'hover', null, params => withWorkspace(params.textDocument.uri, null, (s, d) => s.service.doHover(d, params.position))),
  );

  connection.onDocumentSymbol(
    guard(log, 'document symbols', [] as DocumentSymbol[] | SymbolInformation[], params =>
      withDocument(params.textDocument.uri, [], (s, d) => {
        const symbols = s.service.findDocumentSymbols(d);
        return s.features.hierarchicalSymbols ? symbols : flattenSymbols(d.uri, symbols);
      }),
    ),
  );

  connection.onDefinition(
    guard(log, 'definition', [] as Definition | LocationLink[], params =>
      withWorkspace(params.textDocument.uri, [], (s, d) => {
        const links = s.service.findDefinition(d, params.position);
        return s.features.definitionLinks ? links : links.map(l => ({ uri: l.targetUri, range: l.targetSelectionRange }));
      }),
    ),
  );

  connection.onReferences(
    guard(log, 'references', [], params =>
      withWorkspace(params.textDocument.uri, [], (s, d) => s.service.findReferences(d, params.position, params.context.includeDeclaration)),
    ),
  );

  connection.onPrepareRename(
    guard(log, 'prepare rename', null, params =>
      withWorkspace(params.textDocument.uri, null, (s, d) => s.service.prepareRename(d, params.position)),
    ),
  );

  connection.onRenameRequest(
    guard(log, 'rename', null, params =>
      withWorkspace(params.textDocument.uri, null, (s, d) => s.service.doRename(d, params.position, params.newName)),
    ),
  );

  connection.onCodeAction(
    guard(log, 'code actions', [], params =>
      withDocument(params.textDocument.uri, [], (s, d) => s.service.getCodeActions(d, params.range, params.context)),
    ),
  );

  connection.onDocumentFormatting(
    guard(log, 'formatting', [], params => withDocument(params.textDocument.uri, [], (s, d) => s.service.format(d))),
  );

  connection.languages.inlayHint.on(
    guard(log, 'inlay hints', [], params => withDocument(params.textDocument.uri, [], (s, d) => s.service.getInlayHints(d, params.range))),
  );

  connection.onCodeLens(
    guard(log, 'code lens', [], params => withWorkspace(params.textDocument.uri, [], (s, d) => s.service.getCodeLenses(d))),
  );

  connection.onFoldingRanges(
    guard(log, 'folding ranges', [], params => withDocument(params.textDocument.uri, [], (s, d) => s.service.getFoldingRanges(d))),
  );

  connection.onDocumentLinks(
    guard(log, 'document links', [], params => withDocument(params.textDocument.uri, [], (s, d) => s.service.getDocumentLinks(d))),
  );
}

// ---- custom requests (server/src/protocol.ts) -----------------------------------------------

function handleCustomRequests(server: ServerContext, options: StartServerOptions): void {
  const { connection, log } = server;

  /** Settings of the documents a request names by uri (maxUplinkBytes, associations...). */
  async function loadSettingsOf(s: Session, ...sources: (SourceRef | undefined)[]): Promise<void> {
    await Promise.all(sources.map(source => (source && 'uri' in source ? s.settings.load(source.uri) : undefined)));
  }

  const decodeFailed = (error: string): DecodeResult => ({ fields: [], frameHex: '', warnings: [], error });
  connection.onRequest(
    DecodeRequest,
    guard(
      log,
      'sigfox/decode',
      decodeFailed('The language server failed to decode this frame; see the Sigfox output for details.'),
      async params => {
        const s = server.session;
        if (!s) return decodeFailed('The language server is not initialized yet.');
        await loadSettingsOf(s, params.grammar);
        return s.service.decode(params);
      },
    ),
  );

  const renderFailed = (error: string): RenderResult => ({
    text: '',
    isJson: false,
    validJson: null,
    problems: [],
    usedVariables: [],
    variables: [],
    usedCustomData: [],
    error,
  });
  connection.onRequest(
    RenderRequest,
    guard(
      log,
      'sigfox/render',
      renderFailed('The language server failed to render this template; see the Sigfox output for details.'),
      async params => {
        const s = server.session;
        if (!s) return renderFailed('The language server is not initialized yet.');
        await s.indexed;
        await loadSettingsOf(s, params.template, params.grammar);
        return s.service.render(params);
      },
    ),
  );

  const previewFailed = (error: string): PreviewResult => ({ decode: decodeFailed(error) });
  connection.onRequest(
    PreviewRequest,
    guard(
      log,
      'sigfox/preview',
      previewFailed('The language server failed to decode this frame; see the Sigfox output for details.'),
      async params => {
        const s = server.session;
        if (!s) return previewFailed('The language server is not initialized yet.');
        await s.indexed;
        const grammar = 'associatedWith' in params.grammar ? { uri: params.grammar.associatedWith } : params.grammar;
        await loadSettingsOf(s, grammar, params.template !== undefined ? { uri: params.template } : undefined);
        return s.service.preview(params);
      },
    ),
  );

  const noAssociation: AssociationResult = { templates: [] };
  connection.onRequest(
    AssociationRequest,
    guard(log, 'sigfox/association', noAssociation, async params => {
      const s = server.session;
      if (!s) return noAssociation;
      await s.indexed;
      await s.settings.load(params.uri);
      return s.service.association(params);
    }),
  );

  const canonicalFailed = (error: string): CanonicalConfigResult => ({ text: '', errors: 0, error });
  connection.onRequest(
    CanonicalConfigRequest,
    guard(
      log,
      'sigfox/canonicalConfig',
      canonicalFailed('The language server failed to read this payload config; see the Sigfox output for details.'),
      async params => {
        const s = server.session;
        if (!s) return canonicalFailed('The language server is not initialized yet.');
        await s.settings.load(params.uri);
        return s.service.canonicalConfig(params);
      },
    ),
  );

  const encodeFailed: EncodeResult = {
    hex: '',
    errors: ['The language server failed to encode; see the Sigfox output for details.'],
    downlink: false,
  };
  connection.onRequest(
    EncodeRequest,
    guard(log, 'sigfox/encode', encodeFailed, async params => {
      const s = server.session;
      if (!s) return { ...encodeFailed, errors: ['The language server is not initialized yet.'] };
      await loadSettingsOf(s, params.grammar);
      return s.service.encode(params);
    }),
  );

  const exportFailed: ExportCodecResult = {
    choices: [],
    error: 'The language server failed to export this codec; see the Sigfox output for details.',
  };
  connection.onRequest(
    ExportCodecRequest,
    guard(log, 'sigfox/exportCodec', exportFailed, async params => {
      const s = server.session;
      if (!s) return { choices: [], error: 'The language server is not initialized yet.' };
      await s.settings.load(params.uri);
      return s.service.exportCodec(params);
    }),
  );

  const sendFailed = (message: string): SendTestCallbackResponse => ({ outcome: 'not-sent', message, notes: [], problems: [] });
  connection.onRequest(
    SendTestCallbackRequest,
    guard(
      log,
      'sigfox/sendTestCallback',
      sendFailed('The language server failed to send this callback; see the Sigfox output for details.'),
      async params => {
        const s = server.session;
        if (!s) return sendFailed('The language server is not initialized yet.');
        return sendTestCallbackFor(s.host, params, {
          env: options.env ?? process.env,
          ...(options.sendTimeoutMs !== undefined ? { timeoutMs: options.sendTimeoutMs } : {}),
        });
      },
    ),
  );

  connection.onRequest(
    DeployRequest,
    guard(
      log,
      'sigfox/deploy',
      { exitCode: 3, output: 'The language server failed to run this command; see the Sigfox output for details.' },
      params => runDeploy(params, options.env ?? process.env),
    ),
  );
}

function flattenSymbols(uri: string, symbols: readonly DocumentSymbol[], containerName?: string): SymbolInformation[] {
  return symbols.flatMap(symbol => [
    { name: symbol.name, kind: symbol.kind, location: { uri, range: symbol.range }, ...(containerName ? { containerName } : {}) },
    ...flattenSymbols(uri, symbol.children ?? [], symbol.name),
  ]);
}
