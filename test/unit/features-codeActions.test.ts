import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeActionKind, type CodeAction } from 'vscode-languageserver-types';
import { createLanguageService, type LanguageService } from '../../server/src/core/languageService';
import { MemoryHost } from './helpers/features';

/** Every quick fix offered for the file's diagnostics of `code`. */
function fixes(host: MemoryHost, path: string, code: string): { service: LanguageService; document: TextDocument; actions: CodeAction[] } {
  const service = createLanguageService(host);
  const document = host.document(path);
  const diagnostics = service.doValidation(document).filter(d => d.code === code);
  assert.ok(diagnostics.length > 0, `expected a ${code} diagnostic`);
  const actions = service.getCodeActions(document, diagnostics[0]!.range, { diagnostics });
  return { service, document, actions };
}

function applied(document: TextDocument, action: CodeAction): string {
  return TextDocument.applyEdits(document, action.edit!.changes![document.uri]!);
}

describe('quick fixes from diagnostic data', () => {
  it('D4: adds the explicit index and bit offset that read the skipped bits', () => {
    const host = new MemoryHost({ 'g.sfgrammar': 'Speed::uint:8 Direction::uint:4 Status::uint:4' });
    const { document, actions } = fixes(host, 'g.sfgrammar', 'SFG019');
    assert.equal(actions.length, 1);
    assert.equal(actions[0]!.kind, CodeActionKind.QuickFix);
    assert.equal(applied(document, actions[0]!), 'Speed::uint:8 Direction::uint:4 Status:1:uint:4::3');
  });

  it('did you mean: replaces an unknown payload field with the close one', () => {
    const host = new MemoryHost({ 'room.sfgrammar': 'temp::uint:8', 'room.sftemplate': '{"t": {customData#tmp}}' });
    const { document, actions } = fixes(host, 'room.sftemplate', 'SFT002');
    assert.equal(applied(document, actions[0]!), '{"t": {customData#temp}}');
    assert.equal(actions[0]!.isPreferred, true, 'a single candidate is safe to auto-apply');
  });

  it('offers one fix per candidate, none preferred when there are several', () => {
    const host = new MemoryHost({ 'room.sfgrammar': 'temp1::uint:8 temp2::uint:8', 'room.sftemplate': '{customData#temp}' });
    const { document, actions } = fixes(host, 'room.sftemplate', 'SFT002');
    assert.deepEqual(
      actions.map(a => applied(document, a)),
      ['{customData#temp1}', '{customData#temp2}'],
    );
    assert.ok(actions.every(a => !a.isPreferred));
  });

  it('quotes a text value outside a JSON string, and unquotes a number', () => {
    const host = new MemoryHost({ 'q.sftemplate': '{"d": {device}, "t": "{time}"}' });
    const quote = fixes(host, 'q.sftemplate', 'SFT007');
    assert.equal(applied(quote.document, quote.actions[0]!), '{"d": "{device}", "t": "{time}"}');
    const unquote = fixes(host, 'q.sftemplate', 'SFT008');
    assert.equal(applied(unquote.document, unquote.actions[0]!), '{"d": {device}, "t": {time}}');
  });

  it('replaces a deprecated variable by its successor', () => {
    const host = new MemoryHost({ 'd.sftemplate': 'snr={signal}' });
    const { document, actions } = fixes(host, 'd.sftemplate', 'SFT005');
    assert.equal(applied(document, actions[0]!), 'snr={snr}');
  });

  it('rewrites an inline payloadConfig as the canonical one-liner', () => {
    const host = new MemoryHost({ 'cb.sfcallback.json': '{"payloadConfig": "a::uint:8   b::uint:8"}' });
    const { document, actions } = fixes(host, 'cb.sfcallback.json', 'SFG022');
    assert.equal(applied(document, actions[0]!), '{"payloadConfig": "a::uint:8 b::uint:8"}');
  });

  it('offers nothing for a diagnostic that no longer matches the text, or when other kinds are asked for', () => {
    const host = new MemoryHost({ 'room.sfgrammar': 'temp::uint:8', 'room.sftemplate': '{"t": {customData#tmp}}' });
    const service = createLanguageService(host);
    const stale = service.doValidation(host.document('room.sftemplate'));
    host.set('room.sftemplate', '  {"t": {customData#tmp}}');
    const document = host.document('room.sftemplate', 2);
    assert.deepEqual(
      service.getCodeActions(document, stale[0]!.range, { diagnostics: stale }),
      [],
      'a stale range would edit the wrong characters',
    );
    const fresh = service.doValidation(document);
    assert.deepEqual(service.getCodeActions(document, fresh[0]!.range, { diagnostics: fresh, only: [CodeActionKind.Refactor] }), []);
    assert.equal(service.getCodeActions(document, fresh[0]!.range, { diagnostics: fresh, only: [CodeActionKind.QuickFix] }).length, 1);
  });
});

describe('fix all (source.fixAll.sigfox, check --fix)', () => {
  it('applies every preferred fix at once, and only those', () => {
    const host = new MemoryHost({
      'room.sfgrammar': 'temp1::uint:8 temp2::uint:8 hum::uint:8',
      'room.sftemplate': '{"a": {customData#temp}, "h": {customData#hm}}',
    });
    const service = createLanguageService(host);
    // `temp` has two candidates (not preferred): left as it is; `hm` has one: fixed.
    assert.equal(service.fixAll(host.document('room.sftemplate')), '{"a": {customData#temp}, "h": {customData#hum}}');
  });

  it('answers undefined when there is nothing to fix, and leaves a code turned off alone', () => {
    const host = new MemoryHost({ 'g.sfgrammar': 'a::UINT:8 b::INT:8' });
    const service = createLanguageService(host);
    assert.equal(service.fixAll(host.document('g.sfgrammar')), 'a::uint:8 b::int:8');
    assert.equal(service.fixAll(TextDocument.create(host.document('g.sfgrammar').uri, 'sfgrammar', 2, 'a::uint:8')), undefined);
    host.currentSettings = { ...host.currentSettings, rules: { SFG026: 'off' } };
    assert.equal(service.fixAll(host.document('g.sfgrammar')), undefined);
  });
});
