import { describe, it, test } from 'node:test';
import fc from 'fast-check';
import assert from 'node:assert/strict';
import { placeholderAt, placeholderAtOffset, rescanTemplate, scanTemplate } from '../../server/src/core/template/scan';
import { jsonBodyReason } from '../../server/src/core/template/json';
import { marked } from './template-fixtures';

test('scan: a variable placeholder, with exact placeholder and name ranges', () => {
  const { text, marks } = marked('{"id": "|{|device|}|"}');
  const { placeholders, lookalikes } = scanTemplate(text);
  assert.deepEqual(placeholders, [
    { kind: 'variable', start: marks[0], end: marks[3], name: 'device', nameStart: marks[1], nameEnd: marks[2] },
  ]);
  assert.deepEqual(lookalikes, []);
});

test('scan: a customData placeholder; its name takes the field-name set, digits first included', () => {
  const { text, marks } = marked('t=|{customData#|1st_temp-C|}|');
  const [p] = scanTemplate(text).placeholders;
  assert.deepEqual(p, { kind: 'customData', start: marks[0], end: marks[3], name: '1st_temp-C', nameStart: marks[1], nameEnd: marks[2] });
});

test('scan: a variable name must start with a letter', () => {
  assert.deepEqual(scanTemplate('{1abc} {_x} {-y}').placeholders, []);
  assert.deepEqual(
    scanTemplate('{a1_-}').placeholders.map(p => p.name),
    ['a1_-'],
  );
});

test('scan: nested braces: only the innermost brace pair can be a placeholder', () => {
  const { text, marks } = marked('{|{device}|}');
  assert.deepEqual(
    scanTemplate(text).placeholders.map(p => [p.start, p.end]),
    [[marks[0], marks[1]]],
  );
  assert.deepEqual(
    scanTemplate('{"a": {"b": {time}}}').placeholders.map(p => p.name),
    ['time'],
  );
});

test('scan: unbalanced braces stay literal and do not hide later placeholders', () => {
  assert.deepEqual(scanTemplate('{device').placeholders, []);
  assert.deepEqual(scanTemplate('device}').placeholders, []);
  assert.deepEqual(
    scanTemplate('{a {device} {').placeholders.map(p => p.name),
    ['device'],
  );
  assert.deepEqual(
    scanTemplate('}}{time}{{').placeholders.map(p => p.name),
    ['time'],
  );
});

test('scan: empty braces, spaces, other characters are literal', () => {
  assert.deepEqual(scanTemplate('{} {a b} {a.b} {a#b} {"x": 1}').placeholders, []);
  assert.deepEqual(scanTemplate('{} {a b} {"x": 1}').lookalikes, []);
});

test('scan: `{customData#}` and invalid customData names are lookalikes, not placeholders', () => {
  const { text, marks } = marked('|{customData#}| |{customData#temp C}| |{customData#a#b}|');
  const { placeholders, lookalikes } = scanTemplate(text);
  assert.deepEqual(placeholders, []);
  assert.deepEqual(
    lookalikes.map(l => [l.issue, l.start, l.end, l.content]),
    [
      ['invalid-custom-data-name', marks[0], marks[1], 'customData#'],
      ['invalid-custom-data-name', marks[2], marks[3], 'customData#temp C'],
      ['invalid-custom-data-name', marks[4], marks[5], 'customData#a#b'],
    ],
  );
});

test('scan: `{ device }` and `{customdata#x}` are lookalikes with the intended placeholder', () => {
  const { text, marks } = marked('|{ device }| |{\tcustomData#t\n}| |{customdata#t}|');
  const { placeholders, lookalikes } = scanTemplate(text);
  assert.deepEqual(placeholders, []);
  assert.deepEqual(
    lookalikes.map(l => [l.issue, l.start, l.end, l.intended]),
    [
      ['spaced', marks[0], marks[1], '{device}'],
      ['spaced', marks[2], marks[3], '{customData#t}'],
      ['custom-data-case', marks[4], marks[5], '{customData#t}'],
    ],
  );
});

test('scan: `customData` is case-sensitive and a bare `{customData}` is a (unknown) variable', () => {
  const { placeholders } = scanTemplate('{CustomData#t} {customData}');
  assert.deepEqual(
    placeholders.map(p => [p.kind, p.name]),
    [['variable', 'customData']],
  );
});

test('scan: unicode: offsets are UTF-16 code units; non-ASCII names are literal', () => {
  const { text, marks } = marked('é😀 |{device}| {tempé} {customData#é}');
  const { placeholders, lookalikes } = scanTemplate(text);
  assert.deepEqual(
    placeholders.map(p => [p.name, p.start, p.end]),
    [['device', marks[0], marks[1]]],
  );
  assert.equal(text.slice(placeholders[0]?.start, placeholders[0]?.end), '{device}');
  assert.deepEqual(
    lookalikes.map(l => l.issue),
    ['invalid-custom-data-name'],
  );
});

test('scan: adjacent placeholders', () => {
  assert.deepEqual(
    scanTemplate('{device}{time}{customData#a}').placeholders.map(p => [p.name, p.start, p.end]),
    [
      ['device', 0, 8],
      ['time', 8, 14],
      ['a', 14, 28],
    ],
  );
});

test('placeholderAt: inside, at either brace, and at a boundary the next placeholder wins', () => {
  const { placeholders } = scanTemplate('ab {device}{time} cd');
  assert.equal(placeholderAt(placeholders, 2), undefined);
  assert.equal(placeholderAt(placeholders, 3)?.name, 'device');
  assert.equal(placeholderAt(placeholders, 7)?.name, 'device');
  assert.equal(placeholderAt(placeholders, 11)?.name, 'time');
  assert.equal(placeholderAt(placeholders, 17)?.name, 'time');
  assert.equal(placeholderAt(placeholders, 18), undefined);
  assert.equal(placeholderAt([], 0), undefined);
});

test('scan: a large template keeps every placeholder, in order', () => {
  const text = '{"a": "{device}", "b": {time}},'.repeat(2000);
  const { placeholders } = scanTemplate(text);
  assert.equal(placeholders.length, 4000);
  for (const [i, p] of placeholders.entries()) if (i > 0) assert.ok(p.start >= (placeholders[i - 1]?.end ?? 0));
});

describe('rescanTemplate', () => {
  const piece = fc.constantFrom(
    '{',
    '}',
    '{device}',
    '{customData#t}',
    '{ time }',
    '{customdata#x}',
    '{customData#}',
    'a',
    ' ',
    '"',
    '#',
    '{"k": 1}',
    'xx',
  );
  const textOf = fc.array(piece, { maxLength: 40 }).map(parts => parts.join(''));

  it('gives the scan a full scan gives, after any edit of any text', () => {
    fc.assert(
      fc.property(textOf, fc.nat(), fc.nat(), textOf, (before, a, b, inserted) => {
        const start = before.length === 0 ? 0 : a % (before.length + 1);
        const end = start + (before.length === 0 ? 0 : b % (before.length - start + 1));
        const after = before.slice(0, start) + inserted + before.slice(end);
        assert.deepEqual(rescanTemplate(before, scanTemplate(before), after), scanTemplate(after));
      }),
      { numRuns: 5000 },
    );
  });

  it('gives the scan a full scan gives on long texts, whatever chunks the edit falls in', () => {
    // Padding of thousands of characters around the pieces: the common prefix and suffix are
    // found a chunk at a time, and an edit may fall on either side of a chunk boundary.
    const longText = fc
      .tuple(fc.nat({ max: 5000 }), textOf, fc.nat({ max: 5000 }), textOf)
      .map(
        ([left, middle, right, tail]) => `${'{device} x'.repeat(left / 10)}${'a'.repeat(left % 10)}${middle}${' '.repeat(right)}${tail}`,
      );
    fc.assert(
      fc.property(longText, fc.nat(), fc.nat({ max: 3 }), textOf, (before, a, removed, inserted) => {
        const start = a % (before.length + 1);
        const end = Math.min(before.length, start + removed);
        const after = before.slice(0, start) + inserted + before.slice(end);
        assert.deepEqual(rescanTemplate(before, scanTemplate(before), after), scanTemplate(after));
      }),
      { numRuns: 500 },
    );
  });

  it('finds the placeholder at any offset from the text around it as the full scan does, and tells JSON bodies apart the same', () => {
    const noisy = fc.array(fc.oneof(piece, fc.constantFrom('{{', '}}', '{customData#a-b_1}', '{x y}', '\n', '[')), { maxLength: 30 });
    fc.assert(
      fc.property(noisy, parts => {
        const text = parts.join('');
        const { placeholders } = scanTemplate(text);
        for (let offset = 0; offset <= text.length; offset++)
          assert.deepEqual(placeholderAtOffset(text, offset), placeholderAt(placeholders, offset), JSON.stringify({ text, offset }));
        // D14: a first `{` that opens a placeholder is a text line, whatever else follows.
        const first = text.search(/[^ \t\r\n]/);
        const startsJson = first >= 0 && (text[first] === '[' || (text[first] === '{' && placeholders[0]?.start !== first));
        assert.equal(jsonBodyReason(text, 'body') === 'starts-like-json', startsJson, JSON.stringify(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps the unchanged placeholders before the edit as they were', () => {
    const before = '{device} {time} {data}';
    const previous = scanTemplate(before);
    const next = rescanTemplate(before, previous, '{device} {time} {data} {seqNumber}');
    assert.equal(next.placeholders[0], previous.placeholders[0]);
    assert.deepEqual(
      next.placeholders.map(p => p.name),
      ['device', 'time', 'data', 'seqNumber'],
    );
  });
});
