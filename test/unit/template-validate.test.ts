import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TEMPLATE_CODES } from '../../server/src/core/template/codes';
import { validateTemplate, type TemplateContext } from '../../server/src/core/template/validate';
import type { Problem } from '../../server/src/core/problem';
import { grammar, marked } from './template-fixtures';

const ROOM = grammar('temp::uint:8 humidity::uint:8 ok::bool:7 label::char:3 ratio::float:32');

/** Validates a fixture whose two `|` marks the expected range; asserts exactly one problem, returns it. */
function single(fixture: string, context: TemplateContext = {}): { problem: Problem; text: string } {
  const { text, marks } = marked(fixture);
  const problems = validateTemplate(text, context);
  assert.equal(problems.length, 1, `one problem expected, got ${JSON.stringify(problems, null, 1)}`);
  const [problem] = problems;
  assert.ok(problem);
  assert.deepEqual([problem.start, problem.end], [marks[0], marks[1]], `range of ${problem.code}: ${problem.message}`);
  return { problem, text };
}

function codes(text: string, context: TemplateContext = {}): string[] {
  return validateTemplate(text, context).map(p => p.code);
}

test('clean templates: JSON, text, URL, every kind', () => {
  assert.deepEqual(
    codes(
      '{"device": "{device}", "time": {time}, "data": "{data}", "t": {customData#temp}, "ok": {customData#ok}, "l": "{customData#label}"}',
      { grammar: ROOM },
    ),
    [],
  );
  assert.deepEqual(codes('device={device}&data={data}&seq={seqNumber}', { contentType: 'application/x-www-form-urlencoded' }), []);
  assert.deepEqual(codes('https://example.com/{device}?t={time}&h={customData#humidity}', { medium: 'url', grammar: ROOM }), []);
  assert.deepEqual(codes('{device};{time};{data}', { medium: 'linePattern' }), []);
  assert.deepEqual(
    codes('{"d": {duplicates}, "loc": {computedLocation}, "lqi": "{lqi}"}', { type: 'SERVICE', subtype: 'DATA_ADVANCED' }),
    [],
  );
  assert.deepEqual(codes('{"code": {infoCode}, "ack": {downlinkAck}}', { type: 'SERVICE', subtype: 'ACKNOWLEDGE' }), []);
  assert.deepEqual(codes('{"info": "{info}", "severity": "{severity}"}', { type: 'ERROR' }), []);
  assert.deepEqual(codes(''), []);
});

test('SFT001 unknown variable: on the name, with did-you-mean replacements', () => {
  const { problem } = single('{"id": "{|devise|}"}');
  assert.equal(problem.code, 'SFT001');
  assert.match(problem.message, /`\{devise\}` is not a Sigfox variable.*Did you mean `\{device\}`/);
  assert.equal(problem.data?.replacements?.[0], 'device');
});

test('SFT001: a name in the wrong case suggests the right one first', () => {
  const { problem } = single('{|Device|}');
  assert.deepEqual(problem.data?.replacements?.[0], 'device');
});

test('SFT001/SFT004: a payload field written as a variable suggests `customData#name`', () => {
  const { problem } = single('h={|humidity|}', { grammar: ROOM });
  assert.equal(problem.code, 'SFT001');
  assert.match(problem.message, /\{customData#humidity\}/);
  assert.deepEqual(problem.data?.replacements, ['customData#humidity']);
  // `temp` is also a SERVICE/STATUS variable: not available here, and the field is offered.
  const status = single('t={|temp|}', { grammar: ROOM }).problem;
  assert.equal(status.code, 'SFT004');
  assert.match(status.message, /SERVICE\/STATUS.*\{customData#temp\}/);
  assert.deepEqual(status.data?.replacements, ['customData#temp']);
});

test('SFT001: with nothing close, the message lists what the kind offers; `{customData}` explains the syntax', () => {
  const { problem } = single('{|zzzzzzzz|}', { type: 'ERROR' });
  assert.match(problem.message, /ERROR callbacks offer: \{time\}, \{device\}, \{info\}, \{severity\}/);
  assert.match(single('{|customData|}').problem.message, /\{customData#<field name>\}/);
});

test('SFT002 customData name missing from the payload config: did-you-mean over its fields', () => {
  const { problem } = single('{"t": {customData#|tmp|}}', { grammar: ROOM });
  assert.equal(problem.code, 'SFT002');
  assert.match(problem.message, /no field `tmp`.*Did you mean `temp`/);
  assert.deepEqual(problem.data?.replacements, ['temp']);
  // Not also an invalid-JSON error: an unknown field has no type, so it is not second-guessed.
});

test('SFT002: with nothing close, the message lists the fields', () => {
  const { problem } = single('{customData#|pressure|}', { grammar: ROOM });
  assert.match(problem.message, /Its fields are: temp, humidity, ok, label, ratio/);
});

test('SFT003 customData with no payload config associated: a warning naming the three ways to associate one', () => {
  const { problem } = single('{"t": |{customData#temp}|}');
  assert.equal(problem.code, 'SFT003');
  assert.equal(TEMPLATE_CODES.SFT003.severity, 'warning');
  assert.match(problem.message, /`temp`/);
  assert.match(problem.message, /bodyTemplateFile/);
  assert.match(problem.message, /\.sfgrammar/);
  assert.match(problem.message, /sigfox\.associations/);
});

test('SFT004 variable not available for the subtype: names the subtypes that have it', () => {
  const { problem } = single('{"a": {|ack|}}');
  assert.equal(problem.code, 'SFT004');
  assert.match(problem.message, /`\{ack\}` is not sent by DATA\/UPLINK callbacks; it exists in DATA\/BIDIR callbacks/);
  assert.deepEqual(codes('{"a": {ack}}', { type: 'DATA', subtype: 'BIDIR' }), []);
});

test('SFT004: customData in a kind without payload config', () => {
  const { problem } = single('|{customData#temp}|', { type: 'SERVICE', subtype: 'STATUS', grammar: ROOM });
  assert.equal(problem.code, 'SFT004');
  assert.match(
    problem.message,
    /SERVICE\/STATUS callbacks have no payload config; only DATA\/UPLINK, DATA\/BIDIR or SERVICE\/DATA_ADVANCED/,
  );
});

test('SFT005 deprecated variable: a warning with the replacement in data.replacements', () => {
  const { problem } = single('s={|signal|}');
  assert.equal(problem.code, 'SFT005');
  assert.match(problem.message, /`\{signal\}` is deprecated.*Use `\{snr\}` instead/);
  assert.deepEqual(problem.data?.replacements, ['snr']);
  const avg = single('s={|avgSnr|}').problem;
  assert.equal(avg.code, 'SFT005');
  assert.equal(avg.data, undefined, 'no replacement named by the spec');
});

test('SFT006 invalid JSON: the exact offset of the first error, in a body with placeholders before it', () => {
  const { problem } = single('{"device": "{device}", "time": {time}|,|}');
  assert.equal(problem.code, 'SFT006');
  assert.match(problem.message, /not valid JSON.*no comma after the last property/);
  assert.match(problem.message, /starts with `\{`/);
});

test('SFT006: a missing comma after a long placeholder is found exactly where it is', () => {
  const { problem } = single('{"a": {customData#humidity} |"b"|: 1}', { grammar: ROOM });
  assert.match(problem.message, /`,` is missing/);
});

test('SFT006: comments are rejected (real JSON has none); the content type makes a body JSON', () => {
  assert.match(single('{"a": 1 |// note|\n}').problem.message, /comments/);
  const problems = validateTemplate('device={device}', { contentType: 'application/json; charset=utf-8' });
  assert.deepEqual(
    problems.map(p => [p.code, p.start, p.end]),
    [
      ['SFT006', 0, 7],
      ['SFT007', 7, 15],
    ],
  );
  assert.match(problems[0]?.message ?? '', /content type is application\/json/);
});

test('SFT006: a raw control character in a string is located on the character', () => {
  const { problem } = single('{"a": "x|\t|y"}');
  assert.match(problem.message, /tab/);
});

test('SFT007 text value outside quotes in JSON: an error with the quoted fix', () => {
  const { problem } = single('{"id": |{device}|}');
  assert.equal(problem.code, 'SFT007');
  assert.match(problem.message, /`\{device\}` is a text value.*"\{device\}"/);
  assert.deepEqual(problem.data?.replacements, ['"{device}"']);
  assert.deepEqual(problem.data?.edit, { start: 7, end: 15, newText: '"{device}"' });
});

test('SFT007: a char payload field outside quotes', () => {
  assert.equal(single('{"l": |{customData#label}|}', { grammar: ROOM }).problem.code, 'SFT007');
});

test('SFT008 number or boolean inside quotes: a warning with the unquoted fix', () => {
  const { problem, text } = single('{"time": |"{time}"|}');
  assert.equal(problem.code, 'SFT008');
  assert.match(problem.message, /`\{time\}` is a number.*Remove the quotes/);
  assert.deepEqual(problem.data?.replacements, ['{time}']);
  assert.equal(text.slice(problem.data.edit!.start, problem.data.edit!.end), '"{time}"');
  assert.equal(single('{"ok": |"{customData#ok}"|}', { grammar: ROOM }).problem.code, 'SFT008');
});

test('SFT008: not for a number inside a longer string, nor for an object key', () => {
  assert.deepEqual(codes('{"t": "at {time}s", "{seqNumber}": 1}'), []);
});

test('SFT009 JSON object/array variable inside quotes', () => {
  const ctx: TemplateContext = { type: 'SERVICE', subtype: 'DATA_ADVANCED' };
  const { problem } = single('{"d": |"{duplicates}"|}', ctx);
  assert.equal(problem.code, 'SFT009');
  assert.match(problem.message, /`\{duplicates\}` is inserted as a JSON array/);
  assert.deepEqual(problem.data?.replacements, ['{duplicates}']);
  const inside = single('{"d": "loc=|{computedLocation}|"}', ctx).problem;
  assert.match(inside.message, /JSON object.*Move it out of the string/);
});

test('SFT010 `{customData#...}` with an invalid name: a warning, it stays literal', () => {
  const { problem } = single('t=|{customData#temp C}|', { grammar: ROOM });
  assert.equal(problem.code, 'SFT010');
  assert.match(problem.message, /`\{customData#temp C\}` is sent as literal text: `temp C` is not a valid field name/);
  assert.deepEqual(problem.data?.replacements, ['{customData#temp}']);
  const empty = single('t=|{customData#}|', { grammar: ROOM }).problem;
  assert.match(empty.message, /no field name/);
  assert.equal(empty.data?.replacements?.[0], '{customData#temp}');
});

test('SFT010: a grammar field with `#` can never be inserted', () => {
  const { problem } = single('v=|{customData#a#b}|', { grammar: grammar('a#b::uint:8') });
  assert.match(problem.message, /field `a#b` can never be inserted/);
});

test('SFT011 placeholder lookalikes: spaces inside the braces, customData in the wrong case', () => {
  const spaced = single('id=|{ device }|').problem;
  assert.equal(spaced.code, 'SFT011');
  assert.match(spaced.message, /`\{ device \}` is sent as literal text because of the spaces.*`\{device\}`/);
  assert.deepEqual(spaced.data?.replacements, ['{device}']);
  const cased = single('t=|{customdata#temp}|').problem;
  assert.match(cased.message, /case-sensitive/);
  assert.deepEqual(cased.data?.replacements, ['{customData#temp}']);
  // Ordinary braces are no lookalike.
  assert.deepEqual(codes('say { hello } { a b }'), []);
});

test('SFT012 DATA_ADVANCED body that is not JSON', () => {
  const { problem } = single('\n|device={device}|\nx', { type: 'SERVICE', subtype: 'DATA_ADVANCED' });
  assert.equal(problem.code, 'SFT012');
  assert.match(problem.message, /DATA_ADVANCED callbacks need a JSON body/);
  assert.deepEqual(codes('device={device}', { type: 'SERVICE', subtype: 'DATA_ADVANCED', medium: 'url' }), []);
});

test('D14: a body is JSON by content type, or without one when it starts with `{` (not a placeholder) or `[`', () => {
  assert.deepEqual(codes('{device}: {data}'), [], 'a leading placeholder is text, not JSON');
  assert.deepEqual(codes('  [{time}, "{device}"]'), []);
  assert.deepEqual(codes('[{device}]'), ['SFT007']);
  assert.deepEqual(codes('{"a": {device}}', { contentType: 'text/plain' }), [], 'a text content type wins');
  assert.deepEqual(codes('{"a": {device}}', { medium: 'url' }), [], 'only bodies are JSON');
  assert.deepEqual(codes('{device}', { contentType: 'application/json' }), ['SFT007']);
});

test('no double report: an unknown variable, an unquoted string or an unknown field does not also break the JSON parse', () => {
  assert.deepEqual(codes('{"a": {devise}}'), ['SFT001']);
  assert.deepEqual(codes('{"a": {device}}'), ['SFT007']);
  assert.deepEqual(codes('{"a": {customData#nope}}', { grammar: ROOM }), ['SFT002']);
  assert.deepEqual(codes('{"a": {customData#temp}}'), ['SFT003']);
  assert.deepEqual(codes('{"v": {customData#temp}{customData#humidity}}', { grammar: ROOM }), [], 'adjacent numbers render as one number');
});

test('problems are sorted by offset', () => {
  const problems = validateTemplate('{"a": {device}, "b": {devise}, "c": "{time}",}');
  assert.deepEqual(
    problems.map(p => p.code),
    ['SFT007', 'SFT001', 'SFT008', 'SFT006'],
  );
  for (const [i, p] of problems.entries()) if (i > 0) assert.ok((problems[i - 1]?.start ?? 0) <= p.start);
});

test('every SFT0xx code is covered by a test above', () => {
  const validationCodes = Object.keys(TEMPLATE_CODES).filter(c => c.startsWith('SFT0'));
  assert.deepEqual(validationCodes, [
    'SFT001',
    'SFT002',
    'SFT003',
    'SFT004',
    'SFT005',
    'SFT006',
    'SFT007',
    'SFT008',
    'SFT009',
    'SFT010',
    'SFT011',
    'SFT012',
    'SFT013', // test/unit/template-advice.test.ts
  ]);
});
