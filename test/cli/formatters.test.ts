import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { colorEnabled } from '../../server/src/cli/color';
import { FORMATTERS } from '../../server/src/cli/formatters';
import type { CheckedFile, FormatContext } from '../../server/src/cli/formatters/types';

/** The formatters on hand-made diagnostics: the cases real checks rarely produce. */

const diag = (
  line: number,
  character: number,
  endCharacter: number,
  severity: DiagnosticSeverity,
  code: string,
  message: string,
): Diagnostic => ({
  range: { start: { line, character }, end: { line, character: endCharacter } },
  severity,
  code,
  message,
  source: 'sigfox',
});

const files: CheckedFile[] = [
  {
    path: '/ws/cfg/a,b.sfgrammar',
    display: 'cfg/a,b.sfgrammar',
    diagnostics: [
      diag(0, 4, 9, DiagnosticSeverity.Error, 'SFG005', '100% wrong:\r\nsecond line'),
      diag(11, 0, 3, DiagnosticSeverity.Information, 'SFT104', 'for your information'),
    ],
  },
  { path: '/ws/clean.sfgrammar', display: 'clean.sfgrammar', diagnostics: [] },
];
const context: FormatContext = { cwd: '/ws', color: false, version: '9.9.9', env: {} };

describe('formatters', () => {
  test('github escapes %, CR and LF in messages, and : and , in properties; info becomes a notice', () => {
    const out = FORMATTERS.github(files, context).split('\n');
    assert.equal(
      out[0],
      '::error file=cfg/a%2Cb.sfgrammar,line=1,col=5,endLine=1,endColumn=10,title=SFG005::100%25 wrong:%0D%0Asecond line',
    );
    assert.equal(out[1], '::notice file=cfg/a%2Cb.sfgrammar,line=12,col=1,endLine=12,endColumn=4,title=SFT104::for your information');
    const inWorkspace = FORMATTERS.github(files, { ...context, cwd: '/ws/cfg', env: { GITHUB_WORKSPACE: '/ws' } });
    assert.match(inWorkspace, /file=cfg\/a%2Cb\.sfgrammar/, 'relative to the checkout, not to the working directory');
  });

  test('gnu keeps one line per problem (newlines in a message become spaces) and says note for information', () => {
    assert.equal(
      FORMATTERS.gnu(files, context),
      'cfg/a,b.sfgrammar:1:5: error: 100% wrong: second line [SFG005]\n' + 'cfg/a,b.sfgrammar:12:1: note: for your information [SFT104]\n',
    );
  });

  test('stylish aligns positions and severities within a file and counts info apart', () => {
    const out = FORMATTERS.stylish(files, context);
    assert.equal(
      out,
      '\ncfg/a,b.sfgrammar\n' +
        '  1:5   error  100% wrong: second line  SFG005\n' +
        '  12:1  info   for your information  SFT104\n' +
        '\n✖ 2 problems (1 error, 0 warnings, 1 info)\n',
    );
    assert.equal(FORMATTERS.stylish([files[1]!], context), '', 'nothing at all when clean');
  });

  test('sarif maps information to note and keeps files outside the working directory absolute', () => {
    const log = JSON.parse(FORMATTERS.sarif([{ ...files[0]!, path: '/elsewhere/x.sfgrammar' }], context));
    const results = log.runs[0].results as {
      level: string;
      locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } } }[];
    }[];
    assert.deepEqual(
      results.map(r => r.level),
      ['error', 'note'],
    );
    assert.equal(results[0]!.locations[0]!.physicalLocation.artifactLocation.uri, 'file:///elsewhere/x.sfgrammar');
    assert.equal(results[0]!.locations[0]!.physicalLocation.artifactLocation.uriBaseId, undefined);
    assert.equal(log.runs[0].tool.driver.version, '9.9.9');
  });

  test('colour: FORCE_COLOR wins, then a non-empty NO_COLOR, then a terminal that is not dumb', () => {
    assert.equal(colorEnabled({ isTTY: true }, {}), true);
    assert.equal(colorEnabled({ isTTY: false }, {}), false);
    assert.equal(colorEnabled({ isTTY: true }, { NO_COLOR: '1' }), false);
    assert.equal(colorEnabled({ isTTY: true }, { NO_COLOR: '' }), true);
    assert.equal(colorEnabled({ isTTY: true }, { TERM: 'dumb' }), false);
    assert.equal(colorEnabled({ isTTY: false }, { FORCE_COLOR: '1' }), true);
    assert.equal(colorEnabled({ isTTY: false }, { FORCE_COLOR: '', NO_COLOR: '1' }), true);
    assert.equal(colorEnabled({ isTTY: true }, { FORCE_COLOR: '0' }), false);
    assert.equal(colorEnabled({ isTTY: true }, { FORCE_COLOR: 'false' }), false);
  });
});
