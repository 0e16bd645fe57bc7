import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { createAssociationResolver, summarizeCallbackDefinition } from '../../server/src/core/associations';
import { createLanguageService } from '../../server/src/core/languageService';
import { DEFAULT_SETTINGS } from '../../server/src/core/workspace';
import { MemoryHost, uriOf } from './helpers/features';

const GRAMMAR = 'temp::uint:8 hum::uint:8\n';

function definition(fields: Record<string, unknown>): string {
  return JSON.stringify({ channel: 'URL', url: 'https://example.com', httpMethod: 'POST', ...fields }, null, 2);
}

describe('associations: rule 1, a callback definition naming the template', () => {
  it('takes grammar, type, subtype and content type from the definition, paths relative to it', () => {
    const host = new MemoryHost({
      'callbacks/room.sfcallback.json': definition({
        bodyTemplateFile: '../templates/room.sftemplate',
        payloadConfigFile: '../grammars/room.sfgrammar',
        callbackType: 1,
        callbackSubtype: 6,
        contentType: 'application/json',
      }),
      'templates/room.sftemplate': '{"t": {customData#temp}}',
      'grammars/room.sfgrammar': GRAMMAR,
    });
    const association = createAssociationResolver(host).associationOf(uriOf('templates/room.sftemplate'));
    assert.deepEqual(association, {
      grammarUri: uriOf('grammars/room.sfgrammar'),
      type: 'SERVICE',
      subtype: 'DATA_ADVANCED',
      contentType: 'application/json',
      source: 'callbackDefinition',
      definitionUri: uriOf('callbacks/room.sfcallback.json'),
    });
  });

  it('accepts type and subtype names as well as API codes', () => {
    const host = new MemoryHost({
      'a.sfcallback.json': definition({ bodyTemplateFile: 'a.sftemplate', callbackType: 'DATA', callbackSubtype: 'BIDIR' }),
      'a.sftemplate': '{device}',
      'b.sfcallback.json': definition({ bodyTemplateFile: 'b.sftemplate', callbackType: 0, callbackSubtype: 3 }),
      'b.sftemplate': '{device}',
    });
    const resolver = createAssociationResolver(host);
    for (const path of ['a.sftemplate', 'b.sftemplate']) {
      const { type, subtype } = resolver.associationOf(uriOf(path));
      assert.deepEqual({ type, subtype }, { type: 'DATA', subtype: 'BIDIR' }, path);
    }
  });

  it('gives an inline payloadConfig as text, with its offset in the definition when it has no escape', () => {
    const text = definition({
      bodyTemplateFile: 'x.sftemplate',
      callbackType: 0,
      callbackSubtype: 2,
      payloadConfig: 'a::uint:8 b::bool:7',
    });
    const host = new MemoryHost({ 'x.sfcallback.json': text, 'x.sftemplate': '{customData#a}' });
    const association = createAssociationResolver(host).associationOf(uriOf('x.sftemplate'));
    assert.equal(association.inlineGrammarText, 'a::uint:8 b::bool:7');
    assert.equal(association.grammarUri, undefined);
    assert.equal(text.slice(association.inlineGrammarOffset, association.inlineGrammarOffset! + 19), 'a::uint:8 b::bool:7');

    const escaped = summarizeCallbackDefinition(uriOf('y.sfcallback.json'), '{"payloadConfig": "a::char:2 \\u0062::uint:8"}');
    assert.equal(escaped.inlineGrammarText, 'a::char:2 b::uint:8');
    assert.equal(escaped.inlineGrammarOffset, undefined, 'escapes break the one-to-one offset map');
  });

  it('prefers the inline payloadConfig when both are given, as the callback checks do', () => {
    const summary = summarizeCallbackDefinition(
      uriOf('z.sfcallback.json'),
      definition({ payloadConfig: 'a::uint:8', payloadConfigFile: 'z.sfgrammar' }),
    );
    assert.equal(summary.inlineGrammarText, 'a::uint:8');
    assert.equal(summary.grammarUri, undefined);
    assert.equal(summary.payloadConfigFileUri, uriOf('z.sfgrammar'));
  });

  it('treats a connector body as JSON', () => {
    const summary = summarizeCallbackDefinition(
      uriOf('c.sfcallback.json'),
      JSON.stringify({ connector: { type: 'AZURE_IOT_HUB' }, bodyTemplateFile: 'c.sftemplate' }),
    );
    assert.equal(summary.contentType, 'application/json');
  });

  it('wins over the sibling grammar', () => {
    const host = new MemoryHost({
      'room.sftemplate': '{device}',
      'room.sfgrammar': GRAMMAR,
      'other.sfgrammar': 'x::uint:8',
      'room.sfcallback.json': definition({ bodyTemplateFile: 'room.sftemplate', payloadConfigFile: 'other.sfgrammar' }),
    });
    assert.equal(createAssociationResolver(host).associationOf(uriOf('room.sftemplate')).grammarUri, uriOf('other.sfgrammar'));
  });

  it('follows the definition as it is edited (no stale cache)', () => {
    const host = new MemoryHost({
      'd.sfcallback.json': definition({ bodyTemplateFile: 'd.sftemplate', callbackType: 2 }),
      'd.sftemplate': '{info}',
    });
    const resolver = createAssociationResolver(host);
    assert.equal(resolver.associationOf(uriOf('d.sftemplate')).type, 'ERROR');
    host.set('d.sfcallback.json', definition({ bodyTemplateFile: 'd.sftemplate', callbackType: 1, callbackSubtype: 4 }));
    assert.deepEqual(resolver.associationOf(uriOf('d.sftemplate')).subtype, 'ACKNOWLEDGE');
    host.set('d.sfcallback.json', definition({ bodyTemplateFile: 'elsewhere.sftemplate' }));
    assert.equal(resolver.associationOf(uriOf('d.sftemplate')).source, 'default');
  });
});

describe('associations: rules 2 to 4', () => {
  it('rule 2: the sibling grammar with the same base name, DATA/UPLINK', () => {
    const host = new MemoryHost({ 'rooms/room.sftemplate': '{device}', 'rooms/room.sfgrammar': GRAMMAR });
    assert.deepEqual(createAssociationResolver(host).associationOf(uriOf('rooms/room.sftemplate')), {
      type: 'DATA',
      subtype: 'UPLINK',
      source: 'siblingGrammar',
      grammarUri: uriOf('rooms/room.sfgrammar'),
    });
  });

  it('rule 3: the setting, globs and grammar paths relative to the workspace folder', () => {
    const host = new MemoryHost({
      'bodies/acks/ack.sftemplate': '{infoCode}',
      'bodies/room.sftemplate': '{device}',
      'grammars/room.sfgrammar': GRAMMAR,
    });
    host.currentSettings = {
      ...DEFAULT_SETTINGS,
      associations: [
        { template: 'bodies/acks/**', type: 'SERVICE', subtype: 4 },
        { template: 'bodies/*.sftemplate', grammar: 'grammars/room.sfgrammar', type: 0, subtype: 'bidir', contentType: 'text/plain' },
      ],
    };
    const resolver = createAssociationResolver(host);
    assert.deepEqual(resolver.associationOf(uriOf('bodies/acks/ack.sftemplate')), {
      type: 'SERVICE',
      subtype: 'ACKNOWLEDGE',
      source: 'setting',
      definitionUri: 'file:///ws',
    });
    assert.deepEqual(resolver.associationOf(uriOf('bodies/room.sftemplate')), {
      grammarUri: uriOf('grammars/room.sfgrammar'),
      type: 'DATA',
      subtype: 'BIDIR',
      contentType: 'text/plain',
      source: 'setting',
      definitionUri: 'file:///ws',
    });
  });

  it('rule 3: a glob without a slash matches the base name anywhere; entries without a glob are skipped', () => {
    const host = new MemoryHost({ 'deep/down/x.sftemplate': '{device}' });
    host.currentSettings = { ...DEFAULT_SETTINGS, associations: [{ template: '' }, { template: 'x.sftemplate', type: 'ERROR' }] };
    assert.equal(createAssociationResolver(host).associationOf(uriOf('deep/down/x.sftemplate')).type, 'ERROR');
  });

  it('rule 4: DATA/UPLINK and no grammar', () => {
    const host = new MemoryHost({ 'lonely.sftemplate': '{device}' });
    assert.deepEqual(createAssociationResolver(host).associationOf(uriOf('lonely.sftemplate')), {
      type: 'DATA',
      subtype: 'UPLINK',
      source: 'default',
    });
  });
});

describe('associations: the reverse', () => {
  const host = new MemoryHost({
    'g/shared.sfgrammar': GRAMMAR,
    'shared.sftemplate': '{device}',
    'shared.sfgrammar': 'x::uint:8',
    'by-definition.sftemplate': '{customData#temp}',
    'def.sfcallback.json': definition({ bodyTemplateFile: 'by-definition.sftemplate', payloadConfigFile: 'g/shared.sfgrammar' }),
    'by-setting.sftemplate': '{customData#hum}',
    'g/shared.sftemplate': '{customData#temp}',
    'unrelated.sftemplate': '{device}',
  });
  host.currentSettings = { ...DEFAULT_SETTINGS, associations: [{ template: 'by-setting.sftemplate', grammar: 'g/shared.sfgrammar' }] };
  const resolver = createAssociationResolver(host);

  it('dependentsOf lists every template whose association uses the grammar, by any rule', () => {
    assert.deepEqual(resolver.dependentsOf(uriOf('g/shared.sfgrammar')).sort(), [
      uriOf('by-definition.sftemplate'),
      uriOf('by-setting.sftemplate'),
      uriOf('g/shared.sftemplate'),
    ]);
    assert.deepEqual(resolver.dependentsOf(uriOf('shared.sfgrammar')), [uriOf('shared.sftemplate')]);
  });

  it('definitionsNaming lists the definitions naming a grammar or template file', () => {
    assert.deepEqual(resolver.definitionsNaming(uriOf('g/shared.sfgrammar')), [uriOf('def.sfcallback.json')]);
    assert.deepEqual(resolver.definitionsNaming(uriOf('by-definition.sftemplate')), [uriOf('def.sfcallback.json')]);
    assert.deepEqual(resolver.definitionsNaming(uriOf('unrelated.sftemplate')), []);
  });
});

describe('sigfox/association (the request the preview asks)', () => {
  it("describes a template's association as plain JSON, and a grammar's dependents", () => {
    const host = new MemoryHost({
      'room.sfgrammar': GRAMMAR,
      'room.sftemplate': '{customData#temp}',
      'inline.sfcallback.json': definition({
        bodyTemplateFile: 'inline.sftemplate',
        payloadConfig: 'a::uint:8',
        callbackType: 1,
        callbackSubtype: 6,
      }),
      'inline.sftemplate': '{customData#a}',
    });
    const service = createLanguageService(host);
    assert.deepEqual(service.association({ uri: uriOf('room.sftemplate') }), {
      grammar: { uri: uriOf('room.sfgrammar') },
      source: 'siblingGrammar',
      type: 'DATA',
      subtype: 'UPLINK',
      templates: [],
    });
    assert.deepEqual(service.association({ uri: uriOf('inline.sftemplate') }), {
      grammar: { text: 'a::uint:8' },
      source: 'callbackDefinition',
      definitionUri: uriOf('inline.sfcallback.json'),
      type: 'SERVICE',
      subtype: 'DATA_ADVANCED',
      templates: [],
    });
    assert.deepEqual(service.association({ uri: uriOf('room.sfgrammar') }), { templates: [uriOf('room.sftemplate')] });
  });
});

describe('summarizeCallbackDefinition reads plain JSON files quickly, with the same answer', () => {
  const scalar = fc.oneof(
    fc.constantFrom('room.sftemplate', '../b/t.sftemplate', 'a::uint:8', 'DATA', ' uplink ', 'SERVICE', 'application/json', '', '2', 'x y'),
    fc.integer({ min: -1, max: 8 }),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.string({ maxLength: 8 }).filter(s => !s.includes('\\')),
  );
  const value = fc.oneof(scalar, fc.constant({ type: 'AZURE_IOT_HUB' }), fc.constant([]), fc.constant({}));
  const key = fc.constantFrom(
    'bodyTemplateFile',
    'payloadConfigFile',
    'payloadConfig',
    'callbackType',
    'callbackSubtype',
    'contentType',
    'connector',
    'url',
    'channel',
  );
  const definitionText = fc
    .tuple(fc.uniqueArray(fc.tuple(key, value), { selector: ([k]) => k, maxLength: 9 }), fc.constantFrom(0, 2, '\t', ' '))
    .map(([entries, indent]) => JSON.stringify(Object.fromEntries(entries), null, indent));

  it('a file the quick reading takes summarizes as the tolerant JSON tree reads it (an escape added at the end forces the tree)', () => {
    fc.assert(
      fc.property(definitionText, text => {
        const close = text.lastIndexOf('}');
        const withEscape = `${text.slice(0, close).trimEnd()}${text.trim() === '{}' ? '' : ','}"zz": "\\u0041"}`;
        const uri = uriOf('defs/d.sfcallback.json');
        assert.deepEqual(summarizeCallbackDefinition(uri, text), summarizeCallbackDefinition(uri, withEscape), `${text}\n${withEscape}`);
      }),
      { numRuns: 500 },
    );
  });

  it('a key written twice, a file nested too deep, or broken JSON is read by the tree (the first property wins)', () => {
    const uri = uriOf('d.sfcallback.json');
    const twice = summarizeCallbackDefinition(uri, '{"bodyTemplateFile": "a.sftemplate", "bodyTemplateFile": "b.sftemplate"}');
    assert.equal(twice.bodyTemplateUri, uriOf('a.sftemplate'));
    const deep = `{"bodyTemplateFile": "a.sftemplate", "x": ${'['.repeat(1200)}${']'.repeat(1200)}}`;
    assert.equal(summarizeCallbackDefinition(uri, deep).bodyTemplateUri, undefined);
    const broken = summarizeCallbackDefinition(uri, '{"bodyTemplateFile": "a.sftemplate", "url": }');
    assert.equal(broken.bodyTemplateUri, uriOf('a.sftemplate'));
    const inline = '{\n  "payloadConfig" :\t "a::uint:8"\n}';
    assert.equal(summarizeCallbackDefinition(uri, inline).inlineGrammarOffset, inline.indexOf('a::uint'));
  });
});
