// Shared by the CLI benchmarks: where the built CLI is, and timing a child process.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The built CLI; SIGFOX_CALLBACKS_CLI measures another build. */
export const CLI = process.env.SIGFOX_CALLBACKS_CLI ?? join(ROOT, 'server', 'out', 'cli.js');

export function ensureBuilt() {
  if (!existsSync(CLI)) execFileSync(process.execPath, ['.esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
}

/**
 * Runs `node CLI ...args`, feeding `input` (a Buffer) on stdin, and resolves with the wall time
 * from spawn to exit in ms, the exit code and the number of stdout bytes and lines.
 */
export function timeCli(args, { cwd = ROOT, input } = {}) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let bytes = 0,
      lines = 0,
      stderr = '';
    child.stdout.on('data', chunk => {
      bytes += chunk.length;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
    });
    child.stderr.on('data', chunk => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', code => resolve({ ms: performance.now() - start, code, bytes, lines, stderr }));
    child.stdin.on('error', () => {});
    child.stdin.end(input ?? '');
  });
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
