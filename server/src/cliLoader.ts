/**
 * `sigfox-callbacks` (bundled to server/out/cli.js, the npm `bin`): starts the CLI, bundled apart
 * to server/out/cliMain.js, with V8's compiled code kept between runs in the cache folder, as
 * Node 22's `module.enableCompileCache()` does (this runs on Node 20). Compiling the 600 KB bundle
 * is about a fifth of checking one template (a pre-commit hook). The code is keyed by the bundle's
 * content, Node's version and the architecture, and V8 refuses code made under other flags: it is
 * then made again at exit. No cache folder (SIGFOX_CALLBACKS_CACHE_DIR set empty): the bundle is
 * required as usual.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { cacheFolder, pruneCache, saveToCache } from './cli/cacheFolder';

const MAIN = join(__dirname, 'cliMain.js');
/** Compiled code files kept (one per command, CLI build and Node version; 0.1-0.5 MB each). */
const KEPT_FILES = 24;

function start(): void {
  const folder = cacheFolder(process.env);
  const load = createRequire(MAIN);
  if (folder === undefined) {
    load(MAIN);
    return;
  }
  const source = readFileSync(MAIN, 'utf8');
  const key = createHash('sha256').update(`${process.version}\0${process.arch}\0`).update(source).digest('hex').slice(0, 24);
  // One file per command: the code kept is what the run that made it compiled (`check` compiles
  // twice what `--version` does), so each command keeps its own.
  const command = /^[a-z]{2,12}$/.test(process.argv[2] ?? '') ? process.argv[2]! : 'other';
  const file = join(folder, `code-${key}-${command}.v8`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(file);
  } catch {
    // not made yet
  }
  // The same wrapper Node puts around a CommonJS module, so the bundle runs as if required.
  // No import() in the bundle (lint rule): a vm script has no module loader for it.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) { ${source}\n})`, { filename: MAIN, cachedData });
  // Made at exit, so it holds the functions this run compiled too (most commands share them).
  if (cachedData === undefined || script.cachedDataRejected)
    process.once('exit', () => {
      // The most recent are kept: the commands of this build, and of a few others (projects on other versions).
      if (saveToCache(file, () => script.createCachedData())) pruneCache(folder, name => /^code-.*\.v8$/.test(name), KEPT_FILES);
    });
  const module = { exports: {}, id: MAIN, filename: MAIN, loaded: false };
  (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, load, module, MAIN, dirname(MAIN));
}

start();
