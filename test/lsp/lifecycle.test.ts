import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CompletionList, Location, ServerCapabilities, SymbolInformation } from 'vscode-languageserver-protocol';
import { BARE_CAPABILITIES } from './helpers/client';
import { startInProcess, TempWorkspace } from './helpers/inProcess';

describe('server lifecycle and negotiation', () => {
  it('offers every feature to a capable client, and registers its file watchers and settings', async () => {
    const workspace = new TempWorkspace({
      'a.sfgrammar': 'a::uint:8',
      'deep/b.sftemplate': '{device}',
      'node_modules/x/c.sfgrammar': 'x::uint:8',
    });
    const server = await startInProcess({ initialize: false, workspaceFolders: [workspace.uri] });
    try {
      const { capabilities } = (await server.client.initialize()) as { capabilities: ServerCapabilities };
      assert.deepEqual(capabilities.completionProvider!.triggerCharacters, ['{', '#', ':']);
      assert.deepEqual(capabilities.renameProvider, { prepareProvider: true });
      assert.deepEqual(capabilities.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll.sigfox'] });
      assert.equal(capabilities.inlayHintProvider, true);
      for (const key of [
        'hoverProvider',
        'documentSymbolProvider',
        'definitionProvider',
        'referencesProvider',
        'documentFormattingProvider',
        'foldingRangeProvider',
      ] as const) {
        assert.equal(capabilities[key], true, key);
      }
      const log = await server.client.waitForLog(/indexed \d+ Sigfox file/);
      assert.match(log.message, /indexed 2 Sigfox files in 1 workspace folder/, 'node_modules is not walked');
      const methods = await server.client.waitFor('registrations', () =>
        server.client.registrations.length >= 2 ? server.client.registrations.flatMap(r => r.registrations.map(x => x.method)) : undefined,
      );
      assert.deepEqual(methods.sort(), ['workspace/didChangeConfiguration', 'workspace/didChangeWatchedFiles']);
    } finally {
      await server.dispose();
      workspace.dispose();
    }
  });

  it('adapts to a bare client: no code actions or inlay hints offered, flat symbols, plain locations, pushed settings', async () => {
    const workspace = new TempWorkspace({ 'room.sfgrammar': 'temp::uint:8', 'room.sftemplate': '{customData#temp}' });
    const server = await startInProcess({ initialize: false, capabilities: BARE_CAPABILITIES, workspaceFolders: [workspace.uri] });
    try {
      const { capabilities } = (await server.client.initialize()) as { capabilities: ServerCapabilities };
      assert.equal(capabilities.codeActionProvider, undefined);
      assert.equal(capabilities.inlayHintProvider, undefined);
      assert.equal(capabilities.renameProvider, true);
      await server.client.waitForLog(/indexed/);
      const grammar = workspace.uriOf('room.sfgrammar');
      await server.client.open(grammar, 'sfgrammar', 'temp::uint:8 bad::uint:99');
      await server.client.waitForDiagnostics(grammar, d => d.length === 1);
      const symbols = await server.client.request<SymbolInformation[]>('textDocument/documentSymbol', { textDocument: { uri: grammar } });
      assert.deepEqual(
        symbols.map(s => [s.name, s.location.uri]),
        [
          ['temp', grammar],
          ['bad', grammar],
        ],
      );
      const template = workspace.uriOf('room.sftemplate');
      await server.client.open(template, 'sftemplate', '{customData#temp}');
      const locations = await server.client.request<Location[]>('textDocument/definition', {
        textDocument: { uri: template },
        position: { line: 0, character: 13 },
      });
      assert.deepEqual(locations, [{ uri: grammar, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } } }]);
      assert.equal(server.client.configurationRequests.length, 0, 'a client without workspace/configuration is never asked');
      // Settings pushed with the change notification apply instead.
      const mark = server.client.mark();
      await server.client.configurationChanged({ maxUplinkBytes: 0.5, validate: { enable: false } });
      await server.client.waitForDiagnostics(grammar, d => d.length === 0, mark);
    } finally {
      await server.dispose();
      workspace.dispose();
    }
  });

  it('asks the settings per resource, section sigfox', async () => {
    const workspace = new TempWorkspace();
    const server = await startInProcess({ workspaceFolders: [workspace.uri] });
    try {
      const uri = workspace.uriOf('g.sfgrammar');
      await server.client.open(uri, 'sfgrammar', 'a::uint:8');
      await server.client.waitForDiagnostics(uri);
      const scopes = server.client.configurationRequests.flatMap(r => r.items.map(i => `${i.section}@${i.scopeUri}`));
      assert.ok(scopes.includes(`sigfox@${uri}`), scopes.join(' '));
      assert.ok(scopes.includes(`sigfox@${workspace.uri}`), 'the folder scope, for files read without being open');
    } finally {
      await server.dispose();
      workspace.dispose();
    }
  });

  it('logs a failing handler and lives on', async () => {
    const server = await startInProcess();
    try {
      const uri = 'untitled:Untitled-1.sfgrammar';
      await server.client.open(uri, 'sfgrammar', 'a::uint:8');
      // A position the document cannot resolve makes the handler throw inside the core.
      const broken = await server.client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: null });
      assert.deepEqual(broken, { isIncomplete: false, items: [] });
      const log = await server.client.waitForLog(/completion failed/);
      assert.equal(log.type, 1, 'an error');
      assert.match(log.message, /at /, 'with its stack');
      const list = await server.client.request<CompletionList>('textDocument/completion', {
        textDocument: { uri },
        position: { line: 0, character: 3 },
      });
      assert.equal(list.items.length, 5, 'the next request is served');
    } finally {
      await server.dispose();
    }
  });

  it('routes console output to the client, and gives the console back on dispose', async () => {
    const original = console.log;
    const server = await startInProcess({ server: { routeConsole: true } });
    try {
      console.log('hello from %s', 'the server');
      const log = await server.client.waitForLog(/hello from the server/);
      assert.equal(log.type, 4);
    } finally {
      await server.dispose();
    }
    assert.equal(console.log, original);
  });
});
