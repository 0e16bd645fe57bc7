/**
 * What pull, plan and apply share: the API connection from the environment (credentials never
 * printed), the definitions read and built as `build` does, the plan rendered with secrets masked.
 */
import { resolve } from 'node:path';
import { buildCallback } from '../core/callback';
import { deploymentProblems } from '../core/callback/checkDeployment';
import {
  hasChanges,
  normalise,
  planChanges,
  type DesiredCallback,
  type FieldChange,
  type Plan,
  type RemoteCallback,
  type Step,
} from '../core/deploy/plan';
import { ApiError, checkApiUrl, DEFAULT_API_URL, SigfoxApi } from '../deploy/client';
import { authorizationSecret, SecretMasker } from '../simulator/mask';
import { loadCallbackDefinition, locateProblems, problemsReport, type CallbackInput } from './callbackInput';
import { loadEnvironment } from './envFile';
import { CliError } from './errors';
import { ExitCode } from './exitCodes';
import { discoverFiles } from './fileDiscovery';
import type { CliIo } from './io';

export const API_OPTIONS = {
  'api-url': { type: 'string' },
  dotenv: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The API client from SIGFOX_API_LOGIN / SIGFOX_API_PASSWORD (or --dotenv) and --api-url / SIGFOX_API_URL. */
export function connect(io: CliIo, values: Record<string, unknown>): { api: SigfoxApi; env: Record<string, string | undefined> } {
  const env = loadEnvironment(io, values['dotenv'] as string | undefined) as Record<string, string | undefined>;
  const login = env['SIGFOX_API_LOGIN'];
  const password = env['SIGFOX_API_PASSWORD'];
  if (!login || !password)
    throw new CliError('the Sigfox API credentials are not set: set SIGFOX_API_LOGIN and SIGFOX_API_PASSWORD (or give --dotenv FILE)');
  const baseUrl = (values['api-url'] as string | undefined) ?? env['SIGFOX_API_URL'] ?? DEFAULT_API_URL;
  const issue = checkApiUrl(baseUrl);
  if (issue) throw new CliError(`API URL: ${issue}`);
  const attempts = Number(env['SIGFOX_API_ATTEMPTS'] ?? '') || undefined;
  const backoffMs = env['SIGFOX_API_BACKOFF_MS'] !== undefined ? Number(env['SIGFOX_API_BACKOFF_MS']) : undefined;
  const timeoutMs = Number(env['SIGFOX_API_TIMEOUT_MS'] ?? '') || undefined;
  return {
    api: new SigfoxApi({
      baseUrl,
      login,
      password,
      ...(attempts ? { attempts } : {}),
      ...(backoffMs !== undefined && Number.isFinite(backoffMs) ? { backoffMs } : {}),
      ...(timeoutMs ? { timeoutMs } : {}),
    }),
    env,
  };
}

/** An API failure as the one clear line the CLI prints (exit 2). */
export function apiFailure(err: unknown): never {
  if (err instanceof ApiError) throw new CliError(err.message, ExitCode.Usage);
  throw err;
}

export interface LoadedDefinitions {
  readonly desired: DesiredCallback[];
  readonly inputs: Map<string, CallbackInput>;
  /** Every secret the built definitions hold, for masking. */
  readonly secrets: string[];
  readonly notes: string[];
}

/**
 * The definitions named by `paths` (default: every *.sfcallback.json under the working directory),
 * built as `build` does. A definition with errors stops everything: its problems go to stderr
 * and the command exits 1 (not planned).
 */
export async function loadDefinitions(
  paths: readonly string[],
  io: CliIo,
  env: Record<string, string | undefined>,
  command: string,
  defaultDeviceType?: string,
): Promise<LoadedDefinitions | ExitCode> {
  const files = definitionFiles(paths, io.cwd);
  if (files.length === 0)
    throw new CliError(`${command}: no *.sfcallback.json in ${paths.length > 0 ? paths.join(' ') : 'the working directory'}`);
  const desired: DesiredCallback[] = [];
  const inputs = new Map<string, CallbackInput>();
  const secrets: string[] = [];
  const notes: string[] = [];
  let report = '';
  let failed = 0;
  for (const file of files) {
    const input = loadCallbackDefinition(file, io, command);
    const result = buildCallback(input.text, input.resolver, env);
    if (!result.ok) {
      report += problemsReport(locateProblems(input, result.problems, io.cwd), io);
      failed++;
      continue;
    }
    if (result.callback.target === 'connector') {
      notes.push(`${input.display}: a connector callback: the Sigfox API v2 cannot create or read connectors, so it is not planned`);
      continue;
    }
    const json = JSON.parse(input.text) as Record<string, unknown>;
    const deviceTypeId = typeof json['deviceTypeId'] === 'string' ? json['deviceTypeId'] : defaultDeviceType;
    if (!deviceTypeId) {
      report += `${input.display}: error: no deviceTypeId: add "deviceTypeId" to the file (pull writes it) or give --device-type ID\n`;
      failed++;
      continue;
    }
    inputs.set(input.display, input);
    secrets.push(...result.callback.secretValues);
    desired.push({
      source: input.display,
      deviceTypeId,
      ...(typeof json['id'] === 'string' ? { id: json['id'] } : {}),
      body: result.json,
      ...(typeof json['enabled'] === 'boolean' ? { enabled: json['enabled'] } : {}),
      ...(json['downlinkHook'] === true ? { downlink: true } : {}),
    });
  }
  if (failed > 0) {
    io.stderr.write(
      `${report}sigfox-callbacks: ${command}: ${failed === 1 ? '1 definition has' : `${failed} definitions have`} errors: fix them first (nothing was planned)\n`,
    );
    return ExitCode.Problems;
  }
  return { desired, inputs, secrets, notes };
}

/** The callback definitions named by `paths` (default: every one under the working directory). */
function definitionFiles(paths: readonly string[], cwd: string): string[] {
  return discoverFiles(paths, cwd).filter(f => f.endsWith('.sfcallback.json'));
}

/**
 * The `${env:NAME}` the definitions under `paths` use without a value in `env`, as their build
 * finds them (SFC101): what the editor asks for before a plan or apply. A definition that cannot
 * be read or has other errors adds nothing; the command itself reports it.
 */
export function missingEnvironment(paths: readonly string[], io: CliIo, env: Record<string, string | undefined>): string[] {
  const missing = new Set<string>();
  for (const file of definitionFiles(paths, io.cwd)) {
    let input: CallbackInput;
    try {
      input = loadCallbackDefinition(file, io, 'plan');
    } catch {
      continue;
    }
    const result = buildCallback(input.text, input.resolver, env);
    if (!result.ok) for (const name of result.missingEnvironment ?? []) missing.add(name);
  }
  return [...missing].sort();
}

/** The backend's callbacks for each device type the definitions name. */
export async function fetchRemote(api: SigfoxApi, desired: readonly DesiredCallback[]): Promise<Map<string, RemoteCallback[]>> {
  const out = new Map<string, RemoteCallback[]>();
  for (const id of new Set(desired.map(d => d.deviceTypeId))) {
    try {
      out.set(id, await api.listCallbacks(id));
    } catch (err) {
      if (err instanceof ApiError && err.kind === 'not-found') throw new CliError(`unknown device type ${id} (the API answered 404)`);
      apiFailure(err);
    }
  }
  return out;
}

/**
 * The per-device-type rules (one downlink callback, BIDIR needs the CALLBACK downlink mode, read
 * from the API only when a BIDIR callback is planned). Prints the problems; false when there are any.
 */
export async function checkDeployment(api: SigfoxApi, loaded: LoadedDefinitions, io: CliIo): Promise<boolean> {
  const modes = new Map<string, number | undefined>();
  for (const d of loaded.desired) {
    if (modes.has(d.deviceTypeId) || d.body['callbackType'] !== 0 || d.body['callbackSubtype'] !== 3) continue;
    try {
      const mode = (await api.deviceType(d.deviceTypeId))['downlinkMode'];
      modes.set(d.deviceTypeId, typeof mode === 'number' ? mode : undefined);
    } catch (err) {
      if (err instanceof ApiError && err.kind === 'not-found')
        throw new CliError(`unknown device type ${d.deviceTypeId} (the API answered 404)`);
      apiFailure(err);
    }
  }
  const problems = deploymentProblems(
    loaded.desired.map(d => ({
      source: d.source,
      deviceTypeId: d.deviceTypeId,
      callbackType: d.body['callbackType'],
      callbackSubtype: d.body['callbackSubtype'],
      downlink: d.downlink === true,
      ...(d.id !== undefined ? { id: d.id } : {}),
    })),
    modes,
  );
  if (problems.length === 0) return true;
  io.stderr.write(
    `${problems.map(p => `${p.source}: error: ${p.message} [${p.code}]\n`).join('')}sigfox-callbacks: fix the ${problems.length === 1 ? 'error' : `${problems.length} errors`} above first (nothing was planned)\n`,
  );
  return false;
}

export async function makePlan(api: SigfoxApi, loaded: LoadedDefinitions, prune: boolean): Promise<{ plan: Plan; masker: Masker }> {
  const remote = await fetchRemote(api, loaded.desired);
  const plan = planChanges(loaded.desired, remote, { prune });
  return { plan, masker: new Masker(loaded.secrets, remote) };
}

/** Masks secrets from the files and the backend: known values, Authorization credentials, secret-named headers. */
export class Masker {
  private readonly masker: SecretMasker;

  constructor(secrets: readonly string[], remote: ReadonlyMap<string, readonly RemoteCallback[]>) {
    const all = [...secrets];
    for (const list of remote.values())
      for (const r of list) {
        const headers = r['headers'];
        if (headers && typeof headers === 'object')
          for (const [name, value] of Object.entries(headers as Record<string, unknown>))
            if (typeof value === 'string' && /authorization|key|token|secret|password|signature|auth/i.test(name))
              all.push(name.toLowerCase() === 'authorization' ? authorizationSecret(value) : value);
        const url = typeof r['url'] === 'string' ? r['url'] : '';
        for (const m of url.matchAll(/[?&](?:api[-_]?key|key|token|access[-_]?token|auth|secret|password|pwd|sig|signature)=([^&#]+)/gi))
          all.push(m[1]!);
        const password = /^[a-z]+:\/\/[^/:@]+:([^@/]+)@/i.exec(url)?.[1];
        if (password) all.push(password);
      }
    this.masker = new SecretMasker(all.filter(s => s.length >= 1));
  }

  text(value: string): string {
    return this.masker.text(value);
  }

  value(value: unknown): string {
    return this.masker.text(JSON.stringify(value));
  }
}

const VERB: Record<Step['kind'], string> = {
  create: '+ create',
  replace: '-/+ replace',
  update: '~ update',
  enable: '~ enable',
  downlink: '~ downlink',
  delete: '- delete',
  unmanaged: '? unmanaged',
  unchanged: '= unchanged',
};

export function describeStep(step: Step): string {
  switch (step.kind) {
    case 'create':
      return `+ create ${step.desired.source} in device type ${step.desired.deviceTypeId}`;
    case 'replace':
      return `-/+ replace ${step.desired.source} (callback ${step.remote.id}): ${step.changes
        .filter(c => ['channel', 'callbackType', 'callbackSubtype', 'contentType'].includes(c.field))
        .map(c => c.field)
        .join(', ')} cannot be updated in place`;
    case 'update':
      return `~ update ${step.desired.source} (callback ${step.remote.id})`;
    case 'enable':
      return `~ ${step.enabled ? 'enable' : 'disable'} ${step.desired.source}${step.remote ? ` (callback ${step.remote.id})` : ''}`;
    case 'downlink':
      return `~ select ${step.desired.source}${step.remote ? ` (callback ${step.remote.id})` : ''} as the downlink callback`;
    case 'delete':
      return `- delete callback ${step.remote.id} (${summary(step.remote)}) from device type ${step.deviceTypeId}`;
    case 'unmanaged':
      return `? unmanaged callback ${step.remote.id} (${summary(step.remote)}) in device type ${step.deviceTypeId}: no file names it (deleted only with apply --prune)`;
    case 'unchanged':
      return `= unchanged ${step.desired.source} (callback ${step.remote.id})`;
  }
}

function summary(remote: RemoteCallback): string {
  return `${String(remote['channel'])} ${String(remote['url'] ?? remote['recipient'] ?? '')}`.trim();
}

function changeLines(changes: readonly FieldChange[], masker: Masker): string {
  return changes
    .map(
      c =>
        `    ${c.field}: ${c.from === undefined ? '(none)' : masker.value(c.from)} -> ${c.to === undefined ? '(removed)' : masker.value(c.to)}\n`,
    )
    .join('');
}

/** The plan as text, secrets masked; unchanged callbacks only counted. */
export function renderPlan(plan: Plan, masker: Masker): string {
  let out = '';
  for (const note of plan.notes) out += `note: ${masker.text(note)}\n`;
  for (const step of plan.steps) {
    if (step.kind === 'unchanged') continue;
    out += `${masker.text(describeStep(step))}\n`;
    if (step.kind === 'update' || step.kind === 'replace') out += changeLines(step.changes, masker);
  }
  const count = (kind: Step['kind']): number => plan.steps.filter(s => s.kind === kind).length;
  out += hasChanges(plan)
    ? `Plan: ${count('create')} to create, ${count('replace')} to replace, ${count('update')} to update, ${count('enable')} enable/disable, ${count('downlink')} downlink, ${count('delete')} to delete; ${count('unchanged')} unchanged, ${count('unmanaged')} unmanaged.\n`
    : `No changes: the backend matches the files (${count('unchanged')} callbacks${count('unmanaged') > 0 ? `, ${count('unmanaged')} unmanaged` : ''}).\n`;
  return out;
}

export { hasChanges, VERB, resolve };

/**
 * The plan as JSON (`plan --format json`, and the editor's diff view): per callback, its step and
 * the backend's and the file's state as pretty JSON, secrets masked.
 */
export function planJson(plan: Plan, masker: Masker): string {
  const state = (value: Record<string, unknown> | undefined): string | undefined =>
    value === undefined ? undefined : masker.text(JSON.stringify(normalise(value), null, 2));
  const entries = plan.steps.map(step => {
    const remote = 'remote' in step ? step.remote : undefined;
    const local = 'desired' in step ? step.desired : undefined;
    return {
      kind: step.kind,
      title: masker.text(describeStep(step)),
      ...(local ? { source: local.source } : {}),
      ...(remote ? { remote: state(remote) } : {}),
      ...(local ? { local: state(local.body as Record<string, unknown>) } : {}),
      ...('changes' in step ? { changes: step.changes.map(c => c.field) } : {}),
    };
  });
  return `${JSON.stringify({ changes: hasChanges(plan), notes: plan.notes.map(n => masker.text(n)), steps: entries }, null, 2)}\n`;
}
