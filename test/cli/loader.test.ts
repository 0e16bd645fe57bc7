// The `sigfox-callbacks` loader (server/src/cliLoader.ts): V8's compiled code kept in the cache
// folder between runs, never changing what a command prints or returns.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanup, ensureBuilt, ROOT, run, SEED_GRAMMAR, workspace } from './helpers';

before(ensureBuilt);

function codeFiles(cache: string): string[] {
  try {
    return readdirSync(cache).filter(name => name.startsWith('code-'));
  } catch {
    return [];
  }
}

/** Runs `body` in a new project with its own cache folder, then removes both. */
async function withProject(files: Record<string, string>, body: (dir: string, cache: string) => Promise<void>): Promise<void> {
  const dir = workspace(files);
  const cache = mkdtempSync(join(tmpdir(), 'sigfox-code-'));
  try {
    await body(dir, cache);
  } finally {
    cleanup(dir);
    rmSync(cache, { recursive: true, force: true });
  }
}

test('the first run keeps the compiled code, later runs use it, a damaged file is made again: same answers throughout', () =>
  withProject({ 'room.sfgrammar': SEED_GRAMMAR, 'room.sftemplate': '{"t": {customData#tmp}}' }, async (dir, cache) => {
    const env = { SIGFOX_CALLBACKS_CACHE_DIR: cache };
    const first = await run(['check', 'room.sftemplate'], { cwd: dir, env });
    assert.equal(first.code, 1, first.stderr);
    assert.match(first.stdout, /SFT002/);
    const [code] = codeFiles(cache);
    assert.ok(code, 'the compiled code is kept');
    const kept = readFileSync(join(cache, code));
    const again = await run(['check', 'room.sftemplate'], { cwd: dir, env });
    assert.deepEqual(again, first);
    assert.deepEqual(readFileSync(join(cache, code)), kept, 'accepted, so not written again');
    writeFileSync(join(cache, code), Buffer.from('not V8 code at all'));
    const damaged = await run(['check', 'room.sftemplate'], { cwd: dir, env });
    assert.deepEqual(damaged, first);
    assert.ok(statSync(join(cache, code)).size > 1000, 'refused by V8, then made again');
    // Another command, through code kept by the first.
    const decode = await run(['decode', '--grammar', 'room.sfgrammar', '1A2B3C0E74'], { cwd: dir, env });
    assert.equal(decode.code, 0, decode.stderr);
  }));

test('each command keeps its own compiled code, and only the 24 most recent files are kept', () =>
  withProject({ 'room.sfgrammar': SEED_GRAMMAR }, async (dir, cache) => {
    for (let k = 0; k < 30; k++) {
      const old = join(cache, `code-old${String(k).padStart(2, '0')}.v8`);
      writeFileSync(old, 'from another build');
      utimesSync(old, 1_600_000_000 + k, 1_600_000_000 + k);
    }
    writeFileSync(join(cache, 'definitions-x.json'), '{}');
    const env = { SIGFOX_CALLBACKS_CACHE_DIR: cache };
    assert.equal((await run(['check', 'room.sfgrammar'], { cwd: dir, env })).code, 0);
    assert.equal((await run(['decode', '--grammar', 'room.sfgrammar', '1A2B3C0E74'], { cwd: dir, env })).code, 0);
    const left = codeFiles(cache).sort();
    assert.equal(left.length, 24);
    const ours = left.filter(name => !name.startsWith('code-old'));
    assert.deepEqual(
      ours.map(name => name.replace(/^code-[0-9a-f]+-/, '')),
      ['check.v8', 'decode.v8'],
    );
    assert.ok(!left.includes('code-old07.v8') && left.includes('code-old08.v8'), 'the oldest went');
    assert.ok(readdirSync(cache).includes('definitions-x.json'), 'other files are left alone');
  }));

test('SIGFOX_CALLBACKS_CACHE_DIR set empty keeps nothing', () =>
  withProject({ 'room.sfgrammar': SEED_GRAMMAR }, async (dir, cache) => {
    const r = await run(['check', 'room.sfgrammar'], {
      cwd: dir,
      env: { SIGFOX_CALLBACKS_CACHE_DIR: '', XDG_CACHE_HOME: cache, HOME: cache },
    });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(readdirSync(cache), []);
  }));

test('the CLI bundle has no import() of a module outside it (a vm script cannot load one)', t => {
  if (process.env['SIGFOX_CALLBACKS_CLI']) return t.skip('another build is under test');
  const bundle = readFileSync(join(ROOT, 'server', 'out', 'cliMain.js'), 'utf8');
  assert.equal(/\bimport\(/.exec(bundle), null);
});
