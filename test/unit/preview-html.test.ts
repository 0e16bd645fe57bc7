/** The preview webview's HTML shell (client/src/preview/html.ts): strict CSP, nonce, no data. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { buildShellHtml, contentSecurityPolicy, escapeHtml, makeNonce } from '../../client/src/preview/html';
import { parseWebviewMessage } from '../../client/src/preview/messages';

const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';
const options = (nonce = 'bm9uY2Utb2YtdGhlLXRlc3Q=') => ({
  cspSource: CSP_SOURCE,
  nonce,
  scriptUri: `${CSP_SOURCE}/ext/client/media/preview.js`,
  styleUri: `${CSP_SOURCE}/ext/client/media/preview.css`,
});

function cspOf(html: string): string {
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(meta, 'a CSP meta tag');
  return meta[1]!;
}

describe('preview HTML shell', () => {
  it('has a strict Content-Security-Policy with the nonce', () => {
    const html = buildShellHtml(options());
    assert.equal(
      cspOf(html),
      `default-src 'none'; style-src ${CSP_SOURCE} 'nonce-bm9uY2Utb2YtdGhlLXRlc3Q='; script-src 'nonce-bm9uY2Utb2YtdGhlLXRlc3Q='; img-src ${CSP_SOURCE} data:`,
    );
    assert.doesNotMatch(cspOf(html), /unsafe-inline|unsafe-eval|\*/);
  });

  it('loads exactly one script, from the media folder, with the nonce; no inline script or handler', () => {
    const html = buildShellHtml(options());
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.equal(scripts.length, 1);
    assert.match(scripts[0]![1]!, /nonce="bm9uY2Utb2YtdGhlLXRlc3Q="/);
    assert.match(scripts[0]![1]!, /src="https:\/\/file\+\.vscode-resource\.vscode-cdn\.net\/ext\/client\/media\/preview\.js"/);
    assert.equal(scripts[0]![2]!.trim(), '', 'no inline code');
    assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handler');
    assert.doesNotMatch(html, /command:|https?:\/\/(?!file\+\.vscode-resource)/, 'no command URI, no remote content');
  });

  it('carries no data: the model comes by postMessage and is placed with textContent', () => {
    const html = buildShellHtml(options());
    for (const id of ['frame-hex', 'grammar', 'body', 'fields', 'picture', 'problems', 'variables'])
      assert.match(html, new RegExp(`id="${id}"`));
    assert.doesNotMatch(html, /<code id="frame-hex">[^<]/, 'the frame is not in the markup');
  });

  it('escapes what it does interpolate', () => {
    const html = buildShellHtml({ ...options('a"b<c>'), scriptUri: 'x"><img src=x onerror=alert(1)>' });
    assert.doesNotMatch(html, /<img/);
    assert.match(html, /nonce="a&quot;b&lt;c&gt;"/);
    assert.equal(
      escapeHtml(`</script><img src=x onerror=alert(1)> & '"`),
      '&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; &amp; &#39;&quot;',
    );
  });

  it('makes a fresh 128-bit nonce each time, safe in the CSP', () => {
    const a = makeNonce(),
      b = makeNonce();
    assert.notEqual(a, b);
    assert.equal(Buffer.from(a, 'base64').length, 16);
    assert.match(contentSecurityPolicy('s', a), new RegExp(`'nonce-${a.replace(/[+/]/g, '\\$&')}'`));
  });

  it('every element the webview script looks up exists in the shell', () => {
    const script = readFileSync(join(__dirname, '../../client/media/preview.js'), 'utf8');
    const html = buildShellHtml(options());
    const ids = [...script.matchAll(/byId\('([a-z-]+)'\)/g)].map(m => m[1]!);
    assert.ok(ids.length > 10);
    for (const id of new Set(ids)) assert.match(html, new RegExp(`id="${id}"`), `#${id}`);
  });

  it('the webview script builds no markup from data', () => {
    const script = readFileSync(join(__dirname, '../../client/media/preview.js'), 'utf8');
    const code = script.replace(/^\s*\/\/.*$/gm, '');
    assert.doesNotMatch(code, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function/);
  });
});

describe('messages from the webview', () => {
  it('accepts the known actions and nothing else', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'copyBody', extra: 'ignored' }), { type: 'copyBody' });
    assert.deepEqual(parseWebviewMessage({ type: 'revealProblem', index: 2 }), { type: 'revealProblem', index: 2 });
    for (const bad of [
      null,
      'copyBody',
      {},
      { type: 'runCommand', command: 'x' },
      { type: 'revealProblem', index: -1 },
      { type: 'revealProblem', index: '1' },
      { type: 'rendered' },
    ]) {
      assert.equal(parseWebviewMessage(bad), undefined, JSON.stringify(bad));
    }
  });
});
