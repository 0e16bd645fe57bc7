// Sigfox: Pull Callbacks... / Plan / Apply. Thin: the server runs the CLI's pull, plan and apply
// (sigfox/deploy); the client asks for the folder, the device type, the credentials and the values
// of the definitions' `${env:NAME}` secrets (all kept in SecretStorage, never in settings), shows
// the plan as diffs and confirms apply in a modal.
import * as vscode from 'vscode';
import type { LanguageClient, Trace } from 'vscode-languageclient/node';
import { DeployRequest, type DeployParams, type DeployPlanStep, type DeployResult } from '../../server/src/protocol';
import { sendRequest } from './requests';

const LOGIN_KEY = 'sigfox.api.login';
const PASSWORD_KEY = 'sigfox.api.password';
const SCHEME = 'sigfox-plan';
/** The names (not secret) of the `${env:NAME}` values kept in SecretStorage under `sigfox.env.NAME`. */
const ENV_NAMES_KEY = 'sigfox.deploy.envNames';

export function registerDeployCommands(context: vscode.ExtensionContext, client: () => LanguageClient | undefined): vscode.Disposable[] {
  const documents = new Map<string, string>();
  const provider: vscode.TextDocumentContentProvider = { provideTextDocumentContent: uri => documents.get(uri.toString()) ?? '' };

  const run = async (command: DeployParams['command'], extra: Partial<DeployParams> = {}): Promise<DeployResult | undefined> => {
    const c = client();
    if (!c) {
      void vscode.window.showErrorMessage('Sigfox: the language server is not running.');
      return undefined;
    }
    const folder = extra.folder ?? (await pickFolder());
    if (!folder) return undefined;
    const credentials = await credentialsFor(context.secrets);
    if (!credentials) return undefined;
    // Application scope: only the user's own settings, never a workspace's, choose where credentials go.
    const apiUrl = vscode.workspace.getConfiguration('sigfox').get<string>('deploy.apiUrl')?.trim() || process.env['SIGFOX_API_URL'];
    const request = async (): Promise<DeployResult> => {
      const env = await storedEnvironment(context);
      return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Sigfox: ${command}...` }, () =>
        withoutParamsInTrace(c, () =>
          sendRequest(c, DeployRequest, { command, folder, ...credentials, ...(apiUrl ? { apiUrl } : {}), env, ...extra }),
        ),
      );
    };
    let result = await request();
    if (result.missingEnvironment?.length) {
      // The secrets pull replaced by ${env:NAME}: asked once, then kept like the credentials.
      if (!(await askEnvironment(context, result.missingEnvironment))) return undefined;
      result = await request();
    }
    if (/refused the credentials \(401\)/.test(result.output)) {
      // Asked again next time.
      await context.secrets.delete(LOGIN_KEY);
      await context.secrets.delete(PASSWORD_KEY);
    }
    return result;
  };

  const showFailure = (what: string, result: DeployResult): void => {
    const line = result.output.trim().split('\n').at(-1) ?? '';
    void vscode.window.showErrorMessage(`Sigfox: ${what} failed: ${line.replace(/^sigfox-callbacks: /, '')}`);
  };

  const pull = async (): Promise<void> => {
    const deviceTypeId = await vscode.window.showInputBox({
      title: 'Sigfox: Pull Callbacks',
      prompt: 'Device type id',
      ignoreFocusOut: true,
    });
    if (!deviceTypeId) return;
    const result = await run('pull', { deviceTypeId });
    if (!result) return;
    if (result.exitCode !== 0) return showFailure('pull', result);
    void vscode.window.showInformationMessage(`Sigfox: ${result.output.split('\n').find(l => l.startsWith('Pulled')) ?? 'pulled'}`);
  };

  const plan = async (folder?: string): Promise<{ folder: string; steps: readonly DeployPlanStep[] } | undefined> => {
    const target = folder ?? (await pickFolder());
    if (!target) return undefined;
    const result = await run('plan', { folder: target });
    if (!result) return undefined;
    if (!result.plan) {
      showFailure('plan', result);
      return undefined;
    }
    return { folder: target, steps: result.plan.steps };
  };

  const showPlan = async (): Promise<void> => {
    const result = await plan();
    if (!result) return;
    const changed = result.steps.filter(s => s.kind !== 'unchanged');
    if (changed.length === 0) {
      void vscode.window.showInformationMessage('Sigfox: no changes: the backend matches the files.');
      return;
    }
    const picked = await vscode.window.showQuickPick(
      changed.map(s => ({ label: s.title, step: s })),
      { title: 'Sigfox: Plan (remote against local)', placeHolder: 'Pick a change to see its diff' },
    );
    if (!picked) return;
    const stamp = Date.now();
    const name = picked.step.source ?? 'callback';
    const left = vscode.Uri.parse(`${SCHEME}:/remote/${stamp}/${name}`);
    const right = vscode.Uri.parse(`${SCHEME}:/local/${stamp}/${name}`);
    documents.set(left.toString(), picked.step.remote ?? '');
    documents.set(right.toString(), picked.step.local ?? '');
    await vscode.commands.executeCommand('vscode.diff', left, right, `${name}: remote ↔ local`);
  };

  const apply = async (): Promise<void> => {
    const result = await plan();
    if (!result) return;
    const changes = result.steps.filter(s => s.kind !== 'unchanged' && s.kind !== 'unmanaged');
    if (changes.length === 0) {
      void vscode.window.showInformationMessage('Sigfox: nothing to apply: the backend matches the files.');
      return;
    }
    const ok = await vscode.window.showWarningMessage(
      `Apply ${changes.length} change${changes.length === 1 ? '' : 's'} to the Sigfox backend?`,
      { modal: true, detail: changes.map(s => s.title).join('\n') },
      'Apply',
    );
    if (ok !== 'Apply') return;
    const applied = await run('apply', { folder: result.folder });
    if (!applied) return;
    if (applied.exitCode !== 0) return showFailure('apply', applied);
    void vscode.window.showInformationMessage(`Sigfox: applied ${changes.length} change${changes.length === 1 ? '' : 's'}.`);
  };

  return [
    vscode.workspace.registerTextDocumentContentProvider(SCHEME, provider),
    vscode.commands.registerCommand('sigfox.pullCallbacks', pull),
    vscode.commands.registerCommand('sigfox.plan', showPlan),
    vscode.commands.registerCommand('sigfox.apply', apply),
  ];
}

// vscode-jsonrpc's Trace values (a type-only import keeps the library out of the activation bundle).
const TRACE_MESSAGES = 1 satisfies Trace;
const TRACE_VERBOSE = 3 satisfies Trace;

/**
 * The deploy request carries the API password and the secrets' values: a verbose LSP trace
 * (`sigfox.trace.server`) prints every request's params, so it logs method names only meanwhile.
 */
async function withoutParamsInTrace<T>(c: LanguageClient, run: () => Promise<T>): Promise<T> {
  if (vscode.workspace.getConfiguration('sigfox').get<string>('trace.server') !== 'verbose') return run();
  await c.setTrace(TRACE_MESSAGES);
  try {
    return await run();
  } finally {
    await c.setTrace(TRACE_VERBOSE);
  }
}

async function pickFolder(): Promise<string | undefined> {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter(f => f.uri.scheme === 'file');
  if (folders.length === 1) return folders[0]!.uri.fsPath;
  if (folders.length === 0) {
    void vscode.window.showErrorMessage('Sigfox: open a folder first: pull, plan and apply work on the callback definitions in it.');
    return undefined;
  }
  return (await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Folder of the callback definitions' }))?.uri.fsPath;
}

async function storedEnvironment(context: vscode.ExtensionContext): Promise<Record<string, string>> {
  const env: Record<string, string> = {};
  for (const name of context.globalState.get<string[]>(ENV_NAMES_KEY, [])) {
    const value = await context.secrets.get(`sigfox.env.${name}`);
    if (value) env[name] = value;
  }
  return env;
}

async function askEnvironment(context: vscode.ExtensionContext, names: readonly string[]): Promise<boolean> {
  for (const name of names) {
    const value = await vscode.window.showInputBox({
      title: `Sigfox: value of \${env:${name}}`,
      prompt: 'A secret of the callback definitions (pull wrote it as this reference); kept in VS Code secret storage',
      password: true,
      ignoreFocusOut: true,
    });
    if (!value) return false;
    await context.secrets.store(`sigfox.env.${name}`, value);
    const known = context.globalState.get<string[]>(ENV_NAMES_KEY, []);
    if (!known.includes(name)) await context.globalState.update(ENV_NAMES_KEY, [...known, name]);
  }
  return true;
}

async function credentialsFor(secrets: vscode.SecretStorage): Promise<{ login: string; password: string } | undefined> {
  let login = await secrets.get(LOGIN_KEY);
  let password = await secrets.get(PASSWORD_KEY);
  if (login && password) return { login, password };
  login = await vscode.window.showInputBox({
    title: 'Sigfox API login',
    prompt: 'The API user login (kept in VS Code secret storage)',
    ignoreFocusOut: true,
  });
  if (!login) return undefined;
  password = await vscode.window.showInputBox({ title: 'Sigfox API password', password: true, ignoreFocusOut: true });
  if (!password) return undefined;
  await secrets.store(LOGIN_KEY, login);
  await secrets.store(PASSWORD_KEY, password);
  return { login, password };
}
