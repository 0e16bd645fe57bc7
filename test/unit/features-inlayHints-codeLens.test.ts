import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLanguageService } from '../../server/src/core/languageService';
import { MemoryHost } from './helpers/features';

describe('inlay hints', () => {
  const host = new MemoryHost({
    'g.sfgrammar': 'Speed::uint:8\nDirection::uint:4 Status:1:uint:4::3\nflag::bool:0 wide:1:uint:8::5\nbad::uint:99\n',
  });
  const service = createLanguageService(host);
  const document = host.document('g.sfgrammar');

  it('shows after each field the bytes and bits it reads', () => {
    const hints = service.getInlayHints(document, { start: { line: 0, character: 0 }, end: { line: 10, character: 0 } });
    assert.deepEqual(
      hints.map(h => [h.position.line, h.position.character, h.label]),
      [
        [0, 13, 'byte 0'],
        [1, 17, 'byte 1, bits 7..4'],
        [1, 36, 'byte 1, bits 3..0'],
        [2, 12, 'byte 1, bit 0'],
        [2, 29, 'byte 1 bit 5 to byte 2 bit 6'],
      ],
    );
    assert.ok(hints.every(h => h.paddingLeft));
  });

  it('gives only the hints of the requested range', () => {
    const hints = service.getInlayHints(document, { start: { line: 1, character: 0 }, end: { line: 1, character: 20 } });
    assert.deepEqual(
      hints.map(h => h.label),
      ['byte 1, bits 7..4', 'byte 1, bits 3..0'],
    );
  });
});

describe('code lens on golden examples', () => {
  it('says ✓ pass or ✗ fail with what differs', () => {
    const host = new MemoryHost({
      'g.sfgrammar': ['a::uint:8 b::int:8', '# example: 01FF => a=1 b=-1', '# example: 0102 => a=1 b=3 c=4', '# example: 0A'].join('\n'),
    });
    const lenses = createLanguageService(host).getCodeLenses(host.document('g.sfgrammar'));
    const verdicts = lenses.filter(l => l.command!.command === '');
    assert.deepEqual(
      verdicts.map(l => [l.range.start.line, l.command!.title]),
      [
        [1, '✓ pass (2 values)'],
        [2, '✗ fail: b = 2, expected 3; c = (no such field), expected 4'],
        [3, '✓ decodes (no values stated)'],
      ],
    );
  });

  it('each example with a frame also gets a lens that copies the frame', () => {
    const host = new MemoryHost({ 'g.sfgrammar': ['a::uint:8', '# example: 0x0a => a=10', '# example: zz'].join('\n') });
    const lenses = createLanguageService(host).getCodeLenses(host.document('g.sfgrammar'));
    assert.deepEqual(
      lenses
        .filter(l => l.command!.command !== '')
        .map(l => [l.range.start.line, l.command!.title, l.command!.command, l.command!.arguments]),
      [[1, 'Copy frame', 'sigfox.copyFrame', ['0A']]],
    );
  });
});
