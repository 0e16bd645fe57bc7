import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Location, TextEdit } from 'vscode-languageserver-types';
import { createLanguageService, RequestRefusedError } from '../../server/src/core/languageService';
import { DEFAULT_SETTINGS } from '../../server/src/core/workspace';
import { MemoryHost, openAt, uriOf } from './helpers/features';

/** A grammar used by a sibling template and by a template mapped in the setting (never opened). */
function workspace(): MemoryHost {
  const host = new MemoryHost({
    'room.sfgrammar': 'temp::int:16 hum::uint:8\n# example: 00FF10 => temp=255 hum=16\n',
    'room.sftemplate': '{"t": {customData#temp}, "h": {customData#hum}}',
    'mapped/other.sftemplate': 'temp={customData#temp}&again={customData#temp}',
    'unrelated.sftemplate': '{customData#temp}',
  });
  host.currentSettings = { ...DEFAULT_SETTINGS, associations: [{ template: 'mapped/*.sftemplate', grammar: 'room.sfgrammar' }] };
  return host;
}

/** The text each location covers, as `path@text`. */
function covered(host: MemoryHost, locations: readonly Location[]): string[] {
  return locations
    .map(l => {
      const document = TextDocument.create(l.uri, 'x', 0, host.texts.get(l.uri)!);
      return `${l.uri.slice('file:///ws/'.length)}@${document.getText(l.range)}:${document.offsetAt(l.range.start)}`;
    })
    .sort();
}

function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const document = TextDocument.create('file:///x', 'x', 0, text);
  return TextDocument.applyEdits(document, [...edits]);
}

describe('go to definition', () => {
  it('goes from {customData#name} to the field in the grammar file', () => {
    const host = workspace();
    const { document, position } = openAt(host, 'mapped/other.sftemplate', 'temp={customData#te|mp}');
    const [link] = createLanguageService(host).findDefinition(document, position);
    assert.equal(link!.targetUri, uriOf('room.sfgrammar'));
    assert.deepEqual(covered(host, [{ uri: link!.targetUri, range: link!.targetSelectionRange }]), ['room.sfgrammar@temp:0']);
    assert.deepEqual(covered(host, [{ uri: link!.targetUri, range: link!.targetRange }]), ['room.sfgrammar@temp::int:16:0']);
    assert.deepEqual([link!.originSelectionRange!.start.character, link!.originSelectionRange!.end.character], [17, 21]);
  });

  it('goes into the inline payloadConfig of a callback definition', () => {
    const host = new MemoryHost({
      'cb.sfcallback.json': JSON.stringify({ bodyTemplateFile: 'body.sftemplate', payloadConfig: 'a::uint:8 level::uint:8' }),
    });
    const { document, position } = openAt(host, 'body.sftemplate', '{customData#lev|el}');
    const [link] = createLanguageService(host).findDefinition(document, position);
    assert.deepEqual(covered(host, [{ uri: link!.targetUri, range: link!.targetSelectionRange }]), [
      `cb.sfcallback.json@level:${host.texts.get(uriOf('cb.sfcallback.json'))!.indexOf('level')}`,
    ]);
  });

  it("goes from a golden example's name to its field, and nowhere for an unknown name", () => {
    const host = new MemoryHost();
    const { document, position } = openAt(host, 'g.sfgrammar', 'a::uint:8\n# example: 01 => |a=1');
    assert.deepEqual(
      covered(
        host,
        createLanguageService(host)
          .findDefinition(document, position)
          .map(l => ({ uri: l.targetUri, range: l.targetSelectionRange })),
      ),
      ['g.sfgrammar@a:0'],
    );
    const unknown = openAt(host, 't.sftemplate', '{customData#no|pe}');
    assert.deepEqual(createLanguageService(host).findDefinition(unknown.document, unknown.position), []);
  });
});

describe('find references', () => {
  it('finds the field in its grammar, its golden examples and every template using the grammar, open or not', () => {
    const host = workspace();
    const service = createLanguageService(host);
    const { document, position } = openAt(host, 'room.sfgrammar', 'te|mp::int:16 hum::uint:8\n# example: 00FF10 => temp=255 hum=16\n');
    assert.deepEqual(covered(host, service.findReferences(document, position, true)), [
      'mapped/other.sftemplate@temp:17',
      'mapped/other.sftemplate@temp:41',
      'room.sfgrammar@temp:0',
      'room.sfgrammar@temp:46',
      'room.sftemplate@temp:18',
    ]);
    assert.equal(service.findReferences(document, position, false).length, 4, 'without the declaration');
  });

  it('finds the same set from a template', () => {
    const host = workspace();
    const { document, position } = openAt(host, 'room.sftemplate', '{"t": {customData#t|emp}, "h": {customData#hum}}');
    assert.equal(createLanguageService(host).findReferences(document, position, true).length, 5);
  });
});

describe('rename', () => {
  it('renames the field everywhere it is named, in files that are not open too', () => {
    const host = workspace();
    const service = createLanguageService(host);
    const { document, position } = openAt(host, 'room.sftemplate', '{"t": {customData#te|mp}, "h": {customData#hum}}');
    assert.deepEqual(service.prepareRename(document, position).placeholder, 'temp');
    const { changes } = service.doRename(document, position, 'temperature');
    const after = (path: string): string => applyEdits(host.texts.get(uriOf(path))!, changes![uriOf(path)] ?? []);
    assert.equal(after('room.sfgrammar'), 'temperature::int:16 hum::uint:8\n# example: 00FF10 => temperature=255 hum=16\n');
    assert.equal(after('room.sftemplate'), '{"t": {customData#temperature}, "h": {customData#hum}}');
    assert.equal(after('mapped/other.sftemplate'), 'temp={customData#temperature}&again={customData#temperature}');
    assert.equal(changes![uriOf('unrelated.sftemplate')], undefined, 'a template of another grammar is left alone');
  });

  it('renames inside the inline payloadConfig of a callback definition', () => {
    const definition = JSON.stringify({ bodyTemplateFile: 'body.sftemplate', payloadConfig: 'a::uint:8 level::uint:8' });
    const host = new MemoryHost({ 'cb.sfcallback.json': definition });
    const { document, position } = openAt(host, 'body.sftemplate', '{"l": {customData#le|vel}}');
    const { changes } = createLanguageService(host).doRename(document, position, 'depth');
    assert.equal(applyEdits(definition, changes![uriOf('cb.sfcallback.json')]!), definition.replace('level', 'depth'));
    assert.equal(applyEdits(document.getText(), changes![document.uri]!), '{"l": {customData#depth}}');
    host.set('cb.sfcallback.json', '{"bodyTemplateFile": "body.sftemplate", "payloadConfig": "a::uint:8\\u0020level::uint:8"}');
    assert.throws(() => createLanguageService(host).doRename(document, position, 'depth'), /escape sequences/);
  });

  it('refuses an invalid name, saying which character', () => {
    const host = workspace();
    const { document, position } = openAt(host, 'room.sfgrammar', 'te|mp::int:16 hum::uint:8');
    assert.throws(
      () => createLanguageService(host).doRename(document, position, 'temp C'),
      (e: unknown) => e instanceof RequestRefusedError && /not a valid field name: " " is not allowed/.test(e.message),
    );
    assert.throws(() => createLanguageService(host).doRename(document, position, 'a#b'), RequestRefusedError);
  });

  it('refuses a name another field has', () => {
    const host = workspace();
    const { document, position } = openAt(host, 'room.sfgrammar', 'te|mp::int:16 hum::uint:8');
    assert.throws(
      () => createLanguageService(host).doRename(document, position, 'hum'),
      (e: unknown) => e instanceof RequestRefusedError && /already has a field `hum` \(`hum::uint:8`\)/.test(e.message),
    );
  });

  it('refuses where there is no field, and does nothing for the same name', () => {
    const host = workspace();
    const service = createLanguageService(host);
    const { document, position } = openAt(host, 'room.sftemplate', '{"d": "{dev|ice}"}');
    assert.throws(() => service.prepareRename(document, position), /Only a payload field can be renamed/);
    const grammar = openAt(host, 'room.sfgrammar', 'te|mp::int:16 hum::uint:8');
    assert.deepEqual(service.doRename(grammar.document, grammar.position, 'temp'), { changes: {} });
  });
});
