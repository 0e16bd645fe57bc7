// @ts-check
// The "Sigfox Decode" webview. It renders the model the extension posts (client/src/preview/model.ts)
// with DOM APIs only: createElement / createElementNS, setAttribute and textContent. No innerHTML,
// no markup built from data: a char field or a template may hold any text, and it must stay text.
// It asks the extension for actions by name (copy, choose template, reveal problem N), never with
// content to run.
(function () {
  'use strict';
  // acquireVsCodeApi is provided by VS Code inside webviews.
  const vscode = acquireVsCodeApi();
  const SVG_NS = 'http://www.w3.org/2000/svg';
  const PALETTE_SIZE = 8;
  /** The model on screen. */
  let shown;
  /** Elements that can load or run something: none may ever appear in the panel. */
  const FOREIGN_ELEMENTS = ['img', 'script', 'iframe', 'object', 'embed', 'link', 'style', 'meta', 'base', 'form', 'image', 'foreignObject']
    .map(tag => `#app ${tag}`)
    .join(', ');

  /** @param {string} id */
  function byId(id) {
    const found = document.getElementById(id);
    if (!found) throw new Error(`preview.js: #${id} is missing from the page`);
    return found;
  }

  /**
   * @param {string} tag
   * @param {string} [className]
   * @param {string} [text]
   */
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /** @param {number} colour */
  function colourClass(colour) {
    return `f${colour % PALETTE_SIZE}`;
  }

  function renderHeader(model) {
    byId('frame-hex').textContent = model.frameHex || '(empty frame)';
    byId('summary').textContent = model.summary;
    byId('grammar').textContent = model.grammar;
  }

  function renderWarnings(model) {
    const list = byId('warnings');
    const items = [];
    if (model.error) {
      const li = el('li', 'notice error');
      li.append(el('span', 'notice-code', 'error'), el('span', 'notice-text', model.error));
      items.push(li);
    }
    for (const w of model.warnings) {
      const li = el('li', 'notice warning');
      li.append(el('span', 'notice-code', w.code), el('span', 'notice-text', w.text));
      items.push(li);
    }
    list.replaceChildren(...items);
    list.hidden = items.length === 0;
  }

  function renderFields(model) {
    const rows = model.fields.map(f => {
      const tr = el('tr', f.warning ? 'has-warning' : '');
      const name = el('td', 'name');
      const swatch = el('span', `swatch ${colourClass(f.colour)}`);
      swatch.setAttribute('aria-hidden', 'true');
      name.append(swatch, el('span', 'field-name', f.name));
      if (f.warning) {
        const mark = el('span', 'warning-mark', '⚠');
        mark.title = f.warning;
        mark.setAttribute('aria-label', `warning: ${f.warning}`);
        name.append(mark);
      }
      const position = el('td', 'position');
      position.append(el('span', '', f.position), el('span', 'muted size', f.size));
      tr.append(name, el('td', 'type', f.type), position, el('td', 'bits', f.rawBits), el('td', `value kind-${f.valueKind}`, f.value));
      tr.title = f.warning ? `${f.name} (${f.type}): ${f.warning}` : `${f.name} (${f.type})`;
      return tr;
    });
    const table = byId('fields');
    const tbody = table.querySelector('tbody');
    if (tbody) tbody.replaceChildren(...rows);
    table.hidden = rows.length === 0;
    byId('no-fields').hidden = rows.length !== 0 || !!model.error;
  }

  /** The widest layout that fits the panel without shrinking; the narrowest (scaled down) when none does. */
  function choosePicture(pictures, width) {
    if (!pictures || pictures.length === 0) return undefined;
    if (!width) return pictures.find(p => p.bytesPerRow === 4) || pictures[pictures.length - 1];
    const fitting = pictures.filter(p => p.width <= width);
    return fitting.length ? fitting[fitting.length - 1] : pictures[0];
  }

  function renderPicture(model) {
    const holder = byId('picture');
    const picture = choosePicture(model.pictures, holder.clientWidth);
    holder.dataset.bytesPerRow = picture ? String(picture.bytesPerRow) : '';
    if (!picture || picture.shapes.length === 0) {
      holder.replaceChildren(el('p', 'empty', model.error ? '' : 'The frame is empty and no field reads a bit.'));
      return;
    }
    const svg = document.createElementNS(SVG_NS, 'svg');
    svg.setAttribute('viewBox', `0 0 ${picture.width} ${picture.height}`);
    svg.setAttribute('width', String(picture.width));
    svg.setAttribute('height', String(picture.height));
    svg.setAttribute('class', 'frame');
    for (const s of picture.shapes) {
      const node = document.createElementNS(SVG_NS, s.kind);
      if (s.kind === 'rect') {
        setAll(node, { x: s.x, y: s.y, width: s.width, height: s.height, rx: s.className.startsWith('bar') ? 3 : 0 });
      } else if (s.kind === 'text') {
        setAll(node, { x: s.x, y: s.y, 'text-anchor': s.anchor });
        node.textContent = s.text;
      } else {
        setAll(node, { x1: s.x1, y1: s.y1, x2: s.x2, y2: s.y2 });
      }
      node.setAttribute('class', s.className);
      if (s.title) {
        const title = document.createElementNS(SVG_NS, 'title');
        title.textContent = s.title;
        node.append(title);
      }
      svg.append(node);
    }
    holder.replaceChildren(svg);
  }

  /** @param {Element} node @param {Record<string, string | number>} attrs */
  function setAll(node, attrs) {
    for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  }

  function renderBody(model) {
    const body = model.body;
    const status = byId('body-status');
    status.textContent = body.statusText;
    status.className = `badge status-${body.status}`;
    byId('template').textContent = body.template || '';
    byId('template').hidden = !body.template;
    byId('template-note').textContent = [body.note, body.callbackKind].filter(Boolean).join(' · ');
    const pre = byId('body');
    pre.textContent = body.text;
    pre.hidden = body.status === 'none';
    pre.className = `body status-${body.status}`;
    /** @type {HTMLButtonElement} */ (byId('copy-body')).disabled = body.status === 'none' || body.status === 'error';

    const problems = body.problems.map((p, index) => {
      const li = el('li', 'problem');
      const button = el('button', 'link');
      button.setAttribute('type', 'button');
      button.title = 'Show in the template';
      button.append(el('span', 'notice-code', p.code), el('span', 'problem-message', p.message), el('span', 'muted where', p.where));
      button.addEventListener('click', () => vscode.postMessage({ type: 'revealProblem', index }));
      li.append(button);
      return li;
    });
    const list = byId('problems');
    list.replaceChildren(...problems);
    list.hidden = problems.length === 0;

    const rows = body.variables.map(v => {
      const tr = el('tr');
      const origin = el('td', `origin origin-${v.origin}`);
      origin.append(el('span', 'tag', originText(v.origin)));
      tr.append(el('td', 'var-name', `{${v.name}}`), el('td', 'var-value', v.value), origin);
      if (v.origin === 'setting') tr.title = 'From the setting sigfox.preview.sampleVariables';
      else if (v.origin === 'default') tr.title = 'A sample value; set your own in sigfox.preview.sampleVariables';
      return tr;
    });
    const table = byId('variables');
    const tbody = table.querySelector('tbody');
    if (tbody) tbody.replaceChildren(...rows);
    table.hidden = rows.length === 0;
  }

  /** @param {string} origin */
  function originText(origin) {
    switch (origin) {
      case 'frame':
        return 'from the frame';
      case 'setting':
        return 'sample · settings';
      case 'default':
        return 'sample';
      default:
        return 'no value: left as written';
    }
  }

  /** What is on screen now, for the extension's test state (and nothing else). */
  function report(model) {
    const rows = [...document.querySelectorAll('#fields tbody tr')].map(tr => [...tr.children].map(td => td.textContent || ''));
    return {
      version: model.version,
      rows,
      body: byId('body').textContent || '',
      bodyStatus: byId('body-status').textContent || '',
      imgCount: document.getElementsByTagName('img').length,
      // VS Code itself adds a script to the page; inside #app only ours ever writes.
      foreignElementCount: document.querySelectorAll(FOREIGN_ELEMENTS).length,
      svgShapeCount: document.querySelectorAll('#picture svg > *').length,
      theme: document.body.className,
    };
  }

  /** What the extension follows (grammar, template, frame), saved with the model for a window reload. */
  let session;

  function show(model) {
    shown = model;
    renderHeader(model);
    renderWarnings(model);
    renderFields(model);
    renderPicture(model);
    renderBody(model);
    byId('app').setAttribute('aria-busy', 'false');
    vscode.setState({ model, session });
    vscode.postMessage({ type: 'rendered', report: report(model) });
  }

  // ---- encode mode: edit the values, the frame (and everything shown from it) follows ----------
  // The section is optional: a page without it simply has no encode mode.
  const ENCODE_DELAY_MS = 300;
  let encodeTimer;

  /** The encode inputs, by field name. */
  function encodeInputs() {
    const holder = document.getElementById('encode-fields');
    return holder ? [...holder.children].map(row => row.children[1]).filter(Boolean) : [];
  }

  /** @param {{ name: string, type: string, text: string }[]} fields */
  function renderEncodeForm(fields) {
    const holder = document.getElementById('encode-fields');
    if (!holder) return;
    const inputs = encodeInputs();
    const sameFields = inputs.length === fields.length && inputs.every((input, k) => input.dataset.field === fields[k].name);
    if (sameFields) {
      // Keep what the user is typing; update the others to the frame now shown.
      inputs.forEach((input, k) => {
        if (input !== document.activeElement) input.value = fields[k].text;
      });
      return;
    }
    const rows = fields.map(f => {
      const row = el('label', 'encode-row');
      const input = el('input', 'encode-value');
      input.setAttribute('type', 'text');
      input.setAttribute('spellcheck', 'false');
      input.setAttribute('aria-label', `${f.name} (${f.type})`);
      input.dataset.field = f.name;
      input.value = f.text;
      input.addEventListener('input', scheduleEncode);
      row.append(el('span', 'field-name', f.name), input, el('span', 'muted type', f.type));
      return row;
    });
    holder.replaceChildren(...rows);
  }

  function scheduleEncode() {
    clearTimeout(encodeTimer);
    encodeTimer = setTimeout(() => {
      /** @type {Record<string, string>} */
      const values = {};
      for (const input of encodeInputs()) values[input.dataset.field] = input.value;
      vscode.postMessage({ type: 'encode', values });
    }, ENCODE_DELAY_MS);
  }

  /** @param {{ hex: string, errors: string[] }} answer */
  function showEncoded(answer) {
    const list = document.getElementById('encode-errors');
    if (!list) return;
    const errors = Array.isArray(answer.errors) ? answer.errors : [];
    list.replaceChildren(
      ...errors.map(text => {
        const li = el('li', 'notice error');
        li.append(el('span', 'notice-code', 'encode'), el('span', 'notice-text', String(text)));
        return li;
      }),
    );
    list.hidden = errors.length === 0;
  }

  /** @param {'values' | 'body' | 'frame'} what */
  function confirmCopied(what) {
    const button = byId(what === 'values' ? 'copy-values' : what === 'frame' ? 'copy-frame' : 'copy-body');
    const label = button.dataset.label || button.textContent || '';
    button.dataset.label = label;
    button.textContent = 'Copied ✓';
    setTimeout(() => {
      button.textContent = label;
    }, 1500);
  }

  byId('copy-values').addEventListener('click', () => vscode.postMessage({ type: 'copyValues' }));
  byId('copy-body').addEventListener('click', () => vscode.postMessage({ type: 'copyBody' }));
  byId('choose-template').addEventListener('click', () => vscode.postMessage({ type: 'chooseTemplate' }));
  const copyFrame = document.getElementById('copy-frame');
  if (copyFrame) copyFrame.addEventListener('click', () => vscode.postMessage({ type: 'copyFrame' }));

  // Re-lay the picture when the panel is resized across a row width.
  window.addEventListener('resize', () => {
    if (!shown) return;
    const holder = byId('picture');
    const best = choosePicture(shown.pictures, holder.clientWidth);
    if (best && String(best.bytesPerRow) !== holder.dataset.bytesPerRow) renderPicture(shown);
  });

  window.addEventListener('message', event => {
    const message = event.data;
    if (!message || typeof message !== 'object') return;
    if (message.type === 'show' && message.model) {
      if (message.session) session = message.session;
      show(message.model);
    } else if (message.type === 'copied') confirmCopied(message.what === 'body' || message.what === 'frame' ? message.what : 'values');
    else if (message.type === 'encodeForm' && Array.isArray(message.fields)) renderEncodeForm(message.fields);
    else if (message.type === 'encoded') showEncoded(message);
  });

  // A panel hidden and shown again reloads this page: show the last model at once, then ask for
  // the current one.
  const saved = vscode.getState();
  if (saved && saved.session) session = saved.session;
  if (saved && saved.model) show(saved.model);
  vscode.postMessage({ type: 'ready' });
})();
