import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseGrammar } from '../../server/src/core/grammar/parse';
import { createLanguageService } from '../../server/src/core/languageService';
import { DEFAULT_SETTINGS } from '../../server/src/core/workspace';
import { MemoryHost } from './helpers/features';

/** Fields and comments in order; a comment on the line of the field before it is marked as trailing it. */
function itemsOf(text: string): string[] {
  const document = parseGrammar(text).document;
  const items = [...document.fields.map(f => ({ t: f.token, comment: false })), ...document.comments.map(c => ({ t: c, comment: true }))];
  items.sort((a, b) => a.t.start - b.t.start);
  return items.map((item, k) => {
    const previous = items[k - 1];
    const trailing = item.comment && previous && !previous.comment && !/[\r\n]/.test(text.slice(previous.t.end, item.t.start));
    return trailing ? `${item.t.text} (after ${previous.t.text})` : item.t.text;
  });
}

function format(text: string, style?: 'multiline' | 'oneLine', host = new MemoryHost()): string {
  host.set('g.sfgrammar', text);
  const document = host.document('g.sfgrammar');
  return TextDocument.applyEdits(document, createLanguageService(host).format(document, style));
}

describe('formatting a payload config', () => {
  it('multiline: one field per line, trailing comments stay with their field, one blank line at most', () => {
    const text = '  # Room sensor\n\n\n\ntemp::int:16 hum::uint:8   # percent\n\t# example: 00FF10 => temp=255 hum=16\nok::bool:7';
    assert.equal(format(text), '# Room sensor\n\ntemp::int:16\nhum::uint:8 # percent\n# example: 00FF10 => temp=255 hum=16\nok::bool:7\n');
  });

  it('oneLine: the canonical one-liner when no comment sits among the fields', () => {
    const text = '# Room sensor\ntemp::int:16\n\nhum::uint:8\n# example: 00FF10 => temp=255 hum=16\n';
    assert.equal(format(text, 'oneLine'), '# Room sensor\ntemp::int:16 hum::uint:8\n# example: 00FF10 => temp=255 hum=16\n');
  });

  it('oneLine: a comment among the fields keeps its place (a trailing comment ends its line)', () => {
    const text = '# Room sensor\ntemp::int:16 # celsius\nhum::uint:8\nlum::uint:8\n# battery:\nvolt::uint:16\n';
    assert.equal(format(text, 'oneLine'), '# Room sensor\ntemp::int:16 # celsius\nhum::uint:8 lum::uint:8\n# battery:\nvolt::uint:16\n');
  });

  it('keeps column-aligned trailing comments aligned, further right when a field got wider', () => {
    const aligned = 'temp::uint:8        # temperature\nhumidity::uint:8    # percent\nvoltage::uint:16    # mV\n';
    assert.equal(format(aligned), aligned);
    assert.equal(
      format('  temp::uint:8    # t\n  hum::uint:8     # h\n'),
      'temp::uint:8      # t\nhum::uint:8       # h\n',
      'the column stays where it was when the fields move left',
    );
    assert.equal(
      format('a::uint:8 b::uint:8 # b\nc::uint:8           # c\n'),
      'a::uint:8\nb::uint:8           # b\nc::uint:8           # c\n',
    );
    assert.equal(
      format('a::uint:8\nb::uint:8 # b\nc::uint:8 # c\n', 'oneLine'),
      'a::uint:8 b::uint:8 # b\nc::uint:8           # c\n',
      'joined fields push the common column right',
    );
  });

  it('takes the style from the `sigfox.format.style` setting', () => {
    const host = new MemoryHost();
    host.currentSettings = { ...DEFAULT_SETTINGS, formatStyle: 'oneLine' };
    assert.equal(format('a::uint:8\nb::uint:8\n', undefined, host), 'a::uint:8 b::uint:8\n');
  });

  it('keeps CRLF line ends, and edits nothing when already formatted', () => {
    assert.equal(format('a::uint:8 b::uint:8\r\n'), 'a::uint:8\r\nb::uint:8\r\n');
    const host = new MemoryHost({ 'g.sfgrammar': 'a::uint:8\nb::uint:8\n' });
    assert.deepEqual(createLanguageService(host).format(host.document('g.sfgrammar')), []);
  });

  it('leaves templates alone', () => {
    const host = new MemoryHost({ 't.sftemplate': '{ "a" :1 }' });
    assert.deepEqual(createLanguageService(host).format(host.document('t.sftemplate')), []);
  });

  it('never changes a field or loses a comment, and is idempotent (property)', () => {
    const field = fc
      .tuple(
        fc.constantFrom('a', 'temp', 'x_1', 'b-2'),
        fc.constantFrom('', '0', '3'),
        fc.constantFrom('uint:8', 'int:4::3', 'bool:7', 'char:2', 'float:32:little-endian'),
      )
      .map(([name, index, type]) => `${name}:${index}:${type}`);
    const comment = fc.constantFrom('# note', '#', '# example: 01 => a=1', '#x # y');
    const space = fc.constantFrom(' ', '  ', '        ', '\t', '\n', '\n\n\n', ' \n ', '\r\n');
    const grammar = fc
      .array(fc.tuple(fc.oneof(field, comment), space), { maxLength: 12 })
      // A comment runs to the end of its line: what follows it on that line is part of it.
      .map(items => items.map(([token, sep]) => token + (token.startsWith('#') ? '\n' : sep)).join(''));
    fc.assert(
      fc.property(grammar, fc.constantFrom('multiline' as const, 'oneLine' as const), (text, style) => {
        const formatted = format(text, style);
        // Same fields and comments in the same order, and each trailing comment still after its field.
        assert.deepEqual(itemsOf(formatted), itemsOf(text));
        assert.equal(format(formatted, style), formatted);
      }),
      { numRuns: 300 },
    );
  });
});
