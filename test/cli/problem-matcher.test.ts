/**
 * The `$sigfox-callbacks` problem matcher (package.json `contributes.problemMatchers`) against
 * real `check --format gnu` output of the built CLI: every line matches, and the file, line,
 * column, severity, message and code it extracts are those `check --format json` reports for
 * the same run. The file is relative to the folder the task runs in (the workspace folder).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, ensureBuilt, ROOT, run, workspace } from './helpers';

before(ensureBuilt);

interface ProblemPattern {
  readonly regexp: string;
  readonly file: number;
  readonly line: number;
  readonly column: number;
  readonly severity: number;
  readonly message: number;
  readonly code: number;
}

interface ProblemMatcher {
  readonly name: string;
  readonly owner: string;
  readonly fileLocation: readonly string[];
  readonly pattern: ProblemPattern;
}

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes: { problemMatchers?: ProblemMatcher[] } };
const matcher = manifest.contributes.problemMatchers?.find(m => m.name === 'sigfox-callbacks');

/** What VS Code does with one line: its RegExp, then the groups the pattern names. */
function apply(line: string): Record<string, string> | undefined {
  const pattern = matcher!.pattern;
  const m = new RegExp(pattern.regexp).exec(line);
  if (!m) return undefined;
  return {
    file: m[pattern.file]!,
    line: m[pattern.line]!,
    column: m[pattern.column]!,
    severity: m[pattern.severity]!,
    message: m[pattern.message]!,
    code: m[pattern.code] ?? '',
  };
}

const FILES = {
  'room.sfgrammar': 'temp::uint:8 temp::uint:8\nhum::uint:8:little-endian\n',
  'room.sftemplate': '{\n  "t": {customData#tmp},\n  "h": {customData#hum}\n}\n',
  'sub dir/odd:name.sfgrammar': 'n::uint:65\n',
  'callbacks/up.sfcallback.json': JSON.stringify(
    { channel: 'URL', callbackType: 0, callbackSubtype: 2, url: 'https://example.com', httpMethod: 'PATCH', bodyTemplat: 'x' },
    null,
    2,
  ),
};

interface JsonReport {
  readonly path: string;
  readonly diagnostics: readonly { line: number; column: number; severity: string; code: string; message: string }[];
}

describe('the $sigfox-callbacks problem matcher', () => {
  let dir: string;
  before(() => {
    dir = workspace(FILES);
  });
  after(() => cleanup(dir));

  test('is contributed, owned, and resolves files against the workspace folder', () => {
    assert.ok(matcher, 'package.json contributes no problem matcher named sigfox-callbacks');
    assert.equal(matcher.owner, 'sigfox-callbacks');
    assert.deepEqual(matcher.fileLocation, ['autoDetect', '${workspaceFolder}']);
  });

  test('extracts file, line, column, severity, message and code from every line of check --format gnu', async () => {
    const gnu = await run(['check', '--format', 'gnu'], { cwd: dir });
    const report = await run(['check', '--format', 'json'], { cwd: dir });
    assert.equal(gnu.code, 1, gnu.stderr);
    const expected = (JSON.parse(report.stdout) as JsonReport[]).flatMap(f =>
      f.diagnostics.map(d => ({
        file: f.path,
        line: String(d.line),
        column: String(d.column),
        // gnu says `note` for info and hint; VS Code reads `note` as info.
        severity: d.severity === 'info' || d.severity === 'hint' ? 'note' : d.severity,
        message: d.message,
        code: d.code,
      })),
    );
    const lines = gnu.stdout.split('\n').filter(l => l !== '');
    assert.ok(lines.length >= 5, `expected problems in every file:\n${gnu.stdout}`);
    const extracted = lines.map(line => {
      const problem = apply(line);
      assert.ok(problem, `the matcher does not match: ${line}`);
      return problem;
    });
    assert.deepEqual(extracted, expected);
    // Every kind of file, both severities, and a path with a space and a colon are among them.
    const codes = new Set(extracted.map(p => p.code.slice(0, 3)));
    assert.deepEqual([...codes].sort(), ['SFC', 'SFG', 'SFT']);
    assert.ok(extracted.some(p => p.severity === 'error') && extracted.some(p => p.severity === 'warning'));
    assert.ok(
      extracted.some(p => p.file === join('sub dir', 'odd:name.sfgrammar')),
      JSON.stringify(extracted.map(p => p.file)),
    );
    // The file part is relative to the folder the task ran in: the workspace folder.
    for (const p of extracted) assert.ok(existsSync(join(dir, p.file)), `${p.file} is not relative to the workspace folder`);
    // 1-based, as VS Code expects: the unknown customData name is on line 2, after `  "t": {customData#`.
    const tmp = extracted.find(p => p.file === 'room.sftemplate' && p.message.includes('tmp'))!;
    assert.deepEqual([tmp.line, tmp.column, tmp.severity], ['2', String('  "t": {customData#'.length + 1), 'error']);
  });

  test('reads `note` (info and hint, which check reports only as such) and a message with brackets', () => {
    assert.deepEqual(apply('a.sftemplate:3:9: note: `{customData#b}` renders as null [x] here [SFT104]'), {
      file: 'a.sftemplate',
      line: '3',
      column: '9',
      severity: 'note',
      message: '`{customData#b}` renders as null [x] here',
      code: 'SFT104',
    });
  });
});
