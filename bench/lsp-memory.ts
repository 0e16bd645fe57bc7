import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { SERVER_EXEC_ARGV } from '../server/src/serverRuntime';
import { TestClient } from '../test/lsp/helpers/client';
import { TempWorkspace } from '../test/lsp/helpers/inProcess';
import { report } from './figures';

/**
 * Server RSS with 1,000 open documents (500 grammar + template pairs), launched as the VS Code
 * client launches it (serverRuntime.ts flags). Run: npm run bench -- --only lsp-memory
 */
const ws = new TempWorkspace();
const G = (i: number) => `temp::int:16 hum::uint:8 flag${i}::bool:7 label::char:4\n# example: 00FF10 => temp=255 hum=16\n`;
const T = '{"device": "{device}", "t": {customData#temp}, "h": {customData#hum}, "l": "{customData#label}", "time": {time}}';
// A real workspace: the files are on disk (indexed at start), then opened.
for (let i = 0; i < 500; i++) {
  ws.write(`d${i}.sfgrammar`, G(i));
  ws.write(`d${i}.sftemplate`, T);
}
const child = spawn(
  process.execPath,
  [...SERVER_EXEC_ARGV, require('node:path').join(__dirname, '..', 'server', 'out', 'main.js'), '--stdio'],
  { stdio: ['pipe', 'pipe', 'inherit'] },
);
const client = new TestClient(createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin)), {
  workspaceFolders: [ws.uri],
  settings: { diagnostics: { delayMs: Number(process.env.DELAY ?? 200) } },
});
const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]) / 1024;
(async () => {
  await client.initialize();
  await client.waitForLog(/indexed/);
  console.log('RSS after start', rss().toFixed(1), 'MB');
  for (let i = 0; i < 500; i++) {
    await client.open(ws.uriOf(`d${i}.sfgrammar`), 'sfgrammar', G(i));
    await client.open(ws.uriOf(`d${i}.sftemplate`), 'sftemplate', T);
  }
  await client.waitForDiagnostics(ws.uriOf('d499.sftemplate'));
  await client.waitFor('all', () => (new Set(client.diagnostics.map(d => d.uri)).size >= 1000 ? true : undefined), 60000);
  const diagnosed = rss();
  console.log('RSS with 1000 open documents, all diagnosed', diagnosed.toFixed(1), 'MB');
  let settled = diagnosed;
  for (let k = 1; k <= 5; k++) {
    await new Promise(r => setTimeout(r, 2000));
    settled = rss();
    console.log(`  after ${2 * k} s idle`, settled.toFixed(1), 'MB');
  }
  report({
    what: 'language server memory, 1,000 open documents, RSS',
    value: Math.max(diagnosed, settled),
    unit: 'MB',
    budget: { max: 80 },
    note: `${diagnosed.toFixed(1)} MB once all diagnosed, ${settled.toFixed(1)} MB after 10 s idle`,
  });
  await client.request('shutdown', null);
  await client.connection.sendNotification('exit');
  ws.dispose();
})();
