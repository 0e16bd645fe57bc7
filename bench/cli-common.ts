// Shared by the CLI benchmarks: where the built CLI is, and timing a child process.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..');
/** The built CLI; SIGFOX_CALLBACKS_CLI measures another build. */
export const CLI = process.env['SIGFOX_CALLBACKS_CLI'] ?? join(ROOT, 'server', 'out', 'cli.js');

export function ensureBuilt(): void {
  if (!existsSync(CLI)) execFileSync(process.execPath, ['.esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
}

export interface CliRun {
  /** Wall time from spawn to exit. */
  readonly ms: number;
  readonly code: number | null;
  readonly bytes: number;
  readonly lines: number;
  readonly stderr: string;
}

/**
 * Runs `node CLI ...args`, feeding `input` on stdin, and resolves with its wall time, exit code and
 * stdout size. `countLines: false` leaves `lines` at 0: counting them (a call per line, slow in a
 * process that runs tsx) makes this reader, not the CLI, what a large output waits on.
 */
export function timeCli(
  args: readonly string[],
  { cwd = ROOT, input, env, countLines = true }: { cwd?: string; input?: Buffer; env?: NodeJS.ProcessEnv; countLines?: boolean } = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let bytes = 0,
      lines = 0,
      stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (countLines) for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', code => resolve({ ms: performance.now() - start, code, bytes, lines, stderr }));
    child.stdin.on('error', () => {});
    child.stdin.end(input ?? '');
  });
}
