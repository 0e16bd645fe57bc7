/**
 * Runs node:test files in ONE process (`node --import tsx --test-reporter=spec test/run.ts [dir|file...]`).
 * `node --test` starts a process per file, and loading tsx and the core once per file cost minutes
 * on a 2-core machine; Node 20 has no `--experimental-test-isolation=none`. Each file becomes a
 * suite named after its path, so its top-level `before`/`after` hooks stay its own, and its tests
 * run in order as under `node --test`; files run two at a time (most wait on child processes).
 * The output is node:test's own (spec reporter, closing `ℹ tests N` summary) that CI reads.
 * Files must not change process-wide state (cwd, env, globals) that another file could see.
 */
import { describe } from 'node:test';
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');
/** Every node:test file of the suite, by layer (the e2e suite runs in VS Code, not here). */
const LAYERS = ['test/unit', 'test/lsp', 'test/cli', 'test/grammar'];
const TEST_FILE = /\.test\.(ts|mjs)$/;

function testFiles(target: string): string[] {
  const path = resolve(ROOT, target);
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .filter(name => TEST_FILE.test(name))
    .sort()
    .map(name => join(path, name));
}

const args = process.argv.slice(2);
const concurrencyArg = args.find(a => a.startsWith('--concurrency='));
const concurrency = concurrencyArg ? Number(concurrencyArg.slice('--concurrency='.length)) : 2;
const targets = args.filter(a => !a.startsWith('--'));
const files = (targets.length ? targets : LAYERS).flatMap(testFiles);

describe('node tests', { concurrency }, () => {
  for (const file of files) {
    // `require` is synchronous, so the file's top-level test() calls land in this suite.
    describe(relative(ROOT, file), { concurrency: 1 }, () => {
      require(file);
    });
  }
});
