import { after, before, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ROOT, runProgram, SEED_GRAMMAR, type RunResult } from './helpers';

/**
 * The repository used as a pre-commit hook, the way pre-commit installs a `language: node`
 * hook: `npm pack` of the repository (its `prepare` builds the CLI), the tarball installed with
 * npm into a project, then the installed `sigfox-callbacks check` run on the staged files
 * that the hook's `files` pattern selects.
 */

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let scratch: string;
let tarball: string | undefined;
let project: string;
let setupProblem: string | undefined;

function sh(program: string, args: readonly string[], cwd: string, timeout = 240_000): string {
  return execFileSync(program, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout });
}

/** The last useful line of a failed child process, for a skip reason. */
function reason(err: unknown): string {
  const e = err as { stderr?: string; message?: string };
  const lines = `${e.stderr ?? ''}\n${e.message ?? ''}`
    .split('\n')
    .map(l => l.trim())
    .filter(l => l && !l.startsWith('npm notice'));
  return lines.find(l => /ERR|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|offline/i.test(l)) ?? lines[0] ?? String(err);
}

before(() => {
  scratch = mkdtempSync(join(tmpdir(), 'sigfox-precommit-'));
  // A copy of the repository's files (as git would clone them), so `prepare` builds there and
  // not over the server/out/ that the other test files are running.
  const repo = join(scratch, 'repo');
  let files: string[];
  try {
    files = sh('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], ROOT).split('\0').filter(Boolean);
  } catch (err) {
    setupProblem = `git is not available: ${reason(err)}`;
    return;
  }
  for (const file of files) {
    if (file.startsWith('node_modules/')) continue;
    const to = join(repo, file);
    mkdirSync(dirname(to), { recursive: true });
    try {
      copyFileSync(join(ROOT, file), to);
    } catch {
      /* deleted but still in the index */
    }
  }
  symlinkSync(join(ROOT, 'node_modules'), join(repo, 'node_modules'), 'dir');
  try {
    const name = sh(NPM, ['pack', '--pack-destination', scratch, '--silent'], repo).trim().split('\n').pop()!;
    tarball = join(scratch, name);
  } catch (err) {
    setupProblem = `npm pack failed: ${reason(err)}`;
    return;
  }

  project = join(scratch, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'hook-scratch', version: '1.0.0', private: true }));
  try {
    sh(NPM, ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', tarball], project);
  } catch (err) {
    setupProblem = `npm install of the packed tarball failed (offline?): ${reason(err)}`;
    return;
  }
  sh('git', ['init', '-q'], project);
  sh('git', ['config', 'user.email', 'hook@example.com'], project);
  sh('git', ['config', 'user.name', 'hook'], project);
});

after(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

function skipUnlessReady(t: TestContext): boolean {
  if (setupProblem) {
    t.skip(setupProblem);
    return false;
  }
  return true;
}

/** The `files` pattern of each hook in .pre-commit-hooks.yaml. */
function hookFilePatterns(): Map<string, { language: string; entry: string; files: RegExp }> {
  const text = readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8');
  const hooks = new Map<string, { language: string; entry: string; files: RegExp }>();
  for (const block of text.split(/^- /m).slice(1)) {
    const field = (key: string): string =>
      block
        .match(new RegExp(`^\\s*${key}:\\s*(.+)$`, 'm'))?.[1]
        ?.trim()
        .replace(/^'(.*)'$/, '$1') ?? '';
    hooks.set(field('id'), { language: field('language'), entry: field('entry'), files: new RegExp(field('files')) });
  }
  return hooks;
}

function stagedFiles(files: RegExp): string[] {
  return sh('git', ['diff', '--cached', '--name-only', '--diff-filter=ACMR'], project)
    .split('\n')
    .filter(f => f && files.test(f));
}

function hook(args: readonly string[]): Promise<RunResult> {
  // pre-commit runs the entry from the repository root with the staged files as arguments.
  return runProgram(join(project, 'node_modules', '.bin', 'sigfox-callbacks'), ['check', ...args], { cwd: project });
}

test('.pre-commit-hooks.yaml offers a node hook and a system hook running `sigfox-callbacks check` on the three kinds of file', () => {
  const hooks = hookFilePatterns();
  assert.deepEqual([...hooks.keys()], ['sigfox-callbacks', 'sigfox-callbacks-system']);
  assert.equal(hooks.get('sigfox-callbacks')!.language, 'node');
  assert.equal(hooks.get('sigfox-callbacks-system')!.language, 'system');
  for (const h of hooks.values()) {
    assert.equal(h.entry, 'sigfox-callbacks check');
    for (const yes of ['a.sfgrammar', 'dir/b.sftemplate', 'c.sfcallback.json']) assert.ok(h.files.test(yes), yes);
    for (const no of ['a.json', 'a.sfgrammar.bak', 'sfgrammar', 'x.sfcallbackjson']) assert.ok(!h.files.test(no), no);
  }
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
    bin: Record<string, string>;
    files?: unknown;
  };
  assert.equal(pkg.bin['sigfox-callbacks'], 'server/out/cli.js');
  assert.match(pkg.scripts['prepare'] ?? '', /\.esbuild\.mjs/, 'npm pack and git installs build the CLI');
  assert.equal(pkg.files, undefined, 'vsce refuses a files field; .npmignore decides what npm packs');
});

test('the packed package holds the built CLI and nothing else of the repository', t => {
  if (!skipUnlessReady(t)) return;
  const listing = sh('tar', ['tzf', tarball!], scratch).split('\n').filter(Boolean).sort();
  assert.deepEqual(
    listing.filter(f => !/^package\/(README|LICENSE)/i.test(f)),
    ['package/package.json', 'package/server/out/cli.js', 'package/server/out/cliMain.js'],
  );
});

test('installed from the tarball, the hook fails on staged files with errors and passes once they are fixed', async t => {
  if (!skipUnlessReady(t)) return;
  const { files } = hookFilePatterns().get('sigfox-callbacks')!;
  writeFileSync(join(project, 'room.sfgrammar'), SEED_GRAMMAR);
  writeFileSync(join(project, 'room.sftemplate'), '{"t": {customData#tmp}}');
  writeFileSync(join(project, 'notes.md'), 'not checked');
  sh('git', ['add', '.'], project);
  // Only the template changes in the next commit: the hook gets it alone, and it is still
  // checked against its sibling grammar.
  sh('git', ['commit', '-q', '-m', 'init', '--no-verify'], project);
  writeFileSync(join(project, 'room.sftemplate'), '{"t": {customData#tmp}, "h": {customData#humidity}}');
  sh('git', ['add', 'room.sftemplate'], project);
  const staged = stagedFiles(files);
  assert.deepEqual(staged, ['room.sftemplate']);
  const failing = await hook(staged);
  assert.equal(failing.code, 1, failing.stderr);
  assert.match(failing.stdout, /room\.sftemplate[\s\S]*`tmp`[\s\S]*SFT002/);

  writeFileSync(join(project, 'room.sftemplate'), '{"t": {customData#temp}, "h": {customData#humidity}}');
  writeFileSync(join(project, 'extra.sfgrammar'), 'a::uint:8 a::uint:8\n');
  sh('git', ['add', '.'], project);
  const gnu = await hook(['--format', 'gnu', ...stagedFiles(files)]);
  assert.equal(gnu.code, 1);
  assert.match(gnu.stdout, /^extra\.sfgrammar:1:11: error: .* \[SFG005\]$/m);
  assert.doesNotMatch(gnu.stdout, /room\.sftemplate/);

  writeFileSync(join(project, 'extra.sfgrammar'), 'a::uint:8 b::uint:8\n');
  sh('git', ['add', '.'], project);
  const passing = await hook(stagedFiles(files));
  assert.equal(passing.code, 0, passing.stdout + passing.stderr);
  assert.equal(passing.stdout, '');

  // Only the grammar is staged, renaming a field its template uses: the hook checks the template too.
  sh('git', ['commit', '-q', '-m', 'fixed', '--no-verify'], project);
  writeFileSync(join(project, 'room.sfgrammar'), SEED_GRAMMAR.replace('temp::', 'celsius::'));
  sh('git', ['add', 'room.sfgrammar'], project);
  assert.deepEqual(stagedFiles(files), ['room.sfgrammar']);
  const renamed = await hook(stagedFiles(files));
  assert.equal(renamed.code, 1, renamed.stdout + renamed.stderr);
  assert.match(renamed.stdout, /room\.sftemplate[\s\S]*`temp`[\s\S]*SFT002/);
});
