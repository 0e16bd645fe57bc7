/** `sigfox.rules` in the editor, and the `source.fixAll.sigfox` code action, through the real server. */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { CodeAction } from 'vscode-languageserver-types';
import { startInProcess, TempWorkspace, type InProcessServer } from './helpers/inProcess';

describe('sigfox.rules and fix all over LSP', () => {
  let workspace: TempWorkspace;
  let server: InProcessServer;

  beforeEach(async () => {
    workspace = new TempWorkspace({});
    server = await startInProcess({
      workspaceFolders: [workspace.uri],
      settings: { rules: { SFG016: 'error', SFG026: 'off', SFG05: 'warning' } },
    });
  });

  afterEach(async () => {
    await server.dispose();
    workspace.dispose();
  });

  it('gives a code the level the setting says, drops the ones turned off', async () => {
    const { client } = server;
    const uri = workspace.uriOf('w.sfgrammar');
    await client.open(uri, 'sfgrammar', 'n::uint:8:little-endian b::UINT:8');
    const diagnostics = await client.waitForDiagnostics(uri);
    assert.deepEqual(
      diagnostics.map(d => [d.code, d.severity]),
      [['SFG016', 1]],
    );
  });

  it('tells the user once about an entry it ignores', async () => {
    const { client } = server;
    await client.open(workspace.uriOf('a.sfgrammar'), 'sfgrammar', 'a::uint:8');
    await client.open(workspace.uriOf('b.sfgrammar'), 'sfgrammar', 'b::uint:8');
    const message = await client.waitFor('a warning', () => client.messages.find(m => /SFG05/.test(m.message)));
    assert.equal(message.type, 2);
    assert.match(message.message, /"SFG05" is not a diagnostic code/);
    assert.equal(client.messages.filter(m => /SFG05/.test(m.message)).length, 1);
  });

  it('source.fixAll.sigfox applies every preferred fix, and is offered only when asked for', async () => {
    const { client } = server;
    const uri = workspace.uriOf('fix.sfgrammar');
    const text = 'temp::UINT:8 hum::INT:8';
    await client.open(uri, 'sfgrammar', text);
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const ask = (only?: string[]): Promise<CodeAction[]> =>
      client.request('textDocument/codeAction', {
        textDocument: { uri },
        range,
        context: { diagnostics: [], ...(only ? { only } : {}) },
      }) as Promise<CodeAction[]>;
    // SFG026 is off in this workspace: nothing to fix.
    assert.deepEqual(await ask(['source.fixAll']), []);
    await client.configurationChanged({ rules: {} });
    const [action] = await ask(['source.fixAll']);
    assert.equal(action?.kind, 'source.fixAll.sigfox');
    assert.equal(action?.edit?.changes?.[uri]?.[0]?.newText, 'temp::uint:8 hum::int:8');
    assert.deepEqual(await ask(), [], 'not a lightbulb item');
  });
});
