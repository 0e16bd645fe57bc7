/**
 * Navigation in and through callback definitions (`*.sfcallback.json`): go to definition and
 * document links on `payloadConfigFile` / `bodyTemplateFile`, and references / rename of a
 * payload field reaching the `{customData#field}` written in a definition's own strings (url,
 * headers, bodyTemplate, linePattern), through JSON escapes.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Location, TextEdit } from 'vscode-languageserver-types';
import { createLanguageService } from '../../server/src/core/languageService';
import { MemoryHost, openAt, uriOf } from './helpers/features';

const GRAMMAR = 'temp::int:16 hum::uint:8\n';

/** A definition using room.sfgrammar whose url, header, linePattern... name `temp`; written with JSON escapes. */
const DEFINITION = [
  '{',
  '  "channel": "URL", "callbackType": 0, "callbackSubtype": 2,',
  '  "payloadConfigFile": "room.sfgrammar",',
  '  "url": "https://example.com/{device}?t={customData#temp}",',
  '  "headers": { "X-Temp": "{customData#temp}", "X-Hum": "{customData#hum}" },',
  '  "httpMethod": "POST", "contentType": "application/json",',
  '  "bodyTemplate": "{\\"t\\": {customData#temp}, \\"again\\": {customData#t\\u0065mp}, \\"other\\": {customData#tempx}}"',
  '}',
].join('\n');

function workspace(): MemoryHost {
  return new MemoryHost({
    'room.sfgrammar': GRAMMAR,
    'room.sftemplate': '{"t": {customData#temp}}',
    'cb.sfcallback.json': DEFINITION,
    // Another definition of the same grammar, with a line pattern; and one of another grammar.
    'batch.sfcallback.json': JSON.stringify({
      channel: 'BATCH_URL',
      callbackType: 0,
      callbackSubtype: 2,
      payloadConfigFile: 'room.sfgrammar',
      url: 'https://example.com/b',
      httpMethod: 'POST',
      linePattern: '{device};{customData#temp}',
    }),
    'other.sfgrammar': 'temp::uint:8',
    'other.sfcallback.json': JSON.stringify({
      channel: 'URL',
      callbackType: 0,
      callbackSubtype: 2,
      payloadConfigFile: 'other.sfgrammar',
      url: 'https://example.com/{customData#temp}',
      httpMethod: 'GET',
    }),
    // Inline payloadConfig wins over the file: its strings read the inline fields, not room.sfgrammar's.
    'inline.sfcallback.json': JSON.stringify({
      channel: 'URL',
      callbackType: 0,
      callbackSubtype: 2,
      payloadConfig: 'temp::uint:8',
      payloadConfigFile: 'room.sfgrammar',
      url: 'https://example.com/{customData#temp}',
      httpMethod: 'GET',
    }),
  });
}

/** The text each location covers, as `path@text:offset`, sorted. */
function covered(host: MemoryHost, locations: readonly Location[]): string[] {
  return locations
    .map(l => {
      const document = TextDocument.create(l.uri, 'x', 0, host.texts.get(l.uri)!);
      return `${l.uri.slice('file:///ws/'.length)}@${document.getText(l.range)}:${document.offsetAt(l.range.start)}`;
    })
    .sort();
}

function applyEdits(text: string, edits: readonly TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'x', 0, text), [...edits]);
}

/** The definition with a `|` before the n-th (1-based) occurrence of `needle`, shifted by `shift`. */
function marked(text: string, needle: string, occurrence = 1, shift = 1): string {
  let at = -1;
  for (let k = 0; k < occurrence; k++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `${needle} #${occurrence} not in the text`);
  return text.slice(0, at + shift) + '|' + text.slice(at + shift);
}

describe('go to definition from a callback definition', () => {
  it('goes from payloadConfigFile and bodyTemplateFile to the start of the file', () => {
    const host = new MemoryHost({ 'devices/room.sfgrammar': GRAMMAR, 'devices/body.sftemplate': '{}' });
    const text = '{\n  "payloadConfigFile": "../devices/room.sfgrammar",\n  "bodyTemplateFile": "../devices/body.sftemplate"\n}';
    const service = createLanguageService(host);
    for (const [needle, target] of [
      ['room.sfgrammar', 'devices/room.sfgrammar'],
      ['body.sftemplate', 'devices/body.sftemplate'],
    ] as const) {
      const { document, position } = openAt(host, 'cb/x.sfcallback.json', marked(text, needle));
      const links = service.findDefinition(document, position);
      assert.equal(links.length, 1, needle);
      const link = links[0]!;
      assert.equal(link.targetUri, uriOf(target));
      assert.deepEqual(link.targetSelectionRange, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
      // The origin is the path, quotes excluded.
      assert.equal(document.getText(link.originSelectionRange), `../${target}`);
    }
  });

  it('offers nothing for a file that does not exist, or on the key', () => {
    const host = new MemoryHost();
    const service = createLanguageService(host);
    const missing = openAt(host, 'x.sfcallback.json', '{"payloadConfigFile": "no|ne.sfgrammar"}');
    assert.deepEqual(service.findDefinition(missing.document, missing.position), []);
    host.set('room.sfgrammar', GRAMMAR);
    const key = openAt(host, 'x.sfcallback.json', '{"payloadConfig|File": "room.sfgrammar"}');
    assert.deepEqual(service.findDefinition(key.document, key.position), []);
  });

  it('goes from {customData#name} in the url, a header or the body to the field in the grammar file', () => {
    const host = workspace();
    const service = createLanguageService(host);
    for (const needle of ['?t={customData#temp', '"X-Temp": "{customData#temp', '"again\\": {customData#t\\u0065mp']) {
      const { document, position } = openAt(host, 'cb.sfcallback.json', marked(DEFINITION, needle, 1, needle.length - 2));
      const links = service.findDefinition(document, position);
      assert.deepEqual(
        covered(
          host,
          links.map(l => ({ uri: l.targetUri, range: l.targetSelectionRange })),
        ),
        ['room.sfgrammar@temp:0'],
        needle,
      );
      assert.match(document.getText(links[0]!.originSelectionRange), /^t(emp|\\u0065mp)$/, needle);
    }
  });

  it('goes from a field of an inline payloadConfig to itself, and from its strings to it', () => {
    const host = workspace();
    const text = host.texts.get(uriOf('inline.sfcallback.json'))!;
    const service = createLanguageService(host);
    const fromUrl = openAt(host, 'inline.sfcallback.json', marked(text, 'customData#temp', 1, 'customData#'.length + 1));
    assert.deepEqual(
      covered(
        host,
        service.findDefinition(fromUrl.document, fromUrl.position).map(l => ({ uri: l.targetUri, range: l.targetSelectionRange })),
      ),
      [`inline.sfcallback.json@temp:${text.indexOf('temp::uint:8')}`],
    );
  });
});

describe('document links in a callback definition', () => {
  it('links payloadConfigFile and bodyTemplateFile values that name existing files', () => {
    const host = new MemoryHost({ 'room.sfgrammar': GRAMMAR, 'body.sftemplate': '{}' });
    const text = '{"payloadConfigFile": "room.sfgrammar", "bodyTemplateFile": "body.sftemplate", "url": "room.sfgrammar"}';
    host.set('cb.sfcallback.json', text);
    const links = createLanguageService(host).getDocumentLinks(host.document('cb.sfcallback.json'));
    const document = host.document('cb.sfcallback.json');
    assert.deepEqual(
      links.map(l => [document.getText(l.range), l.target]),
      [
        ['room.sfgrammar', uriOf('room.sfgrammar')],
        ['body.sftemplate', uriOf('body.sftemplate')],
      ],
    );
    host.set('cb.sfcallback.json', '{"payloadConfigFile": "missing.sfgrammar"}');
    assert.deepEqual(createLanguageService(host).getDocumentLinks(host.document('cb.sfcallback.json')), []);
    assert.deepEqual(createLanguageService(host).getDocumentLinks(host.document('room.sfgrammar')), [], 'only in callback definitions');
  });
});

describe('references and rename reach the strings of callback definitions', () => {
  const expected = (host: MemoryHost): string[] => {
    const cb = host.texts.get(uriOf('cb.sfcallback.json'))!;
    const batch = host.texts.get(uriOf('batch.sfcallback.json'))!;
    const escaped = cb.indexOf('t\\u0065mp');
    return [
      `batch.sfcallback.json@temp:${batch.indexOf('customData#temp') + 'customData#'.length}`,
      `cb.sfcallback.json@t\\u0065mp:${escaped}`,
      ...['?t={customData#temp', '"X-Temp": "{customData#temp', '{\\"t\\": {customData#temp'].map(
        n => `cb.sfcallback.json@temp:${cb.indexOf(n) + n.length - 4}`,
      ),
      'room.sfgrammar@temp:0',
      'room.sftemplate@temp:18',
    ].sort();
  };

  it('finds the field in the url, headers, body (through escapes) and line pattern of every definition using the grammar', () => {
    const host = workspace();
    const { document, position } = openAt(host, 'room.sfgrammar', `te|${GRAMMAR.slice(2)}`);
    const found = covered(host, createLanguageService(host).findReferences(document, position, true));
    assert.deepEqual(found, expected(host));
    assert.ok(!found.some(f => f.startsWith('other.') || f.startsWith('inline.')), 'definitions of another grammar are left alone');
  });

  it('finds the same set from a {customData#name} inside a definition', () => {
    const host = workspace();
    const { document, position } = openAt(host, 'cb.sfcallback.json', marked(DEFINITION, 'customData#temp}"', 1, 'customData#'.length + 2));
    assert.deepEqual(covered(host, createLanguageService(host).findReferences(document, position, true)), expected(host));
  });

  it('renames in the definitions too, replacing an escaped name whole', () => {
    const host = workspace();
    const service = createLanguageService(host);
    const { document, position } = openAt(host, 'room.sftemplate', '{"t": {customData#te|mp}}');
    const { changes } = service.doRename(document, position, 'temperature');
    const after = (path: string): string => applyEdits(host.texts.get(uriOf(path))!, changes![uriOf(path)] ?? []);
    const cb = after('cb.sfcallback.json');
    assert.equal(
      cb,
      DEFINITION.replace(/customData#temp\}/g, 'customData#temperature}').replace('customData#t\\u0065mp', 'customData#temperature'),
    );
    assert.ok(cb.includes('{customData#tempx}'), 'another field that starts alike is left alone');
    assert.doesNotThrow(() => JSON.parse(cb));
    assert.equal(JSON.parse(after('batch.sfcallback.json')).linePattern, '{device};{customData#temperature}');
    assert.equal(after('room.sfgrammar'), 'temperature::int:16 hum::uint:8\n');
    assert.equal(changes![uriOf('other.sfcallback.json')], undefined);
    assert.equal(changes![uriOf('inline.sfcallback.json')], undefined);
  });

  it('renames an inline payloadConfig field from the definition itself, with its strings and its body template', () => {
    const definition = JSON.stringify({
      bodyTemplateFile: 'body.sftemplate',
      payloadConfig: 'a::uint:8 level::uint:8',
      url: 'https://example.com/?l={customData#level}',
    });
    const host = new MemoryHost({ 'cb.sfcallback.json': definition, 'body.sftemplate': '{"l": {customData#level}}' });
    const service = createLanguageService(host);
    const { document, position } = openAt(host, 'cb.sfcallback.json', marked(definition, 'level::', 1, 2));
    assert.equal(service.prepareRename(document, position).placeholder, 'level');
    const { changes } = service.doRename(document, position, 'depth');
    assert.equal(applyEdits(definition, changes![uriOf('cb.sfcallback.json')]!), definition.replaceAll('level', 'depth'));
    assert.equal(applyEdits(host.texts.get(uriOf('body.sftemplate'))!, changes![uriOf('body.sftemplate')]!), '{"l": {customData#depth}}');
  });
});
