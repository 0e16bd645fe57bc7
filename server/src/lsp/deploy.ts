/**
 * `sigfox/deploy`: the editor's Pull / Plan / Apply, run in the server through the CLI's own
 * commands (loaded on first use) so editor and CI behave alike. Output is captured, not printed.
 */
import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { scanEnvReferences } from '../core/callback/envReference';
import type { DeployParams, DeployResult } from '../protocol';

export async function runDeploy(params: DeployParams, processEnv: NodeJS.ProcessEnv): Promise<DeployResult> {
  const { main } = await import('../cli/main');
  const env: NodeJS.ProcessEnv = {
    ...processEnv,
    ...stringValues(params.env),
    SIGFOX_API_LOGIN: params.login,
    SIGFOX_API_PASSWORD: params.password,
  };
  if (params.command !== 'pull') {
    // Asked for by name before anything runs, rather than failing on every definition that uses them.
    const { discoverFiles } = await import('../cli/fileDiscovery');
    const missing = missingEnvironment(
      discoverFiles([], params.folder).filter(f => f.endsWith('.sfcallback.json')),
      env,
    );
    if (missing.length > 0) {
      const list = missing.map(n => `\${env:${n}}`).join(', ');
      return { exitCode: 1, output: `sigfox-callbacks: ${params.command}: no value for ${list}\n`, missingEnvironment: missing };
    }
  }
  const args: string[] = [params.command];
  if (params.command === 'pull') args.push('--device-type', params.deviceTypeId ?? '', '--dir', '.');
  if (params.command === 'plan') args.push('--format', 'json');
  if (params.command === 'apply') args.push('--yes');
  if (params.prune) args.push('--prune');
  if (params.apiUrl) args.push('--api-url', params.apiUrl);
  const stdout = collector();
  const stderr = collector();
  const stdin = new PassThrough();
  stdin.end();
  const exitCode = await main(args, {
    cwd: params.folder,
    env,
    stdin,
    stdout: stdout.stream,
    stderr: stderr.stream,
  });
  const out = stdout.text();
  if (params.command === 'plan' && exitCode === 0) {
    const plan = JSON.parse(out) as NonNullable<DeployResult['plan']>;
    return { exitCode, output: stderr.text(), plan };
  }
  return { exitCode, output: `${out}${stderr.text()}` };
}

/** The names of the `${env:NAME}` in the string values of the definitions that `env` has no value for. */
function missingEnvironment(files: readonly string[], env: NodeJS.ProcessEnv): string[] {
  const missing = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      for (const { name } of scanEnvReferences(value).references) if (!env[name]) missing.add(name);
    } else if (value && typeof value === 'object') for (const v of Object.values(value)) visit(v);
  };
  for (const file of files) {
    try {
      visit(JSON.parse(readFileSync(file, 'utf8')));
    } catch {
      // Unreadable or not JSON: the CLI's checks report it with its position.
    }
  }
  return [...missing].sort();
}

/** The client's values: strings only, and none of the API's own settings (those come from params). */
function stringValues(record: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (record && typeof record === 'object')
    for (const [k, v] of Object.entries(record)) if (typeof v === 'string' && k !== '__proto__' && !k.startsWith('SIGFOX_API_')) out[k] = v;
  return out;
}

function collector(): { stream: PassThrough; text(): string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}
