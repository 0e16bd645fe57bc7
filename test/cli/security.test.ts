/**
 * Regression tests for the security review (issue 15): what a crafted workspace or input can
 * make the CLI write, read, send or print. Special files are made in a temp folder, never /dev.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createReadStream, lstatSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, ensureBuilt, run, workspace } from './helpers';

before(ensureBuilt);

const DEFINITION = JSON.stringify({
  channel: 'URL',
  callbackType: 0,
  callbackSubtype: 2,
  url: 'https://example.com/up',
  httpMethod: 'POST',
  headers: { Authorization: 'Bearer ${env:TOKEN}' },
  contentType: 'application/json',
  bodyTemplate: '{"d":"{device}"}',
});
const ENV = { TOKEN: 'tok-secret-123' };
const isRoot = process.getuid?.() === 0;
const posix = process.platform !== 'win32';

describe('build --output never replaces a special file', () => {
  test('a device node is written to in place, not replaced (the `-o /dev/null` idiom)', { skip: !isRoot && 'mknod needs root' }, async () => {
    const dir = workspace({ 'a.sfcallback.json': DEFINITION });
    try {
      execFileSync('mknod', [join(dir, 'null'), 'c', '1', '3']);
      const r = await run(['build', 'a.sfcallback.json', '-o', 'null'], { cwd: dir, env: ENV });
      assert.equal(r.code, 0, r.stderr);
      const st = lstatSync(join(dir, 'null'));
      assert.ok(st.isCharacterDevice(), 'still a device node');
      assert.equal(readFileSync(join(dir, 'null'), 'utf8'), '');
    } finally {
      cleanup(dir);
    }
  });

  test('a FIFO gets the build through the pipe and stays a FIFO', { skip: !posix }, async () => {
    const dir = workspace({ 'a.sfcallback.json': DEFINITION });
    try {
      execFileSync('mkfifo', [join(dir, 'pipe')]);
      const chunks: Buffer[] = [];
      const reader = new Promise<void>((resolve, reject) => {
        createReadStream(join(dir, 'pipe'))
          .on('data', (b: Buffer | string) => chunks.push(Buffer.from(b)))
          .on('end', resolve)
          .on('error', reject);
      });
      const r = await run(['build', 'a.sfcallback.json', '-o', 'pipe'], { cwd: dir, env: ENV, timeoutMs: 20_000 });
      await reader;
      assert.equal(r.code, 0, r.stderr);
      assert.ok(lstatSync(join(dir, 'pipe')).isFIFO(), 'still a FIFO');
      assert.equal(JSON.parse(Buffer.concat(chunks).toString('utf8')).url, 'https://example.com/up');
    } finally {
      cleanup(dir);
    }
  });

  test('a symlink stays a link; its target gets the build', { skip: !posix }, async () => {
    const dir = workspace({ 'a.sfcallback.json': DEFINITION, 'real.json': 'old\n' });
    try {
      symlinkSync('real.json', join(dir, 'link.json'));
      const r = await run(['build', 'a.sfcallback.json', '-o', 'link.json'], { cwd: dir, env: ENV });
      assert.equal(r.code, 0, r.stderr);
      assert.ok(lstatSync(join(dir, 'link.json')).isSymbolicLink(), 'the link is kept');
      assert.equal(JSON.parse(readFileSync(join(dir, 'real.json'), 'utf8')).channel, 'URL');
    } finally {
      cleanup(dir);
    }
  });

  test('a dangling symlink and a link to the definition itself are refused', { skip: !posix }, async () => {
    const dir = workspace({ 'a.sfcallback.json': DEFINITION });
    try {
      symlinkSync('nowhere.json', join(dir, 'dangling.json'));
      symlinkSync('a.sfcallback.json', join(dir, 'self.json'));
      const dangling = await run(['build', 'a.sfcallback.json', '-o', 'dangling.json'], { cwd: dir, env: ENV });
      assert.equal(dangling.code, 2);
      assert.match(dangling.stderr, /^sigfox-callbacks: --output dangling\.json: is a symbolic link to a missing file/);
      assert.ok(lstatSync(join(dir, 'dangling.json')).isSymbolicLink());
      const self = await run(['build', 'a.sfcallback.json', '-o', 'self.json'], { cwd: dir, env: ENV });
      assert.equal(self.code, 2);
      assert.equal(readFileSync(join(dir, 'a.sfcallback.json'), 'utf8'), DEFINITION);
    } finally {
      cleanup(dir);
    }
  });

  test('an existing regular file is still replaced atomically, keeping its mode', { skip: !posix }, async () => {
    const dir = workspace({ 'a.sfcallback.json': DEFINITION, 'out.json': 'old\n' });
    try {
      const before = statSync(join(dir, 'out.json'));
      const r = await run(['build', 'a.sfcallback.json', '-o', 'out.json'], { cwd: dir, env: ENV });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(statSync(join(dir, 'out.json')).mode, before.mode);
    } finally {
      cleanup(dir);
    }
  });
});
