// UI check run by ../harness/runtests.mjs in a real workbench (installed VSIX, Chromium): the
// commands as a user meets them. The copy button in a payload config's title bar, and "Sigfox:
// Send Test Callback" from the palette with its two prompts (frame, URL) against an HTTP server
// this module starts on 127.0.0.1, the answer in the output channel and the verdict notification.
// Screenshots: test/e2e/.artifacts/commands-{copy-one-line,send-test-callback}.png.
import { createServer } from 'node:http';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { answerInputBox, runPaletteCommand } from '../harness/lib.mjs';

const DEFINITION_NAME = 'ui-send.sfcallback.json';
const DEFINITION = `${JSON.stringify(
  {
    channel: 'URL',
    callbackType: 0,
    callbackSubtype: 2,
    payloadConfigFile: 'room.sfgrammar',
    url: 'https://api.example.invalid/rooms/{device}',
    httpMethod: 'POST',
    contentType: 'application/json',
    bodyTemplate: '{"device": "{device}", "temp": {customData#temp}}',
  },
  null,
  2,
)}\n`;

/**
 * Quick Open (Ctrl+P): finds files created after the window opened too. The file search may
 * answer from the list it had before the file was written (seen on a loaded CI machine), so an
 * attempt that shows no row closes the picker and asks again until `timeout`.
 */
async function quickOpen(page, name, timeout) {
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first();
  const input = page.locator('.quick-input-widget input');
  const deadline = Date.now() + timeout;
  for (;;) {
    await page
      .locator('.monaco-workbench')
      .click({ position: { x: 700, y: 5 } })
      .catch(() => undefined);
    await page.keyboard.press('Control+P');
    await input.waitFor({ state: 'visible', timeout });
    await input.fill(name);
    const left = deadline - Date.now();
    const found = await row
      .waitFor({ timeout: Math.max(1000, Math.min(10_000, left)) })
      .then(() => true)
      .catch(error => {
        if (Date.now() >= deadline) throw error;
        return false;
      });
    if (found) break;
    await page.keyboard.press('Escape');
  }
  await page.keyboard.press('Enter');
  await page.locator('.tab.active', { hasText: name }).waitFor({ timeout });
}

const runCommand = runPaletteCommand;

export default async function commands({ page, step, shoot, workspace, timeoutMs }) {
  const copy = page.locator('.editor-actions [aria-label^="Copy Payload Config as One Line"]').first();
  const shown = await step('a payload config has "Copy Payload Config as One Line" in its title bar', async () => {
    await quickOpen(page, 'room.sfgrammar', timeoutMs);
    await copy.waitFor({ timeout: timeoutMs });
  });
  if (shown) {
    await step('the title bar button copies the one-liner and says so', async () => {
      await copy.click();
      await page
        .locator('.notification-toast', { hasText: 'copied the payload config as one line (4 fields' })
        .first()
        .waitFor({ timeout: timeoutMs });
    });
    await shoot('commands-copy-one-line.png');
  }

  /** @type {{ method: string, url: string, body: string }[]} */
  const received = [];
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', c => chunks.push(c));
    req.on('end', () => {
      received.push({ method: req.method ?? '', url: req.url ?? '', body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"stored":true}');
    });
  });
  await new Promise(resolve => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const url = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`;
  const file = join(workspace, DEFINITION_NAME);
  writeFileSync(file, DEFINITION);
  try {
    const sent = await step('"Sigfox: Send Test Callback" asks for the frame and a URL, and shows the answer', async () => {
      await quickOpen(page, DEFINITION_NAME, timeoutMs);
      await runCommand(page, 'Sigfox: Send Test Callback', timeoutMs);
      await answerInputBox(page, `send ${DEFINITION_NAME} for a frame`, '1a2b3c0e74', timeoutMs);
      await answerInputBox(page, `send ${DEFINITION_NAME} to`, url, timeoutMs);
      await page.locator('.notification-toast', { hasText: 'Delivered: HTTP 200 OK' }).first().waitFor({ timeout: timeoutMs });
      // The progress notification closes once the server has answered.
      await page.locator('.notification-toast', { hasText: `sending ${DEFINITION_NAME}` }).waitFor({ state: 'detached', timeout: 10_000 });
      // The output channel shows the request and the answer.
      await page.locator('.part.panel .monaco-editor .view-line', { hasText: '{"stored":true}' }).first().waitFor({ timeout: timeoutMs });
      if (received.length !== 1) throw new Error(`the test server got ${received.length} requests`);
      const body = JSON.parse(received[0].body);
      if (body.temp !== 26 || received[0].method !== 'POST') throw new Error(`unexpected request: ${JSON.stringify(received[0])}`);
    });
    if (sent) await shoot('commands-send-test-callback.png');
  } finally {
    server.closeAllConnections();
    server.close();
    rmSync(file, { force: true });
  }
}
