/**
 * Typing in the 300 KB template through the bundled server over stdio, as an editor drives it:
 * one character inserted every 5 ms, a completion request after each keystroke and a hover after
 * every other, each timed from send to answer (what the user waits for, validation included if it
 * blocks them). With the default diagnostics delay and with `sigfox.diagnostics.delayMs` 0.
 * Budget: completion and hover p95 < 10 ms. Beside it, the floor: the same requests to a minimal
 * server on the same LSP library that answers at once (the transport's own cost on this machine).
 * Run: node --import tsx bench/lsp-typing.ts [keystrokes=400] (or BENCH_KEYSTROKES)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawn } from 'node:child_process';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { ensureBundle, spawnServer, stopServer } from '../test/lsp/helpers/bundle';
import { median, quantile, report } from './figures';

const KEYSTROKES = Number(process.argv[2] ?? process.env['BENCH_KEYSTROKES'] ?? 400);
const KEY_INTERVAL_MS = 5;

const fields = Array.from({ length: 1000 }, (_, k) => `f${k}:${k % 12}:uint:${(k % 8) + 1}::${7 - (k % 8)}`).join('\n') + '\n';
const entries = ['"{device}"', '{time}', '"{data}"', '{seqNumber}', '{customData#f1}', '{customData#f2}', '{customData#f999}'];
function templateText(): string {
  let body = '{\n';
  for (let n = 0; n < 10000; n++) body += `  "key${n}": ${entries[n % entries.length]},\n`;
  body = body.replace(/,\n$/, '\n') + '}';
  while (body.length < 300_000) body = body.replace('{\n', '{\n  "pad": "' + 'x'.repeat(200) + '",\n');
  return body;
}

/** A minimal server on the same LSP library: answers completion and hover at once, keeps nothing. */
const MINIMAL_SERVER = `
const { createConnection, ProposedFeatures } = require('vscode-languageserver/node');
const c = createConnection(ProposedFeatures.all);
c.onInitialize(() => ({ capabilities: { textDocumentSync: 2, completionProvider: {}, hoverProvider: true } }));
c.onDidOpenTextDocument(() => undefined);
c.onDidChangeTextDocument(() => undefined);
c.onCompletion(() => ({ isIncomplete: false, items: [{ label: 'device' }] }));
c.onHover(() => ({ contents: 'x' }));
c.listen();
`;

interface Timings {
  completion: number[];
  hover: number[];
}

async function typeInto(connection: MessageConnection, uri: string, text: string, opened?: Promise<unknown>): Promise<Timings> {
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'sftemplate', version: 1, text } });
  // The user starts typing once the file is open and checked, as in the editor.
  await opened;
  // Typing `{customData#f` key by key inside a JSON value in the middle of the file.
  const anchor = text.indexOf('"key5000": ');
  let line = 0;
  for (let i = 0; i < anchor; i++) if (text.charCodeAt(i) === 10) line++;
  let character = anchor - text.lastIndexOf('\n', anchor) - 1 + '"key5000": '.length;
  const typed = '{customData#f12} ';
  const timings: Timings = { completion: [], hover: [] };
  const pending: Promise<unknown>[] = [];
  const timed = (method: string, params: unknown, into: number[]): void => {
    const started = performance.now();
    pending.push(connection.sendRequest(method, params).then(() => into.push(performance.now() - started)));
  };
  let version = 1;
  const start = performance.now();
  for (let k = 0; k < KEYSTROKES; k++) {
    const ch = typed[k % typed.length]!;
    const position = { line, character };
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: ++version },
      contentChanges: [{ range: { start: position, end: position }, text: ch }],
    });
    character++;
    timed('textDocument/completion', { textDocument: { uri }, position: { line, character } }, timings.completion);
    if (k % 2 === 0) timed('textDocument/hover', { textDocument: { uri }, position: { line, character: character - 2 } }, timings.hover);
    // Keystrokes every 5 ms of wall time, whatever the answers do.
    const next = start + (k + 1) * KEY_INTERVAL_MS;
    await new Promise(resolve => setTimeout(resolve, Math.max(0, next - performance.now())));
  }
  await Promise.all(pending);
  return timings;
}

function connect(stdout: NodeJS.ReadableStream, stdin: NodeJS.WritableStream, settings: object): MessageConnection {
  const connection = createMessageConnection(new StreamMessageReader(stdout), new StreamMessageWriter(stdin));
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => settings));
  connection.onRequest('client/registerCapability', () => null);
  connection.onNotification('window/logMessage', () => undefined);
  connection.listen();
  return connection;
}

async function initialize(connection: MessageConnection, dir: string): Promise<void> {
  const uri = pathToFileURL(dir).toString();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: uri,
    workspaceFolders: [{ uri, name: 'bench' }],
    capabilities: { workspace: { configuration: true } },
  });
  await connection.sendNotification('initialized', {});
}

async function ours(dir: string, text: string, delayMs: number | undefined): Promise<Timings> {
  const settings = delayMs === undefined ? {} : { diagnostics: { delayMs } };
  const server = spawnServer(dir, process.env.BENCH_SERVER_ARGS ? process.env.BENCH_SERVER_ARGS.split(' ') : []);
  const connection = connect(server.child.stdout!, server.child.stdin!, settings);
  const uri = pathToFileURL(join(dir, 'big.sftemplate')).toString();
  const opened = new Promise<void>(resolve =>
    connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number }) => {
      if (p.uri === uri && p.version === 1) resolve();
    }),
  );
  await server.unlessCrashed(initialize(connection, dir));
  const timings = await server.unlessCrashed(typeInto(connection, uri, text, opened));
  await stopServer(server, connection);
  connection.dispose();
  return timings;
}

async function floor(dir: string, text: string): Promise<Timings> {
  const script = join(dir, 'minimal-server.cjs');
  writeFileSync(script, MINIMAL_SERVER);
  const child = spawn(process.execPath, [script, '--stdio'], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, NODE_PATH: join(process.cwd(), 'node_modules') },
  });
  const connection = connect(child.stdout, child.stdin, {});
  await initialize(connection, dir);
  const timings = await typeInto(connection, pathToFileURL(join(dir, 'big.sftemplate')).toString(), text);
  connection.dispose();
  child.kill();
  return timings;
}

function show(label: string, t: Timings, budget: boolean): void {
  for (const kind of ['completion', 'hover'] as const) {
    const times = t[kind];
    const p95 = quantile(times, 0.95);
    console.log(
      `${label} ${kind}: p50 ${median(times).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, p99 ${quantile(times, 0.99).toFixed(1)} ms (${times.length} requests)`,
    );
    report({
      what: `${kind} while typing at 5 ms per key in the 300 KB template, ${label}, p95`,
      value: p95,
      unit: 'ms',
      ...(budget ? { budget: { max: 10 } } : {}),
      note: `stdio, ${times.length} requests; p50 ${median(times).toFixed(1)} ms`,
    });
  }
}

async function main(): Promise<void> {
  ensureBundle();
  const dir = mkdtempSync(join(tmpdir(), 'sigfox-bench-typing-'));
  try {
    const text = templateText();
    writeFileSync(join(dir, 'big.sfgrammar'), fields);
    writeFileSync(join(dir, 'big.sftemplate'), text);
    show('minimal server (floor)', await floor(dir, text), false);
    show('default delay', await ours(dir, text, undefined), true);
    show('delay 0', await ours(dir, text, 0), true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
