import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
/** The built CLI; SIGFOX_CALLBACKS_CLI runs the suite against another build (nothing is built then). */
export const CLI = process.env['SIGFOX_CALLBACKS_CLI'] ?? join(ROOT, 'server', 'out', 'cli.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function isStale(): boolean {
  let built: number;
  try { built = statSync(CLI).mtimeMs; } catch { return true; }
  const sources = Math.max(newestMtime(join(ROOT, 'server', 'src')), statSync(join(ROOT, '.esbuild.mjs')).mtimeMs, statSync(join(ROOT, 'package.json')).mtimeMs);
  return sources > built;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Builds server/out/cli.js (`node .esbuild.mjs`) when it is missing or older than a source.
 * Test files run in parallel processes, so the build is serialised by a lock directory.
 */
export function ensureBuilt(): void {
  if (process.env['SIGFOX_CALLBACKS_CLI'] || !isStale()) return;
  const lock = join(ROOT, 'server', 'out', '.cli-test-build.lock');
  mkdirSync(dirname(lock), { recursive: true });
  const deadline = Date.now() + 180_000;
  for (;;) {
    try { mkdirSync(lock); break; } catch {
      if (Date.now() > deadline) throw new Error(`waited 3 minutes for ${lock}; remove it if no build is running`);
      try { if (Date.now() - statSync(lock).mtimeMs > 180_000) rmSync(lock, { recursive: true, force: true }); } catch { /* gone */ }
      sleep(200);
    }
  }
  try {
    if (isStale()) execFileSync(process.execPath, ['.esbuild.mjs'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly cwd?: string;
  readonly input?: string | Buffer;
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs?: number;
}

/** Runs the built CLI with a clean colour environment, feeding `input` on stdin (closed otherwise). */
export function run(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  for (const key of ['NO_COLOR', 'FORCE_COLOR', 'GITHUB_WORKSPACE', 'SIGFOX_CALLBACKS_DEBUG']) {
    if (!options.env || !(key in options.env)) delete env[key];
  }
  return runProgram(process.execPath, [CLI, ...args], { ...options, env });
}

export function runProgram(program: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { cwd: options.cwd ?? ROOT, env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [], err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`${args.join(' ')} did not finish in ${options.timeoutMs ?? 60_000} ms`)); }, options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', code => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
    child.stdin.on('error', () => undefined); // the CLI may exit before reading all of it
    child.stdin.end(options.input ?? '');
  });
}

/** A scratch directory holding `files` (path -> text or bytes); removed by `cleanup`. */
export function workspace(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'sigfox-cli-'));
  for (const [path, content] of Object.entries(files)) {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return dir;
}

export function cleanup(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export const SEED_GRAMMAR = 'temp::uint:8 humidity::uint:8 lum::uint:8 voltage::uint:16\n';
