// The index a template-only `check` keeps between runs (which definition names which template):
// reused only where nothing changed, so it never makes a check miss an association.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { cleanup, ensureBuilt, run, urlDefinition, workspace } from './helpers';

before(ensureBuilt);

/** A definition in `defs/` naming `template`, with the grammar that lacks the template's field. */
const definition = (template: string): string => urlDefinition(template, '../grammars/room.sfgrammar');

/**
 * A project where `bodies/room.sftemplate` reads a field its grammar lacks: SFT002 shows exactly
 * when a definition elsewhere (`defs/`) names the template and gives it that grammar.
 */
function project(extra: Record<string, string> = {}): string {
  return workspace({
    '.git/HEAD': 'ref: refs/heads/main\n',
    'grammars/room.sfgrammar': 'temperature::uint:8\n',
    'bodies/room.sftemplate': '{"t": {customData#temp}}',
    'defs/other.sfcallback.json': definition('../bodies/other.sftemplate'),
    'bodies/other.sftemplate': '{"t": 1}',
    ...extra,
  });
}

/** Paths reported and the template's codes, for one run with its own index folder. */
async function checkTemplate(dir: string, cache: string, extra: string[] = []): Promise<{ paths: string[]; codes: string[] }> {
  const r = await run(['check', '--format', 'json', ...extra, 'bodies/room.sftemplate'], {
    cwd: dir,
    env: { SIGFOX_CALLBACKS_CACHE_DIR: cache },
  });
  assert.ok(r.code === 0 || r.code === 1, r.stdout + r.stderr);
  const files = JSON.parse(r.stdout) as { path: string; diagnostics: { code: string }[] }[];
  return { paths: files.map(f => f.path), codes: files[0]!.diagnostics.map(d => d.code) };
}

function indexFiles(cache: string): string[] {
  try {
    return readdirSync(cache)
      .filter(name => name.startsWith('definitions-'))
      .map(name => join(cache, name));
  } catch {
    return [];
  }
}

const OLD_TIME = 1_700_000_000;
const NOT_NAMED = { paths: ['bodies/room.sftemplate'], codes: ['SFT003'] }; // no grammar associated
const NAMED = { paths: ['bodies/room.sftemplate', 'defs/room.sfcallback.json'], codes: ['SFT002'] };

describe('check of templates: the index of which definition names which template', () => {
  // Files are trusted by the index only a few seconds after their last change: every project
  // below is made first, then aged once together.
  const cases = new Map<string, { dir: string; cache: string }>();
  const make = (name: string, extra: Record<string, string> = {}): void => {
    cases.set(name, { dir: project(extra), cache: mkdtempSync(join(tmpdir(), 'sigfox-index-')) });
  };
  before(async () => {
    make('added');
    make('edited in place', { 'defs/room.sfcallback.json': definition('../bodies/room.sftemplatX') });
    // A whole second, which the edit below can put back exactly (sub-second times do not survive utimes).
    utimesSync(join(cases.get('edited in place')!.dir, 'defs/room.sfcallback.json'), OLD_TIME, OLD_TIME);
    make('ignored', { '.gitignore': '# nothing yet\n', 'defs/room.sfcallback.json': definition('../bodies/room.sftemplate') });
    make('removed', { 'defs/room.sfcallback.json': definition('../bodies/room.sftemplate') });
    make('relied on', { 'defs/room.sfcallback.json': definition('../bodies/room.sftemplate') });
    make('corrupt', { 'defs/room.sfcallback.json': definition('../bodies/room.sftemplate') });
    await sleep(3200);
  });

  /** Runs a test on its prepared project and index folder, then removes both. */
  const withCase = async (name: string, body: (c: { dir: string; cache: string }) => Promise<void>): Promise<void> => {
    const c = cases.get(name)!;
    try {
      await body(c);
    } finally {
      cleanup(c.dir);
      rmSync(c.cache, { recursive: true, force: true });
    }
  };

  test('a definition added after the index was written is found', () =>
    withCase('added', async ({ dir, cache }) => {
      assert.deepEqual(await checkTemplate(dir, cache), NOT_NAMED);
      const [index] = indexFiles(cache);
      assert.ok(index, 'the first run writes an index');
      assert.ok((JSON.parse(readFileSync(index, 'utf8')) as { walk?: unknown }).walk, 'the walk of an old enough tree is kept');
      writeFileSync(join(dir, 'defs/room.sfcallback.json'), definition('../bodies/room.sftemplate'));
      assert.deepEqual(await checkTemplate(dir, cache), NAMED);
    }));

  test('a definition edited in place to name the template is found, even with the same size and modification time', () =>
    withCase('edited in place', async ({ dir, cache }) => {
      assert.deepEqual(await checkTemplate(dir, cache), NOT_NAMED);
      const path = join(dir, 'defs/room.sfcallback.json');
      const before = statSync(path);
      writeFileSync(path, definition('../bodies/room.sftemplate'));
      utimesSync(path, OLD_TIME, OLD_TIME); // only the change time tells now
      const after = statSync(path);
      assert.deepEqual([after.size, after.mtimeMs, after.ino], [before.size, before.mtimeMs, before.ino]);
      assert.deepEqual(await checkTemplate(dir, cache), NAMED);
      // Edited again right away (within the timestamp tick the index could not tell apart): still right.
      writeFileSync(path, definition('../bodies/room.sftemplatX'));
      assert.deepEqual(await checkTemplate(dir, cache), NOT_NAMED);
      writeFileSync(path, definition('../bodies/room.sftemplate'));
      assert.deepEqual(await checkTemplate(dir, cache), NAMED);
    }));

  test('a .gitignore edited in place to ignore the definition takes it away', () =>
    withCase('ignored', async ({ dir, cache }) => {
      assert.deepEqual(await checkTemplate(dir, cache), NAMED);
      writeFileSync(join(dir, '.gitignore'), 'defs/\n');
      assert.deepEqual(await checkTemplate(dir, cache), NOT_NAMED);
    }));

  test('a definition removed is no longer reported', () =>
    withCase('removed', async ({ dir, cache }) => {
      assert.deepEqual(await checkTemplate(dir, cache), NAMED);
      rmSync(join(dir, 'defs/room.sfcallback.json'));
      assert.deepEqual(await checkTemplate(dir, cache), NOT_NAMED);
    }));

  test('an unchanged tree is answered from the index (an index that lies is believed), and --no-cache walks and reads again', () =>
    withCase('relied on', async ({ dir, cache }) => {
      assert.deepEqual(await checkTemplate(dir, cache), NAMED);
      const [index] = indexFiles(cache);
      const data = JSON.parse(readFileSync(index!, 'utf8')) as { definitions: Record<string, [unknown, string[] | null]> };
      const entry = data.definitions[join(dir, 'defs/room.sfcallback.json')];
      assert.deepEqual(entry?.[1], ['../bodies/room.sftemplate']);
      entry[1] = [];
      writeFileSync(index!, JSON.stringify(data));
      // Only a test can make the index lie (nothing it vouches for changed): it is then what answers.
      assert.deepEqual(await checkTemplate(dir, cache), NOT_NAMED);
      assert.deepEqual(await checkTemplate(dir, cache, ['--no-cache']), NAMED);
    }));

  test('an unreadable or foreign index is ignored and written again; an empty SIGFOX_CALLBACKS_CACHE_DIR keeps none', () =>
    withCase('corrupt', async ({ dir, cache }) => {
      assert.deepEqual(await checkTemplate(dir, cache), NAMED);
      const [index] = indexFiles(cache);
      for (const garbage of ['{not json', '{"format": 1, "definitions": {"x": [1, 2]}}', '[]']) {
        writeFileSync(index!, garbage);
        assert.deepEqual(await checkTemplate(dir, cache), NAMED);
        assert.doesNotThrow(() => JSON.parse(readFileSync(index!, 'utf8')) as unknown, 'written again');
      }
      const r = await run(['check', 'bodies/room.sftemplate'], { cwd: dir, env: { SIGFOX_CALLBACKS_CACHE_DIR: '' } });
      assert.equal(r.code, 1, r.stderr);
      assert.deepEqual(indexFiles(cache), [index]);
    }));
});

test('the indexes of the 64 most recently checked projects are kept, older ones removed', async () => {
  const dir = project();
  const cache = mkdtempSync(join(tmpdir(), 'sigfox-index-'));
  try {
    for (let k = 0; k < 70; k++) {
      const old = join(cache, `definitions-old${String(k).padStart(2, '0')}.json`);
      writeFileSync(old, '{}');
      utimesSync(old, OLD_TIME + k, OLD_TIME + k);
    }
    assert.deepEqual(await checkTemplate(dir, cache), NOT_NAMED);
    const left = indexFiles(cache).map(path => basename(path));
    assert.equal(left.length, 64);
    assert.equal(left.filter(name => !name.startsWith('definitions-old')).length, 1, 'the new one is kept');
    assert.ok(!left.includes('definitions-old06.json') && left.includes('definitions-old07.json'), 'the oldest went');
  } finally {
    cleanup(dir);
    rmSync(cache, { recursive: true, force: true });
  }
});
