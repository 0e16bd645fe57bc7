/**
 * The bundled language server (server/out/main.js) as editors start it: built with the project's
 * own build script when missing or older than the sources, spawned over stdio with the Node flags
 * of server/src/serverRuntime.ts, its resident memory read from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SERVER_EXEC_ARGV } from '../../../server/src/serverRuntime';

import { ensureBuilt, ROOT } from '../../helpers/build';

export { ROOT };
export const BUNDLE = join(ROOT, 'server', 'out', 'main.js');

/** Builds server/out/main.js when it is missing or older than the sources. */
export function ensureBundle(): void {
  ensureBuilt(BUNDLE);
}

export interface SpawnedServer {
  readonly child: ChildProcess;
  /** Resolves with the exit code when the process ends. */
  readonly exited: Promise<number | null>;
  /** What it wrote on stderr so far. */
  stderr(): string;
  /** Rejects at once (with stderr) if the server exits before `promise` settles. */
  unlessCrashed<T>(promise: Promise<T>): Promise<T>;
}

export function spawnServer(cwd: string, extraNodeArgs: readonly string[] = []): SpawnedServer {
  const child = spawn(process.execPath, [...SERVER_EXEC_ARGV, ...extraNodeArgs, BUNDLE, '--stdio'], {
    cwd,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', chunk => {
    stderr += String(chunk);
  });
  child.stdin.on('error', () => undefined); // a crash shows in `exited`; an EPIPE here must not end the test run
  const exited = new Promise<number | null>(resolve => child.on('exit', code => resolve(code)));
  const crashed = exited.then(code => {
    throw new Error(`the server exited (${code}) early: …${stderr.slice(-800)}`);
  });
  crashed.catch(() => undefined);
  return {
    child,
    exited,
    stderr: () => stderr,
    unlessCrashed: <T>(promise: Promise<T>) => Promise.race([promise, crashed]),
  };
}

/**
 * Asks the server to shut down and exit, as an editor does; kills it when it does not within 5 s
 * (a server blocked for good answers nothing: the bound only ends a test that already failed).
 */
export async function stopServer(
  server: SpawnedServer,
  connection: { sendRequest(method: string, params: unknown): Promise<unknown>; sendNotification(method: string): Promise<void> },
): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 5000);
  await Promise.race([
    (async () => {
      await connection.sendRequest('shutdown', null).catch(() => undefined);
      await connection.sendNotification('exit').catch(() => undefined);
    })(),
    server.exited,
  ]);
  await server.exited;
  clearTimeout(timer);
}

/** Resident set size of a process in bytes (VmRSS of /proc/PID/status), or undefined off Linux. */
export function residentBytes(pid: number): number | undefined {
  try {
    const kb = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}
