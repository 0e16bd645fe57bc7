// @ts-check
// The decode preview as a user sees it, driven from the browser with playwright-core: select a
// frame in frames.log, run "Sigfox: Decode Selected Hex" from the palette, read the panel's DOM
// inside the webview, screenshot it in dark, light and high-contrast themes, then decode a frame
// whose char bytes and template are markup and check that it stays text and nothing runs.
// Screenshots go to test/e2e/.artifacts/preview-*.png.
//
// Two ways to run it:
//   node test/e2e/suite/preview.ui.mjs [--vsix FILE] [--keep]   standalone: packages (or takes) the VSIX,
//                                                                installs it in a throw-away code-server
//   import { previewUiChecks } from '../suite/preview.ui.mjs'    from the harness's UI stage, with its page and step()
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import {
  ARTIFACTS,
  createSession,
  ensureCodeServer,
  installVsix,
  launchChromium,
  log,
  packageVsix,
  runPaletteCommand,
  seconds,
  startCodeServer,
  workbenchUrl,
} from '../harness/lib.mjs';

const UI_TIMEOUT_MS = 60_000;
const FRAME = '1a2b3c0e74';
const HOSTILE = '</script><img src=x onerror=alert(1)>';
/** If any of this ran, `window.__pwned` would be set in the webview. */
const HOSTILE_TEMPLATE =
  '{"label": "{customData#label}", "note": "<script>window.__pwned=1</script><img src=x onerror=\\"window.__pwned=1;alert(1)\\">"}\n';

/**
 * @param {{ page: import('playwright-core').Page, step: (title: string, fn: () => Promise<void>) => Promise<boolean>,
 *           base: string, workspace: string, artifacts?: string }} o
 *   `workspace` is a throw-away copy on disk (the hostile files are written into it before the page loads).
 */
export async function previewUiChecks({ page, step, base, workspace, artifacts = ARTIFACTS }) {
  mkdirSync(artifacts, { recursive: true });
  writeFileSync(join(workspace, 'hostile.sfgrammar'), `# char bytes that look like markup\nlabel::char:${HOSTILE.length}\n`);
  writeFileSync(join(workspace, 'hostile.sftemplate'), HOSTILE_TEMPLATE);
  const dialogs = [];
  page.on('dialog', d => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const panel = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');

  const opened = await step('Decode Selected Hex on a frame in frames.log opens the preview', async () => {
    // The harness hands over a page that already shows the workbench (the files written above
    // reach it through the file watcher); run standalone, the page is blank.
    if (!page.url().startsWith(base)) await page.goto(workbenchUrl(base, workspace));
    await page.waitForSelector('.monaco-workbench', { timeout: UI_TIMEOUT_MS });
    await openFile(page, 'frames.log');
    await page.locator(`.monaco-editor .view-line:has-text("${FRAME}")`).first().waitFor({ timeout: UI_TIMEOUT_MS });
    await selectText(page, FRAME);
    await runCommand(page, 'Sigfox: Decode Selected Hex');
    // Two grammars in the workspace (room, hostile): the command asks which one.
    await pickQuickInput(page, 'decode with which payload config', 'room.sfgrammar');
    await panel.locator('#fields tbody tr').nth(3).waitFor({ timeout: UI_TIMEOUT_MS });
    const rows = await panel.locator('#fields tbody tr').evaluateAll(trs => trs.map(tr => [...tr.children].map(td => td.textContent)));
    const summary = rows.map(r => `${r[0]}=${r[4]}`).join(' ');
    if (summary !== 'temp=26 humidity=43 lum=60 voltage=3700') throw new Error(`the panel shows ${summary}`);
    await panel.locator('#body-status', { hasText: 'valid JSON' }).waitFor({ timeout: UI_TIMEOUT_MS });
    const body = JSON.parse((await panel.locator('#body').textContent()) ?? '');
    if (body.temp !== 26 || body.data !== FRAME) throw new Error(`unexpected body ${JSON.stringify(body)}`);
    const cells = await panel.locator('#picture svg rect.cell').count();
    if (cells !== 40) throw new Error(`the picture has ${cells} bit cells, not 40`);
    log(`preview: ${summary}; body valid JSON`);
  });
  if (!opened) return;

  for (const theme of [
    { name: 'dark', label: 'Dark Modern', bodyClass: 'vscode-dark' },
    { name: 'light', label: 'Light Modern', bodyClass: 'vscode-light' },
    { name: 'high-contrast', label: 'Dark High Contrast', bodyClass: 'vscode-high-contrast' },
  ]) {
    await step(`the preview in the ${theme.name} theme (screenshot)`, async () => {
      await setColorTheme(page, theme.label);
      await panel.locator(`body.${theme.bodyClass}`).waitFor({ timeout: UI_TIMEOUT_MS });
      await shoot(page, join(artifacts, `preview-${theme.name}.png`));
    });
  }

  await step('the copy buttons go through the extension to the clipboard', async () => {
    for (const id of ['copy-values', 'copy-body']) {
      await panel.locator(`#${id}`).click();
      // The extension confirms once vscode.env.clipboard has the text.
      await panel.locator(`#${id}`, { hasText: 'Copied' }).waitFor({ timeout: UI_TIMEOUT_MS });
    }
  });

  await step('"Choose template…" renders the body of the template picked', async () => {
    await panel.locator('#choose-template').click();
    await pickQuickInput(page, 'render which body template', 'hostile.sftemplate');
    await panel.locator('#template', { hasText: 'hostile.sftemplate' }).waitFor({ timeout: UI_TIMEOUT_MS });
    await panel.locator('#template-note', { hasText: 'chosen' }).waitFor({ timeout: UI_TIMEOUT_MS });
    // room.sfgrammar has no `label`: the placeholder stays as written, and the panel says so.
    await panel.locator('#problems', { hasText: 'label' }).waitFor({ timeout: UI_TIMEOUT_MS });
  });

  await step('hostile char bytes and template text show as text and nothing runs', async () => {
    await setColorTheme(page, 'Dark Modern');
    // Open it in the first group, as a user would, so that the panel stays beside it.
    await runCommand(page, 'View: Focus First Editor Group');
    await openFile(page, 'hostile.sfgrammar');
    await page.locator('.monaco-editor .view-line:has-text("label::char")').first().waitFor({ timeout: UI_TIMEOUT_MS });
    await runCommand(page, 'Sigfox: Decode Hex...');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(Buffer.from(HOSTILE, 'latin1').toString('hex'));
    await page.keyboard.press('Enter');
    await panel.locator('#grammar', { hasText: 'hostile.sfgrammar' }).waitFor({ timeout: UI_TIMEOUT_MS });
    await panel.locator('#body', { hasText: '__pwned' }).waitFor({ timeout: UI_TIMEOUT_MS });
    const dom = await panel.locator('body').evaluate(() => ({
      images: document.images.length,
      pwned: /** @type {any} */ (window).__pwned,
      value: document.querySelector('#fields tbody td.value')?.textContent,
      body: document.getElementById('body')?.textContent,
      foreign: document.querySelectorAll('#app script, #app img, #app iframe, #app object, #app embed').length,
    }));
    if (dom.images !== 0 || dom.foreign !== 0) throw new Error(`the webview has ${dom.images} <img> and ${dom.foreign} foreign elements`);
    if (dom.pwned !== undefined) throw new Error('an injected handler ran in the webview');
    if (dom.value !== JSON.stringify(HOSTILE)) throw new Error(`the value cell shows ${dom.value}`);
    if (!dom.body?.includes(`"label": "${HOSTILE}"`) || !dom.body.includes('<script>window.__pwned=1</script>'))
      throw new Error(`the body shows ${dom.body}`);
    if (dialogs.length) throw new Error(`a dialog opened: ${dialogs.join(', ')}`);
    await shoot(page, join(artifacts, 'preview-hostile.png'));
  });
}

/** Quick Open (Ctrl+P) rather than the explorer: works whatever the explorer's state. */
async function openFile(page, name) {
  await page
    .locator('.monaco-workbench')
    .click({ position: { x: 700, y: 5 } })
    .catch(() => undefined);
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: UI_TIMEOUT_MS });
  await page.keyboard.press('Enter');
  await page.locator('.tab.active', { hasText: name }).waitFor({ timeout: UI_TIMEOUT_MS });
}

/** Selects the first occurrence of `text` in the active editor with the Find widget (its match stays selected). */
async function selectText(page, text) {
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+F');
  const find = page.locator('.find-widget textarea, .find-widget input').first();
  await find.waitFor({ state: 'visible' });
  await find.fill(text);
  await page.locator('.find-widget .matchesCount', { hasText: /^1 of/ }).waitFor({ timeout: UI_TIMEOUT_MS });
  await page.keyboard.press('Escape');
  await page.locator('.monaco-editor .selected-text').first().waitFor({ timeout: UI_TIMEOUT_MS });
}

function runCommand(page, title) {
  return runPaletteCommand(page, title, UI_TIMEOUT_MS);
}

/** Fuzzy filtering keeps look-alikes ("Decode Selected Hex" for "Decode Hex..."): click the row labelled exactly `label`. */
async function clickQuickPickRow(page, label) {
  const exact = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  const row = page
    .locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: exact }) })
    .first();
  await row.waitFor({ timeout: UI_TIMEOUT_MS });
  await row.click();
}

/** Answers the quick pick whose title contains `title` with the row labelled `label`. */
async function pickQuickInput(page, title, label) {
  await page.locator('.quick-input-widget .quick-input-title', { hasText: title }).waitFor({ timeout: UI_TIMEOUT_MS });
  await page.locator('.quick-input-widget input').fill(label);
  await clickQuickPickRow(page, label);
}

async function setColorTheme(page, label) {
  await runCommand(page, 'Preferences: Color Theme');
  await page.locator('.quick-input-widget input').fill(label);
  await clickQuickPickRow(page, label);
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/** The whole window (the panel in context), then the panel alone in a window tall enough to show all of it. */
async function shoot(page, file) {
  await page.mouse.move(0, 0); // no hover highlight in the picture
  await page.screenshot({ path: file });
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: viewport?.width ?? 1400, height: 1500 });
  try {
    const webview = page.locator('iframe.webview.ready');
    // The webview follows the editor area's new size: wait until it has grown. The crop is a
    // convenience for reviewers, so a layout that does not follow in time crops what is there.
    await page
      .waitForFunction(() => (document.querySelector('iframe.webview.ready')?.getBoundingClientRect().height ?? 0) > 1000, undefined, {
        timeout: 10_000,
      })
      .catch(() => log('the webview did not grow in 10 s: cropping it at its current size'));
    const box = await webview.boundingBox();
    if (box) await page.screenshot({ path: file.replace(/\.png$/, '-panel.png'), clip: box });
  } finally {
    if (viewport) await page.setViewportSize(viewport);
  }
  log(`screenshot: ${file}`);
}

// ---- standalone --------------------------------------------------------------------------------

async function main() {
  const { values: opts } = parseArgs({ options: { vsix: { type: 'string' }, keep: { type: 'boolean', default: false } } });
  const t0 = Date.now();
  const entry = ensureCodeServer();
  const session = createSession();
  let cs, browser;
  const results = { passed: 0, failed: 0, failures: /** @type {string[]} */ ([]) };
  try {
    const vsix = opts.vsix ?? packageVsix();
    installVsix(entry, session, vsix);
    cs = await startCodeServer(entry, session);
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', e => log('[pageerror]', e.message));
    const step = async (title, fn) => {
      const started = Date.now();
      try {
        await fn();
        results.passed += 1;
        console.log(`  ✔ ${title} (${Date.now() - started} ms)`);
        return true;
      } catch (e) {
        results.failed += 1;
        results.failures.push(`${title}: ${e instanceof Error ? e.message : e}`);
        console.log(`  ✖ ${title}`);
        await page.screenshot({ path: join(ARTIFACTS, `ui-failed-${title.replace(/\W+/g, '-')}.png`) }).catch(() => undefined);
        return false;
      }
    };
    console.log('  Decode preview (installed VSIX, playwright)');
    await previewUiChecks({ page, step, base: cs.base, workspace: session.workspace });
  } finally {
    await browser?.close().catch(() => undefined);
    await cs?.stop();
    if (opts.keep) log(`session kept: ${session.dir}`);
    else session.remove();
  }
  for (const f of results.failures) console.log(`  FAILED ${f}`);
  log(`finished in ${seconds(t0)}`);
  console.log(`${results.passed} passed, ${results.failed} failed`);
  return results.failed === 0 && results.passed > 0 ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    code => process.exit(code),
    e => {
      console.error('[e2e] harness error:', e.stack || e.message);
      process.exit(2);
    },
  );
}
