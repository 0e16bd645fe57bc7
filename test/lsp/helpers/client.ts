/**
 * A small LSP client over vscode-jsonrpc, as an editor would be: it answers the server's
 * requests (configuration, registrations), records its notifications, and lets a test wait for
 * the one it expects (never a fixed sleep: a timeout only bounds a wait that failed).
 */
import { EventEmitter } from 'node:events';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import type {
  ClientCapabilities,
  ConfigurationParams,
  Diagnostic,
  InitializeResult,
  LogMessageParams,
  PublishDiagnosticsParams,
  RegistrationParams,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';

/** What VS Code announces, for the features the server adapts to. */
export const FULL_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    didChangeWatchedFiles: { dynamicRegistration: true },
    didChangeConfiguration: { dynamicRegistration: true },
    workspaceEdit: { documentChanges: true },
  },
  textDocument: {
    synchronization: { dynamicRegistration: false },
    completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown'] } },
    hover: { contentFormat: ['markdown'] },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    definition: { linkSupport: true },
    rename: { prepareSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
    inlayHint: {},
    publishDiagnostics: { versionSupport: true },
  },
};

/** A client that announces nothing optional. */
export const BARE_CAPABILITIES: ClientCapabilities = {};

export interface ClientOptions {
  readonly capabilities?: ClientCapabilities;
  readonly workspaceFolders?: readonly string[];
  /** The `sigfox` section the client answers to `workspace/configuration`. */
  readonly settings?: Record<string, unknown>;
}

export class TestClient {
  readonly diagnostics: PublishDiagnosticsParams[] = [];
  readonly logs: LogMessageParams[] = [];
  /** `window/showMessage`: what the user would see as a notification. */
  readonly messages: LogMessageParams[] = [];
  readonly registrations: RegistrationParams[] = [];
  readonly configurationRequests: ConfigurationParams[] = [];
  settings: Record<string, unknown>;
  private readonly events = new EventEmitter();
  private readonly versions = new Map<string, number>();

  constructor(
    readonly connection: MessageConnection,
    private readonly options: ClientOptions = {},
  ) {
    this.settings = { diagnostics: { delayMs: 0 }, ...options.settings };
    this.events.setMaxListeners(100);
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.diagnostics.push(params);
      this.events.emit('event');
    });
    connection.onNotification('window/logMessage', (params: LogMessageParams) => {
      this.logs.push(params);
      this.events.emit('event');
    });
    connection.onNotification('window/showMessage', (params: LogMessageParams) => {
      this.messages.push(params);
      this.events.emit('event');
    });
    connection.onRequest('workspace/configuration', (params: ConfigurationParams) => {
      this.configurationRequests.push(params);
      return params.items.map(item => (item.section === 'sigfox' ? this.settings : null));
    });
    connection.onRequest('client/registerCapability', (params: RegistrationParams) => {
      this.registrations.push(params);
      this.events.emit('event');
      return null;
    });
    connection.listen();
  }

  /**
   * Resolves with the first non-undefined value of `check`, tested now and after every notification.
   * The timeout only bounds a test that is failing anyway: on a busy 2-core machine checking a
   * 5 MB template took over 5 s, so it is generous (tests assert behaviour, never speed).
   */
  waitFor<T>(what: string, check: () => T | undefined, timeoutMs = 30_000): Promise<T> {
    const now = check();
    if (now !== undefined) return Promise.resolve(now);
    return new Promise<T>((resolve, reject) => {
      const onEvent = (): void => {
        const value = check();
        if (value === undefined) return;
        cleanup();
        resolve(value);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.events.off('event', onEvent);
      };
      this.events.on('event', onEvent);
    });
  }

  /** The next diagnostics published for `uri` after `after` (an index into `diagnostics`) that satisfy `accept`. */
  waitForDiagnostics(
    uri: string,
    accept: (diagnostics: Diagnostic[], params: PublishDiagnosticsParams) => boolean = () => true,
    after = 0,
  ): Promise<Diagnostic[]> {
    return this.waitFor(`diagnostics of ${uri}`, () => {
      for (let k = after; k < this.diagnostics.length; k++) {
        const p = this.diagnostics[k]!;
        if (p.uri === uri && accept(p.diagnostics, p)) return p.diagnostics;
      }
      return undefined;
    });
  }

  waitForLog(pattern: RegExp): Promise<LogMessageParams> {
    return this.waitFor(`a log matching ${pattern}`, () => this.logs.find(l => pattern.test(l.message)));
  }

  /** A mark to wait for what comes after it. */
  mark(): number {
    return this.diagnostics.length;
  }

  async initialize(): Promise<InitializeResult> {
    const folders = this.options.workspaceFolders ?? [];
    const result = (await this.connection.sendRequest('initialize', {
      processId: null,
      rootUri: folders[0] ?? null,
      workspaceFolders: folders.map((uri, k) => ({ uri, name: `folder${k}` })),
      capabilities: this.options.capabilities ?? FULL_CAPABILITIES,
    })) as InitializeResult;
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  async open(uri: string, languageId: string, text: string): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Replaces the whole text; returns the new version. */
  async change(uri: string, text: string): Promise<number> {
    return this.changeBy(uri, [{ text }]);
  }

  async changeBy(uri: string, contentChanges: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
    return version;
  }

  async close(uri: string): Promise<void> {
    this.versions.delete(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Created 1, Changed 2, Deleted 3. */
  async filesChanged(...changes: { uri: string; type: 1 | 2 | 3 }[]): Promise<void> {
    await this.connection.sendNotification('workspace/didChangeWatchedFiles', { changes });
  }

  async configurationChanged(settings: Record<string, unknown>): Promise<void> {
    this.settings = { diagnostics: { delayMs: 0 }, ...settings };
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: { sigfox: this.settings } });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }
}
