import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { createLanguageService } from '../../server/src/core/languageService';
import { DEFAULT_SETTINGS } from '../../server/src/core/workspace';
import { MemoryHost, uriOf } from './helpers/features';

const codes = (diagnostics: { code?: string | number }[]): (string | number | undefined)[] => diagnostics.map(d => d.code);

describe('validate(uri): the contract of the CLI and the glue', () => {
  it('checks a grammar: codes, severities, no link to a page that does not exist', () => {
    const host = new MemoryHost({ 'g.sfgrammar': 'Direction::uint:4 Status::uint:4 t::UINT:8' });
    const diagnostics = createLanguageService(host).validate(uriOf('g.sfgrammar'));
    assert.deepEqual(codes(diagnostics), ['SFG019', 'SFG026']);
    assert.equal(diagnostics[0]!.severity, DiagnosticSeverity.Warning);
    assert.equal(diagnostics[1]!.severity, DiagnosticSeverity.Error);
    assert.equal(diagnostics[0]!.codeDescription, undefined, 'no link to a page that does not exist');
    assert.equal(diagnostics[0]!.source, 'sigfox');
  });

  it('a payload config and the definition naming it share one analysis only at the default frame size', () => {
    // b reads byte 12: past a 12-byte frame (SFG020), inside a 16-byte one. The definition checks
    // the config it names at the default size; the config file at the setting's, in either order.
    const definition = JSON.stringify({
      channel: 'URL',
      callbackType: 0,
      callbackSubtype: 2,
      url: 'https://example.com/x',
      httpMethod: 'POST',
      contentType: 'application/json',
      payloadConfigFile: 'g.sfgrammar',
      bodyTemplate: '{"b": {customData#b}}',
    });
    for (const maxUplinkBytes of [12, 16])
      for (const definitionFirst of [false, true]) {
        const host = new MemoryHost({ 'g.sfgrammar': 'a::uint:8 b:12:uint:8\n', 'd.sfcallback.json': definition });
        host.currentSettings = { ...DEFAULT_SETTINGS, maxUplinkBytes };
        const service = createLanguageService(host);
        if (definitionFirst) assert.deepEqual(codes(service.validate(uriOf('d.sfcallback.json'))), []);
        assert.deepEqual(codes(service.validate(uriOf('g.sfgrammar'))), maxUplinkBytes === 12 ? ['SFG020'] : [], `${maxUplinkBytes} bytes`);
        assert.deepEqual(codes(service.validate(uriOf('d.sfcallback.json'))), []);
      }
  });

  it('checks a template against its associated grammar, and follows the grammar as it changes', () => {
    const host = new MemoryHost({ 'room.sfgrammar': 'temp::uint:8', 'room.sftemplate': '{"t": {customData#temp}, "h": {customData#hum}}' });
    const service = createLanguageService(host);
    const first = service.validate(uriOf('room.sftemplate'));
    assert.deepEqual(codes(first), ['SFT002']);
    assert.match(first[0]!.message, /no field `hum`/);
    host.set('room.sfgrammar', 'temp::uint:8 hum::uint:8');
    assert.deepEqual(
      service.validate(uriOf('room.sftemplate')),
      [],
      'the cached result must not outlive the grammar it was checked against',
    );
    host.delete('room.sfgrammar');
    assert.deepEqual(
      codes(service.validate(uriOf('room.sftemplate'))),
      ['SFT003', 'SFT003'],
      'no grammar any more: a warning, not an error',
    );
  });

  it('checks a template with the type, subtype and content type of the callback definition naming it', () => {
    const host = new MemoryHost({
      'ack.sfcallback.json': JSON.stringify({
        channel: 'URL',
        url: 'https://x.io',
        httpMethod: 'POST',
        callbackType: 1,
        callbackSubtype: 4,
        bodyTemplateFile: 'ack.sftemplate',
        contentType: 'text/plain',
      }),
      'ack.sftemplate': 'code={infoCode} ack={ack}',
    });
    const diagnostics = createLanguageService(host).validate(uriOf('ack.sftemplate'));
    assert.deepEqual(codes(diagnostics), ['SFT004']);
    assert.match(diagnostics[0]!.message, /SERVICE\/ACKNOWLEDGE/);
  });

  it('checks a callback definition with the callback checks, reading the files it names through the host', () => {
    const host = new MemoryHost({
      'cb.sfcallback.json': JSON.stringify({
        channel: 'URL',
        url: 'https://x.io',
        httpMethod: 'POST',
        callbackType: 0,
        callbackSubtype: 2,
        payloadConfigFile: 'missing.sfgrammar',
      }),
    });
    const service = createLanguageService(host);
    assert.ok(codes(service.validate(uriOf('cb.sfcallback.json'))).includes('SFC018'), 'a named file that cannot be read');
    host.set('missing.sfgrammar', 'a::uint:8');
    assert.ok(
      !codes(service.validate(uriOf('cb.sfcallback.json'))).includes('SFC018'),
      'definitions are re-checked as the files they name appear',
    );
  });

  it('answers [] for a file that does not exist or is not ours', () => {
    const service = createLanguageService(new MemoryHost());
    assert.deepEqual(service.validate(uriOf('nothing.sfgrammar')), []);
    assert.deepEqual(service.validate(uriOf('readme.md')), []);
  });

  it('applies maxUplinkBytes to the layout', () => {
    const host = new MemoryHost({ 'down.sfgrammar': 'a:7:uint:16' });
    const service = createLanguageService(host);
    assert.deepEqual(codes(service.validate(uriOf('down.sfgrammar'))), []);
    host.currentSettings = { ...DEFAULT_SETTINGS, maxUplinkBytes: 8 };
    assert.deepEqual(codes(service.validate(uriOf('down.sfgrammar'))), ['SFG020']);
  });

  it('reuses the analysis of an unchanged grammar (cached by uri and text)', () => {
    const host = new MemoryHost({ 'g.sfgrammar': 'a::uint:8' });
    const service = createLanguageService(host);
    const first = service.analyzeGrammarAt(uriOf('g.sfgrammar'));
    assert.equal(service.analyzeGrammarAt(uriOf('g.sfgrammar')), first);
    host.set('g.sfgrammar', 'a::uint:16');
    assert.notEqual(service.analyzeGrammarAt(uriOf('g.sfgrammar')), first);
  });
});
