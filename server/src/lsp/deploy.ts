/**
 * `sigfox/deploy`: the editor's Pull / Plan / Apply, run in the server through the CLI's own
 * commands (loaded on first use) so editor and CI behave alike. Output is captured, not printed.
 */
import { PassThrough } from 'node:stream';
import type { DeployParams, DeployResult } from '../protocol';

export async function runDeploy(params: DeployParams, env: NodeJS.ProcessEnv): Promise<DeployResult> {
  const { main } = await import('../cli/main');
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
    env: { ...env, SIGFOX_API_LOGIN: params.login, SIGFOX_API_PASSWORD: params.password },
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

function collector(): { stream: PassThrough; text(): string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}
