import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeGrammar } from '../../server/src/core/grammar/analyze';
import type { OffsetEdit, Problem } from '../../server/src/core/problem';
import { createLanguageService } from '../../server/src/core/languageService';
import { MemoryHost } from './helpers/features';

function problems(text: string): Problem[] {
  return [...analyzeGrammar(text).problems];
}

function apply(text: string, edits: readonly OffsetEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** The one root error of a pasted config, and the text its fix writes. */
function rootError(text: string): { problem: Problem; fixed: string } {
  const found = problems(text);
  assert.deepEqual(
    found.map(p => p.code),
    ['SFG029'],
    `${JSON.stringify(text)}: ${found.map(p => p.message).join(' | ')}`,
  );
  const fix = found[0]!.data!.fixes![0]!;
  assert.equal(fix.preferred, true);
  return { problem: found[0]!, fixed: apply(text, fix.edits) };
}

describe('pasted configs: one root error with a targeted hint and a fix', () => {
  it('reads the telltale characters outside comments only, on every line', () => {
    const commented = '# wiring: temp=30, "hum" = 60; it\'s fine\ntemp::uint:8 hum::uint:8 # a, b: "c"\n';
    assert.deepEqual(
      problems(commented).map(p => p.code),
      [],
    );
    // A comma after a comment line, and one before a comment on the same line, are still found.
    assert.equal(rootError('# wiring: a, b\ntemp::uint:8, hum::uint:8').fixed, '# wiring: a, b\ntemp::uint:8 hum::uint:8');
    assert.equal(rootError('temp::uint:8, hum::uint:8 # ok, really').fixed, 'temp::uint:8 hum::uint:8 # ok, really');
    assert.equal(rootError('# a\r\ntemp :: uint:8').fixed, '# a\r\ntemp::uint:8');
  });

  it('fields separated by commas or semicolons', () => {
    const commas = rootError('temp::uint:8, hum::uint:8,lum::uint:8');
    assert.match(commas.problem.message, /not by commas/);
    assert.equal(commas.fixed, 'temp::uint:8 hum::uint:8 lum::uint:8');
    assert.equal(rootError('temp::uint:8;hum::uint:8').fixed, 'temp::uint:8 hum::uint:8');
    // The fields are still understood (templates and the preview keep working).
    assert.deepEqual(
      analyzeGrammar('temp::uint:8, hum::uint:8').document.fields.map(f => f.name.text),
      ['temp', 'hum'],
    );
  });

  it('a non-breaking space', () => {
    const nbsp = rootError('temp::uint:8\u00a0hum::uint:8');
    assert.match(nbsp.problem.message, /non-breaking space \(U\+00A0\)/);
    assert.equal(nbsp.fixed, 'temp::uint:8 hum::uint:8');
  });

  it('the config wrapped in quotes', () => {
    const quoted = rootError('"temp::uint:8 hum::uint:8"\n');
    assert.match(quoted.problem.message, /wrapped in quotes/);
    assert.equal(quoted.fixed, 'temp::uint:8 hum::uint:8\n');
  });

  it('spaces around the colons', () => {
    const spaced = rootError('tempe :: uint: 8');
    assert.match(spaced.problem.message, /`tempe::uint:8`/);
    assert.equal(spaced.fixed, 'tempe::uint:8');
    const second = rootError('a::uint:8\ntemp : int : 16 # comment: kept\n');
    assert.equal(second.fixed, 'a::uint:8\ntemp:int:16 # comment: kept\n');
  });

  it('causes together give one error, and comments are left alone', () => {
    const both = rootError('"a::uint:8, b::uint:8"');
    assert.match(both.problem.message, /commas.*quotes/);
    assert.equal(both.fixed, 'a::uint:8 b::uint:8');
    assert.deepEqual(problems('# sensors: temp, hum; "quoted"\ntemp::uint:8 hum::uint:8'), []);
    assert.deepEqual(
      problems('a::uint:8 ::uint:8').map(p => p.code),
      ['SFG002'],
      'a field without a name is not spacing',
    );
  });

  it('an inline payloadConfig gets the same single error, and its fix is JSON-escaped in place', () => {
    const host = new MemoryHost({
      'cb.sfcallback.json': JSON.stringify({
        channel: 'URL',
        callbackType: 0,
        callbackSubtype: 2,
        url: 'https://e.com/{device}',
        payloadConfig: 'a::uint:8, b::uint:8',
      }),
    });
    const service = createLanguageService(host);
    const document = host.document('cb.sfcallback.json');
    const diagnostics = service.doValidation(document).filter(d => String(d.code).startsWith('SFG'));
    assert.deepEqual(
      diagnostics.map(d => d.code),
      ['SFG029'],
    );
  });
});

describe('one error per mistake, with the fix the message states', () => {
  it('`temp:int:16` is only the misplaced type, not also "Unknown type 16"', () => {
    const found = problems('temp:int:16');
    assert.deepEqual(
      found.map(p => p.code),
      ['SFG006'],
    );
  });

  it('`int16` is fixed to `int:16`, not `int`', () => {
    const text = 'temp::int16';
    const [p] = problems(text);
    assert.equal(p!.code, 'SFG007');
    assert.match(p!.message, /did you mean `int:16`/);
    assert.equal(apply(text, [{ start: p!.start, end: p!.end, newText: p!.data!.replacements![0]! }]), 'temp::int:16');
    const empty = problems('t::uint8:')[0]!;
    assert.equal(apply('t::uint8:', [empty.data!.edit!]), 't::uint:8');
    assert.deepEqual(problems('t::int16:16')[0]!.data!.replacements, ['int'], 'the size is already written');
  });

  it('`float` without its size gets a `float:32` fix (offered, not auto-applied)', () => {
    const [p] = problems('t::float');
    const fix = p!.data!.fixes![0]!;
    assert.equal(apply('t::float', fix.edits), 't::float:32');
    assert.equal(fix.preferred, false);
  });

  it('`le` proposes `little-endian` first', () => {
    const [p] = problems('t::uint:16:le');
    assert.deepEqual(p!.data!.replacements, ['little-endian', 'big-endian']);
    assert.match(p!.message, /Did you mean `little-endian`/);
  });
});
