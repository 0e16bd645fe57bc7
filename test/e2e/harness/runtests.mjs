// Runs the extension in a real VS Code (code-server + headless Chromium) and reports
// `N passed, N failed`. Exit 0 when everything passed, 1 when a test failed, 2 on a harness error.
//
//   1. package the VSIX (vsce runs the build) and install it with code-server, as a user would;
//   2. extension tests: open the workbench with the test payload, so the extension host loads the
//      installed (unpacked VSIX) folder as the development extension and runs test/e2e/suite/index.js
//      with mocha; the workbench calls window.codeAutomationExit(code) when run() settles;
//   3. UI checks with playwright (test/e2e/ui/*.ui.mjs): e.g. open the sample grammar, hover a
//      field, screenshots to test/e2e/.artifacts/.
//
// Options (for the @vscode/test-electron shim and for debugging):
//   --vsix FILE           install this VSIX instead of packaging one
//   --extension-path DIR  load this folder instead of packaging and installing the VSIX
//   --tests FILE          extensionTestsPath module (default test/e2e/suite/index.js)
//   --workspace DIR       folder to open (default: a throw-away copy of test/e2e/workspace)
//   --no-ui               skip step 3          --keep   keep the session folder (logs, profile)
// Env: TEST_TIMEOUT_MS (extension tests, default 240000), SIGFOX_E2E_GREP (mocha grep),
//      CODE_SERVER_VERSION / CODE_SERVER_HOME / CS_EXTRA / CHROMIUM (see lib.mjs and CONTRIBUTING.md).
import { appendFileSync, copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { format, parseArgs } from 'node:util';
import {
  ARTIFACTS,
  E2E,
  createSession,
  ensureCodeServer,
  installVsix,
  launchChromium,
  log,
  openPalette,
  packageVsix,
  seconds,
  startCodeServer,
  tail,
  workbenchUrl,
} from './lib.mjs';

const { values: opts } = parseArgs({
  options: {
    vsix: { type: 'string' },
    'extension-path': { type: 'string' },
    tests: { type: 'string' },
    workspace: { type: 'string' },
    'no-ui': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const TEST_TIMEOUT_MS = Number(process.env.TEST_TIMEOUT_MS || 240_000);
const UI_TIMEOUT_MS = 60_000;
const RESULT_MARKER = 'SIGFOX_E2E_RESULT ';
// Browser console lines that are expected with no network and say nothing about the extension.
const NOISE =
  /open-vsx\.org|ERR_NAME_NOT_RESOLVED|ERR_INTERNET_DISCONNECTED|status of 404|Resolving connection token|Resolved connection token|Creating a socket|web worker extension host is started|vsda|marketplace|\[perf\]|Long running operations/;

const results = { passed: 0, failed: 0, failures: [] };
const cleanups = [];
let cleaning;
const cleanup = () =>
  (cleaning ??= (async () => {
    for (const fn of cleanups.reverse()) {
      try {
        await fn();
      } catch (e) {
        log('cleanup:', e.message);
      }
    }
  })());
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(sig, () => {
    log(`${sig}: stopping`);
    cleanup().finally(() => process.exit(130));
  });
}

async function main() {
  const t0 = Date.now();
  // A fresh folder per run: a failure screenshot left by an earlier run must not read as this run's.
  rmSync(ARTIFACTS, { recursive: true, force: true });
  mkdirSync(ARTIFACTS, { recursive: true });
  const consoleLog = join(ARTIFACTS, 'browser-console.log');
  writeFileSync(consoleLog, '');
  const entry = ensureCodeServer();

  const session = createSession();
  cleanups.push(() => (opts.keep ? log(`session kept: ${session.dir}`) : session.remove()));
  cleanups.push(() => {
    if (existsSync(join(session.dir, 'code-server.log')))
      copyFileSync(join(session.dir, 'code-server.log'), join(ARTIFACTS, 'code-server.log'));
  });

  let extensionPath = opts['extension-path'] && resolve(opts['extension-path']);
  if (!extensionPath) {
    let t = Date.now();
    const vsix = opts.vsix ? resolve(opts.vsix) : packageVsix();
    if (!opts.vsix) log(`packaged ${vsix} in ${seconds(t)}`);
    t = Date.now();
    extensionPath = installVsix(entry, session, vsix);
    log(`installed into ${extensionPath} in ${seconds(t)}`);
  }
  const testsPath = resolve(opts.tests || join(E2E, 'suite', 'index.js'));
  const workspace = resolve(opts.workspace || session.workspace);

  const cs = await startCodeServer(entry, session);
  cleanups.push(() => cs.stop());
  log(`code-server ready on ${cs.base} after ${cs.readyMs} ms`);

  const browser = await launchChromium();
  cleanups.push(() => browser.close());

  await extensionTests({ browser, cs, extensionPath, testsPath, workspace, consoleLog });
  if (!opts['no-ui'] && !opts['extension-path'])
    await uiCheck({ browser, cs, workspace, consoleLog, logs: join(session.dir, 'data', 'logs') });

  await cleanup();
  for (const f of results.failures) console.log(`  FAILED ${f.title}\n    ${f.message.split('\n').join('\n    ')}`);
  log(`finished in ${seconds(t0)}; screenshots and logs in ${ARTIFACTS}`);
  console.log(`${results.passed} passed, ${results.failed} failed`);
  return results.failed === 0 && results.passed > 0 ? 0 : 1;
}

/**
 * The text of a console message. The workbench forwards the extension host's console.log(...args)
 * as ['%c INFO', 'color: …', ...args] (or with the text inside the styled head): drop the styled
 * head and its CSS arguments, then format the arguments as console.log would.
 */
function consoleLine(vals, fallback) {
  if (!vals.length) return fallback;
  if (typeof vals[0] !== 'string' || !vals[0].startsWith('%c')) return format(...vals);
  const styles = vals[0].match(/%c/g).length;
  const head = vals[0]
    .replace(/%c/g, '')
    .replace(/^\s*(?:INFO|WARN|ERROR|DEBUG|TRACE|\[Extension Host\])\s?/, '')
    .trim();
  const rest = vals.slice(1 + styles);
  return [head, rest.length ? format(...rest) : ''].filter(Boolean).join(' ');
}

/** Forwards the page's console (the extension host's console reaches it) and collects the mocha result. */
function watchConsole(page, consoleLog, onResult) {
  let quiet = false; // after the result: the log file only (shutdown chatter)
  page.on('console', async m => {
    let vals;
    try {
      vals = await Promise.all(m.args().map(a => a.jsonValue()));
    } catch {
      vals = [m.text()];
    }
    const line = consoleLine(vals, m.text());
    appendFileSync(consoleLog, line + '\n');
    const at = line.indexOf(RESULT_MARKER);
    if (at >= 0) {
      try {
        onResult?.(JSON.parse(line.slice(at + RESULT_MARKER.length)));
        quiet = true;
      } catch {
        /* partial line */
      }
      return;
    }
    if (!quiet && !NOISE.test(line)) console.log(line);
  });
  page.on('pageerror', e => appendFileSync(consoleLog, `[pageerror] ${e.message}\n`));
}

async function extensionTests({ browser, cs, extensionPath, testsPath, workspace, consoleLog }) {
  const t0 = Date.now();
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  let exitCode;
  const exited = new Promise(r => (exitCode = r));
  await page.exposeFunction('codeAutomationExit', code => exitCode(code));
  let mocha;
  watchConsole(page, consoleLog, r => (mocha = r));
  log(`extension tests: ${testsPath}`);
  await page.goto(workbenchUrl(cs.base, workspace, { extensionDevelopmentPath: extensionPath, extensionTestsPath: testsPath }));
  const timer = new Promise(r => setTimeout(() => r('timeout'), TEST_TIMEOUT_MS).unref());
  const code = await Promise.race([exited, timer, cs.exited.then(e => `code-server exited (${e.code ?? e.signal})`)]);
  log(`extension tests: codeAutomationExit -> ${code} after ${seconds(t0)}`);
  if (mocha) {
    results.passed += mocha.passed;
    results.failed += mocha.failed;
    results.failures.push(...mocha.failures);
  }
  if (code !== 0 && (!mocha || mocha.failed === 0)) {
    // The run did not get to report: count it as one failure and say why.
    results.failed += 1;
    results.failures.push({
      title: 'extension tests',
      message: `the extension host run ended with ${code}; code-server log:\n${tail(cs.logFile, 25)}`,
    });
  }
  if (code !== 0) await page.screenshot({ path: join(ARTIFACTS, 'extension-tests-failed.png') }).catch(() => {});
  await page.close();
}

/**
 * UI checks: every test/e2e/ui/*.ui.mjs module, in name order, in ONE workbench window on the
 * installed VSIX (a workbench load costs 15-20 s on a busy 2-core machine; between modules the
 * editors are closed and notifications cleared). A module's default export receives
 *   { page, step(title, fn), shoot(fileName), openFile(name), workspace, logs, timeoutMs }
 * where `page` already shows the workbench and `logs` is the session's log folder (the output
 * channels are written there); each step counts as one test, and a failing step
 * leaves a screenshot in test/e2e/.artifacts/.
 */
async function uiCheck({ browser, cs, workspace, consoleLog, logs }) {
  const dir = join(E2E, 'ui');
  const modules = existsSync(dir)
    ? readdirSync(dir)
        .filter(f => f.endsWith('.ui.mjs'))
        .sort()
    : [];
  if (!modules.length) return;
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  watchConsole(page, consoleLog);
  let current = 'workbench';
  const step = async (title, fn) => {
    const t0 = Date.now();
    try {
      await fn();
      results.passed += 1;
      console.log(`    ✔ ${title} (${Date.now() - t0} ms)`);
      return true;
    } catch (e) {
      results.failed += 1;
      results.failures.push({ title: `UI ${current}: ${title}`, message: e.message });
      console.log(`    ✖ ${title}`);
      await shoot(page, `failed-${current.replace(/\.ui\.mjs$/, '')}-${title.replace(/\W+/g, '-').slice(0, 60)}.png`);
      return false;
    }
  };
  const openFile = async name => {
    const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first();
    await row.waitFor({ timeout: UI_TIMEOUT_MS });
    await row.dblclick();
    await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: UI_TIMEOUT_MS });
  };
  console.log('  UI (installed VSIX, playwright)');
  const loaded = await step('the workbench opens the sample workspace', async () => {
    await page.goto(workbenchUrl(cs.base, workspace));
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: UI_TIMEOUT_MS });
  });
  if (loaded) {
    for (const file of modules) {
      current = file;
      console.log(`  UI ${file}`);
      await resetWorkbench(page).catch(e => log(`could not reset the workbench before ${file}: ${e.message}`));
      try {
        const mod = await import(pathToFileURL(join(dir, file)).href);
        await mod.default({
          page,
          step,
          shoot: name => shoot(page, name),
          openFile,
          workspace,
          logs,
          base: cs.base,
          timeoutMs: UI_TIMEOUT_MS,
        });
      } catch (e) {
        results.failed += 1;
        results.failures.push({ title: `UI ${file}`, message: `the module threw: ${e.stack || e.message}` });
      }
    }
  }
  await page.close();
}

/** Back to a plain workbench between UI modules: no quick input, editor or notification left open. */
async function resetWorkbench(page) {
  await page.keyboard.press('Escape');
  for (const title of ['View: Close All Editors', 'Notifications: Clear All Notifications']) {
    const input = await openPalette(page, `>${title}`, UI_TIMEOUT_MS);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: UI_TIMEOUT_MS });
    await page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
  }
}

async function shoot(page, name) {
  const file = join(ARTIFACTS, name);
  await page.screenshot({ path: file }).then(
    () => log(`screenshot: ${file}`),
    e => log(`screenshot ${name} failed: ${e.message}`),
  );
}

main().then(
  code => process.exit(code),
  async e => {
    console.error('[e2e] harness error:', e.stack || e.message);
    await cleanup();
    process.exit(2);
  },
);
