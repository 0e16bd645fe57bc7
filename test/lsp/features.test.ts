import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  CodeAction,
  CodeLens,
  CompletionItem,
  CompletionList,
  Diagnostic,
  DocumentSymbol,
  FoldingRange,
  Hover,
  InlayHint,
  Location,
  LocationLink,
  MarkupContent,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import {
  AssociationRequest,
  DecodeRequest,
  RenderRequest,
  type AssociationResult,
  type DecodeResult,
  type RenderResult,
} from '../../server/src/protocol';
import { cursor } from '../unit/helpers/features';
import { startInProcess, TempWorkspace, type InProcessServer } from './helpers/inProcess';

const GRAMMAR = 'temp::int:16 hum::uint:8\n# example: 00FF10 => temp=255 hum=16\n';
const TEMPLATE = '{\n  "device": "{device}",\n  "t": {customData#temp}\n}';

describe('language features over LSP', () => {
  let workspace: TempWorkspace;
  let server: InProcessServer;
  const at = (
    uri: string,
    text: string,
    offset: number,
  ): { textDocument: { uri: string }; position: { line: number; character: number } } => ({
    textDocument: { uri },
    position: TextDocument.create(uri, 'x', 1, text).positionAt(offset),
  });

  before(async () => {
    workspace = new TempWorkspace({
      'room.sfgrammar': GRAMMAR,
      'room.sftemplate': TEMPLATE,
      'elsewhere/unopened.sftemplate': 'h={customData#hum}&t={customData#temp}',
    });
    server = await startInProcess({
      workspaceFolders: [workspace.uri],
      settings: { associations: [{ template: 'elsewhere/*.sftemplate', grammar: 'room.sfgrammar' }] },
    });
    await server.client.open(workspace.uriOf('room.sfgrammar'), 'sfgrammar', GRAMMAR);
    await server.client.open(workspace.uriOf('room.sftemplate'), 'sftemplate', TEMPLATE);
  });

  after(async () => {
    await server.dispose();
    workspace.dispose();
  });

  it('completion: variables and payload fields, quoted for where the cursor is', async () => {
    const uri = workspace.uriOf('elsewhere/scratch.sftemplate');
    const { text, offset } = cursor('{"d": |}');
    await server.client.open(uri, 'sftemplate', text);
    const list = await server.client.request<CompletionList>('textDocument/completion', at(uri, text, offset));
    const device = list.items.find(i => i.label === 'device')!;
    assert.equal((device.textEdit as TextEdit).newText, '"{device}"');
    assert.equal((device.documentation as MarkupContent).kind, 'markdown');
    const hum = list.items.find(i => i.label === 'customData#hum')!;
    const resolved = await server.client.request<CompletionItem>('completionItem/resolve', hum);
    assert.match((resolved.documentation as MarkupContent).value, /hum::uint:8/);
  });

  it('completion in a grammar: sizes for the type', async () => {
    const uri = workspace.uriOf('scratch.sfgrammar');
    const { text, offset } = cursor('f::float:|');
    await server.client.open(uri, 'sfgrammar', text);
    const list = await server.client.request<CompletionList>('textDocument/completion', at(uri, text, offset));
    assert.deepEqual(
      list.items.map(i => i.label),
      ['32', '64'],
    );
  });

  it("hover: a field's layout and value range", async () => {
    const uri = workspace.uriOf('room.sfgrammar');
    const hover = await server.client.request<Hover>('textDocument/hover', at(uri, GRAMMAR, 2));
    assert.match((hover.contents as MarkupContent).value, /-32768\.\.32767/);
  });

  it('definition: from {customData#temp} to the grammar field', async () => {
    const uri = workspace.uriOf('room.sftemplate');
    const [link] = await server.client.request<LocationLink[]>('textDocument/definition', at(uri, TEMPLATE, TEMPLATE.indexOf('temp}')));
    assert.equal(link!.targetUri, workspace.uriOf('room.sfgrammar'));
    assert.deepEqual(link!.targetSelectionRange, { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } });
  });

  it('references: includes a template that is not open', async () => {
    const uri = workspace.uriOf('room.sfgrammar');
    const locations = await server.client.request<Location[]>('textDocument/references', {
      ...at(uri, GRAMMAR, 1),
      context: { includeDeclaration: true },
    });
    assert.deepEqual(
      locations.map(l => l.uri).sort(),
      [
        workspace.uriOf('elsewhere/unopened.sftemplate'),
        workspace.uriOf('room.sfgrammar'),
        workspace.uriOf('room.sfgrammar'),
        workspace.uriOf('room.sftemplate'),
      ].sort(),
    );
  });

  it('rename: prepare, edit every file, and refuse with the reason', async () => {
    const uri = workspace.uriOf('room.sfgrammar');
    const prepared = await server.client.request<{ placeholder: string }>('textDocument/prepareRename', at(uri, GRAMMAR, 14));
    assert.equal(prepared.placeholder, 'hum');
    const edit = await server.client.request<WorkspaceEdit>('textDocument/rename', { ...at(uri, GRAMMAR, 14), newName: 'humidity' });
    assert.deepEqual(Object.keys(edit.changes!).sort(), [workspace.uriOf('elsewhere/unopened.sftemplate'), uri].sort());
    await assert.rejects(
      server.client.request('textDocument/rename', { ...at(uri, GRAMMAR, 14), newName: 'temp' }),
      (e: Error & { code?: number }) => /already has a field `temp`/.test(e.message) && e.code === -32803,
    );
    await assert.rejects(
      server.client.request('textDocument/prepareRename', at(uri, GRAMMAR, GRAMMAR.indexOf('example'))),
      /Only a payload field can be renamed/,
    );
  });

  it('document symbols: hierarchical for a client that takes them', async () => {
    const symbols = await server.client.request<DocumentSymbol[]>('textDocument/documentSymbol', {
      textDocument: { uri: workspace.uriOf('room.sfgrammar') },
    });
    assert.deepEqual(
      symbols.map(s => s.name),
      ['temp', 'hum', 'example 00FF10'],
    );
    assert.ok(symbols[0]!.selectionRange);
  });

  it('folding: JSON objects of a template', async () => {
    const ranges = await server.client.request<FoldingRange[]>('textDocument/foldingRange', {
      textDocument: { uri: workspace.uriOf('room.sftemplate') },
    });
    assert.deepEqual(
      ranges.map(r => [r.startLine, r.endLine]),
      [[0, 2]],
    );
  });

  it('code actions: a quick fix from the diagnostic data', async () => {
    const uri = workspace.uriOf('fix.sfgrammar');
    const text = 'Speed::uint:8 Direction::uint:4 Status::uint:4';
    await server.client.open(uri, 'sfgrammar', text);
    const diagnostics = await server.client.waitForDiagnostics(uri, d => d.length > 0);
    const actions = await server.client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostics[0]!.range,
      context: { diagnostics },
    });
    const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'sfgrammar', 1, text), actions[0]!.edit!.changes![uri]!);
    assert.equal(fixed, 'Speed::uint:8 Direction::uint:4 Status:1:uint:4::3');
  });

  it('formatting: one field per line, comments kept', async () => {
    const uri = workspace.uriOf('format.sfgrammar');
    const text = 'a::uint:8 b::uint:8 # b is b';
    await server.client.open(uri, 'sfgrammar', text);
    const edits = await server.client.request<TextEdit[]>('textDocument/formatting', {
      textDocument: { uri },
      options: { tabSize: 2, insertSpaces: true },
    });
    assert.equal(TextDocument.applyEdits(TextDocument.create(uri, 'sfgrammar', 1, text), edits), 'a::uint:8\nb::uint:8 # b is b\n');
  });

  it('inlay hints and code lenses', async () => {
    const uri = workspace.uriOf('room.sfgrammar');
    const hints = await server.client.request<InlayHint[]>('textDocument/inlayHint', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } },
    });
    assert.deepEqual(
      hints.map(h => h.label),
      ['bytes 0-1', 'byte 2'],
    );
    const lenses = await server.client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.deepEqual(
      lenses.map(l => l.command!.title),
      ['✓ pass (2 values)', 'Copy frame'],
    );
  });

  it('sigfox/decode and sigfox/render, typed once in protocol.ts', async () => {
    const decoded = await server.client.request<DecodeResult>(DecodeRequest.method, {
      grammar: { uri: workspace.uriOf('room.sfgrammar') },
      hex: '00FF10',
    });
    assert.deepEqual(
      decoded.fields.map(f => [f.name, f.rendered]),
      [
        ['temp', '255'],
        ['hum', '16'],
      ],
    );
    const bad = await server.client.request<DecodeResult>(DecodeRequest.method, { grammar: { text: 'a::uint:8' }, hex: '0G' });
    assert.match(bad.error!, /not a hex digit: 'G'/);
    const rendered = await server.client.request<RenderResult>(RenderRequest.method, {
      template: { uri: workspace.uriOf('room.sftemplate') },
      hex: 'FFFF10',
      variables: { device: 'C0FFEE' },
    });
    assert.equal(rendered.text, '{\n  "device": "C0FFEE",\n  "t": -1\n}');
    assert.equal(rendered.validJson, true);
  });

  it("sigfox/association: a template's grammar and kind, a grammar's templates", async () => {
    const template = await server.client.request<AssociationResult>(AssociationRequest.method, { uri: workspace.uriOf('room.sftemplate') });
    assert.deepEqual(template, {
      grammar: { uri: workspace.uriOf('room.sfgrammar') },
      source: 'siblingGrammar',
      type: 'DATA',
      subtype: 'UPLINK',
      templates: [],
    });
    const grammar = await server.client.request<AssociationResult>(AssociationRequest.method, { uri: workspace.uriOf('room.sfgrammar') });
    assert.ok(grammar.templates.includes(workspace.uriOf('elsewhere/unopened.sftemplate')), 'unopened dependents too');
  });

  it('unknown documents get empty answers', async () => {
    const list = await server.client.request<CompletionList>('textDocument/completion', {
      textDocument: { uri: workspace.uriOf('never-opened.sfgrammar') },
      position: { line: 0, character: 0 },
    });
    assert.deepEqual(list.items, []);
    const diagnostics: Diagnostic[] = [];
    assert.deepEqual(
      await server.client.request('textDocument/codeAction', {
        textDocument: { uri: workspace.uriOf('never-opened.sfgrammar') },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics },
      }),
      [],
    );
  });
});
