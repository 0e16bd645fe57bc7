/**
 * Cross-file answers right after start-up: they wait for the workspace index instead of
 * answering from the few files known so far (a rename that edited the grammar and none of its
 * templates).
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { Location, WorkspaceEdit } from 'vscode-languageserver-types';
import { startInProcess, TempWorkspace, type InProcessServer } from './helpers/inProcess';

/** Enough files that listing them takes a while: the requests below arrive before it is done. */
const FILLER = 400;

describe('cross-file requests sent right after initialize', () => {
  let workspace: TempWorkspace;
  let server: InProcessServer;

  beforeEach(() => {
    const files: Record<string, string> = {
      'devices/room.sfgrammar': 'temp::uint:8 hum::uint:8\n',
      'callbacks/a.sftemplate': '{"t": {customData#temp}}',
      'callbacks/b.sftemplate': 'temp={customData#temp}',
      'callbacks/a.sfcallback.json': JSON.stringify({ payloadConfigFile: '../devices/room.sfgrammar', bodyTemplateFile: 'a.sftemplate' }),
      'callbacks/b.sfcallback.json': JSON.stringify({ payloadConfigFile: '../devices/room.sfgrammar', bodyTemplateFile: 'b.sftemplate' }),
    };
    for (let k = 0; k < FILLER; k++) files[`filler/f${k}.sfgrammar`] = `f${k}::uint:8\n`;
    workspace = new TempWorkspace(files);
  });

  afterEach(async () => {
    await server.dispose();
    workspace.dispose();
  });

  it('rename returns the edits of every template, not only the grammar', async () => {
    server = await startInProcess({ workspaceFolders: [workspace.uri], initialize: false });
    const { client } = server;
    const grammar = workspace.uriOf('devices/room.sfgrammar');
    await client.initialize();
    await client.open(grammar, 'sfgrammar', 'temp::uint:8 hum::uint:8\n');
    const position = { line: 0, character: 1 };
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', {
      textDocument: { uri: grammar },
      position,
      newName: 'celsius',
    });
    assert.deepEqual(Object.keys(edit.changes ?? {}).sort(), [
      workspace.uriOf('callbacks/a.sftemplate'),
      workspace.uriOf('callbacks/b.sftemplate'),
      grammar,
    ]);
  });

  it('references are complete too', async () => {
    server = await startInProcess({ workspaceFolders: [workspace.uri], initialize: false });
    const { client } = server;
    const grammar = workspace.uriOf('devices/room.sfgrammar');
    await client.initialize();
    await client.open(grammar, 'sfgrammar', 'temp::uint:8 hum::uint:8\n');
    const locations = await client.request<Location[]>('textDocument/references', {
      textDocument: { uri: grammar },
      position: { line: 0, character: 1 },
      context: { includeDeclaration: false },
    });
    assert.deepEqual(locations.map(l => l.uri).sort(), [
      workspace.uriOf('callbacks/a.sftemplate'),
      workspace.uriOf('callbacks/b.sftemplate'),
    ]);
  });
});
