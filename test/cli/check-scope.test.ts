import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanup, ensureBuilt, run, urlDefinition, workspace } from './helpers';

before(ensureBuilt);

const GRAMMAR = 'temperature::uint:8\n';
/** Reads a field the grammar lacks: SFT002 appears only when the template gets that grammar. */
const TEMPLATE = '{"t": {customData#temp}}';
/** Over the 1 MB limit for files read only for associations, and malformed (unclosed). */
const LARGE_MALFORMED = '{"url": [' + '{"a": 1, '.repeat(250_000);

describe('check of templates only: the folder chain, not the whole tree', () => {
  test('a template in a deep folder gets its grammar from a definition in a parent folder', async () => {
    const dir = workspace({
      '.git/HEAD': 'ref: refs/heads/main\n',
      'grammars/room.sfgrammar': GRAMMAR,
      'site/room.sfcallback.json': urlDefinition('floor/1/room.sftemplate', '../grammars/room.sfgrammar'),
      'site/floor/1/room.sftemplate': TEMPLATE,
    });
    try {
      const r = await run(['check', '--format', 'json', 'site/floor/1/room.sftemplate'], { cwd: dir });
      const files = JSON.parse(r.stdout) as { path: string; diagnostics: { code: string }[] }[];
      assert.deepEqual(
        files.map(f => f.path),
        ['site/floor/1/room.sftemplate', 'site/room.sfcallback.json'],
      );
      assert.deepEqual(
        files[0]!.diagnostics.map(d => d.code),
        ['SFT002'],
      );
      assert.equal(r.stderr, '');
    } finally {
      cleanup(dir);
    }
  });

  test('a definition in a sibling folder naming the template with ../ (even spelled with \\u escapes) is still found', async () => {
    for (const name of ['room.sftemplate', '\\u0072oom.sftemplate']) {
      const dir = workspace({
        '.git/HEAD': 'ref: refs/heads/main\n',
        'grammars/room.sfgrammar': GRAMMAR,
        'defs/room.sfcallback.json': urlDefinition('../bodies/x', '../grammars/room.sfgrammar').replace('../bodies/x', `../bodies/${name}`),
        'defs/other.sfcallback.json': urlDefinition('../bodies/other.sftemplate', '../grammars/room.sfgrammar'),
        'bodies/room.sftemplate': TEMPLATE,
      });
      try {
        const r = await run(['check', '--format', 'json', 'bodies/room.sftemplate'], { cwd: dir });
        const files = JSON.parse(r.stdout) as { path: string; diagnostics: { code: string }[] }[];
        assert.deepEqual(
          files.map(f => f.path),
          ['bodies/room.sftemplate', 'defs/room.sfcallback.json'],
        );
        assert.deepEqual(
          files[0]!.diagnostics.map(d => d.code),
          ['SFT002'],
        );
      } finally {
        cleanup(dir);
      }
    }
  });

  test('a template in a deep folder gets its grammar from a settings glob relative to the root', async () => {
    const dir = workspace({
      '.vscode/settings.json': JSON.stringify({
        'sigfox.associations': [{ template: 'site/**/*.sftemplate', grammar: 'grammars/room.sfgrammar' }],
      }),
      'grammars/room.sfgrammar': GRAMMAR,
      'site/floor/1/room.sftemplate': TEMPLATE,
    });
    try {
      const r = await run(['check', '--format', 'json', 'floor/1/room.sftemplate'], { cwd: `${dir}/site` });
      const files = JSON.parse(r.stdout) as { path: string; diagnostics: { code: string }[] }[];
      assert.deepEqual(
        files.map(f => [f.path, f.diagnostics.map(d => d.code)]),
        [['floor/1/room.sftemplate', ['SFT002']]],
      );
    } finally {
      cleanup(dir);
    }
  });

  test('files outside the folder chain are not read: a large or undecodable definition elsewhere goes unnoticed', async () => {
    const dir = workspace({
      '.git/HEAD': 'ref: refs/heads/main\n',
      'site/room.sftemplate': '{"t": 1}',
      'vendor/huge.sfcallback.json': LARGE_MALFORMED,
      'vendor/latin1.sfcallback.json': Buffer.from('{"url": "\xff"}', 'latin1'),
    });
    try {
      const r = await run(['check', 'site/room.sftemplate'], { cwd: dir });
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.equal(r.stderr, '');
      // Checking the whole project does look at them (and the undecodable one is an error then).
      const all = await run(['check'], { cwd: dir });
      assert.equal(all.code, 2, all.stdout + all.stderr);
    } finally {
      cleanup(dir);
    }
  });
});

describe('files read only for associations: over the size limit named, not parsed', () => {
  test('a large malformed definition in the chain is a note, and checked itself it reports its error', async () => {
    const dir = workspace({
      '.git/HEAD': 'ref: refs/heads/main\n',
      'huge.sfcallback.json': LARGE_MALFORMED,
      'room.sfgrammar': GRAMMAR,
      'room.sftemplate': '{"t": {customData#temperature}}',
    });
    try {
      for (const args of [
        ['check', 'room.sftemplate'],
        ['check', 'room.sfgrammar'],
      ]) {
        const r = await run(args, { cwd: dir });
        assert.equal(r.code, 0, r.stdout + r.stderr);
        assert.match(
          r.stderr,
          /^sigfox-callbacks: note: huge\.sfcallback\.json: 2\.\d MB, over the 1 MB limit for files read only for associations; not read/,
        );
        assert.equal(r.stderr.trim().split('\n').length, 1);
      }
      const itself = await run(['check', '--format', 'json', 'huge.sfcallback.json'], { cwd: dir });
      assert.equal(itself.code, 1, itself.stderr);
      const files = JSON.parse(itself.stdout) as { path: string; diagnostics: { code: string }[] }[];
      assert.equal(files[0]!.path, 'huge.sfcallback.json');
      assert.ok(files[0]!.diagnostics.some(d => d.code === 'SFC001'));
      assert.equal(itself.stderr, '');
    } finally {
      cleanup(dir);
    }
  });

  test('an undecodable definition elsewhere is a note when checking a grammar, not an exit 2', async () => {
    const dir = workspace({
      'room.sfgrammar': GRAMMAR,
      'room.sftemplate': '{"t": {customData#temperature}}',
      'vendor/latin1.sfcallback.json': Buffer.from('{"url": "\xff"}', 'latin1'),
    });
    try {
      const r = await run(['check', 'room.sfgrammar'], { cwd: dir });
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.match(r.stderr, /^sigfox-callbacks: note: vendor\/latin1\.sfcallback\.json: not valid UTF-8 .*; not read for associations$/m);
    } finally {
      cleanup(dir);
    }
  });
});
