import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkedPaths, cleanup, ensureBuilt, run, urlDefinition, workspace } from './helpers';

before(ensureBuilt);

/** `temp` renamed to `temperature` in the grammar; the template still reads `temp`. */
const RENAMED = {
  'room.sfgrammar': 'temperature::uint:8 humidity::uint:8\n',
  'room.sftemplate': '{"t": {customData#temp}}',
};

describe('check: the project and what depends on the files given', () => {
  test('checking only the grammar reports the template it breaks, exit 1', async () => {
    const dir = workspace(RENAMED);
    try {
      const r = await run(['check', 'room.sfgrammar'], { cwd: dir });
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.match(r.stdout, /^room\.sftemplate$/m);
      assert.match(r.stdout, /SFT002/);
    } finally {
      cleanup(dir);
    }
  });

  test('a grammar named by a callback definition brings the definition and its templates into the check', async () => {
    const dir = workspace({
      'devices/room.sfgrammar': 'temperature::uint:8\n',
      'callbacks/room.sftemplate': '{"t": {customData#temp}}',
      'callbacks/room.sfcallback.json': urlDefinition('room.sftemplate', '../devices/room.sfgrammar'),
    });
    try {
      const r = await run(['check', '--format', 'json', 'devices/room.sfgrammar'], { cwd: dir });
      const files = checkedPaths(r.stdout);
      assert.deepEqual(files, ['devices/room.sfgrammar', 'callbacks/room.sftemplate', 'callbacks/room.sfcallback.json']);
      assert.equal(r.code, 1);
    } finally {
      cleanup(dir);
    }
  });

  test('run from another directory, the project root comes from the paths (templates and .vscode/settings.json)', async () => {
    const dir = workspace({
      ...Object.fromEntries(Object.entries(RENAMED).map(([k, v]) => [`proj/${k}`, v])),
      'proj/.vscode/settings.json': JSON.stringify({ 'sigfox.rules': { SFT002: 'warning' } }),
    });
    mkdirSync(join(dir, 'elsewhere'));
    try {
      const r = await run(['check', '../proj/room.sfgrammar'], { cwd: join(dir, 'elsewhere') });
      assert.equal(r.code, 0, 'SFT002 is a warning in this project: ' + r.stdout + r.stderr);
      assert.match(r.stdout, /^\.\.\/proj\/room\.sftemplate$/m);
      assert.match(r.stdout, /warning {2}.*SFT002/);
    } finally {
      cleanup(dir);
    }
  });
});

describe('check: sigfox.rules from .vscode/settings.json', () => {
  test('off drops a code, error raises one', async () => {
    const dir = workspace({
      'w.sfgrammar': 'n::uint:8:little-endian b::UINT:8\n',
      '.vscode/settings.json': JSON.stringify({ 'sigfox.rules': { SFG016: 'error', SFG026: 'off' } }),
    });
    try {
      const r = await run(['check', '--format', 'gnu'], { cwd: dir });
      assert.equal(r.code, 1);
      assert.match(r.stdout, /error: .*\[SFG016\]/);
      assert.doesNotMatch(r.stdout, /SFG026/);
    } finally {
      cleanup(dir);
    }
  });

  test('a bad entry is named, with a suggestion, exit 2', async () => {
    const dir = workspace({
      'w.sfgrammar': 'n::uint:8\n',
      '.vscode/settings.json': JSON.stringify({ sigfox: { rules: { SFG01: 'off', SFG016: 'loud' } } }),
    });
    try {
      const r = await run(['check'], { cwd: dir });
      assert.equal(r.code, 2);
      assert.match(r.stderr, /\.vscode\/settings\.json: "sigfox\.rules": "SFG01" is not a diagnostic code \(did you mean .*SFG010/);
      assert.match(r.stderr, /"sigfox\.rules"\."SFG016" must be "off", "info", "warning" or "error", not "loud"/);
    } finally {
      cleanup(dir);
    }
  });
});

describe('check --fix', () => {
  test('applies the preferred fixes to the files given, then reports what is left', async () => {
    const dir = workspace({ 'room.sfgrammar': 'temp::UINT:8 b::INT:8\n', 'room.sftemplate': '{"t": {customData#tmp}}' });
    try {
      const r = await run(['check', '--fix', 'room.sfgrammar'], { cwd: dir });
      assert.equal(readFileSync(join(dir, 'room.sfgrammar'), 'utf8'), 'temp::uint:8 b::int:8\n');
      assert.match(r.stderr, /fixed room\.sfgrammar/);
      assert.doesNotMatch(r.stdout, /SFG026/);
      assert.equal(readFileSync(join(dir, 'room.sftemplate'), 'utf8'), '{"t": {customData#tmp}}', 'only the files given are rewritten');
      assert.match(r.stdout, /SFT002/, 'the dependent template is still reported');
      assert.equal(r.code, 1);
    } finally {
      cleanup(dir);
    }
  });

  test('a clean file is left untouched and nothing is said', async () => {
    const dir = workspace({ 'room.sfgrammar': 'temp::uint:8\n' });
    try {
      const r = await run(['check', '--fix'], { cwd: dir });
      assert.equal(r.code, 0);
      assert.equal(r.stderr, '');
    } finally {
      cleanup(dir);
    }
  });
});
