/**
 * "Sigfox: Send Test Callback": asks for a frame (and, optionally, a URL to send to instead), has
 * the language server send the callback as Sigfox would (`sigfox/sendTestCallback`: the client
 * makes no HTTP request), and shows the request, the answer and the verdict in the output channel.
 * Refused in Restricted Mode: it sends workspace-defined requests, with `${env:NAME}` secrets.
 *
 * Args (keybindings, tests): `{ uri?, hex?, url?, variables? }` skip the prompts they answer; a
 * `vscode.Uri` (explorer or editor menus) names the definition.
 */
import * as vscode from 'vscode';
import { sendRequest } from './requests';
import {
  DecodeRequest,
  SendTestCallbackRequest,
  type SendTestCallbackParams,
  type SendTestCallbackResponse,
} from '../../server/src/protocol';
import type { Ctx } from './ctx';
import { ServerNotRunningError } from './preview/server';
import { sampleVariablesSetting } from './sampleVariablesSetting';
import { formatSendReport, isDelivered } from './sendReport';

const LAST_HEX_KEY = 'sigfox.send.lastHex';
const LAST_URL_KEY = 'sigfox.send.lastUrl';
const DEFINITION_SUFFIX = '.sfcallback.json';

interface SendArgs {
  readonly uri?: vscode.Uri;
  readonly hex?: string;
  readonly url?: string;
  readonly variables?: Record<string, string>;
}

export const RESTRICTED_MODE_MESSAGE =
  'Sigfox: "Send Test Callback" is not available in Restricted Mode: it sends an HTTP request built from this workspace\'s files, with secrets from your environment. Trust the workspace to use it.';

/** What the command resolves to, for tests and keybindings: the server's answer, or why nothing was sent. */
export type SendCommandResult = SendTestCallbackResponse | { readonly refused: string } | undefined;

export function sendTestCallbackCommand(ctx: Ctx): (arg?: unknown) => Promise<SendCommandResult> {
  return async arg => {
    try {
      return await run(ctx, parseArgs(arg));
    } catch (e) {
      const message = `Sigfox: could not send the test callback: ${e instanceof Error ? e.message : String(e)}`;
      ctx.outputChannel.appendLine(`[send] ${message}`);
      void vscode.window.showErrorMessage(message);
      return { refused: message };
    }
  };
}

async function run(ctx: Ctx, args: SendArgs): Promise<SendCommandResult> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window
      .showErrorMessage(RESTRICTED_MODE_MESSAGE, 'Manage Workspace Trust')
      .then(choice => (choice ? vscode.commands.executeCommand('workbench.trust.manage') : undefined));
    return { refused: RESTRICTED_MODE_MESSAGE };
  }
  const client = ctx.languageClient;
  if (!client) throw new ServerNotRunningError();

  const uri = args.uri ?? activeDefinition() ?? (await pickDefinition());
  if (!uri) return undefined;
  if (!uri.path.endsWith(DEFINITION_SUFFIX)) {
    const message = `Sigfox: "Send Test Callback" sends a callback definition (*${DEFINITION_SUFFIX}); ${vscode.workspace.asRelativePath(uri)} is not one.`;
    void vscode.window.showInformationMessage(message);
    return { refused: message };
  }
  const label = vscode.workspace.asRelativePath(uri);

  const prompted = args.hex === undefined;
  const hex =
    args.hex ??
    (await vscode.window.showInputBox({
      title: `Sigfox: send ${label} for a frame`,
      prompt: 'Hex digits of the uplink frame (0 to 12 bytes); spaces and a 0x prefix are fine',
      placeHolder: '1a2b3c0e74',
      value: ctx.workspaceState.get<string>(LAST_HEX_KEY, ''),
      ignoreFocusOut: true,
      // The server says what is wrong with the hex (the frame alone: no payload config needed).
      validateInput: async text => {
        if (text.trim() === '') return 'Type the frame as hex digits, e.g. 1a2b3c0e74.';
        const checked = await sendRequest(client, DecodeRequest, { grammar: { text: '' }, hex: text }).catch(() => undefined);
        return checked?.error;
      },
    }));
  if (hex === undefined) return undefined;

  // Prompted for the frame: offer the URL too (needed for a connector). Given the frame: the URL only if given.
  let url = args.url;
  if (url === undefined && prompted) {
    const typed = await vscode.window.showInputBox({
      title: `Sigfox: send ${label} to…`,
      prompt:
        "Send to this URL instead of the definition's (its scheme, host and port replace the definition's). Leave empty to use the definition's URL; a connector (Azure, AWS) needs one, e.g. a local test server.",
      placeHolder: "http://127.0.0.1:8080 (empty: the definition's URL)",
      value: ctx.workspaceState.get<string>(LAST_URL_KEY, ''),
      ignoreFocusOut: true,
      validateInput: text => urlProblem(text.trim()),
    });
    if (typed === undefined) return undefined;
    url = typed.trim() === '' ? undefined : typed.trim();
    await ctx.workspaceState.update(LAST_URL_KEY, url ?? '');
  }
  if (prompted) await ctx.workspaceState.update(LAST_HEX_KEY, hex);

  const params: SendTestCallbackParams = {
    uri: uri.toString(),
    hex,
    ...(url !== undefined ? { urlOverride: url } : {}),
    variables: args.variables ?? sampleVariablesSetting(uri),
  };
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Sigfox: sending ${label}…` },
    () => sendRequest(client, SendTestCallbackRequest, params),
  );

  ctx.outputChannel.appendLine(
    formatSendReport(result, {
      definition: label,
      hex,
      display: problemUri => vscode.workspace.asRelativePath(vscode.Uri.parse(problemUri)),
      at: new Date(),
    }),
  );
  ctx.outputChannel.show(true);
  const verdict = `Sigfox: ${result.message}`;
  const shown = isDelivered(result)
    ? vscode.window.showInformationMessage(verdict, 'Show Output')
    : result.outcome === 'not-sent'
      ? vscode.window.showErrorMessage(verdict, 'Show Output')
      : vscode.window.showWarningMessage(verdict, 'Show Output');
  void shown.then(choice => (choice ? ctx.showOutput() : undefined));
  return result;
}

function parseArgs(arg: unknown): SendArgs {
  if (arg instanceof vscode.Uri) return { uri: arg };
  if (!arg || typeof arg !== 'object') return {};
  const a = arg as Record<string, unknown>;
  const uri = a['uri'] instanceof vscode.Uri ? a['uri'] : typeof a['uri'] === 'string' ? vscode.Uri.parse(a['uri']) : undefined;
  const variables = a['variables'] && typeof a['variables'] === 'object' ? stringRecord(a['variables']) : undefined;
  return {
    ...(uri ? { uri } : {}),
    ...(typeof a['hex'] === 'string' ? { hex: a['hex'] } : {}),
    ...(typeof a['url'] === 'string' ? { url: a['url'] } : {}),
    ...(variables ? { variables } : {}),
  };
}

function stringRecord(value: object): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  return out;
}

function activeDefinition(): vscode.Uri | undefined {
  const document = vscode.window.activeTextEditor?.document;
  return document && document.uri.path.endsWith(DEFINITION_SUFFIX) ? document.uri : undefined;
}

async function pickDefinition(): Promise<vscode.Uri | undefined> {
  const found = await vscode.workspace.findFiles(`**/*${DEFINITION_SUFFIX}`, '**/node_modules/**', 500);
  if (found.length === 0) {
    void vscode.window.showInformationMessage(`Sigfox: this workspace has no callback definition (*${DEFINITION_SUFFIX}) to send.`);
    return undefined;
  }
  if (found.length === 1) return found[0];
  const items = found.map(uri => ({ label: vscode.workspace.asRelativePath(uri), uri })).sort((a, b) => a.label.localeCompare(b.label));
  const picked = await vscode.window.showQuickPick(items, { title: 'Sigfox: send which callback definition?', matchOnDescription: true });
  return picked?.uri;
}

/** Empty (the definition's URL) or an absolute http(s) URL, as Sigfox calls. The server checks it again. */
function urlProblem(text: string): string | undefined {
  if (text === '') return undefined;
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (url && (url.protocol === 'http:' || url.protocol === 'https:') && url.host !== '') return undefined;
  return "Type an absolute http:// or https:// URL, e.g. http://127.0.0.1:8080, or nothing to use the definition's URL.";
}
