import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction } from 'vscode-languageserver-types';
import { createLanguageService } from '../../server/src/core/languageService';
import { MemoryHost } from './helpers/features';

/** The fixes offered for the definition's first diagnostic of `code`, each with the text it writes. */
function fixesOf(text: string, code: string): { action: CodeAction; fixed: string }[] {
  const host = new MemoryHost({ 'cb.sfcallback.json': text });
  const service = createLanguageService(host);
  const document = host.document('cb.sfcallback.json');
  const diagnostic = service.doValidation(document).find(d => d.code === code);
  assert.ok(diagnostic, `expected ${code}`);
  return service
    .getCodeActions(document, diagnostic.range, { diagnostics: [diagnostic] })
    .map(action => ({ action, fixed: TextDocument.applyEdits(document, action.edit!.changes![document.uri]!) }));
}

function codesOf(text: string): string[] {
  const host = new MemoryHost({ 'cb.sfcallback.json': text });
  return createLanguageService(host)
    .doValidation(host.document('cb.sfcallback.json'))
    .map(d => String(d.code));
}

const URL_HEAD = '"channel": "URL", "callbackType": 0, "callbackSubtype": 2, "url": "https://e.com/{device}"';

describe('callback definition fixes the messages name', () => {
  it('removes a trailing comma', () => {
    const [fix] = fixesOf(`{${URL_HEAD}, "httpMethod": "GET",}`, 'SFC001');
    assert.equal(fix!.fixed, `{${URL_HEAD}, "httpMethod": "GET"}`);
    assert.equal(fix!.action.isPreferred, true);
  });

  it('PATCH: proposes PUT, then POST', () => {
    const fixes = fixesOf(`{${URL_HEAD}, "httpMethod": "PATCH"}`, 'SFC012');
    assert.deepEqual(
      fixes.map(f => f.fixed),
      [`{${URL_HEAD}, "httpMethod": "PUT"}`, `{${URL_HEAD}, "httpMethod": "POST"}`],
    );
  });

  it('a Content-Type header moves to the contentType key', () => {
    const text = `{\n  ${URL_HEAD},\n  "httpMethod": "POST",\n  "headers": {\n    "Content-Type": "application/json",\n    "X-Api-Key": "k"\n  },\n  "bodyTemplate": "{}"\n}`;
    const [fix] = fixesOf(text, 'SFC023');
    assert.equal(
      fix!.fixed,
      `{\n  ${URL_HEAD},\n  "httpMethod": "POST",\n  "contentType": "application/json",\n  "headers": {\n    "X-Api-Key": "k"\n  },\n  "bodyTemplate": "{}"\n}`,
    );
    assert.deepEqual(
      codesOf(fix!.fixed).filter(c => c === 'SFC023' || c === 'SFC035' || c === 'SFC001'),
      [],
    );
    const already = fixesOf(
      `{${URL_HEAD}, "httpMethod": "POST", "contentType": "text/plain", "headers": {"X-A": "1", "content-type": "text/plain"}, "bodyTemplate": "x"}`,
      'SFC023',
    );
    assert.equal(
      already[0]!.fixed,
      `{${URL_HEAD}, "httpMethod": "POST", "contentType": "text/plain", "headers": {"X-A": "1"}, "bodyTemplate": "x"}`,
    );
  });

  it('a misspelt connection string part: SharedAccesKey -> SharedAccessKey', () => {
    const text = JSON.stringify({
      connector: { type: 'azure-iot-hub', connectionString: 'HostName=h.azure-devices.net;SharedAccessKeyName=n;SharedAccesKey=${env:K}' },
      callbackType: 0,
      callbackSubtype: 2,
      bodyTemplate: '{}',
    });
    const host = new MemoryHost({ 'cb.sfcallback.json': text });
    const service = createLanguageService(host);
    const document = host.document('cb.sfcallback.json');
    const diagnostic = service.doValidation(document).find(d => /SharedAccesKey/.test(d.message));
    assert.ok(diagnostic, 'a diagnostic names the misspelt part');
    assert.match(diagnostic.message, /did you mean `SharedAccessKey`/);
    const [action] = service.getCodeActions(document, diagnostic.range, { diagnostics: [diagnostic] });
    const fixed = TextDocument.applyEdits(document, action!.edit!.changes![document.uri]!);
    assert.ok(fixed.includes(';SharedAccessKey=${env:K}'), fixed);
  });
});
