// UI check run by ../harness/runtests.mjs in a real workbench (installed VSIX, Chromium):
// the sample grammar and template open with our highlighting, and hovering a field shows the
// language server's hover. Screenshots: test/e2e/.artifacts/workbench-{grammar,template}.png.

/** Waits until the editor line containing `text` is split into at least `min` differently styled tokens. */
function tokensOnLine(page, text, min, timeout) {
  return page.waitForFunction(
    ([t, n]) => {
      const line = [...document.querySelectorAll('.monaco-editor .view-line')].find(l => l.textContent.includes(t));
      return !!line && new Set([...line.querySelectorAll('span > span')].map(s => s.className)).size >= n;
    },
    [text, min],
    { timeout },
  );
}

export default async function workbench({ page, step, shoot, openFile, timeoutMs }) {
  const opened = await step('room.sfgrammar opens as a Sigfox Payload Config, highlighted', async () => {
    await openFile('room.sfgrammar');
    await page.locator('.statusbar-item', { hasText: 'Sigfox Payload Config' }).first().waitFor({ timeout: timeoutMs });
    // TextMate tokens: name, separators, type and size must not all share one colour.
    await tokensOnLine(page, 'humidity::uint:8', 3, timeoutMs);
  });
  if (!opened) return;

  await step("hovering a field shows the language server's hover", async () => {
    const token = page.locator('.monaco-editor .view-line span > span', { hasText: /^humidity$/ }).first();
    const hover = page.locator('.monaco-hover:not(.hidden) .monaco-hover-content').first();
    const box = await token.boundingBox({ timeout: timeoutMs });
    if (!box) throw new Error('the field "humidity" is not on screen');
    // Re-hover until the server answers (it may still be starting), within the deadline. The
    // pointer moves off and back onto the token inside the editor: Monaco ignores a pointer
    // that jumps in from outside.
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await page.mouse.move(box.x + box.width + 400, box.y + 300, { steps: 2 });
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
      try {
        await hover.waitFor({ state: 'visible', timeout: 5000 });
        if (/uint/i.test(await hover.innerText())) {
          // Let the fade-in finish, so that the screenshot shows the hover and not its ghost.
          await hover.evaluate(el =>
            Promise.all((el.closest('.monaco-hover') ?? el).getAnimations({ subtree: true }).map(a => a.finished)),
          );
          return;
        }
      } catch {
        /* no hover yet */
      }
      if (Date.now() > deadline) throw new Error('no hover naming the type appeared over the field "humidity"');
    }
  });
  await shoot('workbench-grammar.png');

  await step('room.sftemplate opens as a Sigfox Body Template, placeholders highlighted', async () => {
    await openFile('room.sftemplate');
    await page.locator('.statusbar-item', { hasText: 'Sigfox Body Template' }).first().waitFor({ timeout: timeoutMs });
    await tokensOnLine(page, '{customData#temp}', 4, timeoutMs);
  });
  await shoot('workbench-template.png');
}
