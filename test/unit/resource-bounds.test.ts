/**
 * Resource bounds (issue 15): what a huge or hostile file costs is bounded by rule, not by luck.
 * No timing is asserted here: each case would overflow the stack, or return hundreds of
 * thousands of diagnostics, without its bound.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLanguageService } from '../../server/src/core/languageService';
import { MAX_PROBLEMS_PER_FILE } from '../../server/src/core/features/validation';
import { MemoryHost, uriOf } from './helpers/features';
import { validateCallback } from '../../server/src/core/callback/validate';
import { analyzeGrammar } from '../../server/src/core/grammar/analyze';
import { stylish } from '../../server/src/cli/formatters/stylish';
import { table } from '../../server/src/cli/frameFormats';

describe('diagnostics are capped per file', () => {
  it('a grammar with 6,000 problems gets the first 1,000 (errors first) and one summary', () => {
    // Alternating bad fields: duplicate names (errors) and upper-case types (errors), many of each.
    const text = Array.from({ length: 3_000 }, (_, i) => `t::uint:8 x${i}::bogus:8`).join('\n');
    const host = new MemoryHost({ 'big.sfgrammar': text });
    const diagnostics = createLanguageService(host).validate(uriOf('big.sfgrammar'));
    assert.equal(diagnostics.length, MAX_PROBLEMS_PER_FILE + 1);
    assert.equal(diagnostics[0]!.code, 'SFG900');
    assert.match(diagnostics[0]!.message, /only the first 1000 are shown/);
    for (let i = 2; i < diagnostics.length; i++) {
      const a = diagnostics[i - 1]!.range.start,
        b = diagnostics[i]!.range.start;
      assert.ok(a.line < b.line || (a.line === b.line && a.character <= b.character), 'kept in document order');
    }
  });

  it('a file under the cap is reported whole, with no summary', () => {
    const host = new MemoryHost({ 'small.sfgrammar': 't::uint:8 t::uint:8' });
    const diagnostics = createLanguageService(host).validate(uriOf('small.sfgrammar'));
    assert.ok(diagnostics.every(d => d.code !== 'SFG900'));
  });
});

describe('no spread or recursion proportional to the input', () => {
  it('a definition with 140,000 syntax problems is checked, not a stack overflow', () => {
    const problems = validateCallback(`{${Array(140_000).fill('x').join(',')}}`, { readRelative: () => undefined });
    assert.ok(problems.length > 130_000);
  });

  it('the stylish report and the decode table handle 140,000 rows', () => {
    const diagnostics = Array.from({ length: 140_000 }, (_, i) => ({
      range: { start: { line: i, character: 0 }, end: { line: i, character: 1 } },
      severity: 2 as const,
      code: 'SFG019',
      message: 'm',
    }));
    assert.match(stylish([{ path: '/a', display: 'a', diagnostics }], { cwd: '/', color: false, version: '', env: {} }), /140000 problems/);
    const grammar = analyzeGrammar(Array.from({ length: 140_000 }, (_, i) => `f${i}:0:bool:0`).join(' '));
    const frame = new Uint8Array([1]);
    assert.match(table(grammar, grammar.decoder.decode(frame), frame, false), /^f139999 /m);
  });
});
