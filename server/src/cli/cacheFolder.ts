import { mkdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
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
 */
export function saveToCache(file: string, data: string | Uint8Array): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(temporary, data, { mode: 0o600 });
    renameSync(temporary, file);
  } catch {
    try {
      unlinkSync(temporary);
    } catch {
      // never written
    }
  }
}
