// Entry point of the VS Code extension. Thin by design: it starts the Sigfox language server
// (server/out/main.js) and registers a few commands; every language feature lives in the server.
// First import: evaluated before the others, so activation time includes loading the bundle.
import { BUNDLE_LOAD_START } from './loadClock';
import type * as vscode from 'vscode';
import { registerCommands, reportStartFailure } from './commands';
import { Ctx } from './ctx';
import { registerDeployCommands } from './deploy';
import { registerPreviewCommands } from './preview';

let ctx: Ctx | undefined;

/** What activation returns: its own cost, for the activation budget (design.md: < 50 ms). */
export interface SigfoxExtensionApi {
  /** Milliseconds from the bundle's first line to the end of activate(). */
  readonly activationMs: number;
}

export function activate(context: vscode.ExtensionContext): SigfoxExtensionApi {
  const t0 = Date.now();
  const loadStart = BUNDLE_LOAD_START;
  const c = (ctx = new Ctx(context));
  context.subscriptions.push(
    ...registerCommands(c),
    registerPreviewCommands(context, () => c.languageClient),
    ...registerDeployCommands(context, () => c.languageClient),
  );
  // Not awaited: activation stays cheap, and the client queues requests until the server is up.
  // A server that fails to start leaves the commands usable ("Restart Language Server" after
  // a rebuild, "Show Output" to read why).
  c.start().then(
    () => c.outputChannel.appendLine(`[client] language server started ${Date.now() - t0} ms after activation`),
    e => reportStartFailure(c, e),
  );
  const activationMs = Date.now() - loadStart;
  c.outputChannel.appendLine(`[client] activated in ${activationMs} ms (bundle load ${t0 - loadStart} ms)`);
  return { activationMs };
}

export async function deactivate(): Promise<void> {
  await ctx?.stop();
  ctx = undefined;
}
