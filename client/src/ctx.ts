// The extension's state: one output channel, the file watchers and the current LanguageClient.
// Everything long-lived is disposed with the extension context.
import * as fs from 'fs';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { OUTPUT_CHANNEL_NAME, SERVER_MODULE, WATCHED_GLOBS } from './config';

/**
 * vscode-languageclient is nine tenths of the client's code. It is bundled on its own
 * (client/out/languageClient.js, from ./client.ts) and loaded after activation has returned, so
 * opening a Sigfox file is not held up by loading it (design.md: activation < 50 ms).
 */
const LANGUAGE_CLIENT_BUNDLE = './languageClient.js';

function loadLanguageClientModule(): typeof import('./client') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(LANGUAGE_CLIENT_BUNDLE) as typeof import('./client');
}

/** How long `stop` waits for the server to shut down before it is killed. */
const STOP_TIMEOUT_MS = 2000;

export class Ctx implements vscode.Disposable {
  readonly outputChannel: vscode.OutputChannel;
  private readonly fileWatchers: vscode.FileSystemWatcher[];
  private client: LanguageClient | undefined;
  /** Serialises start/stop/restart so that two quick restarts do not race. */
  private pending: Promise<void> = Promise.resolve();

  constructor(private readonly extensionContext: vscode.ExtensionContext) {
    this.outputChannel = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME);
    this.fileWatchers = WATCHED_GLOBS.map(glob => vscode.workspace.createFileSystemWatcher(glob));
    extensionContext.subscriptions.push(this);
  }

  start(): Promise<void> {
    return this.enqueue(() => this.doStart());
  }

  restart(): Promise<void> {
    return this.enqueue(async () => {
      await this.doStop();
      await this.doStart();
    });
  }

  stop(): Promise<void> {
    return this.enqueue(() => this.doStop());
  }

  /** The current client (replaced on restart), for features that send custom requests. */
  get languageClient(): LanguageClient | undefined {
    return this.client;
  }

  /** Per-workspace memory of the commands (last frame sent...). */
  get workspaceState(): vscode.Memento {
    return this.extensionContext.workspaceState;
  }

  showOutput(): void {
    this.outputChannel.show(true);
  }

  dispose(): void {
    void this.stop();
    for (const watcher of this.fileWatchers) watcher.dispose();
    this.outputChannel.dispose();
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    const next = this.pending.then(step);
    // Keep the queue alive after a failure; the caller still sees the rejection.
    this.pending = next.catch(() => undefined);
    return next;
  }

  private async doStart(): Promise<void> {
    if (this.client) return;
    const serverModule = this.extensionContext.asAbsolutePath(SERVER_MODULE);
    if (!fs.existsSync(serverModule)) {
      throw new Error(`the language server is missing at ${serverModule}; build it with \`npm run build\``);
    }
    // Off the activation path: let activate() return and VS Code carry on first.
    await new Promise<void>(resolve => setImmediate(resolve));
    const { createClient } = loadLanguageClientModule();
    const client = createClient({ serverModule, outputChannel: this.outputChannel, fileWatchers: this.fileWatchers });
    this.client = client;
    try {
      await client.start();
    } catch (e) {
      this.client = undefined;
      await client.dispose(STOP_TIMEOUT_MS).catch(() => undefined);
      throw e;
    }
  }

  private async doStop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    // A client whose server never came up (state startFailed) refuses to stop; that is not an
    // error for someone who asked to stop or restart it.
    await client
      .dispose(STOP_TIMEOUT_MS)
      .catch((e: unknown) =>
        this.outputChannel.appendLine(`[client] stopping the language server: ${e instanceof Error ? e.message : String(e)}`),
      );
  }
}
