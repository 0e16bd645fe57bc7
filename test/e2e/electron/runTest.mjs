// The extension suite (test/e2e/suite) through the @vscode/test-electron API, for machines with a
// desktop VS Code. Not part of `npm test`: a desktop VS Code cannot be downloaded on the CI machine;
// CI runs the same suite in code-server instead (`npm run test:e2e`).
//
//   VSCODE_EXECUTABLE=/path/to/code node test/e2e/electron/runTest.mjs [--no-build]
//   VSCODE_EXECUTABLE=test/e2e/electron/code-shim.sh node test/e2e/electron/runTest.mjs
//     (the shim runs the same API call in code-server + Chromium)
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..', '..');
const executable = process.env.VSCODE_EXECUTABLE;

if (!executable) {
  console.log('no desktop VS Code on this machine: skipped (set VSCODE_EXECUTABLE to a VS Code executable to run this suite)');
  process.exit(0);
}

if (!process.argv.includes('--no-build')) {
  const r = spawnSync(process.execPath, [join(root, '.esbuild.mjs')], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const { runTests } = await import('@vscode/test-electron');
const session = mkdtempSync(join(tmpdir(), 'sigfox-electron-'));
const workspace = join(session, 'workspace');
cpSync(join(root, 'test', 'e2e', 'workspace'), workspace, { recursive: true });
let code = 1;
try {
  code = await runTests({
    vscodeExecutablePath: resolve(executable),
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'test', 'e2e', 'suite', 'index.js'),
    // A fresh profile outside the repo; only our extension loaded.
    launchArgs: [
      workspace,
      '--disable-extensions',
      `--user-data-dir=${join(session, 'user-data')}`,
      `--extensions-dir=${join(session, 'extensions')}`,
    ],
  });
} catch (e) {
  console.error(`extension tests failed: ${e instanceof Error ? e.message : e}`);
} finally {
  rmSync(session, { recursive: true, force: true });
}
process.exit(code);
