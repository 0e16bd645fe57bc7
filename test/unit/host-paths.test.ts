import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, it, test } from 'node:test';
import fc from 'fast-check';
import { URI, Utils } from 'vscode-uri';
import { dirnameOf, normalizeUri, resolveRelative } from '../../server/src/core/associations';
import { displayPath } from '../../server/src/cli/fileDiscovery';
import { pathOfUri, uriOfPath } from '../../server/src/cli/fsHost';
import { RealPaths } from '../../server/src/hostPaths';

describe('project containment with symlinks resolved (RealPaths)', () => {
  let root: string;
  let outside: string;

  beforeEach(() => {
    const base = realpathSync(mkdtempSync(join(tmpdir(), 'sigfox-realpaths-')));
    root = join(base, 'project');
    outside = join(base, 'elsewhere');
    mkdirSync(join(root, 'cb'), { recursive: true });
    mkdirSync(outside);
    writeFileSync(join(root, 'cb', 'room.sfgrammar'), 'temp::uint:8');
    writeFileSync(join(outside, 'secret'), 'x');
  });

  afterEach(() => rmSync(join(root, '..'), { recursive: true, force: true }));

  it('says inside for files of the project, missing ones too, and outside for `..` and symlinks out', () => {
    const paths = new RealPaths();
    assert.equal(paths.isInside(root, join(root, 'cb', 'room.sfgrammar')), true);
    assert.equal(paths.isInside(root, join(root, 'cb', 'missing.sftemplate')), true);
    assert.equal(paths.isInside(root, join(root, '..', 'elsewhere', 'secret')), false);
    symlinkSync(join(outside, 'secret'), join(root, 'cb', 'link'));
    assert.equal(paths.isInside(root, join(root, 'cb', 'link')), false);
    symlinkSync(outside, join(root, 'folderLink'));
    assert.equal(paths.isInside(root, join(root, 'folderLink', 'secret')), false);
  });

  it('a folder whose name starts with the project folder name is outside it; the project folder itself and / are inside', () => {
    const paths = new RealPaths();
    mkdirSync(`${root}2`);
    writeFileSync(join(`${root}2`, 'x.sfgrammar'), 'a::uint:8');
    assert.equal(paths.isInside(root, join(`${root}2`, 'x.sfgrammar')), false);
    assert.equal(paths.isInside(root, `${root}2`), false);
    assert.equal(paths.isInside(root, root), true);
    assert.equal(paths.isInside('/', join(`${root}2`, 'x.sfgrammar')), true);
  });

  it('sees a file replaced by a symlink at once, though its folder was resolved before', () => {
    const paths = new RealPaths(Number.POSITIVE_INFINITY);
    const file = join(root, 'cb', 'room.sfgrammar');
    assert.equal(paths.isInside(root, file), true);
    rmSync(file);
    symlinkSync(join(outside, 'secret'), file);
    assert.equal(paths.isInside(root, file), false);
  });

  it('sees a folder replaced by a symlink once told files changed, or once its memory expires', () => {
    let now = 0;
    const paths = new RealPaths(1000, () => now);
    const file = join(root, 'cb', 'room.sfgrammar');
    assert.equal(paths.isInside(root, file), true);
    renameSync(join(root, 'cb'), join(root, 'old'));
    writeFileSync(join(outside, 'room.sfgrammar'), 'temp::uint:8');
    symlinkSync(outside, join(root, 'cb'));
    paths.forget();
    assert.equal(paths.isInside(root, file), false, 'after forget()');
    rmSync(join(root, 'cb'));
    renameSync(join(root, 'old'), join(root, 'cb'));
    const expiring = new RealPaths(1000, () => now);
    assert.equal(expiring.isInside(root, file), true);
    renameSync(join(root, 'cb'), join(root, 'old'));
    symlinkSync(outside, join(root, 'cb'));
    now = 1001;
    assert.equal(expiring.isInside(root, file), false, 'after the time to live');
  });
});

test('paths shown to the user are what path.relative gives, on the fast path for walked files and off it', () => {
  const cwds = ['/a', '/a/b', '/', '/a/', '/a/./b', '/a//b', '/a/b/..'];
  const rests = ['x', 'x/y', './x', 'x/../y', 'x//y', 'x/', '..', '.', '', 'x/.', '.x', '..x', 'x..', 'x/.y/z', '...', '../c/x'];
  for (const cwd of cwds)
    for (const rest of rests) {
      const path = cwd.endsWith('/') ? cwd + rest : `${cwd}/${rest}`;
      const expected = relative(cwd, path) || '.';
      assert.equal(displayPath(path, cwd), expected, JSON.stringify({ cwd, path }));
    }
});

test('file uris of plain paths are made and read without vscode-uri, exactly as it makes and reads them', () => {
  const chars = fc.constantFrom(...'ab/Z09-._~ %:#?\\@+C:'.split(''));
  fc.assert(
    fc.property(
      fc.array(chars, { maxLength: 20 }).map(a => a.join('')),
      tail => {
        for (const path of [`/${tail}`, `//${tail}`, tail, `/c:/${tail}`, `/C:${tail}`]) {
          let uri: string | undefined;
          try {
            uri = URI.file(path).toString();
          } catch {
            uri = undefined;
          }
          if (uri !== undefined) assert.equal(uriOfPath(path), uri, path);
          for (const asked of [`file://${path}`, `file:///${tail}`, `file:${tail}`, ...(uri ? [uri] : [])]) {
            let fsPath: string;
            try {
              fsPath = URI.parse(asked).fsPath;
            } catch {
              continue;
            }
            assert.equal(pathOfUri(asked), fsPath, asked);
          }
        }
      },
    ),
    { numRuns: 3000 },
  );
});

test('uri joins, parents and spellings take a string shortcut on plain uris and agree with vscode-uri everywhere', () => {
  const chars = fc.constantFrom(...'ab/Z09-._~ %:#?\\@+C:'.split(''));
  const text = fc.array(chars, { maxLength: 14 }).map(a => a.join(''));
  const attempt = (f: () => string): string | undefined => {
    try {
      return f();
    } catch {
      return undefined;
    }
  };
  const joined = (base: string, path: string): string => {
    const slashed = path.replace(/\\/g, '/');
    if (slashed.startsWith('/') || /^[A-Z]:\//i.test(slashed)) return URI.file(slashed).toString();
    return Utils.joinPath(URI.parse(base), slashed).toString();
  };
  fc.assert(
    fc.property(text, text, (a, b) => {
      for (const base of [`file:///${a}`, `file:///x/${a}`, attempt(() => URI.file(`/${a}`).toString()), 'file:///', 'file:///x']) {
        if (base === undefined) continue;
        const spelled = attempt(() => URI.parse(base).toString());
        if (spelled === undefined) continue;
        assert.equal(normalizeUri(base), spelled, base);
        const parent = attempt(() => Utils.dirname(URI.parse(base)).toString());
        if (parent !== undefined) assert.equal(dirnameOf(base), parent, base);
        for (const relative of [
          b,
          `${b}/c`,
          `c/${b}`,
          'c',
          'c/d.sfgrammar',
          '../x',
          '../../x/y.sfgrammar',
          './x',
          'a/../../b',
          '..',
          '.',
          '../../../../../z',
        ]) {
          const expected = attempt(() => joined(base, relative));
          if (expected !== undefined) assert.equal(resolveRelative(base, relative), expected, `${base} + ${relative}`);
        }
      }
    }),
    { numRuns: 3000 },
  );
});
