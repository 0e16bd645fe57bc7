/**
 * `sigfox/deploy`: the editor's Pull / Plan / Apply, run in the server through the CLI's own
 * commands (loaded on first use) so editor and CI behave alike. Output is captured, not printed.
 */
import { PassThrough } from 'node:stream';
import type { DeployParams, DeployResult } from '../protocol';

export async function runDeploy(params: DeployParams, processEnv: NodeJS.ProcessEnv): Promise<DeployResult> {
  const { main } = await import('../cli/main');
  const env: NodeJS.ProcessEnv = {
    ...processEnv,
    ...stringValues(params.env),
    SIGFOX_API_LOGIN: params.login,
    SIGFOX_API_PASSWORD: params.password,
  };
  const stdout = collector();
  const stderr = collector();
  const stdin = new PassThrough();
  stdin.end();
  const io = { cwd: params.folder, env, stdin, stdout: stdout.stream, stderr: stderr.stream };
  if (params.command !== 'pull') {
    // Asked for by name before anything runs, rather than failing on every definition that uses them.
    const { missingEnvironment } = await import('../cli/deploy');
    const missing = missingEnvironment([], io, env);
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
  const exitCode = await main(args, io);
  const out = stdout.text();
  if (params.command === 'plan' && exitCode === 0) {
    const plan = JSON.parse(out) as NonNullable<DeployResult['plan']>;
    return { exitCode, output: stderr.text(), plan };
  }
  return { exitCode, output: `${out}${stderr.text()}` };
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
