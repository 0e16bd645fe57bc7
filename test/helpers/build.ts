/**
 * Builds the bundles (`node .esbuild.mjs`) when a test needs one that is missing or older than a
 * source. `npm test` builds first, so this matters when a test file is run on its own. Test files
 * run in parallel processes: the build is serialised by a lock directory.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
const SOURCE_DIRS = [join(ROOT, 'server', 'src'), join(ROOT, 'client', 'src')];
const BUILD_INPUTS = [join(ROOT, '.esbuild.mjs'), join(ROOT, 'package.json')];
const LOCK = join(ROOT, 'server', 'out', '.test-build.lock');
const LOCK_WAIT_MS = 180_000;

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function isStale(bundle: string): boolean {
  let built: number;
  try {
    built = statSync(bundle).mtimeMs;
  } catch {
    return true;
  }
  return Math.max(...SOURCE_DIRS.map(newestMtime), ...BUILD_INPUTS.map(f => statSync(f).mtimeMs)) > built;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export function ensureBuilt(bundle: string): void {
  if (!isStale(bundle)) return;
  mkdirSync(join(ROOT, 'server', 'out'), { recursive: true });
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`waited 3 minutes for ${LOCK}; remove it if no build is running`);
      try {
        if (Date.now() - statSync(LOCK).mtimeMs > LOCK_WAIT_MS) rmSync(LOCK, { recursive: true, force: true });
      } catch {
        /* gone */
      }
      sleep(200);
    }
  }
  try {
    if (isStale(bundle)) execFileSync(process.execPath, ['.esbuild.mjs'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
