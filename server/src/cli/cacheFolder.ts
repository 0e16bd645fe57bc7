import { mkdirSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * Where the CLI keeps what it may reuse between runs (compiled code, the index of which definition
 * names which template): `$SIGFOX_CALLBACKS_CACHE_DIR`, else `$XDG_CACHE_HOME/sigfox-callbacks`,
 * else `~/.cache/sigfox-callbacks`; never in a project. Undefined (keep nothing) when the variable
 * is set empty or there is no home folder. Small on purpose: the start-up loader imports it.
 */
export function cacheFolder(env: NodeJS.ProcessEnv): string | undefined {
  const dir = env['SIGFOX_CALLBACKS_CACHE_DIR'];
  if (dir !== undefined) return dir === '' ? undefined : dir;
  try {
    return join(env['XDG_CACHE_HOME'] || join(homedir(), '.cache'), 'sigfox-callbacks');
  } catch {
    return undefined;
  }
}

/**
 * Writes a file of the cache folder whole, under a temporary name then renamed, so a reader sees
 * the old content or the new. Failing is not an error: the next run only works a little more.
 * `data` may be a function, called only once the folder exists (making it may cost more than
 * the write: not worth paying on every run when the folder cannot be made).
 */
export function saveToCache(file: string, data: string | Uint8Array | (() => string | Uint8Array)): boolean {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(temporary, typeof data === 'function' ? data() : data, { mode: 0o600 });
    renameSync(temporary, file);
    return true;
  } catch {
    try {
      unlinkSync(temporary);
    } catch {
      // never written
    }
    return false;
  }
}

/** Removes all but the `keep` most recently written files of the folder whose names match. */
export function pruneCache(folder: string, matches: (name: string) => boolean, keep: number): void {
  try {
    const files = readdirSync(folder)
      .filter(matches)
      .map(name => ({ path: join(folder, name), mtime: statSync(join(folder, name)).mtimeMs }))
      .sort((a, b) => b.mtime - a.mtime);
    for (const old of files.slice(keep)) unlinkSync(old.path);
  } catch {
    // another run pruned first, or the folder cannot be listed: nothing to do
  }
}
