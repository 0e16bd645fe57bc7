// Commands of the client. Each reports failures to the user instead of throwing into the void.
import * as vscode from 'vscode';
import type { Ctx } from './ctx';

type Command = (ctx: Ctx) => () => Promise<void> | void;

const restartServer: Command = ctx => async () => {
  try {
    await ctx.restart();
    ctx.outputChannel.appendLine('[client] language server restarted');
  } catch (e) {
    reportStartFailure(ctx, e);
  }
};

const showOutput: Command = ctx => () => ctx.showOutput();

/** Command id (as contributed in package.json) -> implementation. */
const COMMANDS: Record<string, Command> = {
  'sigfox.restartServer': restartServer,
  'sigfox.showOutput': showOutput,
};

export function registerCommands(ctx: Ctx): vscode.Disposable[] {
  return Object.entries(COMMANDS).map(([id, command]) => vscode.commands.registerCommand(id, command(ctx)));
}

export function reportStartFailure(ctx: Ctx, e: unknown): void {
  const message = e instanceof Error ? e.message : String(e);
  ctx.outputChannel.appendLine(`[client] could not start the language server: ${message}`);
  void vscode.window
    .showErrorMessage(`Sigfox: could not start the language server: ${message}`, 'Show Output')
    .then(choice => (choice ? ctx.showOutput() : undefined));
}
