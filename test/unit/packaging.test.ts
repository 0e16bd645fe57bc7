/**
 * The VSIX ships what the extension loads and nothing else: `vsce ls` (the packager's own file
 * list, honouring .vscodeignore) against the entry points. The CLI bundle is the npm `bin`, never
 * loaded by the extension, so it stays out.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const ROOT = join(__dirname, '..', '..');

test('the VSIX ships the extension, client and server bundles, and not the CLI bundle, source maps or sources', () => {
  const vsce = join(ROOT, 'node_modules', '.bin', 'vsce');
  const listed = execFileSync(vsce, ['ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' })
    .split('\n')
    .map(line => line.trim())
    .filter(Boolean);
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string; bin: Record<string, string> };
  for (const loaded of [manifest.main.replace(/^\.\//, ''), 'client/out/languageClient.js', 'server/out/main.js', 'package.json']) {
    assert.ok(listed.includes(loaded), `the VSIX leaves out ${loaded}, which the extension loads (built? npm run build)`);
  }
  for (const bin of Object.values(manifest.bin))
    assert.ok(!listed.includes(bin), `the VSIX ships ${bin}, the CLI the extension never loads`);
  assert.deepEqual(
    listed.filter(path => path.endsWith('.map') || path.endsWith('.ts') || path.startsWith('node_modules/')),
    [],
    'source maps, sources or dependencies in the VSIX',
  );
});
