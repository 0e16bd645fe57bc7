import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { startInProcess, TempWorkspace, type InProcessServer } from './helpers/inProcess';

const codes = (diagnostics: { code?: string | number }[]): string => diagnostics.map(d => d.code).join(',');

describe('diagnostics over LSP', () => {
  let workspace: TempWorkspace;
  let server: InProcessServer;

  beforeEach(async () => {
    workspace = new TempWorkspace({
      'room.sfgrammar': 'temp::int:16 hum::uint:8\n',
      'room.sftemplate': '{"t": {customData#temp}, "h": {customData#hum}}',
      'mapped/dashboard.sftemplate': 'h={customData#hum}',
    });
    server = await startInProcess({
      workspaceFolders: [workspace.uri],
      settings: { associations: [{ template: 'mapped/*.sftemplate', grammar: 'room.sfgrammar' }] },
    });
  });

  afterEach(async () => {
    await server.dispose();
    workspace.dispose();
  });

  it("publishes a grammar's diagnostics with code, link and version", async () => {
    const { client } = server;
    const uri = workspace.uriOf('room.sfgrammar');
    await client.open(uri, 'sfgrammar', 'Direction::uint:4 Status::uint:4');
    let version: number | undefined;
    const diagnostics = await client.waitForDiagnostics(uri, (_, p) => {
      version = p.version;
      return true;
    });
    assert.equal(codes(diagnostics), 'SFG019');
    assert.equal(diagnostics[0]!.codeDescription, undefined, 'no link to a page that does not exist');
    assert.equal(version, 1);
  });

  it('debounces: a burst of edits is checked once, at its last version', async () => {
    const { client } = server;
    const uri = workspace.uriOf('burst.sfgrammar');
    await client.configurationChanged({ diagnostics: { delayMs: 150 } });
    await client.open(uri, 'sfgrammar', 'a::uint:8');
    await client.change(uri, 'a::uint:8 b::bogus:8');
    await client.change(uri, 'a::uint:8 b::uint:99');
    const last = await client.change(uri, 'a::uint:8 a::uint:8');
    const diagnostics = await client.waitForDiagnostics(uri);
    assert.equal(codes(diagnostics), 'SFG005');
    assert.deepEqual(
      client.diagnostics.filter(p => p.uri === uri).map(p => p.version),
      [last],
    );
  });

  it('re-checks every template depending on an edited grammar, open or not', async () => {
    const { client } = server;
    const grammar = workspace.uriOf('room.sfgrammar');
    const sibling = workspace.uriOf('room.sftemplate');
    const mapped = workspace.uriOf('mapped/dashboard.sftemplate');
    await client.open(grammar, 'sfgrammar', 'temp::int:16 hum::uint:8\n');
    const mark = client.mark();
    await client.change(grammar, 'temp::int:16 humidity::uint:8\n');
    const [siblingDiagnostics, mappedDiagnostics] = await Promise.all([
      client.waitForDiagnostics(sibling, d => d.length > 0, mark),
      client.waitForDiagnostics(mapped, d => d.length > 0, mark),
    ]);
    assert.equal(codes(siblingDiagnostics), 'SFT002');
    assert.match(siblingDiagnostics[0]!.message, /no field `hum`\. Did you mean `humidity`/);
    assert.equal(codes(mappedDiagnostics), 'SFT002');
    // Fixing the grammar clears them, still without opening either template.
    const fixed = client.mark();
    await client.change(grammar, 'temp::int:16 hum::uint:8\n');
    await Promise.all([
      client.waitForDiagnostics(sibling, d => d.length === 0, fixed),
      client.waitForDiagnostics(mapped, d => d.length === 0, fixed),
    ]);
    // A file that is not open has its folder's settings: re-checking thousands of dependents
    // must not cost a workspace/configuration round trip each.
    const scopes = client.configurationRequests.flatMap(r => r.items.map(i => i.scopeUri));
    assert.ok(!scopes.includes(sibling) && !scopes.includes(mapped), `asked for ${scopes.join(', ')}`);
  });

  it('re-checks dependents when a grammar file is deleted, created or renamed on disk', async () => {
    const { client } = server;
    const template = workspace.uriOf('room.sftemplate');
    await client.open(template, 'sftemplate', '{"t": {customData#temp}, "h": {customData#hum}}');
    assert.equal(codes(await client.waitForDiagnostics(template)), '');

    let mark = client.mark();
    workspace.rename('room.sfgrammar', 'renamed.sfgrammar');
    await client.filesChanged({ uri: workspace.uriOf('room.sfgrammar'), type: 3 }, { uri: workspace.uriOf('renamed.sfgrammar'), type: 1 });
    assert.equal(codes(await client.waitForDiagnostics(template, () => true, mark)), 'SFT003,SFT003', 'no sibling grammar any more');

    mark = client.mark();
    workspace.write('room.sfgrammar', 'temp::int:16\n');
    await client.filesChanged({ uri: workspace.uriOf('room.sfgrammar'), type: 1 });
    const created = await client.waitForDiagnostics(template, () => true, mark);
    assert.equal(codes(created), 'SFT002', 'the new sibling has no `hum`');

    mark = client.mark();
    workspace.remove('room.sfgrammar');
    await client.filesChanged({ uri: workspace.uriOf('room.sfgrammar'), type: 3 });
    assert.equal(codes(await client.waitForDiagnostics(template, () => true, mark)), 'SFT003,SFT003');
  });

  it('follows a callback definition naming the template', async () => {
    const { client } = server;
    const template = workspace.uriOf('ack.sftemplate');
    const definition = workspace.uriOf('ack.sfcallback.json');
    await client.open(template, 'sftemplate', 'code={infoCode}');
    assert.equal(codes(await client.waitForDiagnostics(template)), 'SFT004', 'DATA/UPLINK has no infoCode');
    const mark = client.mark();
    await client.open(
      definition,
      'json',
      JSON.stringify({
        channel: 'URL',
        url: 'https://x.io',
        httpMethod: 'POST',
        contentType: 'text/plain',
        callbackType: 1,
        callbackSubtype: 4,
        bodyTemplateFile: 'ack.sftemplate',
      }),
    );
    await client.waitForDiagnostics(template, d => d.length === 0, mark);
  });

  it('checks a callback definition itself', async () => {
    const { client } = server;
    const definition = workspace.uriOf('broken.sfcallback.json');
    await client.open(
      definition,
      'json',
      JSON.stringify({ channel: 'URL', callbackType: 0, callbackSubtype: 2, payloadConfigFile: 'nowhere.sfgrammar' }),
    );
    const diagnostics = await client.waitForDiagnostics(definition);
    assert.ok(
      diagnostics.some(d => d.code === 'SFC018'),
      codes(diagnostics),
    );
  });

  it('honours validate.enable, and re-checks everything when settings change', async () => {
    const { client } = server;
    const uri = workspace.uriOf('room.sfgrammar');
    await client.open(uri, 'sfgrammar', 'a::uint:99');
    await client.waitForDiagnostics(uri, d => d.length === 1);
    const mark = client.mark();
    await client.configurationChanged({ validate: { enable: false } });
    await client.waitForDiagnostics(uri, d => d.length === 0, mark);
  });

  it('re-checks a closed document from disk', async () => {
    const { client } = server;
    const uri = workspace.uriOf('room.sfgrammar');
    await client.open(uri, 'sfgrammar', 'unsaved::uint:99');
    await client.waitForDiagnostics(uri, d => d.length === 1);
    const mark = client.mark();
    await client.close(uri);
    await client.waitForDiagnostics(uri, (d, p) => d.length === 0 && p.version === undefined, mark);
  });
});
