import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FoldingRangeKind, SymbolKind } from 'vscode-languageserver-types';
import { createLanguageService } from '../../server/src/core/languageService';
import { MemoryHost } from './helpers/features';

describe('document symbols', () => {
  it('lists the fields of a payload config, with type and bytes, and its golden examples, in order', () => {
    const host = new MemoryHost({ 'g.sfgrammar': 'a::uint:4 b:0:uint:4::3\n# example: 12 => a=1 b=2\nc::char:2' });
    const symbols = createLanguageService(host).findDocumentSymbols(host.document('g.sfgrammar'));
    assert.deepEqual(
      symbols.map(s => [s.name, s.kind, s.detail]),
      [
        ['a', SymbolKind.Field, 'uint:4 · byte 0, bits 7..4'],
        ['b', SymbolKind.Field, 'uint:4 · byte 0, bits 3..0'],
        ['example 12', SymbolKind.Event, undefined],
        ['c', SymbolKind.Field, 'char × 2 bytes · bytes 0-1'], // "last byte used" after an explicit bit offset (§1.2),
      ],
    );
    assert.deepEqual(symbols[1]!.selectionRange, { start: { line: 0, character: 10 }, end: { line: 0, character: 11 } });
  });

  it('lists the placeholders of a template', () => {
    const host = new MemoryHost({ 't.sftemplate': '{"d": "{device}", "t": {customData#temp}}' });
    const symbols = createLanguageService(host).findDocumentSymbols(host.document('t.sftemplate'));
    assert.deepEqual(
      symbols.map(s => [s.name, s.kind]),
      [
        ['{device}', SymbolKind.Variable],
        ['{customData#temp}', SymbolKind.Field],
      ],
    );
  });
});

describe('folding', () => {
  it('folds blocks of two or more comment lines in a payload config', () => {
    const host = new MemoryHost({
      'g.sfgrammar': '# sensor v2\n# little nibbles\n  # indented still counts\na::uint:8 # trailing\n# alone\nb::uint:8\n',
    });
    assert.deepEqual(createLanguageService(host).getFoldingRanges(host.document('g.sfgrammar')), [
      { startLine: 0, endLine: 2, kind: FoldingRangeKind.Comment },
    ]);
  });

  it("folds the objects and arrays of a JSON template, never on a placeholder's braces or inside strings", () => {
    const host = new MemoryHost({
      't.sftemplate': [
        '{',
        '  "device": "{device}",',
        '  "payload": {',
        '    "t": {customData#t},',
        '    "s": "{ not a block",',
        '    "list": [',
        '      1,',
        '      2',
        '    ]',
        '  }',
        '}',
      ].join('\n'),
    });
    assert.deepEqual(
      createLanguageService(host)
        .getFoldingRanges(host.document('t.sftemplate'))
        .map(r => [r.startLine, r.endLine])
        .sort((a, b) => a[0]! - b[0]!),
      [
        [0, 9],
        [2, 8],
        [5, 7],
      ],
    );
  });

  it('does not fold a text template', () => {
    const host = new MemoryHost({ 't.sftemplate': '{device};{data}\n{time}\n' });
    assert.deepEqual(createLanguageService(host).getFoldingRanges(host.document('t.sftemplate')), []);
  });
});
