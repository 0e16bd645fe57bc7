// "Sigfox: Export Codec..." and the "Copy frame" code lens. The server generates the codec
// (sigfox/exportCodec); the client only asks which target, writes the file and says where.
import * as vscode from 'vscode';
import { ExportCodecRequest, type ExportCodecResult } from '../../server/src/protocol';
import type { Ctx } from './ctx';
import { ServerNotRunningError } from './preview/server';
import { sendRequest } from './requests';

/**
 * Writes the chosen codec beside the payload config. Arguments (all optional): the config's Uri
 * (menus pass it), and a target id to skip the quick pick (tests). Answers the written Uri.
 */
export const exportCodecCommand =
  (ctx: Ctx) =>
  async (arg?: unknown, targetArg?: unknown): Promise<vscode.Uri | undefined> => {
    const editor = vscode.window.activeTextEditor;
    const uri = arg instanceof vscode.Uri ? arg : editor?.document.languageId === 'sfgrammar' ? editor.document.uri : undefined;
    if (!uri) {
      void vscode.window.showInformationMessage('Sigfox: open a payload config (*.sfgrammar) to export a codec from it.');
      return undefined;
    }
    try {
      const client = ctx.languageClient;
      if (!client) throw new ServerNotRunningError();
      let target = typeof targetArg === 'string' ? targetArg : undefined;
      if (target === undefined) {
        const { choices } = await sendRequest(client, ExportCodecRequest, { uri: uri.toString() });
        const picked = await vscode.window.showQuickPick(
          choices.map(c => ({ label: c.target, description: c.label, detail: `writes ${c.fileName} beside the payload config` })),
          { title: 'Sigfox: Export Codec', placeHolder: 'Which platform or firmware should the codec be for?' },
        );
        if (!picked) return undefined;
        target = picked.label;
      }
      const result: ExportCodecResult = await sendRequest(client, ExportCodecRequest, { uri: uri.toString(), target });
      if (result.error !== undefined || result.code === undefined || result.fileName === undefined) {
        void vscode.window.showErrorMessage(`Sigfox: cannot export the codec: ${result.error ?? 'nothing was generated'}`);
        return undefined;
      }
      const output = vscode.Uri.joinPath(uri, '..', result.fileName);
      await vscode.workspace.fs.writeFile(output, Buffer.from(result.code, 'utf8'));
      void vscode.window
        .showInformationMessage(`Sigfox: wrote ${result.fileName} (${result.code.length} characters).`, 'Open')
        .then(choice => (choice ? vscode.window.showTextDocument(output) : undefined));
      return output;
    } catch (e) {
      void vscode.window.showErrorMessage(`Sigfox: cannot export the codec: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  };

/** The "Copy frame" lens on a golden example: its argument is the frame in hex. */
export const copyFrameCommand =
  () =>
  async (hex?: unknown): Promise<string | undefined> => {
    if (typeof hex !== 'string') return undefined;
    await vscode.env.clipboard.writeText(hex);
    vscode.window.setStatusBarMessage(`Sigfox: copied the frame ${hex}`, 3000);
    return hex;
  };
