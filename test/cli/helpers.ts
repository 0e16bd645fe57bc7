import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { ensureBuilt as ensureBundleBuilt, ROOT } from '../helpers/build';

export { ROOT };
/** The built CLI; SIGFOX_CALLBACKS_CLI runs the suite against another build (nothing is built then). */
export const CLI = process.env['SIGFOX_CALLBACKS_CLI'] ?? join(ROOT, 'server', 'out', 'cli.js');

/** Builds server/out/cli.js when it is missing or stale (not when SIGFOX_CALLBACKS_CLI names another build). */
export function ensureBuilt(): void {
  if (!process.env['SIGFOX_CALLBACKS_CLI']) ensureBundleBuilt(CLI);
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

let cacheDir: string | undefined;

/** The index folder the CLI runs of this process share (`check` of templates keeps one there), never the user's. */
export function testCacheDir(): string {
  if (cacheDir === undefined) {
    const dir = (cacheDir = mkdtempSync(join(tmpdir(), 'sigfox-cli-cache-')));
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  return cacheDir;
}

/** Runs the built CLI with a clean colour environment, feeding `input` on stdin (closed otherwise). */
export function run(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, SIGFOX_CALLBACKS_CACHE_DIR: testCacheDir(), ...options.env };
  for (const key of ['NO_COLOR', 'FORCE_COLOR', 'GITHUB_WORKSPACE', 'SIGFOX_CALLBACKS_DEBUG']) {
    if (!options.env || !(key in options.env)) delete env[key];
  }
  return runProgram(process.execPath, [CLI, ...args], { ...options, env });
}

export function runProgram(program: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { cwd: options.cwd ?? ROOT, env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [],
      err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${args.join(' ')} did not finish in ${options.timeoutMs ?? 60_000} ms`));
    }, options.timeoutMs ?? 60_000);
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

/** A URL callback definition (DATA/UPLINK, JSON body) naming `template` and the payload config `grammar`, relative to its folder. */
export function urlDefinition(template: string, grammar: string): string {
  return JSON.stringify({
    channel: 'URL',
    url: 'https://example.com/up',
    httpMethod: 'POST',
    callbackType: 0,
    callbackSubtype: 2,
    contentType: 'application/json',
    payloadConfigFile: grammar,
    bodyTemplateFile: template,
  });
}

/** The paths a `check --format json` run lists, in its order. */
export function checkedPaths(stdout: string): string[] {
  return (JSON.parse(stdout) as { path: string }[]).map(f => f.path);
}
