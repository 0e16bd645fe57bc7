/**
 * The bundled server (server/out/main.js, with the Node flags of serverRuntime.ts) under load, over
 * stdio, driven by vscode-jsonrpc as an editor would: 10,000 rapid incremental edits across 100
 * documents (payload configs and the templates that depend on them) with completion, hover and
 * definition requests interleaved, answered out of order, many cancelled; files deleted on disk
 * while open; malformed JSON-RPC written raw to stdin; a 5 MB document. Every request must be
 * answered, the process must live, and its final diagnostics equal those of a fresh server started
 * on the same files. Its memory is printed, not asserted: the 80 MB budget is a benchmark
 * (`npm run bench`, bench/lsp-memory.ts), since RSS depends on the machine.
 * No fixed sleeps: every wait is for an event, bounded by a timeout that fails the test.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  CancellationTokenSource,
  createMessageConnection,
  ResponseError,
  StreamMessageReader,
  StreamMessageWriter,
  type Message,
  type MessageReader,
  type ResponseMessage,
} from 'vscode-jsonrpc/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { DEFAULT_DIAGNOSTICS_DELAY_MS } from '../../server/src/lsp/settings';
import { ensureBundle, residentBytes, spawnServer, stopServer, type SpawnedServer } from './helpers/bundle';
import { TestClient } from './helpers/client';
import { TempWorkspace } from './helpers/inProcess';

const PAIRS = 50; // g00..g49: a payload config and the template that depends on it (its sibling): 100 documents
const EDITS = 10_000;
/** Requests an editor has in flight at once (VS Code cancels a completion when the next one starts). */
const MAX_IN_FLIGHT = 4;
const MB = 1024 * 1024;
const REQUEST_CANCELLED = -32800;
/** Ids of the requests written raw to stdin, out of the client's own id range. */
const RAW_ID = 900_000;

/** A small deterministic PRNG (mulberry32): the same storm on every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const name = (k: number): string => `g${String(k).padStart(2, '0')}`;
const grammarText = (k: number): string =>
  `# config ${k}\nf0::uint:8 f1::int:12 f2::bool:7\nf3:2:uint:16:little-endian f4::char:2\n# example: 0102030405 => f0=1\n`;
const templateText = (k: number): string =>
  `{"device": "{device}", "a": {customData#f0}, "b": {customData#f1}, "c": "{customData#f4}", "k": ${k}, "t": {time}}\n`;

interface Outcome {
  readonly method: string;
  readonly cancelled: boolean;
  readonly error?: unknown;
}

describe('the bundled server under load', () => {
  const rnd = random(20240601);
  let workspace: TempWorkspace;
  let server: SpawnedServer;
  let client: TestClient;
  const rawResponses = new Map<number, ResponseMessage>();
  const rawEvents = new EventEmitter();
  /** The client's copy of every open document, updated exactly as the server updates its own. */
  const open = new Map<string, TextDocument>();
  let peakRss = 0;
  const sampleRss = (): number => {
    const rss = residentBytes(server.child.pid!) ?? 0;
    peakRss = Math.max(peakRss, rss);
    return rss;
  };

  before(async () => {
    ensureBundle();
    const files: Record<string, string> = {};
    for (let k = 0; k < PAIRS; k++) {
      files[`${name(k)}.sfgrammar`] = grammarText(k);
      files[`${name(k)}.sftemplate`] = templateText(k);
    }
    // Templates whose payload config is on disk only, to be deleted while the templates are open.
    for (let k = 0; k < 5; k++) {
      files[`disk/y${k}.sfgrammar`] = 'f0::uint:8 f1::uint:8\n';
      files[`disk/y${k}.sftemplate`] = '{"a": {customData#f0}, "b": {customData#f1}}\n';
    }
    files['big.sfgrammar'] = 'v0::uint:8 v1::uint:16 v2::bool:0\n';
    workspace = new TempWorkspace(files);
    server = spawnServer(workspace.root);
    // The client's reader hands over the answers to requests written raw, which it never sent.
    const reader = new StreamMessageReader(server.child.stdout!);
    const spy: MessageReader = {
      onError: reader.onError,
      onClose: reader.onClose,
      onPartialMessage: reader.onPartialMessage,
      listen: callback =>
        reader.listen((message: Message) => {
          const response = message as ResponseMessage;
          if (typeof response.id === 'number' && response.id >= RAW_ID && !('method' in message)) {
            rawResponses.set(response.id, response);
            rawEvents.emit('response');
          } else callback(message);
        }),
      dispose: () => reader.dispose(),
    };
    // The product's debounce (200 ms), as VS Code users run it: edits in a burst are checked once.
    client = new TestClient(createMessageConnection(spy, new StreamMessageWriter(server.child.stdin!)), {
      workspaceFolders: [workspace.uri],
      settings: { diagnostics: { delayMs: DEFAULT_DIAGNOSTICS_DELAY_MS } },
    });
    await server.unlessCrashed(client.initialize());
    await server.unlessCrashed(client.waitForLog(/indexed 111 Sigfox files/));
  });

  after(async () => {
    const errors = client.logs.filter(l => l.type === 1).map(l => l.message.split('\n').slice(0, 3).join(' | '));
    if (errors.length > 0) console.log(`[load] the server logged ${errors.length} errors, e.g.:\n${errors.slice(0, 8).join('\n')}`);
    await stopServer(server, client.connection);
    client.connection.dispose();
    workspace.dispose();
  });

  async function openDocument(path: string, text: string): Promise<string> {
    const uri = workspace.uriOf(path);
    const languageId = path.endsWith('.sfgrammar') ? 'sfgrammar' : 'sftemplate';
    open.set(uri, TextDocument.create(uri, languageId, 1, text));
    await client.open(uri, languageId, text);
    return uri;
  }

  /** The last diagnostics the server published for a uri, with the version they were computed for. */
  function latest(c: TestClient, uri: string): { diagnostics: Diagnostic[]; version: number | undefined } | undefined {
    for (let k = c.diagnostics.length - 1; k >= 0; k--) {
      const p = c.diagnostics[k]!;
      if (p.uri === uri) return { diagnostics: p.diagnostics, version: p.version };
    }
    return undefined;
  }

  /** Waits until every open document has diagnostics for its current version. */
  function settled(timeoutMs = 20_000): Promise<true> {
    return server.unlessCrashed(
      client.waitFor(
        'diagnostics of every open document at its last version',
        () => {
          for (const [uri, document] of open) if (latest(client, uri)?.version !== document.version) return undefined;
          return true;
        },
        timeoutMs,
      ),
    );
  }

  it('opens 100 documents and checks them', async () => {
    for (let k = 0; k < PAIRS; k++) {
      await openDocument(`${name(k)}.sfgrammar`, grammarText(k));
      await openDocument(`${name(k)}.sftemplate`, templateText(k));
    }
    for (let k = 0; k < 5; k++) await openDocument(`disk/y${k}.sftemplate`, '{"a": {customData#f0}, "b": {customData#f1}}\n');
    await settled();
    assert.deepEqual(latest(client, workspace.uriOf('g07.sftemplate'))?.diagnostics, [], 'a template against its sibling config is clean');
    sampleRss();
  });

  it('survives 10,000 incremental edits with interleaved, out-of-order and cancelled requests; all answered', async () => {
    const uris = [...open.keys()].filter(u => !u.includes('/disk/'));
    const grammarSnippets = [' fx::uint:8', '\n', '# note\n', ':', 'x', ' f0::uint:8', '{', ' f5::uint:99', '\r\n', 'é'];
    const templateSnippets = ['{customData#f1}', '{device}', '"', ',', ' ', 'x', '{customData#nope}', '}', '{ time }', '\n'];
    const outcomes: Promise<Outcome>[] = [];
    /** Requests not answered yet, oldest first: an editor keeps a few in flight and cancels the stale ones. */
    const inFlight: { source: CancellationTokenSource; cancelled: { value: boolean }; outcome: Promise<Outcome> }[] = [];
    let sends: Promise<void>[] = [];
    const started = performance.now();

    const request = (method: string, uri: string, offset: number, cancelNow: boolean): void => {
      const document = open.get(uri);
      const position = document ? document.positionAt(offset) : { line: 1_000_000, character: 5 };
      const source = new CancellationTokenSource();
      const cancelled = { value: cancelNow };
      const promise = client.connection.sendRequest(method, { textDocument: { uri }, position }, source.token);
      if (cancelNow) source.cancel();
      const outcome = promise.then(
        () => ({ method, cancelled: cancelled.value }),
        error => ({ method, cancelled: cancelled.value, error }),
      );
      outcomes.push(outcome);
      inFlight.push({ source, cancelled, outcome });
    };

    for (let i = 0; i < EDITS; i++) {
      const uri = uris[Math.floor(rnd() * uris.length)]!;
      const document = open.get(uri)!;
      const text = document.getText();
      const snippets = uri.endsWith('.sfgrammar') ? grammarSnippets : templateSnippets;
      const a = Math.floor(rnd() * (text.length + 1));
      const op = rnd();
      // Deletions as long as insertions on average: documents keep their size, as in real editing.
      const b = op < 0.4 ? a : Math.min(text.length, a + 1 + Math.floor(rnd() * 10));
      const insert = op < 0.4 || op >= 0.75 ? snippets[Math.floor(rnd() * snippets.length)]! : '';
      const change: TextDocumentContentChangeEvent = {
        range: { start: document.positionAt(a), end: document.positionAt(b) },
        text: insert,
      };
      TextDocument.update(document, [change], document.version + 1);
      sends.push(
        client.connection.sendNotification('textDocument/didChange', {
          textDocument: { uri, version: document.version },
          contentChanges: [change],
        }),
      );

      if (i % 10 === 5) {
        if (inFlight.length >= MAX_IN_FLIGHT) {
          // The user typed on: the oldest request is cancelled (sometimes) and its answer awaited, while edits keep coming.
          const oldest = inFlight.shift()!;
          if (rnd() < 0.3) {
            oldest.cancelled.value = true;
            oldest.source.cancel();
          }
          await server.unlessCrashed(oldest.outcome);
        }
        const target = rnd() < 0.05 ? workspace.uriOf('never-opened.sftemplate') : uris[Math.floor(rnd() * uris.length)]!;
        const length = open.get(target)?.getText().length ?? 0;
        const method = ['textDocument/completion', 'textDocument/hover', 'textDocument/definition'][i % 3]!;
        request(method, target, Math.floor(rnd() * (length + 1)), rnd() < 0.15);
      }
      if (i % 100 === 99) {
        // As fast as the server goes, never further ahead of it than 100 edits: a client that floods
        // faster than the server reads only measures how much JSON a pipe can queue.
        await server.unlessCrashed(Promise.all(sends));
        sends = [];
        await server.unlessCrashed(client.request('textDocument/documentSymbol', { textDocument: { uri } }));
      }
      if (i % 500 === 0) sampleRss();
    }
    await server.unlessCrashed(Promise.all(sends));

    const results = await server.unlessCrashed(Promise.all(outcomes));
    const size = [...open.values()].reduce((n, d) => n + d.getText().length, 0);
    const stormMs = performance.now() - started;
    const endRss = sampleRss();
    const failed = results.filter(
      o => o.error !== undefined && !(o.cancelled && o.error instanceof ResponseError && o.error.code === REQUEST_CANCELLED),
    );
    assert.deepEqual(
      failed.map(o => `${o.method}: ${String(o.error)}`),
      [],
      'every request is answered (a cancelled one may answer RequestCancelled)',
    );
    const cancelledAnswers = results.filter(o => o.error instanceof ResponseError).length;
    console.log(
      `[load] ${EDITS} edits, ${results.length} requests (${results.filter(o => o.cancelled).length} cancelled, ${cancelledAnswers} answered RequestCancelled) in ${(stormMs / 1000).toFixed(1)} s, documents now ${(size / 1024).toFixed(0)} KB in all; RSS at the end ${(endRss / MB).toFixed(1)} MB, peak ${(peakRss / MB).toFixed(1)} MB`,
    );
    assert.equal(server.child.exitCode, null, 'the server is alive');
    await settled();
    sampleRss();
  });

  it('keeps open buffers when their files are deleted on disk, and re-checks templates whose config is deleted', async () => {
    const mark = client.mark();
    for (let k = 0; k < 5; k++) {
      workspace.remove(`${name(k)}.sfgrammar`);
      workspace.remove(`${name(k)}.sftemplate`);
      workspace.remove(`disk/y${k}.sfgrammar`);
    }
    await client.filesChanged(
      ...[0, 1, 2, 3, 4].flatMap(k => [
        { uri: workspace.uriOf(`${name(k)}.sfgrammar`), type: 3 as const },
        { uri: workspace.uriOf(`${name(k)}.sftemplate`), type: 3 as const },
        { uri: workspace.uriOf(`disk/y${k}.sfgrammar`), type: 3 as const },
      ]),
    );
    for (let k = 0; k < 5; k++) {
      const diagnostics = await server.unlessCrashed(
        client.waitForDiagnostics(workspace.uriOf(`disk/y${k}.sftemplate`), d => d.length > 0, mark),
      );
      assert.deepEqual([...new Set(diagnostics.map(d => d.code))], ['SFT003'], 'no payload config is associated any more');
    }
    const hover = await server.unlessCrashed(
      client.request<unknown>('textDocument/hover', {
        textDocument: { uri: workspace.uriOf('g01.sfgrammar') },
        position: { line: 1, character: 1 },
      }),
    );
    assert.ok(hover === null || typeof hover === 'object', 'a deleted file still open is still served');
  });

  it('answers or survives malformed JSON-RPC written raw to stdin', async () => {
    const stdin = server.child.stdin!;
    const raw = (body: string): void => {
      const bytes = Buffer.from(body, 'utf8');
      stdin.write(`Content-Length: ${bytes.length}\r\n\r\n`);
      stdin.write(bytes);
    };
    const answer = (id: number): Promise<ResponseMessage> =>
      server.unlessCrashed(
        new Promise<ResponseMessage>((resolve, reject) => {
          const check = (): void => {
            const response = rawResponses.get(id);
            if (!response) return;
            clearTimeout(timer);
            rawEvents.off('response', check);
            resolve(response);
          };
          const timer = setTimeout(() => {
            rawEvents.off('response', check);
            reject(new Error(`no answer to raw request ${id}`));
          }, 10_000);
          rawEvents.on('response', check);
          check();
        }),
      );
    const stillServing = async (): Promise<void> => {
      const list = await server.unlessCrashed(
        client.request<{ items: unknown[] }>('textDocument/completion', {
          textDocument: { uri: workspace.uriOf('g20.sftemplate') },
          position: { line: 0, character: 1 },
        }),
      );
      assert.ok(Array.isArray(list.items) && list.items.length > 0, 'the server still completes');
    };
    // The client's writer is idle here (every earlier send was awaited): raw bytes cannot split a message.
    raw('{"jsonrpc": "2.0", "id": 900001, "method": "textDocument/hover", "params": {');
    await stillServing();
    raw(JSON.stringify({ jsonrpc: '2.0', id: RAW_ID + 2, method: 'sigfox/noSuchMethod', params: {} }));
    assert.equal((await answer(RAW_ID + 2)).error?.code, -32601, 'an unknown method is MethodNotFound');
    const invalid = [
      { method: 'textDocument/hover', params: { textDocument: 42, position: 'here' } },
      { method: 'textDocument/completion', params: null },
      {
        method: 'textDocument/definition',
        params: { textDocument: { uri: workspace.uriOf('g20.sftemplate') }, position: { line: 'x', character: null } },
      },
      {
        method: 'textDocument/rename',
        params: { textDocument: { uri: workspace.uriOf('g20.sfgrammar') }, position: { line: 1, character: 1 }, newName: 42 },
      },
      {
        method: 'textDocument/codeAction',
        params: { textDocument: { uri: workspace.uriOf('g20.sfgrammar') }, range: null, context: { diagnostics: 'none' } },
      },
      { method: 'sigfox/decode', params: { grammar: 5, hex: 7 } },
      { method: 'sigfox/render', params: { template: { uri: 42 }, hex: null } },
      { method: 'textDocument/formatting', params: [] },
    ];
    for (const [k, m] of invalid.entries()) {
      raw(JSON.stringify({ jsonrpc: '2.0', id: RAW_ID + 10 + k, ...m }));
      const response = await answer(RAW_ID + 10 + k);
      assert.ok('result' in response || response.error !== undefined, `${m.method} with invalid params is answered`);
    }
    // Notifications with parameters of the wrong types: nothing to answer, nothing may break.
    for (const m of [
      { method: 'textDocument/didOpen', params: { textDocument: 42 } },
      {
        method: 'textDocument/didOpen',
        params: { textDocument: { uri: workspace.uriOf('bogus.sfgrammar'), languageId: 'sfgrammar', version: 1, text: 42 } },
      },
      {
        method: 'textDocument/didOpen',
        params: { textDocument: { uri: `${workspace.uri}/lone\ud800.sftemplate`, languageId: 'sftemplate', version: 1, text: '{device}' } },
      },
      {
        method: 'textDocument/didChange',
        params: { textDocument: { uri: workspace.uriOf('g21.sfgrammar'), version: 'x' }, contentChanges: 'abc' },
      },
      { method: 'textDocument/didClose', params: { textDocument: null } },
      { method: 'workspace/didChangeWatchedFiles', params: { changes: [{ uri: 7, type: 'deleted' }] } },
      { method: 'workspace/didChangeConfiguration', params: { settings: { sigfox: { associations: 'all', maxUplinkBytes: -1 } } } },
    ])
      raw(JSON.stringify({ jsonrpc: '2.0', ...m }));
    await stillServing();
    assert.equal(server.child.exitCode, null, 'the server is alive');
  });

  it('checks a 5 MB document, edits it incrementally, and answers requests in it', async () => {
    let text = '[\n';
    for (let i = 0; text.length < 5 * MB; i++) text += `{"d": "{device}", "n": ${i}, "v": {customData#v1}, "b": {customData#v2}},\n`;
    text += '{}]\n';
    const uri = await openDocument('big.sftemplate', text);
    assert.deepEqual(await server.unlessCrashed(client.waitForDiagnostics(uri, (_d, p) => p.version === 1)), []);
    const document = open.get(uri)!;
    const middle = document.positionAt(Math.floor(text.length / 2));
    const change = { range: { start: middle, end: middle }, text: '{customData#nope}' };
    TextDocument.update(document, [change], 2);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [change] });
    const diagnostics = await server.unlessCrashed(client.waitForDiagnostics(uri, (_d, p) => p.version === 2, 0));
    assert.ok(
      diagnostics.some(d => d.code === 'SFT002'),
      'the new placeholder is checked',
    );
    const hover = await server.unlessCrashed(
      client.request<{ contents: unknown } | null>('textDocument/hover', {
        textDocument: { uri },
        position: { line: middle.line, character: middle.character + 3 },
      }),
    );
    assert.equal(hover, null, 'no field `nope`, no hover');
    const list = await server.unlessCrashed(
      client.request<{ items: unknown[] }>('textDocument/completion', { textDocument: { uri }, position: middle }),
    );
    assert.ok(list.items.length > 0);
    sampleRss();
  });

  it('ends with the diagnostics a fresh server computes for the same files', async () => {
    await settled();
    // The same files: what is on disk now, and the open documents as the client holds them.
    const fresh = new TempWorkspace();
    const copy = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = join(dir, entry.name);
        if (entry.isDirectory()) copy(full);
        else fresh.write(relative(workspace.root, full), readFileSync(full, 'utf8'));
      }
    };
    copy(workspace.root);
    const freshServer = spawnServer(fresh.root);
    const freshClient = new TestClient(
      createMessageConnection(new StreamMessageReader(freshServer.child.stdout!), new StreamMessageWriter(freshServer.child.stdin!)),
      { workspaceFolders: [fresh.uri] },
    );
    try {
      await freshServer.unlessCrashed(freshClient.initialize());
      await freshServer.unlessCrashed(freshClient.waitForLog(/indexed \d+ Sigfox files/));
      const pairs = [...open.values()].map(d => ({ ours: d.uri, theirs: fresh.uri + d.uri.slice(workspace.uri.length), document: d }));
      for (const { theirs, document } of pairs) await freshClient.open(theirs, document.languageId, document.getText());
      const differences = (): string[] =>
        pairs.flatMap(({ ours, theirs }) => {
          const a = latest(client, ours)?.diagnostics,
            b = latest(freshClient, theirs)?.diagnostics;
          return JSON.stringify(a) === JSON.stringify(b)
            ? []
            : [`${ours.slice(workspace.uri.length)}: ${JSON.stringify(a)?.slice(0, 300)} vs ${JSON.stringify(b)?.slice(0, 300)}`];
        });
      await freshServer
        .unlessCrashed(
          freshClient.waitFor('the same diagnostics as the loaded server', () => (differences().length === 0 ? true : undefined), 30_000),
        )
        .catch(e => {
          throw new Error(`${(e as Error).message}:\n${differences().slice(0, 5).join('\n')}`);
        });
      // Still equal after a round trip to each server: nothing was in flight.
      await server.unlessCrashed(
        client.request('textDocument/hover', { textDocument: { uri: pairs[0]!.ours }, position: { line: 0, character: 0 } }),
      );
      await freshServer.unlessCrashed(
        freshClient.request('textDocument/hover', { textDocument: { uri: pairs[0]!.theirs }, position: { line: 0, character: 0 } }),
      );
      assert.deepEqual(differences(), []);
      assert.ok(
        pairs.some(p => (latest(client, p.ours)?.diagnostics.length ?? 0) > 0),
        'the storm left problems to compare',
      );
    } finally {
      await stopServer(freshServer, freshClient.connection);
      freshClient.connection.dispose();
      fresh.dispose();
    }
    console.log(`[load] peak RSS over the whole run (5 MB document included): ${(peakRss / MB).toFixed(1)} MB`);
    assert.equal(server.child.exitCode, null, 'the loaded server is alive');
  });
});

describe('the bundled server and files that are not files', () => {
  it('answers when a definition, a sibling or a setting names a FIFO or /dev/zero (it used to block or read for ever)', async () => {
    ensureBundle();
    const workspace = new TempWorkspace({
      'd.sfcallback.json': JSON.stringify({
        channel: 'URL',
        callbackType: 0,
        callbackSubtype: 2,
        url: 'https://example.com',
        httpMethod: 'POST',
        contentType: 'application/json',
        payloadConfigFile: '/dev/zero',
        bodyTemplateFile: 'fifo.sftemplate',
      }),
      't.sftemplate': '{"a": {customData#a}}',
      'other/u.sftemplate': '{"a": {customData#a}}',
    });
    execFileSync('mkfifo', [join(workspace.root, 't.sfgrammar')]);
    execFileSync('mkfifo', [join(workspace.root, 'fifo.sftemplate')]);
    const server = spawnServer(workspace.root);
    const client = new TestClient(
      createMessageConnection(new StreamMessageReader(server.child.stdout!), new StreamMessageWriter(server.child.stdin!)),
      {
        workspaceFolders: [workspace.uri],
        settings: { diagnostics: { delayMs: 0 }, associations: [{ template: 'other/*.sftemplate', grammar: '/dev/zero' }] },
      },
    );
    try {
      await server.unlessCrashed(client.initialize());
      await server.unlessCrashed(client.waitForLog(/indexed \d+ Sigfox files?/));
      await client.open(workspace.uriOf('d.sfcallback.json'), 'json', readFileSync(join(workspace.root, 'd.sfcallback.json'), 'utf8'));
      const definition = await server.unlessCrashed(client.waitForDiagnostics(workspace.uriOf('d.sfcallback.json')));
      assert.deepEqual(
        definition.map(d => d.code),
        ['SFC036', 'SFC018'], // /dev/zero lies outside the project; the FIFO cannot be read
        'neither file is read',
      );
      for (const path of ['t.sftemplate', 'other/u.sftemplate']) {
        await client.open(workspace.uriOf(path), 'sftemplate', '{"a": {customData#a}}');
        const diagnostics = await server.unlessCrashed(client.waitForDiagnostics(workspace.uriOf(path)));
        assert.ok(diagnostics.length > 0, `${path}: its payload config cannot be read, so the field cannot be checked`);
        const hover = await server.unlessCrashed(
          client.request('textDocument/hover', { textDocument: { uri: workspace.uriOf(path) }, position: { line: 0, character: 9 } }),
        );
        assert.ok(hover === null || typeof hover === 'object');
      }
    } finally {
      await stopServer(server, client.connection);
      client.connection.dispose();
      workspace.dispose();
    }
  });
});
