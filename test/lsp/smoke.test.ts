/**
 * The bundled server (server/out/main.js, as the extension and other editors start it) over
 * stdio, driven by vscode-jsonrpc as a real client would.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { CompletionList, InitializeResult, TextEdit } from 'vscode-languageserver-protocol';
import { BUNDLE, ensureBundle } from './helpers/bundle';
import { TestClient } from './helpers/client';
import { TempWorkspace } from './helpers/inProcess';

describe('the bundled server over stdio', () => {
  let child: ChildProcess;
  let client: TestClient;
  let workspace: TempWorkspace;
  let exited: Promise<number | null>;
  let stderr = '';

  before(() => {
    ensureBundle();
    workspace = new TempWorkspace({ 'room.sfgrammar': 'temp::int:16 hum::uint:8\n' });
    child = spawn(process.execPath, [BUNDLE, '--stdio'], { cwd: workspace.root, stdio: ['pipe', 'pipe', 'pipe'] });
    child.stderr!.on('data', chunk => {
      stderr += String(chunk);
    });
    exited = new Promise(resolve => child.on('exit', code => resolve(code)));
    client = new TestClient(createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!)), {
      workspaceFolders: [workspace.uri],
    });
  });

  after(() => {
    if (child.exitCode === null) child.kill();
    workspace.dispose();
  });

  /** A server that dies fails the wait at once, with what it printed, instead of leaving it pending. */
  function unlessCrashed<T>(promise: Promise<T>): Promise<T> {
    const crashed = exited.then(code => {
      throw new Error(`the server exited (${code}) early: …${stderr.slice(-800)}`);
    });
    return Promise.race([promise, crashed]);
  }

  it('initializes, diagnoses, completes, shuts down and exits 0', async () => {
    const result = await unlessCrashed(
      client.request<InitializeResult>('initialize', {
        processId: process.pid,
        rootUri: workspace.uri,
        workspaceFolders: [{ uri: workspace.uri, name: 'ws' }],
        capabilities: { workspace: { configuration: true }, textDocument: { completion: { completionItem: { snippetSupport: true } } } },
      }),
    );
    assert.equal(result.serverInfo?.name, 'sigfox-callbacks');
    await client.connection.sendNotification('initialized', {});
    await unlessCrashed(client.waitForLog(/indexed 1 Sigfox file/));

    const grammar = workspace.uriOf('room.sfgrammar');
    const template = workspace.uriOf('room.sftemplate');
    await client.open(grammar, 'sfgrammar', 'temp::int:16 hum::uint:8\n');
    await client.open(template, 'sftemplate', '{"t": {customData#temp}, "x": {customData#tmp}}');
    const diagnostics = await unlessCrashed(client.waitForDiagnostics(template, d => d.length > 0));
    assert.deepEqual(
      diagnostics.map(d => d.code),
      ['SFT002'],
    );
    assert.match(diagnostics[0]!.message, /Did you mean `temp`/);

    const list = await unlessCrashed(
      client.request<CompletionList>('textDocument/completion', { textDocument: { uri: template }, position: { line: 0, character: 1 } }),
    );
    const hum = list.items.find(i => i.label === 'customData#hum');
    assert.ok(hum, 'payload fields are offered');
    assert.equal((hum.textEdit as TextEdit).newText, '{customData#hum}');

    await client.request('shutdown', null);
    await client.connection.sendNotification('exit');
    assert.equal(await exited, 0, stderr);
    assert.equal(stderr, '', 'nothing written to stderr');
  });
});
