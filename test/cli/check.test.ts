import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import { DIAGNOSTIC_CODES } from '../../server/src/core/diagnosticCodes';
import { checkedPaths, cleanup, ensureBuilt, run, SEED_GRAMMAR, workspace } from './helpers';

before(ensureBuilt);

/** A grammar with two errors (duplicate name, upper-case type) and a clean one. */
const BAD_GRAMMAR = 'a::uint:8 a::uint:8\nb::UINT:8\n';
/** One warning (SFG016: little-endian on a single byte), no error. */
const WARN_GRAMMAR = 'n::uint:8:little-endian\n';

describe('check: exit codes and the default stylish format', () => {
  test('a clean workspace exits 0 and prints nothing', async () => {
    const dir = workspace({ 'room.sfgrammar': SEED_GRAMMAR, 'room.sftemplate': '{"t": {customData#temp}}' });
    try {
      const r = await run(['check'], { cwd: dir });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr, '');
    } finally {
      cleanup(dir);
    }
  });

  test('errors exit 1 and are listed per file with position, severity, message and code', async () => {
    const dir = workspace({ 'bad.sfgrammar': BAD_GRAMMAR, 'ok.sfgrammar': SEED_GRAMMAR });
    try {
      const r = await run(['check'], { cwd: dir });
      assert.equal(r.code, 1);
      const lines = r.stdout.split('\n');
      assert.ok(lines.includes('bad.sfgrammar'), r.stdout);
      assert.ok(!r.stdout.includes('ok.sfgrammar'), 'clean files are not listed');
      assert.match(r.stdout, /^ {2}1:11 {2}error {2}.*`a`.* {2}SFG005$/m);
      assert.match(r.stdout, /^ {2}2:4 {3}error {2}.*UINT.* {2}SFG026$/m);
      assert.match(r.stdout, /✖ 2 problems \(2 errors, 0 warnings\)/);
      assert.doesNotMatch(r.stdout, /\x1b\[/, 'no colour when stdout is not a terminal');
    } finally {
      cleanup(dir);
    }
  });

  test('colour: FORCE_COLOR forces it, NO_COLOR alone keeps it off', async () => {
    const dir = workspace({ 'bad.sfgrammar': BAD_GRAMMAR });
    try {
      const forced = await run(['check'], { cwd: dir, env: { FORCE_COLOR: '1' } });
      assert.match(forced.stdout, /\x1b\[31merror\x1b\[39m/);
      const off = await run(['check'], { cwd: dir, env: { NO_COLOR: '1' } });
      assert.doesNotMatch(off.stdout, /\x1b\[/);
      const zero = await run(['check'], { cwd: dir, env: { FORCE_COLOR: '0' } });
      assert.doesNotMatch(zero.stdout, /\x1b\[/);
    } finally {
      cleanup(dir);
    }
  });

  test('warnings alone exit 0; --max-warnings N exits 1 when there are more than N', async () => {
    const dir = workspace({ 'w.sfgrammar': WARN_GRAMMAR });
    try {
      const plain = await run(['check'], { cwd: dir });
      assert.equal(plain.code, 0);
      assert.match(plain.stdout, /warning {2}.*SFG016/);
      assert.match(plain.stdout, /1 problem \(0 errors, 1 warning\)/);
      const over = await run(['check', '--max-warnings', '0'], { cwd: dir });
      assert.equal(over.code, 1);
      assert.match(over.stderr, /1 warning, more than --max-warnings 0 allows/);
      const within = await run(['check', '--max-warnings', '1'], { cwd: dir });
      assert.equal(within.code, 0);
      assert.equal(within.stderr, '');
    } finally {
      cleanup(dir);
    }
  });

  test('--quiet reports errors only, but --max-warnings still counts the hidden warnings', async () => {
    const dir = workspace({ 'w.sfgrammar': WARN_GRAMMAR, 'bad.sfgrammar': BAD_GRAMMAR });
    try {
      const quiet = await run(['check', '--quiet', '--format', 'gnu'], { cwd: dir });
      assert.equal(quiet.code, 1);
      assert.doesNotMatch(quiet.stdout, /SFG016/);
      assert.match(quiet.stdout, /SFG005/);
      const onlyWarnings = await run(['check', '-q', 'w.sfgrammar'], { cwd: dir });
      assert.equal(onlyWarnings.code, 0);
      assert.equal(onlyWarnings.stdout, '');
      const gated = await run(['check', '-q', '--max-warnings', '0', 'w.sfgrammar'], { cwd: dir });
      assert.equal(gated.code, 1);
      assert.match(gated.stderr, /--quiet hides them/);
    } finally {
      cleanup(dir);
    }
  });
});

describe('check: machine formats', () => {
  test('gnu: path:line:col: severity: message [CODE], 1-based', async () => {
    const dir = workspace({ 'sub/bad.sfgrammar': BAD_GRAMMAR, 'w.sfgrammar': WARN_GRAMMAR });
    try {
      const r = await run(['check', '--format', 'gnu'], { cwd: dir });
      assert.equal(r.code, 1);
      const lines = r.stdout.trimEnd().split('\n');
      assert.equal(lines.length, 3, r.stdout);
      assert.match(lines[0]!, /^sub\/bad\.sfgrammar:1:11: error: .+ \[SFG005\]$/);
      assert.match(lines[1]!, /^sub\/bad\.sfgrammar:2:4: error: .+ \[SFG026\]$/);
      assert.match(lines[2]!, /^w\.sfgrammar:1:11: warning: .+ \[SFG016\]$/);
    } finally {
      cleanup(dir);
    }
  });

  test('json: every checked file with its diagnostics, positions 1-based and end exclusive', async () => {
    const dir = workspace({ 'bad.sfgrammar': BAD_GRAMMAR, 'ok.sfgrammar': SEED_GRAMMAR });
    try {
      const r = await run(['check', '-f', 'json'], { cwd: dir });
      assert.equal(r.code, 1);
      const report = JSON.parse(r.stdout) as { path: string; diagnostics: Record<string, unknown>[] }[];
      assert.deepEqual(
        report.map(f => f.path),
        ['bad.sfgrammar', 'ok.sfgrammar'],
      );
      assert.deepEqual(report[1]!.diagnostics, []);
      const [dup, upper] = report[0]!.diagnostics;
      assert.deepEqual(
        { ...dup, message: undefined },
        { line: 1, column: 11, endLine: 1, endColumn: 12, severity: 'error', code: 'SFG005', message: undefined },
      );
      assert.equal(typeof dup!.message, 'string');
      assert.deepEqual([upper!.line, upper!.column, upper!.endColumn, upper!.code], [2, 4, 8, 'SFG026'], 'UINT spans columns 4-7');
    } finally {
      cleanup(dir);
    }
  });

  test('sarif: valid SARIF 2.1.0 (official schema), rules from the code table, results pointing at them', async () => {
    const dir = workspace({ 'my dir/bad.sfgrammar': BAD_GRAMMAR, 'w.sfgrammar': WARN_GRAMMAR });
    try {
      const r = await run(['check', '--format', 'sarif'], { cwd: dir });
      assert.equal(r.code, 1);
      const log = JSON.parse(r.stdout);
      const validate = sarifValidator();
      assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
      const run0 = log.runs[0];
      const rules = run0.tool.driver.rules as {
        id: string;
        name: string;
        helpUri?: string;
        help: { text: string };
        shortDescription: { text: string };
        defaultConfiguration: { level: string };
      }[];
      assert.deepEqual(
        rules.map(x => x.id),
        Object.keys(DIAGNOSTIC_CODES),
      );
      const sfg016 = rules.find(x => x.id === 'SFG016')!;
      assert.equal(sfg016.name, DIAGNOSTIC_CODES.SFG016.name);
      assert.equal(sfg016.shortDescription.text, DIAGNOSTIC_CODES.SFG016.summary);
      assert.equal(sfg016.defaultConfiguration.level, 'warning');
      assert.equal(sfg016.help.text, `${DIAGNOSTIC_CODES.SFG016.summary} Example: ${DIAGNOSTIC_CODES.SFG016.example}`);
      assert.ok(
        rules.every(x => x.helpUri === undefined) && run0.tool.driver.informationUri === undefined,
        'no link to a page that does not exist',
      );
      assert.equal(rules.find(x => x.id === 'SFG005')!.defaultConfiguration.level, 'error');
      const results = run0.results as {
        ruleId: string;
        ruleIndex: number;
        level: string;
        locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: Record<string, number> } }[];
      }[];
      assert.deepEqual(
        results.map(x => x.ruleId),
        ['SFG005', 'SFG026', 'SFG016'],
      );
      for (const result of results) assert.equal(rules[result.ruleIndex]!.id, result.ruleId);
      assert.deepEqual(
        results.map(x => x.level),
        ['error', 'error', 'warning'],
      );
      const loc = results[0]!.locations[0]!.physicalLocation;
      assert.equal(loc.artifactLocation.uri, 'my%20dir/bad.sfgrammar');
      assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
      assert.deepEqual(loc.region, { startLine: 1, startColumn: 11, endLine: 1, endColumn: 12 });
      assert.ok(new URL(run0.originalUriBaseIds['%SRCROOT%'].uri).pathname.endsWith('/'));
    } finally {
      cleanup(dir);
    }
  });

  test('sarif: a clean run is still a valid log, with no results', async () => {
    const dir = workspace({ 'ok.sfgrammar': SEED_GRAMMAR });
    try {
      const r = await run(['check', '-f', 'sarif'], { cwd: dir });
      assert.equal(r.code, 0);
      const log = JSON.parse(r.stdout);
      assert.ok(sarifValidator()(log));
      assert.deepEqual(log.runs[0].results, []);
    } finally {
      cleanup(dir);
    }
  });

  test('github: workflow commands with workspace-relative paths and escaped properties', async () => {
    const dir = workspace({ 'cfg/a,b:c.sfgrammar': BAD_GRAMMAR, 'w.sfgrammar': WARN_GRAMMAR });
    try {
      const r = await run(['check', '--format', 'github'], { cwd: join(dir, 'cfg'), env: { GITHUB_WORKSPACE: dir } });
      assert.equal(r.code, 1);
      const lines = r.stdout.trimEnd().split('\n');
      assert.match(lines[0]!, /^::error file=cfg\/a%2Cb%3Ac\.sfgrammar,line=1,col=11,endLine=1,endColumn=12,title=SFG005::Field `a` .+$/);
      assert.match(lines[1]!, /^::error file=cfg\/a%2Cb%3Ac\.sfgrammar,line=2,col=4,endLine=2,endColumn=8,title=SFG026::/);
      assert.equal(lines.length, 2, 'only the files under the working directory are checked');
      const warn = await run(['check', '--format', 'github', 'w.sfgrammar'], { cwd: dir });
      assert.match(warn.stdout, /^::warning file=w\.sfgrammar,line=1,col=11,endLine=1,endColumn=24,title=SFG016::`little-endian`/);
      assert.equal(warn.code, 0);
    } finally {
      cleanup(dir);
    }
  });
});

describe('check: which files', () => {
  test('no argument: every Sigfox file under the working directory, .gitignore, node_modules and .git skipped', async () => {
    const dir = workspace({
      '.gitignore': 'generated/\n*.local.sfgrammar\n',
      'a.sfgrammar': BAD_GRAMMAR,
      'deep/er/b.sfgrammar': BAD_GRAMMAR,
      'deep/.gitignore': 'skip.sfgrammar\n',
      'deep/skip.sfgrammar': BAD_GRAMMAR,
      'generated/c.sfgrammar': BAD_GRAMMAR,
      'x.local.sfgrammar': BAD_GRAMMAR,
      'node_modules/pkg/d.sfgrammar': BAD_GRAMMAR,
      '.git/e.sfgrammar': BAD_GRAMMAR,
      'notes.txt': 'a::uint:8 a::uint:8',
    });
    try {
      const r = await run(['check', '-f', 'json'], { cwd: dir });
      assert.deepEqual(checkedPaths(r.stdout), ['a.sfgrammar', 'deep/er/b.sfgrammar']);
    } finally {
      cleanup(dir);
    }
  });

  test('a .gitignore that is a symlink to a file is honoured like one that is a file', async () => {
    const dir = workspace({
      'rules/shared-ignore': 'skip.sfgrammar\n',
      'deep/keep.sfgrammar': BAD_GRAMMAR,
      'deep/skip.sfgrammar': BAD_GRAMMAR,
      'deeper/x/skip.sfgrammar': BAD_GRAMMAR,
    });
    try {
      symlinkSync(join(dir, 'rules', 'shared-ignore'), join(dir, 'deep', '.gitignore'));
      writeFileSync(join(dir, 'deeper', '.gitignore'), 'skip.sfgrammar\n');
      const r = await run(['check', '-f', 'json'], { cwd: dir });
      assert.deepEqual(checkedPaths(r.stdout), ['deep/keep.sfgrammar']);
    } finally {
      cleanup(dir);
    }
  });

  test('files, directories and quoted globs; an explicit file is checked even if ignored', async () => {
    const dir = workspace({
      '.gitignore': 'ignored.sfgrammar\n',
      'ignored.sfgrammar': SEED_GRAMMAR,
      'cfg/one.sfgrammar': SEED_GRAMMAR,
      'cfg/sub/two.sfgrammar': SEED_GRAMMAR,
      'cfg/sub/two.sftemplate': '{"t":{customData#temp}}',
      'other/three.sfgrammar': SEED_GRAMMAR,
    });
    try {
      const paths = async (...args: string[]): Promise<string[]> => {
        const r = await run(['check', '-f', 'json', ...args], { cwd: dir });
        assert.equal(r.code, 0, r.stderr);
        return checkedPaths(r.stdout);
      };
      assert.deepEqual(await paths('cfg'), ['cfg/one.sfgrammar', 'cfg/sub/two.sfgrammar', 'cfg/sub/two.sftemplate']);
      // The template associated with a grammar given is checked too, after the files given.
      assert.deepEqual(await paths('cfg/**/*.sfgrammar'), ['cfg/one.sfgrammar', 'cfg/sub/two.sfgrammar', 'cfg/sub/two.sftemplate']);
      assert.deepEqual(await paths('./other/*.sfgrammar', 'ignored.sfgrammar'), ['other/three.sfgrammar', 'ignored.sfgrammar']);
      assert.deepEqual(
        await paths('cfg/one.sfgrammar', 'cfg', 'cfg/one.sfgrammar'),
        ['cfg/one.sfgrammar', 'cfg/sub/two.sfgrammar', 'cfg/sub/two.sftemplate'],
        'each file once',
      );
    } finally {
      cleanup(dir);
    }
  });

  test('symlinks: linked files are checked, a directory loop does not hang', async () => {
    const dir = workspace({ 'real/a.sfgrammar': BAD_GRAMMAR });
    try {
      symlinkSync(join(dir, 'real'), join(dir, 'real', 'loop'), 'dir');
      symlinkSync(join(dir, 'real', 'a.sfgrammar'), join(dir, 'linked.sfgrammar'));
      symlinkSync(join(dir, 'missing.sfgrammar'), join(dir, 'dangling.sfgrammar'));
      const r = await run(['check', '-f', 'json'], { cwd: dir, timeoutMs: 20_000 });
      assert.equal(r.code, 1);
      assert.deepEqual(checkedPaths(r.stdout), ['linked.sfgrammar', 'real/a.sfgrammar']);
    } finally {
      cleanup(dir);
    }
  });

  test('a template is checked against its sibling grammar even when only the template is named (pre-commit)', async () => {
    const dir = workspace({ 'room.sfgrammar': SEED_GRAMMAR, 'room.sftemplate': '{"t": {customData#tmp}}' });
    try {
      const r = await run(['check', '-f', 'gnu', 'room.sftemplate'], { cwd: dir });
      assert.equal(r.code, 1);
      assert.match(r.stdout, /^room\.sftemplate:1:19: error: .*`tmp`.*`temp`.* \[SFT002\]$/m);
    } finally {
      cleanup(dir);
    }
  });

  test('a template named by a callback definition takes its payload config file', async () => {
    const dir = workspace({
      'defs/room.sfcallback.json': JSON.stringify({
        channel: 'URL',
        callbackType: 0,
        callbackSubtype: 2,
        url: 'https://example.com/up',
        httpMethod: 'POST',
        contentType: 'application/json',
        payloadConfigFile: '../grammars/g.sfgrammar',
        bodyTemplateFile: '../bodies/body.sftemplate',
      }),
      'grammars/g.sfgrammar': 'level::uint:8\n',
      'bodies/body.sftemplate': '{"l": {customData#level}, "t": {customData#temp}}',
    });
    try {
      const r = await run(['check', '-f', 'gnu', 'bodies'], { cwd: dir });
      assert.equal(r.code, 1);
      assert.match(r.stdout, /body\.sftemplate:1:\d+: error: .*`temp`.* \[SFT002\]/);
      assert.doesNotMatch(r.stdout, /`level`/);
    } finally {
      cleanup(dir);
    }
  });

  test('.vscode/settings.json: sigfox.associations and sigfox.maxUplinkBytes apply, JSONC allowed', async () => {
    const dir = workspace({
      '.vscode/settings.json':
        '{\n  // editor settings\n  "sigfox.associations": [{ "template": "bodies/*.sftemplate", "grammar": "g/room.sfgrammar" }],\n  "sigfox.maxUplinkBytes": 2,\n}\n',
      'g/room.sfgrammar': 'a::uint:8 b::uint:8 c::uint:8\n',
      'bodies/x.sftemplate': '{"a": {customData#a}, "z": {customData#z}}',
    });
    try {
      const r = await run(['check', '-f', 'gnu'], { cwd: dir });
      assert.equal(r.code, 1);
      assert.match(r.stdout, /^bodies\/x\.sftemplate:1:\d+: error: .*`z`.* \[SFT002\]$/m);
      assert.match(r.stdout, /^g\/room\.sfgrammar:1:21: warning: .* \[SFG020\]$/m, 'c reads byte 2, past a 2-byte frame');
    } finally {
      cleanup(dir);
    }
  });
});

describe('check: input errors exit 2 with one clear line and nothing on stdout', () => {
  const expectInputError = async (dir: string, args: string[], pattern: RegExp): Promise<void> => {
    const r = await run(['check', ...args], { cwd: dir });
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
    assert.equal(r.stdout, '', 'nothing half-written');
    assert.match(r.stderr, pattern);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  };

  test('a path that does not exist', async () => {
    const dir = workspace({ 'a.sfgrammar': BAD_GRAMMAR });
    try {
      await expectInputError(dir, ['a.sfgrammar', 'nope.sfgrammar'], /^sigfox-callbacks: nope\.sfgrammar: no such file or directory\n$/);
    } finally {
      cleanup(dir);
    }
  });

  test('a directory, the working directory or a glob without any Sigfox file', async () => {
    const dir = workspace({ 'empty/readme.txt': 'x', 'cfg/a.sfgrammar': SEED_GRAMMAR });
    try {
      await expectInputError(dir, ['empty'], /empty: no \.sfgrammar, \.sftemplate or \.sfcallback\.json file in this directory/);
      await expectInputError(join(dir, 'empty'), [], /the current directory: no \.sfgrammar/);
      await expectInputError(
        dir,
        ['cfg/*.sftemplate'],
        /cfg\/\*\.sftemplate: no \.sfgrammar, \.sftemplate or \.sfcallback\.json file matches this pattern/,
      );
    } finally {
      cleanup(dir);
    }
  });

  test('an explicit file of another kind', async () => {
    const dir = workspace({ 'notes.txt': 'x' });
    try {
      await expectInputError(dir, ['notes.txt'], /notes\.txt: not a Sigfox file/);
    } finally {
      cleanup(dir);
    }
  });

  test('a binary file next to a file with errors: the other file is still reported, then exit 2 (issue 11)', async () => {
    const dir = workspace({ 'a.sfgrammar': BAD_GRAMMAR, 'b.sfgrammar': Buffer.from([0x61, 0x3a, 0x3a, 0x00, 0x01]) });
    try {
      const r = await run(['check'], { cwd: dir });
      assert.equal(r.code, 2);
      assert.match(r.stdout, /^a\.sfgrammar$/m, 'the readable file is checked and reported');
      assert.match(r.stderr, /^sigfox-callbacks: b\.sfgrammar: looks like a binary file \(NUL byte at offset 3\)/);
    } finally {
      cleanup(dir);
    }
  });

  test('a file that is not UTF-8', async () => {
    const dir = workspace({ 'latin1.sftemplate': Buffer.from('{"t": "caf\xe9"}', 'latin1') });
    try {
      await expectInputError(
        dir,
        [],
        /latin1\.sftemplate: not valid UTF-8 \(bad byte 0xE9 at offset 10, line 1, byte 11 of the line\); save the file as UTF-8/,
      );
    } finally {
      cleanup(dir);
    }
  });

  test('a file over 10 MB', async () => {
    const dir = workspace({});
    try {
      writeFileSync(join(dir, 'huge.sftemplate'), Buffer.alloc(10 * 1024 * 1024 + 1, 0x61));
      await expectInputError(dir, ['huge.sftemplate'], /huge\.sftemplate: file is 10\.0 MB, larger than the 10 MB limit/);
    } finally {
      cleanup(dir);
    }
  });

  test('walked files are read whole past 64 KB, and one over 10 MB is still refused (its error, the others checked)', async () => {
    const dir = workspace({
      'big.sfgrammar': 'temp::uint:8\n',
      'big.sftemplate': `{"pad": "${'x'.repeat(100_000)}", "t": {customData#nope}}`,
    });
    try {
      writeFileSync(join(dir, 'huge.sftemplate'), Buffer.alloc(10 * 1024 * 1024 + 1, 0x61));
      const r = await run(['check', '--format', 'gnu'], { cwd: dir });
      assert.equal(r.code, 2, r.stderr);
      assert.equal(r.stdout, 'big.sftemplate:1:100030: error: The payload config has no field `nope`. Its fields are: temp. [SFT002]\n');
      assert.match(r.stderr, /huge\.sftemplate: file is 10\.0 MB, larger than the 10 MB limit/);
    } finally {
      cleanup(dir);
    }
  });

  test('a broken .vscode/settings.json', async () => {
    const dir = workspace({ 'a.sfgrammar': SEED_GRAMMAR, '.vscode/settings.json': '{ "sigfox.maxUplinkBytes": }' });
    try {
      await expectInputError(dir, [], /\.vscode\/settings\.json:1:28: a value is expected/);
    } finally {
      cleanup(dir);
    }
  });

  test('unknown option, bad option values', async () => {
    const dir = workspace({ 'a.sfgrammar': SEED_GRAMMAR });
    try {
      await expectInputError(
        dir,
        ['--fromat', 'json'],
        /unknown option --fromat \(did you mean --format\?\)\nRun `sigfox-callbacks check --help` for usage\.\n$/,
      );
      await expectInputError(dir, ['--format', 'xml'], /--format must be one of stylish, gnu, json, sarif, github; got "xml"/);
      await expectInputError(dir, ['--max-warnings', '-1'], /--max-warnings/);
      await expectInputError(dir, ['--format'], /option --format needs a value/);
    } finally {
      cleanup(dir);
    }
  });
});

test('check --help documents the formats and exit codes', async () => {
  const r = await run(['check', '--help']);
  assert.equal(r.code, 0);
  for (const word of ['stylish', 'gnu', 'json', 'sarif', 'github', '--max-warnings', '--quiet', 'Exit codes'])
    assert.ok(r.stdout.includes(word), word);
});

test('a directory tree reached twice through a symlink is walked once', async () => {
  const dir = workspace({ 'a/x.sfgrammar': BAD_GRAMMAR });
  try {
    mkdirSync(join(dir, 'b'));
    symlinkSync(join(dir, 'a'), join(dir, 'b', 'again'), 'dir');
    const r = await run(['check', '-f', 'gnu'], { cwd: dir });
    assert.equal(r.stdout.trimEnd().split('\n').length, 2, r.stdout);
  } finally {
    cleanup(dir);
  }
});

/** The SARIF 2.1.0 JSON schema as shipped by @microsoft/jest-sarif (a draft-04 schema, hence ajv-draft-04). */
let compiledSarif: ReturnType<Ajv['compile']> | undefined;
function sarifValidator(): ReturnType<Ajv['compile']> {
  if (compiledSarif) return compiledSarif;
  const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json') as object;
  // unicodeRegExp: one pattern of the official schema is not a valid /u regular expression.
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false, validateFormats: false, logger: false });
  return (compiledSarif = ajv.compile(schema));
}
