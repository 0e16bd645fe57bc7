// Runs vscode-tmgrammar-test on the TextMate grammar fixtures (test/grammar/*.tmtest) so that
// `node --test` counts them: one test per fixture, failing with the tool's own report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const require = createRequire(import.meta.url);
const tool = join(dirname(require.resolve('vscode-tmgrammar-test/package.json')), 'dist', 'unit.js');
const fixtures = readdirSync(here)
  .filter(f => f.endsWith('.tmtest'))
  .sort();

test('grammar fixtures exist for both languages', () => {
  assert.deepEqual(fixtures, ['sfgrammar.tmtest', 'sftemplate.tmtest']);
});

for (const fixture of fixtures) {
  test(`vscode-tmgrammar-test ${fixture}`, () => {
    // Grammars come from package.json's contributes.grammars, exactly as VS Code loads them.
    const file = relative(root, join(here, fixture));
    const r = spawnSync(process.execPath, [tool, '--config', 'package.json', file], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(r.error, undefined, `could not run vscode-tmgrammar-test: ${r.error?.message}`);
    assert.equal(r.status, 0, `vscode-tmgrammar-test failed on ${file}:\n${r.stdout}${r.stderr}`);
  });
}
