import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { CompletionItemTag, type CompletionItem, type MarkupContent, type TextEdit } from 'vscode-languageserver-types';
import { COMPLETION_LIST_LIMIT } from '../../server/src/core/features/completionFilter';
import { createLanguageService } from '../../server/src/core/languageService';
import { inJsonStringOnLine, lexJsonStrings } from '../../server/src/core/template/json';
import { MemoryHost, openAt } from './helpers/features';

function complete(
  host: MemoryHost,
  path: string,
  marked: string,
  snippets = true,
): { items: CompletionItem[]; text: string; offset: number } {
  const { document, position, offset } = openAt(host, path, marked);
  const items = createLanguageService(host, { snippets }).doComplete(document, position).items;
  return { items, text: document.getText(), offset };
}

const labels = (items: CompletionItem[]): string[] => items.map(i => i.label);
const edit = (item: CompletionItem | undefined): TextEdit => item!.textEdit as TextEdit;
const item = (items: CompletionItem[], label: string): CompletionItem => {
  const found = items.find(i => i.label === label);
  assert.ok(found, `no item ${label} in ${labels(items).join(', ')}`);
  return found;
};

describe('completion in a payload config', () => {
  it('offers the type keywords in the type slot, replacing what is typed', () => {
    const host = new MemoryHost();
    const { items } = complete(host, 'g.sfgrammar', 'temp::u|');
    assert.deepEqual(labels(items), ['bool', 'char', 'float', 'uint', 'int']);
    const range = edit(item(items, 'uint')).range;
    assert.deepEqual([range.start.character, range.end.character], [6, 7]);
  });

  it('offers sizes valid for the type', () => {
    const host = new MemoryHost();
    assert.deepEqual(labels(complete(host, 'g.sfgrammar', 'b::bool:|').items), ['7', '6', '5', '4', '3', '2', '1', '0']);
    assert.deepEqual(labels(complete(host, 'g.sfgrammar', 'f::float:|').items), ['32', '64']);
    const ints = complete(host, 'g.sfgrammar', 'n::uint:|').items;
    assert.equal(ints.length, 64);
    assert.deepEqual(labels(ints).slice(0, 5), ['8', '16', '24', '32', '64'], 'the common widths first');
    assert.match(item(ints, '16').detail!, /0\.\.65535/);
    assert.match(item(complete(host, 'g.sfgrammar', 'n::int:|').items, '4').detail!, /-8\.\.7/);
    assert.equal(complete(host, 'g.sfgrammar', 's::char:|').items.length, 12, 'char counts up to the 12-byte frame');
  });

  it('offers endianness words only where they mean something (D9)', () => {
    const host = new MemoryHost();
    assert.deepEqual(labels(complete(host, 'g.sfgrammar', 'n::uint:16:|').items), ['big-endian', 'little-endian']);
    assert.deepEqual(labels(complete(host, 'g.sfgrammar', 'n::int:12:|').items), ['big-endian'], 'not a whole number of bytes');
    assert.deepEqual(labels(complete(host, 'g.sfgrammar', 'n::uint:8:|').items), ['big-endian'], 'a single byte has no order');
    assert.deepEqual(complete(host, 'g.sfgrammar', 's::char:2:|').items, [], 'char takes no endianness');
  });

  it('offers bit offsets 0-7 with the bits each would read', () => {
    const host = new MemoryHost();
    const items = complete(host, 'g.sfgrammar', 'a::uint:4 n:0:uint:4::|').items;
    assert.deepEqual(labels(items), ['7', '6', '5', '4', '3', '2', '1', '0']);
    assert.equal(item(items, '3').detail, 'byte 0, bits 3..0');
  });

  it('offers byte indexes, preselecting where an empty index would point (spec §1.2)', () => {
    const host = new MemoryHost();
    const items = complete(host, 'g.sfgrammar', 'a::uint:16 b:|:uint:8').items;
    const preselected = items.filter(i => i.preselect);
    assert.deepEqual(labels(preselected), ['2']);
    assert.match(preselected[0]!.detail!, /after `a`/);
  });

  it('offers field names after the arrow of a golden example', () => {
    const host = new MemoryHost();
    const { items } = complete(host, 'g.sfgrammar', 'a::uint:8 b::uint:8\n# example: 0102 => a=1 |');
    assert.deepEqual(labels(items), ['b'], 'a is already stated');
    assert.equal(edit(items[0]).newText, 'b=');
  });

  it('offers new-field snippets between fields, only to clients that take snippets', () => {
    const host = new MemoryHost();
    assert.deepEqual(labels(complete(host, 'g.sfgrammar', 'a::uint:8 |').items), [
      'bool field',
      'char field',
      'float field',
      'uint field',
      'int field',
    ]);
    assert.deepEqual(complete(host, 'g.sfgrammar', 'a::uint:8 |', false).items, []);
  });
});

describe('completion in a body template', () => {
  const grammar = 'temp::int:16 label::char:4 ok::bool:7';

  it('quotes text values outside JSON strings and leaves numbers and booleans bare', () => {
    const host = new MemoryHost({ 'room.sfgrammar': grammar });
    const { items } = complete(host, 'room.sftemplate', '{"d": |}');
    assert.equal(edit(item(items, 'device')).newText, '"{device}"');
    assert.equal(edit(item(items, 'time')).newText, '{time}');
    assert.equal(edit(item(items, 'customData#label')).newText, '"{customData#label}"');
    assert.equal(edit(item(items, 'customData#temp')).newText, '{customData#temp}');
    assert.equal(edit(item(items, 'customData#ok')).newText, '{customData#ok}');
  });

  it('inserts the bare placeholder inside a JSON string', () => {
    const host = new MemoryHost({ 'room.sfgrammar': grammar });
    const { items } = complete(host, 'room.sftemplate', '{"d": "id-|"}');
    assert.equal(edit(item(items, 'device')).newText, '{device}');
    assert.equal(edit(item(items, 'customData#temp')).newText, '{customData#temp}');
  });

  it("inside a JSON string or not is decided from the cursor's line, as lexing the whole body decides", () => {
    // The line alone answers after an unescaped line break; after `\` + break it defers (undefined).
    const piece = fc.constantFrom('"', '\\', '\n', '\r\n', '\r', 'a', ' ', '{device}', ':', ',');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), fc.nat(), (parts, at) => {
        const text = parts.join('');
        const offset = at % (text.length + 1);
        const whole = { inString: false, stringStart: -1 };
        lexJsonStrings(text, 0, offset, whole);
        const local = inJsonStringOnLine(text, offset);
        if (local !== undefined) assert.equal(local, whole.inString, JSON.stringify({ text, offset }));
      }),
      { numRuns: 3000 },
    );
    const host = new MemoryHost({ 'room.sfgrammar': grammar });
    // A string continued by an escaped line break: still inside it, so the placeholder goes in bare.
    const continued = complete(host, 'room.sftemplate', '{"d": "a\\\n|"}').items;
    assert.equal(edit(item(continued, 'device')).newText, '{device}');
    const nextLine = complete(host, 'room.sftemplate', '{"d": "a",\n "e": |}').items;
    assert.equal(edit(item(nextLine, 'device')).newText, '"{device}"');
  });

  it('replaces the placeholder being typed, from its `{`', () => {
    const host = new MemoryHost({ 'room.sfgrammar': grammar });
    const { items, text } = complete(host, 'room.sftemplate', '{"d": {dev|, "e": 1}');
    const device = item(items, 'device');
    const range = edit(device).range;
    assert.equal(text.slice(range.start.character, range.end.character), '{dev', 'from the brace to the cursor');
    assert.equal(device.filterText, '{device}');
    const data = complete(host, 'room.sftemplate', '{"t": {customData#te|}}').items;
    const temp = item(data, 'customData#temp');
    assert.equal(edit(temp).newText, '{customData#temp}');
    assert.equal(edit(temp).range.end.character, 21, 'the closing brace already typed is replaced too');
  });

  it('inserts bare placeholders in a text body', () => {
    const host = new MemoryHost({ 'room.sfgrammar': grammar });
    const { items } = complete(host, 'room.sftemplate', 'id={device}&label=|');
    assert.equal(edit(item(items, 'customData#label')).newText, '{customData#label}');
  });

  it('documents each variable with its rendered type, and tags the deprecated ones', () => {
    const host = new MemoryHost();
    const { items } = complete(host, 'x.sftemplate', '|');
    const device = item(items, 'device');
    assert.equal(device.detail, 'string');
    assert.match((device.documentation as MarkupContent).value, /device id/);
    assert.deepEqual(item(items, 'signal').tags, [CompletionItemTag.Deprecated]);
    assert.ok(
      items.findIndex(i => i.label === 'signal') >= 0 && item(items, 'signal').sortText! > device.sortText!,
      'deprecated sorts last',
    );
  });

  it('documents payload fields on resolve, so a long list stays cheap', () => {
    const host = new MemoryHost({ 'room.sfgrammar': grammar });
    const { document, position } = openAt(host, 'room.sftemplate', '{"t": |}');
    const service = createLanguageService(host);
    const temp = item(service.doComplete(document, position).items, 'customData#temp');
    assert.equal(temp.documentation, undefined);
    assert.equal(temp.detail, 'int:16 → integer');
    const resolved = service.doResolveCompletion(temp);
    assert.match((resolved.documentation as MarkupContent).value, /```sfgrammar\ntemp::int:16\n```/);
    assert.match((resolved.documentation as MarkupContent).value, /-32768\.\.32767/);
    const device = item(service.doComplete(document, position).items, 'device');
    assert.equal(service.doResolveCompletion(device), device, 'other items come back as they are');
  });

  it('offers only what the callback type/subtype sends, and payload fields only where a payload config applies', () => {
    const host = new MemoryHost({
      'bidir.sfcallback.json': JSON.stringify({
        callbackType: 0,
        callbackSubtype: 3,
        bodyTemplateFile: 'bidir.sftemplate',
        payloadConfig: 'a::uint:8',
      }),
      'status.sfcallback.json': JSON.stringify({
        callbackType: 1,
        callbackSubtype: 0,
        bodyTemplateFile: 'status.sftemplate',
        payloadConfig: 'a::uint:8',
      }),
    });
    const bidir = labels(complete(host, 'bidir.sftemplate', '|').items);
    assert.ok(bidir.includes('ack') && bidir.includes('customData#a'));
    const uplink = labels(complete(host, 'uplink.sftemplate', '|').items);
    assert.ok(!uplink.includes('ack'), 'ack is BIDIR only');
    const status = labels(complete(host, 'status.sftemplate', '|').items);
    assert.ok(status.includes('batt') && !status.some(l => l.startsWith('customData#')), 'STATUS takes no payload config');
  });
});

describe('completion on a long list', () => {
  const fields = Array.from({ length: 1000 }, (_, k) => `field${k}::uint:8`).join('\n') + '\ntemperature::int:16';
  const listAt = (marked: string, completionEditRangeDefault = false) => {
    const host = new MemoryHost({ 'big.sfgrammar': fields });
    const { document, position } = openAt(host, 'big.sftemplate', marked);
    const service = createLanguageService(host, { completionEditRangeDefault });
    return { list: service.doComplete(document, position), service };
  };

  it('is filtered by the word typed, cut, and marked incomplete so the client asks again', () => {
    const { list } = listAt('{"a": {customData#field12|');
    assert.equal(list.isIncomplete, true);
    assert.ok(list.items.length <= COMPLETION_LIST_LIMIT);
    assert.equal(list.items[0]!.label, 'customData#field12', 'the payload fields keep their order');
    const expected = ['customData#field12', ...Array.from({ length: 10 }, (_, k) => `customData#field12${k}`)];
    for (const label of expected) assert.ok(labels(list.items).includes(label), `${label} left out`);
    assert.ok(!labels(list.items).includes('customData#field13'), 'an item without the typed characters is left out');
    assert.deepEqual(labels(listAt('{"a": {tempe|').list.items), ['customData#temperature']);
    assert.ok(labels(listAt('{"a": {dev|').list.items).includes('device'), 'variables are offered too');
  });

  it('keeps every item a client would show: the typed characters in order, any case', () => {
    const labelsFor = (typed: string) => labels(listAt(`{"a": {${typed}|`).list.items);
    assert.ok(labelsFor('cDtemp').includes('customData#temperature'));
    assert.ok(labelsFor('TEMPERATURE').includes('customData#temperature'));
  });

  it('is exactly the first items, in sort order, of the whole list that the typed word may match', () => {
    // The rule of completionFilter, stated on the whole list: fields (in field order) then variables.
    const everything = [...Array.from({ length: 1000 }, (_, k) => `customData#field${k}`), 'customData#temperature'];
    fc.assert(
      fc.property(fc.stringMatching(/^\{?(?:c(?:ustomData#?)?)?[fieldtmpr0-9_-]{0,5}$/), fc.boolean(), (typed, upper) => {
        const word = upper ? typed.toUpperCase() : typed;
        const { list } = listAt(`{"a": ${word}|`);
        const lower = word.toLowerCase();
        const fieldsKept = everything.filter(label => {
          const filter = word.startsWith('{') ? `{${label}}`.toLowerCase() : label.toLowerCase();
          let at = 0;
          for (const c of lower) if ((at = filter.indexOf(c, at) + 1) === 0) return false;
          return true;
        });
        const got = labels(list.items).filter(l => l.startsWith('customData#'));
        assert.deepEqual(got, fieldsKept.slice(0, COMPLETION_LIST_LIMIT), JSON.stringify(word));
        assert.equal(list.isIncomplete, true);
        assert.ok(list.items.length <= COMPLETION_LIST_LIMIT);
      }),
      { numRuns: 300 },
    );
  });

  it('sends a short list whole and complete', () => {
    const host = new MemoryHost({ 'room.sfgrammar': 'a::uint:8' });
    const { document, position } = openAt(host, 'room.sftemplate', '{"a": {x|');
    const list = createLanguageService(host).doComplete(document, position);
    assert.equal(list.isIncomplete, false);
    assert.ok(labels(list.items).includes('customData#a') && labels(list.items).includes('device'));
  });

  it('sends the shared edit range once to a client that takes itemDefaults, and resolves the items', () => {
    const { list, service } = listAt('{"a": {customData#field99|', true);
    assert.deepEqual(list.itemDefaults?.editRange, { start: { line: 0, character: 6 }, end: { line: 0, character: 25 } });
    const first = list.items[0]!;
    assert.equal(first.textEdit, undefined);
    assert.equal(first.textEditText, '{customData#field99}');
    assert.match((service.doResolveCompletion(first).documentation as MarkupContent).value, /field99::uint:8/);
    assert.ok(JSON.stringify(list).length < 20_000, `${JSON.stringify(list).length} bytes`);
    const plain = listAt('{"a": {customData#field99|').list;
    assert.equal(plain.itemDefaults, undefined);
    assert.equal((plain.items[0]!.textEdit as TextEdit).newText, '{customData#field99}');
  });
});
