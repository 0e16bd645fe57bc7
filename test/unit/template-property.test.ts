import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Problem } from '../../server/src/core/problem';
import { renderTemplate } from '../../server/src/core/template/render';
import { scanTemplate } from '../../server/src/core/template/scan';
import { validateTemplate, type TemplateContext } from '../../server/src/core/template/validate';
import { CALLBACK_KINDS } from '../../server/src/core/template/variables';
import { grammar } from './template-fixtures';

/** Template-ish text: the pieces that matter (braces, quotes, names, customData#) mixed with anything. */
const templateText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc
    .array(
      fc.oneof(
        fc.constantFrom(
          '{',
          '}',
          '"',
          '\\',
          ':',
          ',',
          '[',
          ']',
          ' ',
          '\n',
          '#',
          'customData#',
          'customdata#',
          'device',
          'time',
          'temp',
          'ack',
          'duplicates',
          'é',
          '😀',
          '//',
        ),
        fc.string({ maxLength: 4 }),
      ),
      { maxLength: 40 },
    )
    .map(parts => parts.join('')),
);

const context: fc.Arbitrary<TemplateContext> = fc
  .record({
    kind: fc.constantFrom(...CALLBACK_KINDS),
    grammar: fc.constantFrom(undefined, grammar('temp::uint:8 ok::bool:7 label::char:2')),
    medium: fc.constantFrom('body', 'url', 'header', 'linePattern', 'email' as const),
    contentType: fc.constantFrom(undefined, 'application/json', 'text/plain'),
  })
  .map(({ kind, ...rest }) => ({ type: kind.type, subtype: kind.subtype, ...rest }));

function assertInRange(problems: readonly Problem[], text: string): void {
  for (const p of problems) {
    assert.ok(p.start >= 0 && p.start <= p.end && p.end <= text.length, `${p.code} [${p.start}, ${p.end}] outside [0, ${text.length}]`);
    if (p.data?.edit) assert.ok(p.data.edit.start >= 0 && p.data.edit.start <= p.data.edit.end && p.data.edit.end <= text.length);
  }
}

test('property: scan never throws; placeholders are in order, inside the text, and their text is what they name', () => {
  fc.assert(
    fc.property(templateText, text => {
      let previousEnd = 0;
      for (const p of scanTemplate(text).placeholders) {
        assert.ok(p.start >= previousEnd && p.end <= text.length);
        assert.equal(text.slice(p.nameStart, p.nameEnd), p.name);
        assert.equal(text[p.start], '{');
        assert.equal(text[p.end - 1], '}');
        previousEnd = p.end;
      }
    }),
    { numRuns: 2000 },
  );
});

test('property: validate never throws and every problem range lies within the text', () => {
  fc.assert(
    fc.property(templateText, context, (text, ctx) => {
      assertInRange(validateTemplate(text, ctx), text);
    }),
    { numRuns: 2000 },
  );
});

test('property: render never throws, problems lie within the template, and without placeholders the text is unchanged', () => {
  const value = fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.bigInt(), fc.double(), fc.boolean(), fc.constant(null));
  fc.assert(
    fc.property(templateText, value, fc.string({ maxLength: 6 }), fc.constantFrom('body', 'url' as const), (text, v, device, medium) => {
      const result = renderTemplate(text, {
        medium,
        variables: { device, time: '1700000000' },
        customData: new Map([['temp', { value: v, type: 'uint' as const }]]),
      });
      assertInRange(result.problems, text);
      if (scanTemplate(text).placeholders.length === 0) assert.equal(result.text, text);
      assert.equal(result.validJson === undefined, !result.isJson);
    }),
    { numRuns: 2000 },
  );
});
