/**
 * Fuzzing the core on its own (short run; `node --import tsx bench/fuzz.ts` runs a million cases):
 * the grammar parser, layout and decoder, the template scanner, validator and renderer, and the
 * callback-definition checks, build, request rendering and BIDIR reply check, on arbitrary and
 * near-valid inputs. Nothing throws, every range lies inside its text (the 500 ms per-call budget
 * is checked by the long run in bench/). Each failure fuzzing found is a named regression case below, fixed where it lived.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildCallback, validateCallback } from '../../server/src/core/callback';
import { analyzeGrammar } from '../../server/src/core/grammar/analyze';
import { validateGrammar } from '../../server/src/core/grammar/validate';
import { parseGrammar } from '../../server/src/core/grammar/parse';
import { validateTemplate } from '../../server/src/core/template/validate';
import { renderTemplate } from '../../server/src/core/template/render';
import { didYouMean } from '../../server/src/core/suggest';
import {
  assertProblems,
  callbackCase,
  checkCallbackCase,
  checkGrammarCase,
  checkTemplateCase,
  grammarCase,
  templateCase,
  timed,
} from './helpers/fuzz';
import { filesResolver, urlCallback } from './helpers/callback';

test('fuzz: grammar parse, layout, decode and validate', () => {
  fc.assert(fc.property(grammarCase, checkGrammarCase), { numRuns: 3000 });
});

test('fuzz: template scan, validate and render', () => {
  fc.assert(fc.property(templateCase, checkTemplateCase), { numRuns: 3000 });
});

test('fuzz: callback definitions: checks, build, request rendering, BIDIR replies', () => {
  fc.assert(fc.property(callbackCase, checkCallbackCase), { numRuns: 2000 });
});

// ---- regressions: each one a failure the fuzzer found ---------------------------------------

test('regression: a type named like an Object.prototype member (`constructor`, `toString`) is just unknown', () => {
  // suggestType looked the word up in a plain object: `constructor` found Object and offered it as the fix.
  for (const word of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) {
    const problems = validateGrammar(analyzeGrammar(`b::${word}:8`));
    const sfg007 = problems.find(p => p.code === 'SFG007');
    assert.ok(sfg007, word);
    assert.doesNotMatch(sfg007.message, /function|native code|\[object/, word);
    for (const r of sfg007.data?.replacements ?? []) assert.equal(typeof r, 'string', word);
  }
  // In an inline payloadConfig the fix text is JSON-escaped, which threw a TypeError on the function.
  const text = urlCallback('"payloadConfig": "b::constructor:8"');
  assertProblems(validateCallback(text, filesResolver()), text, 'validateCallback');
});

test('regression: `${env:constructor}` is a variable that is not set, not Object.prototype.constructor', () => {
  const text = urlCallback(
    '"headers": {"Authorization": "Bearer ${env:constructor}", "X-A": "${env:__proto__}", "X-B": "${env:toString}"}',
  );
  const built = buildCallback(text, filesResolver(), { ROOM: 'x' });
  assert.equal(built.ok, false);
  assert.deepEqual(!built.ok && built.problems.map(p => p.code), ['SFC101', 'SFC101', 'SFC101']);
  // Own values of those names are still read.
  const env = JSON.parse('{"constructor": "tok", "toString": "b", "__proto__": "c"}') as Record<string, string>;
  const set = buildCallback(text, filesResolver(), env);
  assert.ok(set.ok, JSON.stringify(set));
  assert.deepEqual(set.ok && set.callback.headers.map(h => h.value), ['Bearer tok', 'c', 'b']);
});

// The quadratic paths below took 22 s and 121 s; a hang guard (never a measured figure) keeps them out.
const HANG_GUARD = { timeout: 60_000 };

test('regression: a 300 KB payload config full of duplicate names is checked in linear time', HANG_GUARD, () => {
  // Each duplicate's message named the line of the first one by scanning the text from the top: 22 s for 1 MB.
  let text = '';
  for (let i = 0; text.length < 300_000; i++) text += `field${i % 5000}::uint:8\n`;
  const problems = timed('validateGrammar (300 KB, duplicates)', () => validateGrammar(analyzeGrammar(text)));
  const dup = problems.find(p => p.code === 'SFG005' && text.slice(p.start, p.end) === 'field4999');
  assert.match(dup!.message, /already defined on line 5000:/);
});

test('regression: names of 50,000 characters get no did-you-mean, in no time', HANG_GUARD, () => {
  // Edit distance between two long names is quadratic: a template naming one long field against a
  // grammar with another took 121 s for 200,000 characters.
  const a = 'a'.repeat(50_000),
    b = `${'a'.repeat(49_000)}b`;
  const grammar = parseGrammar(`${b}::uint:8`).document;
  const problems = timed('validateTemplate (long names)', () => validateTemplate(`{customData#${a}}`, { grammar }));
  assert.deepEqual(
    problems.map(p => p.code),
    ['SFT002'],
  );
  assert.deepEqual(
    timed('didYouMean', () => didYouMean(a, [b])),
    [],
  );
  assert.deepEqual(didYouMean('tenp', ['temp', 'humidity']), ['temp'], 'short names still get suggestions');
});

test('regression: JSON nested 100,000 levels deep is an error, not a stack overflow', () => {
  const deep = `{"a": ${'['.repeat(100_000)}${']'.repeat(99_999)}}`;
  const problems = timed('validateCallback (deep)', () => validateCallback(deep, filesResolver()));
  assert.deepEqual(
    problems.map(p => p.code),
    ['SFC001'],
  );
  assert.match(problems[0]!.message, /nested more than 1000 levels/);
  assertProblems(problems, deep, 'validateCallback');
  // A template: valid deep JSON is fine (the native parser does not recurse), invalid deep JSON is located.
  const body = `{"d": "{device}", "x": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
  assert.deepEqual(
    timed('validateTemplate (deep, valid)', () => validateTemplate(body, {})),
    [],
  );
  const broken = body.slice(0, -1);
  const sft006 = timed('validateTemplate (deep, invalid)', () => validateTemplate(broken, {}));
  assert.deepEqual(
    sft006.map(p => p.code),
    ['SFT006'],
  );
  assertProblems(sft006, broken, 'validateTemplate');
  const rendered = timed('renderTemplate (deep, invalid)', () => renderTemplate(broken, { variables: { device: 'x' } }));
  assert.equal(rendered.validJson, false);
});

test('regression: a golden example stating a million-digit integer is compared without BigInt', () => {
  const text = `x::uint:8\n# example: 07 => x=${'0'.repeat(1_000_000)}7\n`;
  assert.deepEqual(
    timed('validateGrammar (huge literal)', () => validateGrammar(analyzeGrammar(text))),
    [],
    'leading zeros still normalise',
  );
  const wrong = timed('validateGrammar (huge literal)', () =>
    validateGrammar(analyzeGrammar(`x::uint:8\n# example: 07 => x=${'9'.repeat(1_000_000)}\n`)),
  );
  assert.deepEqual(
    wrong.map(p => p.code),
    ['SFG025'],
  );
});
