/**
 * The preview's encode mode: the webview script (client/media/preview.js) builds one input per
 * field from `encodeForm`, sends the typed values with `encode`, and shows the encoder's errors;
 * the messages are checked before the extension acts on them.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runInNewContext } from 'node:vm';
import { encodeFormOf, MAX_ENCODE_FIELDS, parseWebviewMessage } from '../../client/src/preview/messages';
import type { DecodeResult } from '../../server/src/protocol';

const SCRIPT = readFileSync(join(__dirname, '../../client/media/preview.js'), 'utf8');

/** Elements made on demand: enough of the DOM for the encode section, no markup APIs at all. */
class Node {
  children: Node[] = [];
  text = '';
  className = '';
  hidden = false;
  value = '';
  readonly dataset: Record<string, string> = {};
  readonly attributes = new Map<string, string>();
  readonly listeners = new Map<string, (() => void)[]>();
  constructor(readonly tag: string) {}
  get textContent(): string {
    return this.text + this.children.map(c => c.textContent).join('');
  }
  set textContent(t: string) {
    this.text = t;
    this.children = [];
  }
  setAttribute(name: string, value: string): void {
    this.attributes.set(name, value);
  }
  addEventListener(type: string, fn: () => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
  }
  fire(type: string): void {
    for (const fn of this.listeners.get(type) ?? []) fn();
  }
  append(...nodes: (Node | string)[]): void {
    for (const n of nodes) {
      if (typeof n === 'string') this.text += n;
      else this.children.push(n);
    }
  }
  replaceChildren(...nodes: Node[]): void {
    this.children = nodes;
  }
}

function startWebview(): {
  byId: (id: string) => Node;
  posted: { type: string; values?: Record<string, string> }[];
  send: (m: unknown) => void;
  runTimers: () => void;
} {
  const ids = new Map<string, Node>();
  const byId = (id: string): Node => ids.get(id) ?? ids.set(id, new Node('div')).get(id)!;
  const posted: { type: string }[] = [];
  let timers: (() => void)[] = [];
  let onMessage: ((e: { data: unknown }) => void) | undefined;
  runInNewContext(SCRIPT, {
    document: { getElementById: byId, createElement: (tag: string) => new Node(tag), activeElement: undefined, body: new Node('body') },
    window: { addEventListener: (type: string, fn: (e: { data: unknown }) => void) => (type === 'message' ? (onMessage = fn) : undefined) },
    acquireVsCodeApi: () => ({
      postMessage: (m: { type: string }) => posted.push(JSON.parse(JSON.stringify(m)) as { type: string }),
      getState: () => undefined,
      setState: () => undefined,
    }),
    setTimeout: (fn: () => void) => timers.push(fn),
    clearTimeout: () => (timers = []),
    console,
  });
  return {
    byId,
    posted,
    send: m => onMessage!({ data: m }),
    runTimers: () => {
      const due = timers;
      timers = [];
      for (const fn of due) fn();
    },
  };
}

describe('preview encode mode', () => {
  it('one input per field, its value the current one; typing sends every value with `encode`', () => {
    const view = startWebview();
    view.send({
      type: 'encodeForm',
      fields: [
        { name: 'temp', type: 'uint:8', text: '30' },
        { name: 'label', type: 'char:2', text: '"AB"' },
      ],
    });
    const inputs = view.byId('encode-fields').children.map(row => row.children[1]!);
    assert.deepEqual(
      inputs.map(i => [i.dataset['field'], i.value, i.attributes.get('aria-label')]),
      [
        ['temp', '30', 'temp (uint:8)'],
        ['label', '"AB"', 'label (char:2)'],
      ],
    );
    inputs[0]!.value = '31';
    inputs[0]!.fire('input');
    view.runTimers();
    assert.deepEqual(view.posted.at(-1), { type: 'encode', values: { temp: '31', label: '"AB"' } });

    // The frame changed: the same fields keep their inputs, with the values now shown.
    view.send({
      type: 'encodeForm',
      fields: [
        { name: 'temp', type: 'uint:8', text: '31' },
        { name: 'label', type: 'char:2', text: '"AB"' },
      ],
    });
    assert.equal(view.byId('encode-fields').children[0]!.children[1], inputs[0]);
  });

  it("shows the encoder's errors, and clears them once the values encode", () => {
    const view = startWebview();
    view.send({ type: 'encoded', hex: '', errors: ['`temp`=300 is out of range: the field is uint:8, an integer 0..255'] });
    const list = view.byId('encode-errors');
    assert.equal(list.hidden, false);
    assert.match(list.textContent, /`temp`=300 is out of range/);
    view.send({ type: 'encoded', hex: '1E', errors: [] });
    assert.equal(list.hidden, true);
  });

  it('"Copy frame hex" asks the extension by name', () => {
    const view = startWebview();
    view.byId('copy-frame').fire('click');
    assert.deepEqual(view.posted.at(-1), { type: 'copyFrame' });
  });

  it('messages from the webview are checked before use', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'encode', values: { temp: '30' } }), { type: 'encode', values: { temp: '30' } });
    assert.equal(parseWebviewMessage({ type: 'encode', values: { temp: 30 } }), undefined);
    assert.equal(parseWebviewMessage({ type: 'encode', values: ['30'] }), undefined);
    assert.equal(
      parseWebviewMessage({
        type: 'encode',
        values: Object.fromEntries(Array.from({ length: MAX_ENCODE_FIELDS + 1 }, (_, k) => [`f${k}`, '1'])),
      }),
      undefined,
    );
    assert.deepEqual(parseWebviewMessage({ type: 'copyFrame', extra: 'ignored' }), { type: 'copyFrame' });
  });

  it('the form text of each decoded value reads back as the same value', () => {
    const field = (name: string, value: DecodeResult['fields'][number]['value'], rendered: string): DecodeResult['fields'][number] => ({
      name,
      type: 'x',
      value,
      rendered,
      byte: 0,
      bit: 7,
      bitLength: 8,
      lastByte: 0,
      rawBits: '',
    });
    const decoded: DecodeResult = {
      frameHex: '',
      warnings: [],
      fields: [
        field('s', { kind: 'string', value: 'a "b"' }, 'a "b"'),
        field('n', { kind: 'null', value: null }, 'null'),
        field('f', { kind: 'nonFinite', value: '-Infinity' }, 'null'),
        field('big', { kind: 'bigint', value: '18446744073709551615' }, '18446744073709551615'),
        field('ok', { kind: 'boolean', value: true }, 'true'),
      ],
    };
    assert.deepEqual(
      encodeFormOf(decoded).map(f => f.text),
      ['"a \\"b\\""', 'null', '-Infinity', '18446744073709551615', 'true'],
    );
  });
});
