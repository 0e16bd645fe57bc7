// @ts-check
'use strict';
const vscode = require('vscode');

/** The folder the workbench was opened on (a copy of test/e2e/workspace). */
function workspaceFile(name) {
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  if (!folder) throw new Error('no workspace folder open: the harness opens test/e2e/workspace');
  return vscode.Uri.joinPath(folder.uri, name);
}

/**
 * Re-evaluates `probe` until it returns something truthy, on each of the given events and at least
 * every `intervalMs` (language features have no event of their own), and gives up after `timeoutMs`.
 * A probe that throws counts as "not yet" (e.g. a request sent while the server restarts).
 * @template T
 * @param {string} what  said in the timeout error
 * @param {() => T | undefined | Promise<T | undefined>} probe
 * @param {{ timeoutMs?: number, intervalMs?: number, events?: vscode.Event<any>[] }} [opts]
 * @returns {Promise<T>}
 */
async function waitFor(what, probe, { timeoutMs = 30_000, intervalMs = 100, events = [] } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last, lastError;
  let wake = () => {};
  const subs = events.map(e => e(() => wake()));
  try {
    for (;;) {
      try {
        last = await probe();
        if (last) return last;
      } catch (e) {
        lastError = e;
      }
      const left = deadline - Date.now();
      if (left <= 0) break;
      await new Promise(resolve => {
        const t = setTimeout(resolve, Math.min(intervalMs, left));
        wake = () => {
          clearTimeout(t);
          resolve(undefined);
        };
      });
    }
  } finally {
    subs.forEach(s => s.dispose());
  }
  const detail = lastError
    ? `last error: ${lastError instanceof Error ? lastError.message : lastError}`
    : `last value: ${JSON.stringify(last)}`;
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (${detail})`);
}

/** Position of the `offset`-th character of the `occurrence`-th (1-based) match of `needle`. */
function positionOf(doc, needle, { occurrence = 1, offset = 0 } = {}) {
  const text = doc.getText();
  let at = -1;
  for (let i = 0; i < occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" (occurrence ${occurrence}) not found in ${doc.uri.fsPath}`);
  }
  return doc.positionAt(at + offset);
}

/** A diagnostic's code as a string (codes may come as { value, target }). */
function codeOf(d) {
  const c = d.code;
  return String(c && typeof c === 'object' ? c.value : (c ?? ''));
}

/** Plain text of hover contents (MarkdownString | MarkedString). */
function hoverText(hovers) {
  return (hovers || [])
    .flatMap(h => h.contents)
    .map(c => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

function labelOf(item) {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

/**
 * Throws away the unsaved edits of `doc` and waits until the extension host holds the file's text
 * again (so the language server has it before the next test). The revert command acts on the
 * active editor, and on a busy machine its effect reaches the extension host later: checking the
 * text, not the command's promise, keeps one test's edit from leaking into the next.
 */
async function revert(doc) {
  if (!doc.isDirty) return;
  const disk = Buffer.from(await vscode.workspace.fs.readFile(doc.uri)).toString('utf8');
  const reverted = () => !doc.isDirty && doc.getText() === disk;
  // The revert can land on another editor when focus moves under load (CI waited 30 s for one that
  // never came): ask again a few times, then put the file's text back and save it, which leaves
  // the same state (the buffer equal to the file, not dirty).
  for (let attempt = 0; attempt < 3 && !reverted(); attempt++) {
    await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    await vscode.commands.executeCommand('workbench.action.files.revert', doc.uri);
    await waitFor(`the revert of ${doc.uri.fsPath}`, reverted, {
      timeoutMs: 5_000,
      events: [vscode.workspace.onDidChangeTextDocument],
    }).catch(() => undefined);
  }
  if (!reverted()) {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), disk);
    await vscode.workspace.applyEdit(edit);
    await doc.save();
  }
  await waitFor(`the revert of ${doc.uri.fsPath}`, reverted, { events: [vscode.workspace.onDidChangeTextDocument] });
}

module.exports = { workspaceFile, waitFor, positionOf, codeOf, hoverText, labelOf, revert };
