/**
 * What a user downloads and what VS Code loads first: the VSIX (packaged as `npm run package` does,
 * into a temporary folder) and the client bundles. Run: npm run bench -- --only package
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { report } from './figures';

const ROOT = join(__dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'sigfox-bench-vsix-'));
try {
  const vsix = join(dir, 'extension.vsix');
  const vsce = join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '-o', vsix], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const kb = (path: string): number => statSync(path).size / 1024;
  console.log(`VSIX ${kb(vsix).toFixed(0)} KB`);
  report({ what: 'VSIX size', value: kb(vsix) / 1024, unit: 'MB', budget: { max: 1 }, note: `${kb(vsix).toFixed(0)} KB` });
  const extension = kb(join(ROOT, 'client', 'out', 'extension.js'));
  const languageClient = kb(join(ROOT, 'client', 'out', 'languageClient.js'));
  console.log(`client bundles: extension.js ${extension.toFixed(0)} KB, languageClient.js ${languageClient.toFixed(0)} KB`);
  report({
    what: 'client bundle loaded on activation (`client/out/extension.js`)',
    value: extension,
    unit: 'KB',
    budget: { max: 100 },
    note: `vscode-languageclient is a separate ${languageClient.toFixed(0)} KB bundle loaded after activation returns`,
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
