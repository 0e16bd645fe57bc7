/**
 * The webview script (client/media/preview.js) run against a minimal DOM: hostile text in a char
 * value, a field name or a template lands in text nodes; no element is ever created from data.
 * The fake DOM throws on innerHTML & co, so the script cannot build markup behind our back.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runInNewContext } from 'node:vm';
import { buildPreviewModel, type PreviewModel } from '../../client/src/preview/model';
import type { WebviewReport } from '../../client/src/preview/messages';

const HOSTILE = '</script><img src=x onerror=alert(1)>';
const SCRIPT = readFileSync(join(__dirname, '../../client/media/preview.js'), 'utf8');

class FakeText {
  constructor(public data: string) {}
  get textContent(): string {
    return this.data;
  }
}

class FakeElement {
  readonly children: FakeElement[] = [];
  nodes: (FakeElement | FakeText)[] = [];
  readonly attributes = new Map<string, string>();
  readonly listeners = new Map<string, (() => void)[]>();
  readonly dataset: Record<string, string> = {};
  className = '';
  hidden = false;
  title = '';
  disabled = false;
  id = '';
  constructor(
    readonly tagName: string,
    readonly namespace: string | null,
  ) {}

  get textContent(): string {
    return this.nodes.map(n => n.textContent).join('');
  }
  set textContent(text: string) {
    this.setNodes([new FakeText(String(text))]);
  }
  set innerHTML(_: string) {
    throw new Error('innerHTML used');
  }
  set outerHTML(_: string) {
    throw new Error('outerHTML used');
  }
  insertAdjacentHTML(): never {
    throw new Error('insertAdjacentHTML used');
  }

  append(...nodes: (FakeElement | string)[]): void {
    this.setNodes([...this.nodes, ...nodes.map(n => (typeof n === 'string' ? new FakeText(n) : n))]);
  }
  replaceChildren(...nodes: FakeElement[]): void {
    this.setNodes(nodes);
  }
  private setNodes(nodes: (FakeElement | FakeText)[]): void {
    this.nodes = nodes;
    this.children.length = 0;
    this.children.push(...nodes.filter((n): n is FakeElement => n instanceof FakeElement));
  }
  setAttribute(name: string, value: string): void {
    if (/^on/i.test(name) || name === 'style') throw new Error(`setAttribute(${name}) used`);
    this.attributes.set(name, String(value));
  }
  addEventListener(type: string, fn: () => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
  }
  click(): void {
    for (const fn of this.listeners.get('click') ?? []) fn();
  }
  querySelector(selector: string): FakeElement | null {
    return this.descendants().find(e => e.tagName === selector) ?? null;
  }
  descendants(): FakeElement[] {
    return this.children.flatMap(c => [c, ...c.descendants()]);
  }
}

/** Just enough DOM for preview.js: the shell's elements by id, creation, and a few queries. */
class FakeDom {
  readonly created: FakeElement[] = [];
  readonly body = new FakeElement('body', null);
  private readonly byId = new Map<string, FakeElement>();

  constructor() {
    this.body.className = 'vscode-dark';
    const root = this.make('main', 'app');
    this.body.append(root);
    for (const id of [
      'frame-hex',
      'summary',
      'grammar',
      'warnings',
      'no-fields',
      'picture',
      'body-status',
      'template',
      'template-note',
      'body',
      'problems',
      'copy-values',
      'copy-body',
      'choose-template',
    ])
      root.append(this.make('div', id));
    for (const id of ['fields', 'variables']) {
      const table = this.make('table', id);
      table.append(new FakeElement('tbody', null));
      root.append(table);
    }
    this.created.length = 0;
  }

  private make(tag: string, id: string): FakeElement {
    const e = new FakeElement(tag, null);
    e.id = id;
    this.byId.set(id, e);
    return e;
  }

  readonly document = {
    body: this.body,
    getElementById: (id: string) => this.byId.get(id) ?? null,
    createElement: (tag: string) => this.track(new FakeElement(tag, null)),
    createElementNS: (ns: string, tag: string) => this.track(new FakeElement(tag, ns)),
    getElementsByTagName: (tag: string) => this.body.descendants().filter(e => e.tagName === tag),
    querySelectorAll: (selector: string) => {
      if (selector === '#fields tbody tr') return this.byId.get('fields')!.querySelector('tbody')!.children;
      if (selector === '#picture svg > *') return this.byId.get('picture')!.children.flatMap(svg => svg.children);
      if (selector.startsWith('#app img, #app script')) {
        const tags = selector.split(', ').map(s => s.replace('#app ', ''));
        return this.byId
          .get('app')!
          .descendants()
          .filter(e => tags.includes(e.tagName));
      }
      throw new Error(`unexpected selector ${selector}`);
    },
  };

  private track(e: FakeElement): FakeElement {
    this.created.push(e);
    return e;
  }

  get(id: string): FakeElement {
    return this.byId.get(id)!;
  }
}

/** Messages cross the vm realm: compare them as the JSON they travel as. */
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

interface Webview {
  dom: FakeDom;
  posted: unknown[];
  state: unknown;
  send(message: unknown): void;
}

function startWebview(savedState?: unknown): Webview {
  const dom = new FakeDom();
  const posted: unknown[] = [];
  let onMessage: ((e: { data: unknown }) => void) | undefined;
  const view: Webview = { dom, posted, state: savedState, send: message => onMessage!({ data: message }) };
  runInNewContext(SCRIPT, {
    document: dom.document,
    window: {
      addEventListener: (type: string, fn: (e: { data: unknown }) => void) => {
        if (type === 'message') onMessage = fn;
      },
    },
    acquireVsCodeApi: () => ({
      postMessage: (m: unknown) => posted.push(m),
      getState: () => view.state,
      setState: (s: unknown) => {
        view.state = s;
      },
    }),
    setTimeout: () => 0,
    console,
  });
  return view;
}

function hostileModel(): PreviewModel {
  return buildPreviewModel({
    version: 3,
    grammarLabel: `evil<b>.sfgrammar`,
    decode: {
      frameHex: Buffer.from(HOSTILE, 'latin1').toString('hex').toUpperCase(),
      warnings: [{ code: 'SFG300', message: `byte 0x3C in ${HOSTILE}`, field: 'label' }],
      fields: [
        {
          name: 'label',
          type: `char:${HOSTILE.length}`,
          value: { kind: 'string', value: HOSTILE },
          rendered: HOSTILE,
          byte: 0,
          bit: 7,
          bitLength: HOSTILE.length * 8,
          lastByte: HOSTILE.length - 1,
          rawBits: '0'.repeat(HOSTILE.length * 8),
        },
      ],
    },
    template: {
      label: 'evil.sftemplate',
      note: HOSTILE,
      render: {
        text: `${HOSTILE} ${HOSTILE}`,
        isJson: false,
        validJson: null,
        problems: [{ code: 'SFT101', message: HOSTILE, offset: 0, end: 3 }],
        usedVariables: ['device'],
        variables: [{ name: 'device', value: HOSTILE, origin: 'given' }],
        usedCustomData: ['label'],
      },
    },
  });
}

describe('preview webview script', () => {
  it('asks for the model when it starts', () => {
    const view = startWebview();
    assert.deepEqual(plain(view.posted), [{ type: 'ready' }]);
  });

  it('shows hostile values, names and template text as text, creating no img or script', () => {
    const view = startWebview();
    view.send({ type: 'show', model: hostileModel() });
    const { dom } = view;
    const tags = new Set(dom.created.map(e => e.tagName));
    assert.ok(!tags.has('img') && !tags.has('script') && !tags.has('iframe'), [...tags].join(','));

    const row = dom.get('fields').querySelector('tbody')!.children[0]!;
    assert.equal(row.children[4]!.textContent, `"${HOSTILE}"`);
    assert.equal(dom.get('body').textContent, `${HOSTILE} ${HOSTILE}`);
    assert.equal(dom.get('grammar').textContent, 'evil<b>.sfgrammar');
    assert.match(dom.get('template-note').textContent, /<\/script><img/);
    assert.match(dom.get('warnings').textContent, /onerror=alert/);
    assert.match(dom.get('problems').textContent, /onerror=alert/);
    assert.match(dom.get('variables').textContent, /<\/script><img src=x/);
    // SVG labels too: text nodes inside <text>.
    const svgTexts = dom
      .get('picture')
      .descendants()
      .filter(e => e.tagName === 'text' || e.tagName === 'title')
      .map(e => e.textContent);
    assert.ok(
      svgTexts.some(t => t.includes('</script>')),
      'an SVG label or tooltip holds the value as text',
    );

    const report = (view.posted.find(m => (m as { type: string }).type === 'rendered') as { report: WebviewReport }).report;
    assert.equal(report.version, 3);
    assert.deepEqual([report.imgCount, report.foreignElementCount], [0, 0]);
    assert.equal(report.rows[0]![4], `"${HOSTILE}"`);
    assert.equal(report.theme, 'vscode-dark');
    assert.ok(report.svgShapeCount > 0);
  });

  it('sends actions by name only, and problem reveals by index', () => {
    const view = startWebview();
    view.send({ type: 'show', model: hostileModel() });
    view.posted.length = 0;
    view.dom.get('copy-values').click();
    view.dom.get('copy-body').click();
    view.dom.get('choose-template').click();
    view.dom
      .get('problems')
      .descendants()
      .find(e => e.tagName === 'button')!
      .click();
    assert.deepEqual(plain(view.posted), [
      { type: 'copyValues' },
      { type: 'copyBody' },
      { type: 'chooseTemplate' },
      { type: 'revealProblem', index: 0 },
    ]);
  });

  it('keeps the model in its state and shows it again after a reload', () => {
    const first = startWebview();
    first.send({ type: 'show', model: hostileModel() });
    const again = startWebview(first.state);
    assert.equal(again.dom.get('body').textContent, `${HOSTILE} ${HOSTILE}`);
    assert.deepEqual(
      again.posted.map(m => (m as { type: string }).type),
      ['rendered', 'ready'],
    );
  });

  it('keeps the session the extension follows with the model, for the panel to restore itself after a window reload', () => {
    const session = { grammar: { ref: { uri: 'file:///w/room.sfgrammar' }, label: 'room.sfgrammar' }, hex: '1a2b' };
    const first = startWebview();
    first.send({ type: 'show', model: hostileModel(), session });
    assert.deepEqual((first.state as { session: unknown }).session, session);
    // A model without a session (an older extension) keeps the one saved.
    const again = startWebview(first.state);
    again.send({ type: 'show', model: hostileModel() });
    assert.deepEqual((again.state as { session: unknown }).session, session);
  });
});
