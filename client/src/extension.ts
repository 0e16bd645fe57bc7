// Entry point of the VS Code extension. Thin by design: it starts the Sigfox language server
// (server/out/main.js) and registers a few commands; every language feature lives in the server.
import type * as vscode from 'vscode';
import { registerCommands, reportStartFailure } from './commands';
import { Ctx } from './ctx';
import { registerPreviewCommands } from './preview';

let ctx: Ctx | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const t0 = Date.now();
  const c = (ctx = new Ctx(context));
  context.subscriptions.push(...registerCommands(c), registerPreviewCommands(context, () => c.languageClient));
  // Not awaited: activation stays cheap, and the client queues requests until the server is up.
  // A server that fails to start leaves the commands usable ("Restart Language Server" after
  // a rebuild, "Show Output" to read why).
  c.start().then(
    () => c.outputChannel.appendLine(`[client] language server started ${Date.now() - t0} ms after activation`),
    e => reportStartFailure(c, e),
  );
  c.outputChannel.appendLine(`[client] activated in ${Date.now() - t0} ms`);
}

export async function deactivate(): Promise<void> {
  await ctx?.stop();
  ctx = undefined;
}
