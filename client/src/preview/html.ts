/**
 * The preview webview's HTML: a fixed skeleton with a strict Content-Security-Policy. It carries
 * no data at all; the model arrives by postMessage and client/media/preview.js places it with
 * textContent. Pure: no `vscode`.
 */
import { randomBytes } from 'crypto';

export interface ShellOptions {
  /** `webview.cspSource`. */
  readonly cspSource: string;
  readonly nonce: string;
  /** `webview.asWebviewUri(...)` of client/media/preview.js and preview.css, as strings. */
  readonly scriptUri: string;
  readonly styleUri: string;
}

/** A fresh nonce per HTML document: 128 random bits. */
export function makeNonce(): string {
  return randomBytes(16).toString('base64');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    `img-src ${cspSource} data:`,
  ].join('; ');
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, c => HTML_ESCAPES[c]!);
}

/** For a double-quoted attribute value: `'` may stay (the CSP reads better with its quotes). */
function escapeAttribute(text: string): string {
  return text.replace(/[&<>"]/g, c => HTML_ESCAPES[c]!);
}

export function buildShellHtml(o: ShellOptions): string {
  const csp = escapeAttribute(contentSecurityPolicy(o.cspSource, o.nonce));
  const nonce = escapeAttribute(o.nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" nonce="${nonce}" href="${escapeAttribute(o.styleUri)}">
<title>Sigfox Decode</title>
</head>
<body>
<main id="app" aria-busy="true">
  <header class="head">
    <div class="head-main">
      <h1><span class="muted">Frame</span> <code id="frame-hex"></code></h1>
      <p class="head-detail"><span id="summary"></span> <span class="muted">decoded with</span> <code id="grammar"></code></p>
    </div>
    <div class="actions"><button type="button" id="copy-values" class="secondary" title="Copy the decoded values as a JSON object">Copy values as JSON</button></div>
  </header>
  <ul id="warnings" class="notices" aria-label="Warnings"></ul>

  <section aria-labelledby="fields-title">
    <h2 id="fields-title">Fields</h2>
    <div class="table-wrap">
      <table id="fields" class="fields">
        <thead><tr><th scope="col">Name</th><th scope="col">Type</th><th scope="col">Bytes and bits</th><th scope="col">Raw bits</th><th scope="col" class="num">Value</th></tr></thead>
        <tbody></tbody>
      </table>
    </div>
    <p id="no-fields" class="empty" hidden>The payload config has no field that could be decoded.</p>
  </section>

  <section aria-labelledby="picture-title">
    <h2 id="picture-title">Bits of the frame</h2>
    <div id="picture" class="picture" role="img" aria-label="The frame's bits, coloured by field"></div>
  </section>

  <section aria-labelledby="encode-title" class="encode-section">
    <div class="section-head">
      <h2 id="encode-title">Encode</h2>
      <span class="muted">Edit a value: the frame, the fields and their bits follow.</span>
      <span class="spacer"></span>
      <button type="button" id="copy-frame" class="secondary" title="Copy the frame as hex">Copy frame hex</button>
    </div>
    <div id="encode-fields" class="encode-fields"></div>
    <ul id="encode-errors" class="notices" aria-label="Why the values cannot be encoded" hidden></ul>
  </section>

  <section aria-labelledby="body-title" class="body-section">
    <div class="section-head">
      <h2 id="body-title">Callback body</h2>
      <span id="body-status" class="badge"></span>
      <span class="spacer"></span>
      <button type="button" id="choose-template" class="secondary" title="Render another body template (*.sftemplate)">Choose template…</button>
      <button type="button" id="copy-body" title="Copy the rendered body exactly as Sigfox would send it">Copy body</button>
    </div>
    <p class="body-source"><code id="template"></code> <span id="template-note" class="muted"></span></p>
    <pre id="body" class="body" tabindex="0"></pre>
    <ul id="problems" class="problems" aria-label="Problems in the rendered body"></ul>
    <table id="variables" class="variables">
      <caption>Variables</caption>
      <thead><tr><th scope="col">Variable</th><th scope="col">Value</th><th scope="col">Source</th></tr></thead>
      <tbody></tbody>
    </table>
  </section>
</main>
<script nonce="${nonce}" src="${escapeAttribute(o.scriptUri)}"></script>
</body>
</html>
`;
}
