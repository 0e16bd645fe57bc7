// @ts-check
// "Sigfox: Decode Selected Hex" in a real VS Code: select a frame in a log, run the command, and
// read back what the panel's webview confirmed it displays (`sigfox.preview.testState`, registered
// only in test mode). The pixels (light/dark screenshots, hostile content in the real DOM) are
// checked from the browser side by preview.ui.mjs. Every wait polls for the event; no fixed sleeps.
'use strict';
const assert = require('assert');
const vscode = require('vscode');
const { workspaceFile, waitFor, positionOf, revert } = require('./helpers');

const FRAME = '1a2b3c0e74';
const HOSTILE = '</script><img src=x onerror=alert(1)>';

/**
 * @typedef {{ model?: any, report?: any, lastMessage?: string }} TestState
 * @returns {Promise<TestState>}
 */
async function previewState() {
  return /** @type {TestState} */ (await vscode.commands.executeCommand('sigfox.preview.testState')) || {};
}

/** Waits until the webview confirms a model that satisfies `accept`. */
function panelShowing(what, accept) {
  return waitFor(
    what,
    async () => {
      const state = await previewState();
      return state.model && state.report && accept(state) ? state : undefined;
    },
    { events: [vscode.workspace.onDidChangeTextDocument] },
  );
}

async function selectInEditor(doc, needle) {
  const editor = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
  const start = positionOf(doc, needle);
  editor.selection = new vscode.Selection(start, start.translate(0, needle.length));
  return editor;
}

/** Replaces the first `from` with `to` in an open document (unsaved: the preview reads the buffer). */
async function replaceIn(doc, from, to) {
  const start = positionOf(doc, from);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(start, start.translate(0, from.length)), to);
  assert.ok(await vscode.workspace.applyEdit(edit), `could not edit ${doc.uri.fsPath}`);
}

suite('Decode preview in a real VS Code', () => {
  /** @type {vscode.TextDocument} */ let log;
  /** @type {vscode.TextDocument} */ let grammar;
  /** @type {vscode.TextDocument} */ let template;

  suiteSetup(async () => {
    log = await vscode.workspace.openTextDocument(workspaceFile('frames.log'));
    grammar = await vscode.workspace.openTextDocument(workspaceFile('room.sfgrammar'));
    template = await vscode.workspace.openTextDocument(workspaceFile('room.sftemplate'));
    const ext = vscode.extensions.getExtension('sigfox-callbacks.sigfox-callbacks');
    assert.ok(ext, 'the extension is installed');
    await ext.activate();
  });

  teardown(async () => {
    for (const doc of [grammar, template]) await revert(doc);
  });

  test('the commands are registered, the test hook only in test mode', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['sigfox.decodeSelectedHex', 'sigfox.decodeHex', 'sigfox.preview.testState']) {
      assert.ok(commands.includes(id), `command ${id} is not registered`);
    }
  });

  test('a frame selected in a log shows its fields, values and the rendered body', async () => {
    await selectInEditor(log, FRAME);
    await vscode.commands.executeCommand('sigfox.decodeSelectedHex');
    const { model, report } = await panelShowing('the panel showing 1A2B3C0E74', s => s.model.frameHex === '1A2B3C0E74');

    assert.strictEqual(model.grammar, 'room.sfgrammar');
    assert.deepStrictEqual(
      report.rows.map(r => [r[0], r[1], r[4]]),
      [
        ['temp', 'uint:8', '26'],
        ['humidity', 'uint:8', '43'],
        ['lum', 'uint:8', '60'],
        ['voltage', 'uint:16', '3700'],
      ],
    );
    assert.match(report.rows[3][2], /bytes 3–4/);
    assert.strictEqual(report.rows[0][3], '0001 1010');

    assert.strictEqual(model.body.template, 'room.sftemplate');
    assert.strictEqual(report.bodyStatus, 'valid JSON');
    const body = JSON.parse(report.body);
    assert.deepStrictEqual(
      { ...body, time: typeof body.time },
      {
        device: '1A2B3C',
        time: 'number',
        temp: 26,
        humidity: 43,
        lum: 60,
        voltage: 3700,
        data: FRAME,
      },
    );
    const origins = Object.fromEntries(model.body.variables.map(v => [v.name, v.origin]));
    assert.deepStrictEqual(origins, { device: 'default', time: 'default', data: 'frame' });

    // The frame picture: a cell per bit, no stray elements.
    assert.ok(report.svgShapeCount >= 40, `only ${report.svgShapeCount} shapes in the picture`);
    assert.deepStrictEqual([report.imgCount, report.foreignElementCount], [0, 0]);
    console.log(`    panel: ${report.rows.map(r => `${r[0]}=${r[4]}`).join(' ')}; body ${report.bodyStatus}; theme ${report.theme}`);
  });

  test('the panel follows edits of the grammar and keeps its frame', async () => {
    await selectInEditor(log, FRAME);
    await vscode.commands.executeCommand('sigfox.decodeSelectedHex');
    await panelShowing('the panel on the frame', s => s.model.frameHex === '1A2B3C0E74' && s.model.fields.length === 4);

    await replaceIn(grammar, 'lum::uint:8', 'light::uint:8');
    const renamed = await panelShowing('the renamed field', s => s.report.rows.some(r => r[0] === 'light'));
    assert.strictEqual(renamed.model.frameHex, '1A2B3C0E74');
    // The template still says {customData#lum}: left as written, so the body is no longer JSON.
    assert.strictEqual(renamed.report.bodyStatus, 'invalid JSON');
    assert.ok(
      renamed.model.body.problems.some(p => /lum/.test(p.message)),
      JSON.stringify(renamed.model.body.problems),
    );

    await revert(grammar);
    await panelShowing(
      'the field back after the revert',
      s => s.report.rows.some(r => r[0] === 'lum') && s.report.bodyStatus === 'valid JSON',
    );
  });

  test('the panel follows edits of the template', async () => {
    await selectInEditor(log, FRAME);
    await vscode.commands.executeCommand('sigfox.decodeSelectedHex');
    await panelShowing('the panel on the frame', s => s.model.frameHex === '1A2B3C0E74');

    await replaceIn(template, '"data": "{data}"', '"data": "{data}",\n  "seq": {seqNumber}');
    const edited = await panelShowing('the body with the new member', s => /"seq": \d+/.test(s.report.body));
    assert.strictEqual(edited.report.bodyStatus, 'valid JSON');
    assert.ok(edited.model.body.variables.some(v => v.name === 'seqNumber' && v.origin === 'default'));
  });

  test('sample variables come from the setting sigfox.preview.sampleVariables', async () => {
    await selectInEditor(log, FRAME);
    await vscode.commands.executeCommand('sigfox.decodeSelectedHex');
    await panelShowing('the panel on the frame', s => s.model.frameHex === '1A2B3C0E74');
    const config = vscode.workspace.getConfiguration('sigfox');
    await config.update('preview.sampleVariables', { device: 'CAFE01', time: 1700000000 }, vscode.ConfigurationTarget.Workspace);
    try {
      const { model, report } = await panelShowing("the body with the setting's values", s => /"device": "CAFE01"/.test(s.report.body));
      assert.match(report.body, /"time": 1700000000/);
      assert.deepStrictEqual(
        model.body.variables
          .filter(v => v.origin === 'setting')
          .map(v => v.name)
          .sort(),
        ['device', 'time'],
      );
    } finally {
      await config.update('preview.sampleVariables', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  test('bad hex gets a message saying what and where, and nothing opens', async () => {
    await selectInEditor(log, FRAME);
    await vscode.commands.executeCommand('sigfox.decodeSelectedHex');
    const before = await panelShowing('the panel on the frame', s => s.model.frameHex === '1A2B3C0E74');
    const tabs = vscode.window.tabGroups.all.flatMap(g => g.tabs).length;

    await selectInEditor(log, `data=${FRAME}`);
    await vscode.commands.executeCommand('sigfox.decodeSelectedHex');
    const after = await waitFor('the error message', async () => {
      const s = await previewState();
      return s.lastMessage && /cannot decode/.test(s.lastMessage) ? s : undefined;
    });
    assert.match(after.lastMessage || '', /not a hex digit: 't' at position 3/);
    assert.strictEqual(after.model.frameHex, before.model.frameHex, 'the panel still shows the previous frame');
    assert.strictEqual(vscode.window.tabGroups.all.flatMap(g => g.tabs).length, tabs, 'no editor or panel opened');
    console.log(`    message: ${after.lastMessage}`);
  });

  test('hostile char bytes and template text show as text and create no element', async () => {
    const grammarUri = workspaceFile('hostile.sfgrammar');
    const templateUri = workspaceFile('hostile.sftemplate');
    const write = (uri, text) => vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
    await write(grammarUri, `label::char:${HOSTILE.length}\n`);
    await write(templateUri, `{"label": "{customData#label}", "note": "${HOSTILE.replace(/"/g, '\\"')}"}\n`);
    try {
      // Open, the template is known to the server at once (no wait for the file watcher).
      await vscode.workspace.openTextDocument(templateUri);
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(grammarUri), vscode.ViewColumn.One);
      await vscode.commands.executeCommand('sigfox.decodeHex', { hex: Buffer.from(HOSTILE, 'latin1').toString('hex') });
      const { model, report } = await panelShowing('the hostile frame', s => s.model.grammar === 'hostile.sfgrammar');
      assert.strictEqual(report.rows[0][4], JSON.stringify(HOSTILE));
      assert.ok(report.body.includes(`"label": "${HOSTILE}"`), report.body);
      assert.strictEqual(model.body.template, 'hostile.sftemplate');
      assert.deepStrictEqual([report.imgCount, report.foreignElementCount], [0, 0]);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await vscode.workspace.fs.delete(grammarUri).then(undefined, () => undefined);
      await vscode.workspace.fs.delete(templateUri).then(undefined, () => undefined);
    }
  });
});
