import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FieldType } from '../../server/src/core/grammar/ast';
import type { DecodedValue } from '../../server/src/core/grammar/value';
import { TEMPLATE_CODES } from '../../server/src/core/template/codes';
import { renderTemplate, type CustomDataInput } from '../../server/src/core/template/render';
import { marked } from './template-fixtures';

function fields(entries: Record<string, [DecodedValue, FieldType, (32 | 64)?]>): Map<string, CustomDataInput> {
  return new Map(
    Object.entries(entries).map(([name, [value, type, floatBits]]) => [name, floatBits ? { value, type, floatBits } : { value, type }]),
  );
}

const VARIABLES = { device: '1A2B3C', time: '1700000000', data: 'c0ffee' };

test('render: every placeholder replaced; valid JSON; no problems', () => {
  const result = renderTemplate('{"device": "{device}", "time": {time}, "t": {customData#t}, "ok": {customData#ok}}', {
    variables: VARIABLES,
    customData: fields({ t: [21, 'uint'], ok: [true, 'bool'] }),
  });
  assert.equal(result.text, '{"device": "1A2B3C", "time": 1700000000, "t": 21, "ok": true}');
  assert.equal(result.isJson, true);
  assert.equal(result.validJson, true);
  assert.deepEqual(result.problems, []);
});

test('render exactness: 64-bit integers as exact digits, float32 shortest round-trip, negative ints', () => {
  const result = renderTemplate('{customData#big} {customData#f} {customData#d} {customData#neg}', {
    customData: fields({
      big: [18446744073709551615n, 'uint'],
      f: [Math.fround(0.8465959), 'float', 32],
      d: [0.1, 'float', 64],
      neg: [-1093, 'int'],
    }),
  });
  assert.equal(result.text, '18446744073709551615 0.8465959 0.1 -1093');
  assert.equal(result.isJson, false);
  assert.equal(result.validJson, undefined);
});

test('render: chars and variables are inserted raw, without quotes or escaping (D10)', () => {
  const result = renderTemplate('<{customData#s}|{device}>', {
    variables: { device: 'a"b\\c' },
    customData: fields({ s: ['x y&z', 'char'] }),
  });
  assert.equal(result.text, '<x y&z|a"b\\c>');
  assert.deepEqual(result.problems, [], 'a text body has nothing to break');
});

test('SFT101: a value with `"` inside a JSON string is reported at the placeholder; the JSON is invalid, reported once', () => {
  const { text: template, marks } = marked('{"label": "|{customData#label}|"}');
  const result = renderTemplate(template, { customData: fields({ label: ['a"b', 'char'] }) });
  assert.equal(result.text, '{"label": "a"b"}');
  assert.equal(result.validJson, false);
  assert.deepEqual(
    result.problems.map(p => [p.code, p.start, p.end]),
    [['SFT101', marks[0], marks[1]]],
  );
  assert.match(result.problems[0]?.message ?? '', /`\{customData#label\}` \("a\\"b"\) contains a `"`.*without escaping/);
});

test('SFT101: backslashes and control characters in a string variable', () => {
  const backslash = renderTemplate('{"m": "{infoMessage}"}', { variables: { infoMessage: 'C:\\x' } });
  assert.match(backslash.problems[0]?.message ?? '', /a `\\`/);
  const newline = renderTemplate('{"m": "{infoMessage}"}', { variables: { infoMessage: 'two\nlines' } });
  assert.deepEqual(
    newline.problems.map(p => p.code),
    ['SFT101'],
  );
  assert.match(newline.problems[0]?.message ?? '', /line break/);
});

test('SFT102: a URL value that needs percent-encoding, and the same for a form body', () => {
  const { text: template, marks } = marked('https://x.io/?m=|{infoMessage}|&d={device}');
  const result = renderTemplate(template, { medium: 'url', variables: { infoMessage: 'No answer', device: '1A2B' } });
  assert.equal(result.text, 'https://x.io/?m=No answer&d=1A2B');
  assert.deepEqual(
    result.problems.map(p => [p.code, p.start, p.end]),
    [['SFT102', marks[0], marks[1]]],
  );
  assert.match(result.problems[0]?.message ?? '', /a space, which needs percent-encoding \(%20\)/);
  const form = renderTemplate('l={customData#l}', {
    contentType: 'application/x-www-form-urlencoded',
    customData: fields({ l: ['é&', 'char'] }),
  });
  assert.match(form.problems[0]?.message ?? '', /`é`.*%C3%A9/);
  assert.deepEqual(renderTemplate('t={customData#t}', { medium: 'url', customData: fields({ t: [-12.5, 'float'] }) }).problems, []);
});

test('SFT103: a NaN/Infinity float renders null with a warning', () => {
  const result = renderTemplate('{"f": {customData#f}}', { customData: fields({ f: [NaN, 'float', 32] }) });
  assert.equal(result.text, '{"f": null}');
  assert.equal(result.validJson, true);
  assert.deepEqual(
    result.problems.map(p => p.code),
    ['SFT103'],
  );
  assert.equal(TEMPLATE_CODES.SFT103.severity, 'warning');
  assert.match(result.problems[0]?.message ?? '', /`f` decoded to NaN/);
});

test('SFT104: a field that did not fit the frame renders null (info)', () => {
  const { text: template, marks } = marked('{"b": |{customData#b}|}');
  const result = renderTemplate(template, { customData: fields({ b: [null, 'uint'] }) });
  assert.equal(result.text, '{"b": null}');
  assert.deepEqual(
    result.problems.map(p => [p.code, p.start, p.end]),
    [['SFT104', marks[0], marks[1]]],
  );
  assert.equal(TEMPLATE_CODES.SFT104.severity, 'info');
  assert.match(result.problems[0]?.message ?? '', /field `b` does not fit in this frame/);
});

test('SFT105: a missing value leaves the placeholder as written and says how to give one', () => {
  const { text: template, marks } = marked('{"d": "|{device}|", "x": "|{customData#x}|"}');
  const result = renderTemplate(template, {});
  assert.equal(result.text, template);
  assert.deepEqual(
    result.problems.map(p => [p.code, p.start, p.end]),
    [
      ['SFT105', marks[0], marks[1]],
      ['SFT105', marks[2], marks[3]],
    ],
  );
  assert.match(result.problems[0]?.message ?? '', /No value was given for `\{device\}`.*--var device=/);
  assert.match(result.problems[1]?.message ?? '', /no payload config was given/);
  const noField = renderTemplate('{customData#x}', { customData: fields({}) });
  assert.match(noField.problems[0]?.message ?? '', /the payload config has no field `x`/);
});

test('SFT106: the rendered JSON is invalid; the error is mapped back into the template', () => {
  const { text: template, marks } = marked('{"n": |{customData#label}|}');
  const result = renderTemplate(template, { customData: fields({ label: ['abc', 'char'] }) });
  assert.equal(result.text, '{"n": abc}');
  assert.equal(result.validJson, false);
  assert.deepEqual(
    result.problems.map(p => [p.code, p.start, p.end]),
    [['SFT106', marks[0], marks[1]]],
  );
  assert.match(result.problems[0]?.message ?? '', /in the value of `\{customData#label\}`/);
});

test('SFT106: an error in literal text after values of another length keeps its template offset', () => {
  const { text: template, marks } = marked('{"d": "{device}", "t": {time}|,|}');
  const result = renderTemplate(template, { variables: VARIABLES });
  assert.equal(result.validJson, false);
  assert.deepEqual(
    result.problems.map(p => [p.code, p.start, p.end]),
    [['SFT106', marks[0], marks[1]]],
  );
});

test('D14 in render: content type, leading `{`/`[`, leading placeholder, medium', () => {
  assert.equal(renderTemplate('  {"a": 1}').isJson, true);
  assert.equal(renderTemplate('[1]').isJson, true);
  assert.equal(renderTemplate('{device};{data}', { variables: VARIABLES }).isJson, false);
  assert.equal(renderTemplate('{"a": 1}', { contentType: 'text/plain' }).isJson, false);
  assert.equal(renderTemplate('x', { contentType: 'Application/JSON' }).isJson, true);
  assert.equal(renderTemplate('{"a": 1}', { medium: 'header' }).isJson, false);
  assert.equal(renderTemplate('').isJson, false);
});

test('every SFT1xx code is covered by a test above', () => {
  assert.deepEqual(
    Object.keys(TEMPLATE_CODES).filter(c => c.startsWith('SFT1')),
    ['SFT101', 'SFT102', 'SFT103', 'SFT104', 'SFT105', 'SFT106'],
  );
});
