// Commands of the client. Each reports failures to the user instead of throwing into the void.
import * as vscode from 'vscode';
import { sendRequest } from './requests';
import { CanonicalConfigRequest, type CanonicalConfigResult } from '../../server/src/protocol';
import type { Ctx } from './ctx';
import { ServerNotRunningError } from './preview/server';
import { sendTestCallbackCommand } from './sendTestCallbackCommand';
import { copyFrameCommand, exportCodecCommand } from './codec';
import { plural } from '../../server/src/core/util';

/** A command may take arguments (menus pass the resource; tests pass options) and may answer. */
type Command = (ctx: Ctx) => (...args: unknown[]) => unknown;

const restartServer: Command = ctx => async () => {
  try {
    await ctx.restart();
    ctx.outputChannel.appendLine('[client] language server restarted');
  } catch (e) {
    reportStartFailure(ctx, e);
  }
};

const showOutput: Command = ctx => () => ctx.showOutput();

/**
 * "Copy Payload Config as One Line": the string to paste into the Sigfox backend, computed by the
 * server from the open buffer (fields joined by one space, no comments). A payload config with
 * errors is copied anyway, with a warning saying how many. Answers what it copied (for tests).
 */
const copyPayloadConfigOneLine: Command =
  ctx =>
  async (arg?: unknown): Promise<CanonicalConfigResult | undefined> => {
    const editor = vscode.window.activeTextEditor;
    const uri = arg instanceof vscode.Uri ? arg : editor?.document.languageId === 'sfgrammar' ? editor.document.uri : undefined;
    if (!uri) {
      void vscode.window.showInformationMessage('Sigfox: open a payload config (*.sfgrammar) to copy it as one line.');
      return undefined;
    }
    try {
      const client = ctx.languageClient;
      if (!client) throw new ServerNotRunningError();
      const result = await sendRequest(client, CanonicalConfigRequest, { uri: uri.toString() });
      if (result.error !== undefined) {
        void vscode.window.showErrorMessage(`Sigfox: cannot copy the payload config: ${result.error}`);
        return result;
      }
      await vscode.env.clipboard.writeText(result.text);
      const fields = result.text === '' ? 0 : result.text.split(' ').length;
      const copied = `copied the payload config as one line (${plural(fields, 'field')}, ${result.text.length} characters)`;
      if (result.errors > 0) {
        void vscode.window
          .showWarningMessage(
            `Sigfox: ${copied}, but it has ${result.errors === 1 ? 'an error' : `${result.errors} errors`}: Sigfox would reject it or decode frames wrongly. Fix ${result.errors === 1 ? 'it' : 'them'} before pasting.`,
            'Show Problems',
          )
          .then(choice => (choice ? vscode.commands.executeCommand('workbench.actions.view.problems') : undefined));
      } else {
        void vscode.window.showInformationMessage(`Sigfox: ${copied}.`);
      }
      return result;
    } catch (e) {
      void vscode.window.showErrorMessage(`Sigfox: cannot copy the payload config: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  };

/** Command id (as contributed in package.json) -> implementation. */
const COMMANDS: Record<string, Command> = {
  'sigfox.restartServer': restartServer,
  'sigfox.showOutput': showOutput,
  'sigfox.copyPayloadConfigOneLine': copyPayloadConfigOneLine,
  'sigfox.sendTestCallback': sendTestCallbackCommand,
  'sigfox.exportCodec': exportCodecCommand,
  'sigfox.copyFrame': copyFrameCommand,
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
