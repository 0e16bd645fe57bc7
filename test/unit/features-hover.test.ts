import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-types';
import { createLanguageService } from '../../server/src/core/languageService';
import { MemoryHost, openAt } from './helpers/features';

function hoverText(host: MemoryHost, path: string, marked: string): string | undefined {
  const { document, position } = openAt(host, path, marked);
  const hover = createLanguageService(host).doHover(document, position);
  return hover ? (hover.contents as MarkupContent).value : undefined;
}

describe('hover in a payload config', () => {
  it("shows a field's type, value range, bytes and bits", () => {
    const host = new MemoryHost();
    const wide = hoverText(host, 'g.sfgrammar', 'a::bool:7 v::ui|nt:16')!;
    assert.match(wide, /`uint:16`/);
    assert.match(wide, /Values: 0\.\.65535/);
    assert.match(wide, /Reads bytes 0-1 \(16 bits/, 'a bool does not move the cursor');
    const nibble = hoverText(host, 'g.sfgrammar', 'a::uint:4 n:0:in|t:4::3')!;
    assert.match(nibble, /Values: -8\.\.7/);
    assert.match(nibble, /Reads byte 0, bits 3\.\.0 \(4 bits\)/);
    assert.match(hoverText(host, 'g.sfgrammar', 'big::uint:6|4')!, /0\.\.18446744073709551615/, 'exact past 2^53');
    assert.match(hoverText(host, 'g.sfgrammar', 'f::float:3|2:little-endian')!, /float32/);
  });

  it('says a field with errors is not laid out', () => {
    assert.match(hoverText(new MemoryHost(), 'g.sfgrammar', 'x::ui|nt:99')!, /has errors/);
  });

  it("shows the field of a golden example's name, and the decoded frame on the example", () => {
    const host = new MemoryHost();
    const text = 'a::uint:8 b::int:8\n# example: 01FF => a=1 |b=-1';
    assert.match(hoverText(host, 'g.sfgrammar', text)!, /\*\*b\*\* — `int:8`/);
    const table = hoverText(host, 'g.sfgrammar', 'a::uint:8 b::int:8\n# exa|mple: 01FF => a=1 b=-1')!;
    assert.match(table, /\| a \| `1` \| byte 0 \|/);
    assert.match(table, /\| b \| `-1` \| byte 1 \|/);
  });

  it('shows nothing between fields', () => {
    assert.equal(hoverText(new MemoryHost(), 'g.sfgrammar', 'a::uint:8 | b::uint:8'), undefined);
  });
});

describe('hover in a body template', () => {
  it('documents a variable with its rendered type', () => {
    const text = hoverText(new MemoryHost(), 't.sftemplate', '{"d": "{dev|ice}"}')!;
    assert.match(text, /\*\*\{device\}\*\* — string \(inserted without quotes\)/);
    assert.match(text, /device id/);
  });

  it('names the replacement of a deprecated variable, and says when the callback type does not send it', () => {
    assert.match(hoverText(new MemoryHost(), 't.sftemplate', '{sig|nal}')!, /Deprecated.*Use `\{snr\}`/s);
    assert.match(hoverText(new MemoryHost(), 't.sftemplate', '{a|ck}')!, /Not sent by DATA\/UPLINK callbacks; available in DATA\/BIDIR/);
  });

  it("shows a payload field's definition and layout on {customData#name}", () => {
    const host = new MemoryHost({ 'room.sfgrammar': 'temp::int:12' });
    const text = hoverText(host, 'room.sftemplate', '{"t": {customData#te|mp}}')!;
    assert.match(text, /```sfgrammar\ntemp::int:12\n```/);
    assert.match(text, /byte 0 bit 7 to byte 1 bit 4/);
    assert.match(text, /-2048\.\.2047/);
    assert.match(text, /From `room\.sfgrammar`/);
  });

  it('explains a {customData#name} without payload config', () => {
    assert.match(hoverText(new MemoryHost(), 'lonely.sftemplate', '{customData#t|emp}')!, /No payload config is associated/);
  });
});
