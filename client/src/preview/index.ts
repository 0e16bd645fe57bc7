/**
 * "Sigfox: Decode Selected Hex" and "Sigfox: Decode Hex...": decode a frame with a payload config
 * and show the fields, the frame's bits and the rendered callback body in a panel beside the
 * editor. Decoding and rendering happen in the language server; this side picks the inputs and
 * displays the answers.
 */
import * as vscode from 'vscode';
import { PREVIEW_VIEW_TYPE, PreviewPanel } from './panel';
import { PreviewServer, type ServerSource } from './server';
import { TargetPicker, type Targets } from './targets';
import { shorten } from '../../../server/src/core/util';

export type { ServerSource } from './server';

const LAST_HEX_KEY = 'sigfox.preview.lastHex';

export function registerPreviewCommands(context: vscode.ExtensionContext, client: ServerSource): vscode.Disposable {
  const server = new PreviewServer(client);
  const targets = new TargetPicker(server, context.workspaceState);
  const panel = new PreviewPanel(context.extensionUri, server, targets);

  /** The last message a command showed the user, for the test state (the API cannot read notifications). */
  let lastMessage: string | undefined;
  const tell = (message: string, severity: 'error' | 'info' = 'error'): void => {
    lastMessage = message;
    void (severity === 'error' ? vscode.window.showErrorMessage(message) : vscode.window.showInformationMessage(message));
  };

  /** A frame that cannot be decoded gets a message saying what and where, and nothing opens. */
  async function decodeAndShow(found: Targets, hex: string, what: string): Promise<void> {
    const error = await panel.show(found, hex);
    if (error !== undefined) {
      tell(`Sigfox: cannot decode ${what}: ${error}`);
      return;
    }
    await context.workspaceState.update(LAST_HEX_KEY, hex);
  }

  const decodeSelectedHex = async (): Promise<void> => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      tell('Sigfox: select a hex frame in an editor first, or use "Sigfox: Decode Hex...".', 'info');
      return;
    }
    const hex = selectedFrame(editor);
    if (hex === undefined) {
      tell('Sigfox: select a hex frame (e.g. 1a2b3c0e74) first, or use "Sigfox: Decode Hex...".', 'info');
      return;
    }
    const found = await targets.forEditor(editor.document);
    if (found) await decodeAndShow(found, hex, `the selection "${shorten(hex.trim(), 40)}"`);
  };

  /** Args (keybindings, tests): `{ hex: "1a2b..." }` skips the input box. */
  const decodeHex = async (args?: unknown): Promise<void> => {
    const found = await targets.forEditor(vscode.window.activeTextEditor?.document);
    if (!found) return;
    const given = isHexArgs(args) ? args.hex : undefined;
    const hex =
      given ??
      (await vscode.window.showInputBox({
        title: `Sigfox: decode a frame with ${found.grammar.label}`,
        prompt: 'Hex digits of the frame (0 to 12 bytes for an uplink); spaces and a 0x prefix are fine',
        placeHolder: '1a2b3c0e74',
        value: context.workspaceState.get<string>(LAST_HEX_KEY, ''),
        ignoreFocusOut: true,
        // The server says what is wrong with the hex, so the client holds no second parser.
        validateInput: async text => {
          if (text.trim() === '') return 'Type the frame as hex digits, e.g. 1a2b3c0e74.';
          const checked = await server.decode({ grammar: found.grammar.ref, hex: text }).catch(() => undefined);
          return checked?.error;
        },
      }));
    if (hex === undefined) return;
    await decodeAndShow(found, hex, `"${shorten(hex.trim(), 40)}"`);
  };

  const disposables: vscode.Disposable[] = [
    panel,
    // A window reload brings the panel back (activation event onWebviewPanel:sigfox.preview).
    vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
      deserializeWebviewPanel: (restored, state: unknown) => panel.restore(restored, state),
    }),
    vscode.commands.registerCommand('sigfox.decodeSelectedHex', reportingFailures(decodeSelectedHex, tell)),
    vscode.commands.registerCommand('sigfox.decodeHex', reportingFailures(decodeHex, tell)),
  ];
  // Tests read what the webview last confirmed it displays; users never see this command.
  if (context.extensionMode === vscode.ExtensionMode.Test) {
    disposables.push(vscode.commands.registerCommand('sigfox.preview.testState', () => ({ ...panel.testState(), lastMessage })));
  }
  return vscode.Disposable.from(...disposables);
}

/** The primary selection's text, or the hex-looking word under the cursor when nothing is selected. */
function selectedFrame(editor: vscode.TextEditor): string | undefined {
  const { selection, document } = editor;
  if (!selection.isEmpty) return document.getText(selection);
  const word = document.getWordRangeAtPosition(selection.active, /(0x)?[0-9A-F]+/i);
  return word ? document.getText(word) : undefined;
}

function isHexArgs(args: unknown): args is { hex: string } {
  return !!args && typeof args === 'object' && !(args instanceof vscode.Uri) && typeof (args as { hex?: unknown }).hex === 'string';
}

function reportingFailures<A extends unknown[]>(
  command: (...args: A) => Promise<void>,
  tell: (message: string) => void,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await command(...args);
    } catch (e) {
      tell(`Sigfox: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
}
