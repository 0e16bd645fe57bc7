// @ts-check
// The packaged extension in a real VS Code: activation, commands, and one test per language
// feature that goes through the real LanguageClient to the real server (the logic itself is
// tested below this layer: test/unit, test/lsp). Every wait polls for the event; no fixed sleeps.
'use strict';
const assert = require('assert');
const vscode = require('vscode');
const { workspaceFile, waitFor, positionOf, codeOf, hoverText, labelOf } = require('./helpers');

const EXTENSION_ID = 'sigfox-callbacks.sigfox-callbacks';
const FIELDS = ['temp', 'humidity', 'lum', 'voltage'];

suite('Sigfox Callbacks in a real VS Code', () => {
  /** @type {vscode.TextDocument} */ let grammar;
  /** @type {vscode.TextDocument} */ let template;

  /** Text of each document as on disk, to undo whatever a test leaves behind. */
  const original = new Map();

  suiteSetup(async () => {
    grammar = await vscode.workspace.openTextDocument(workspaceFile('room.sfgrammar'));
    template = await vscode.workspace.openTextDocument(workspaceFile('room.sftemplate'));
    for (const doc of [grammar, template]) original.set(doc.uri.toString(), doc.getText());
    await vscode.window.showTextDocument(grammar);
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  teardown(async () => {
    // Put the text back (a failed test may stop half-way) and save, so that the next test and
    // the next run start from the sample files. The workspace is a throw-away copy.
    for (const doc of [grammar, template]) {
      const text = original.get(doc.uri.toString());
      if (doc.getText() !== text) {
        const edit = new vscode.WorkspaceEdit();
        edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text);
        assert.ok(await vscode.workspace.applyEdit(edit), `could not restore ${doc.uri.fsPath}`);
      }
      if (doc.isDirty) await doc.save();
      assert.strictEqual(doc.getText(), text, `${doc.uri.fsPath} was not restored`);
    }
  });

  test('a payload config activates the extension, which registers its commands', async () => {
    assert.strictEqual(grammar.languageId, 'sfgrammar');
    assert.strictEqual(template.languageId, 'sftemplate');
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
    await waitFor('the extension to activate', () => ext.isActive);
    // Budget (design.md): activation < 50 ms, bundle load included.
    const { activationMs } = await ext.activate();
    console.log(`[e2e] activation took ${activationMs} ms (bundle load + activate)`);
    assert.ok(Number.isFinite(activationMs) && activationMs >= 0);
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['sigfox.restartServer', 'sigfox.showOutput']) {
      assert.ok(commands.includes(id), `command ${id} is not registered`);
    }
    await vscode.commands.executeCommand('sigfox.showOutput');
  });

  test('a customData name missing from the grammar gets an SFT diagnostic, which goes when fixed', async () => {
    const editor = await vscode.window.showTextDocument(template);
    const start = positionOf(template, '{customData#temp}', { offset: '{customData#'.length });
    const nameRange = new vscode.Range(start, start.translate(0, 'temp'.length));
    await editor.edit(b => b.replace(nameRange, 'tmp'));
    assert.ok(template.getText().includes('{customData#tmp}'));

    const misspelt = new vscode.Range(start, start.translate(0, 'tmp'.length));
    const onTmp = () =>
      vscode.languages
        .getDiagnostics(template.uri)
        .filter(d => codeOf(d).startsWith('SFT') && d.range.intersection(misspelt) !== undefined);
    const found = await waitFor('an SFT diagnostic on {customData#tmp}', () => onTmp()[0], {
      events: [vscode.languages.onDidChangeDiagnostics],
    });
    assert.strictEqual(found.severity, vscode.DiagnosticSeverity.Error, `expected an error, got ${JSON.stringify(found)}`);
    console.log(`    diagnostic: [${codeOf(found)}] ${found.message}`);

    await editor.edit(b => b.replace(misspelt, 'temp'));
    await waitFor('the SFT diagnostic to go once the name is fixed', () => onTmp().length === 0, {
      events: [vscode.languages.onDidChangeDiagnostics],
    });
  });

  test('completion after {customData# offers the fields of the grammar', async () => {
    const pos = positionOf(template, '{customData#temp}', { offset: '{customData#'.length });
    // An item may be labelled with the bare field name or with the whole placeholder.
    const fieldOf = label => label.replace(/^\{?(customData#)?/, '').replace(/\}$/, '');
    let labels = [];
    await waitFor('completion items naming every field', async () => {
      /** @type {vscode.CompletionList} */
      const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', template.uri, pos);
      labels = (list ? list.items : []).map(labelOf);
      const fields = labels.map(fieldOf);
      return FIELDS.every(f => fields.includes(f));
    }).catch(e => {
      throw new Error(`${e.message}; labels: ${labels.join(', ') || 'none'}`);
    });
    console.log(`    completion: ${labels.slice(0, 8).join(', ')}${labels.length > 8 ? ', …' : ''}`);
  });

  test('hover on a field shows its type', async () => {
    const pos = positionOf(grammar, 'humidity::uint:8', { offset: 2 });
    const text = await waitFor('a hover on the field humidity', async () => {
      /** @type {vscode.Hover[]} */
      const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', grammar.uri, pos);
      return hoverText(hovers).trim() || undefined;
    });
    assert.match(text, /uint/i, `hover does not name the type: ${text}`);
    console.log(`    hover: ${text.split('\n')[0]}`);
  });

  test('renaming a field edits the grammar and the template that uses it', async () => {
    const pos = positionOf(grammar, 'temp::uint:8', { offset: 1 });
    /** @type {vscode.WorkspaceEdit} */
    const edit = await waitFor('a rename edit', () =>
      vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', grammar.uri, pos, 'temperature'),
    );
    const byFile = new Map(edit.entries().map(([uri, edits]) => [uri.toString(), edits]));
    for (const doc of [grammar, template]) {
      const edits = byFile.get(doc.uri.toString()) || [];
      assert.ok(edits.length > 0, `no edit in ${doc.uri.fsPath}; edited: ${[...byFile.keys()].join(', ') || 'nothing'}`);
      for (const e of edits) {
        assert.strictEqual(e.newText, 'temperature');
        assert.strictEqual(doc.getText(e.range), 'temp', `an edit in ${doc.uri.fsPath} replaces "${doc.getText(e.range)}"`);
      }
    }
    const templateEdit = byFile.get(template.uri.toString())[0];
    const expected = positionOf(template, '{customData#temp}', { offset: '{customData#'.length });
    assert.ok(templateEdit.range.start.isEqual(expected), 'the template edit is not on {customData#temp}');
  });

  test('"Sigfox: Restart Language Server" brings the features back', async () => {
    await vscode.commands.executeCommand('sigfox.restartServer');
    const pos = positionOf(grammar, 'voltage::uint:16', { offset: 1 });
    await waitFor('a hover from the restarted server', async () => {
      const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', grammar.uri, pos);
      return hoverText(/** @type {vscode.Hover[]} */ (hovers)).trim() || undefined;
    });
  });
});
