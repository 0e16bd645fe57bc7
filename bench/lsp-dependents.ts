/**
 * A grammar edit with many dependents, through the bundled server over stdio as an editor drives
 * it: 3,000 templates use one payload config, linked by callback definitions or by a settings
 * glob; the config is opened and edited, and the time runs until every dependent's new
 * diagnostics have arrived (the 200 ms debounce included). Budget: < 1 s.
 * Run: node --import tsx bench/lsp-dependents.ts [count=3000] (or BENCH_DEPENDENTS); BENCH_RUNS runs
 */
import { readFileSync, rmSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { ensureBundle, spawnServer, stopServer } from '../test/lsp/helpers/bundle';
import { median, report } from './figures';
import { generateDependents, tempDir } from './scale-tree';

const COUNT = Number(process.argv[2] ?? process.env['BENCH_DEPENDENTS'] ?? 3000);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);

async function once(by: 'definition' | 'glob'): Promise<number> {
  const dir = tempDir(`dependents-${by}`);
  try {
    const { grammar, templates } = generateDependents(dir, COUNT, by);
    const settings = by === 'glob' ? { associations: [{ template: 'callbacks/**/*.sftemplate', grammar: 'common/main.sfgrammar' }] } : {};
    const server = spawnServer(dir, process.env.BENCH_SERVER_ARGS ? process.env.BENCH_SERVER_ARGS.split(' ') : []);
    const connection = createMessageConnection(new StreamMessageReader(server.child.stdout!), new StreamMessageWriter(server.child.stdin!));
    const expected = new Set(templates.map(t => pathToFileURL(t).toString()));
    let waiting: { pending: Set<string>; done: () => void; clean: boolean } | undefined;
    let indexed: () => void = () => undefined;
    const indexedOnce = new Promise<void>(resolve => (indexed = resolve));
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => settings));
    connection.onRequest('client/registerCapability', () => null);
    connection.onNotification('window/logMessage', (m: { message: string }) => {
      if (/indexed \d+ Sigfox files/.test(m.message)) indexed();
    });
    connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: unknown[] }) => {
      if (!waiting || !waiting.pending.has(p.uri)) return;
      if ((p.diagnostics.length === 0) !== waiting.clean) return;
      waiting.pending.delete(p.uri);
      if (waiting.pending.size === 0) waiting.done();
    });
    connection.listen();
    const until = (clean: boolean) => new Promise<void>(done => (waiting = { pending: new Set(expected), done, clean }));
    const uri = pathToFileURL(dir).toString();
    await server.unlessCrashed(
      connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: uri,
        workspaceFolders: [{ uri, name: 'bench' }],
        capabilities: { workspace: { configuration: true, workspaceFolders: true } },
      }),
    );
    await connection.sendNotification('initialized', {});
    await server.unlessCrashed(indexedOnce);
    // Every template names `{customData#extra}`, which the config lacks: each has an error.
    const grammarUri = pathToFileURL(grammar).toString();
    const text = readFileSync(grammar, 'utf8');
    const broken = until(false);
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: grammarUri, languageId: 'sfgrammar', version: 1, text },
    });
    await server.unlessCrashed(broken);
    // The edit that fixes all of them.
    const fixed = until(true);
    const started = performance.now();
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: grammarUri, version: 2 },
      contentChanges: [{ text: `${text}extra::uint:8\n` }],
    });
    await server.unlessCrashed(fixed);
    const ms = performance.now() - started;
    await stopServer(server, connection);
    connection.dispose();
    return ms;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  ensureBundle();
  for (const by of ['definition', 'glob'] as const) {
    const times: number[] = [];
    for (let r = 0; r < RUNS; r++) times.push(await once(by));
    console.log(
      `grammar edit, ${COUNT.toLocaleString('en')} dependents by ${by}: ${median(times).toFixed(0)} ms until all re-checked (median of ${RUNS}; budget < 1,000 ms)`,
    );
    report({
      what: `grammar edit with ${COUNT.toLocaleString('en')} dependents by ${by === 'glob' ? 'a settings glob' : 'callback definitions'}, until all re-checked`,
      value: median(times),
      unit: 'ms',
      ...(COUNT >= 3000 ? { budget: { max: 1000 } } : {}),
      note: `median of ${RUNS}, bundled server over stdio`,
    });
  }
}

void main();
