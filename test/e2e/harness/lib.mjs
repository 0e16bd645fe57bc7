// Shared pieces of the e2e harness: build + package the VSIX, make sure code-server and
// Chromium are there, start a throw-away code-server in its own process group, and drive
// Chromium with playwright-core. Used by start.mjs (`npm start`) and runtests.mjs (`npm run test:e2e`).
// How it works and what it needs: CONTRIBUTING.md, "End-to-end tests".
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const HARNESS = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(HARNESS, '..', '..', '..');
export const E2E = join(ROOT, 'test', 'e2e');
export const SAMPLE_WORKSPACE = join(E2E, 'workspace');
export const ARTIFACTS = join(E2E, '.artifacts');

export const CODE_SERVER_VERSION = process.env.CODE_SERVER_VERSION || '4.100.3';
const CODE_SERVER_HOME = process.env.CODE_SERVER_HOME || `/opt/vscode-test/cs-${CODE_SERVER_VERSION}`;
const CODE_SERVER_ENTRY = join(CODE_SERVER_HOME, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
export const EXTENSION_ID = `${pkg.publisher}.${pkg.name}`;
export const VSIX = join(ROOT, '.build', `${pkg.name}-${pkg.version}.vsix`);

export const log = (...args) => console.log('[e2e]', ...args);
export const seconds = t0 => `${((Date.now() - t0) / 1000).toFixed(1)} s`;

/** Runs a command to completion with inherited output; throws with its exit status on failure. */
export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', ...opts });
  if (r.error) throw new Error(`${cmd} ${args.join(' ')}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
  return r;
}

/** Debian packages the harness needs (Chromium, and libkrb5-dev to build code-server). Idempotent. */
export function ensureSystemPackages() {
  run('bash', [join(HARNESS, 'install-system-deps.sh')]);
}

/** code-server from npm, once per machine, outside the repo (install-code-server.sh). Idempotent. */
export function ensureCodeServer() {
  if (!existsSync(CODE_SERVER_ENTRY)) {
    log(`installing code-server ${CODE_SERVER_VERSION} into ${CODE_SERVER_HOME} (about a minute, once per machine)`);
    run('bash', [join(HARNESS, 'install-code-server.sh')], {
      env: { ...process.env, CODE_SERVER_VERSION, CODE_SERVER_HOME },
    });
  }
  return CODE_SERVER_ENTRY;
}

/** Builds the bundles (vsce runs `vscode:prepublish`) and packages the VSIX; returns its path. */
export function packageVsix() {
  const vsce = join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  mkdirSync(dirname(VSIX), { recursive: true });
  run(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '-o', VSIX]);
  return VSIX;
}

/** A fresh session folder: code-server's config, user data, extensions and a copy of the sample workspace. */
export function createSession() {
  const dir = mkdtempSync(join(tmpdir(), 'sigfox-e2e-'));
  for (const d of ['data/User', 'ext', 'xdg-config', 'xdg-data']) mkdirSync(join(dir, d), { recursive: true });
  writeFileSync(
    join(dir, 'data', 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'workbench.welcomePage.walkthroughs.openOnInstall': false,
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'extensions.ignoreRecommendations': true,
        'telemetry.telemetryLevel': 'off',
        'security.workspace.trust.enabled': false,
        'update.mode': 'none',
        'git.enabled': false,
        'chat.disableAIFeatures': true,
        'chat.commandCenter.enabled': false,
      },
      null,
      2,
    ),
  );
  // Our own config file, or code-server writes a default one (with a password) under XDG_CONFIG_HOME.
  writeFileSync(join(dir, 'config.yaml'), 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
  const workspace = join(dir, 'workspace');
  cpSync(SAMPLE_WORKSPACE, workspace, { recursive: true });
  return {
    dir,
    workspace,
    extensionsDir: join(dir, 'ext'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

function codeServerEnv(session) {
  // Keep code-server away from ~/.config and ~/.local/share.
  return { ...process.env, XDG_CONFIG_HOME: join(session.dir, 'xdg-config'), XDG_DATA_HOME: join(session.dir, 'xdg-data') };
}

function codeServerArgs(session) {
  return [
    '--config',
    join(session.dir, 'config.yaml'),
    '--user-data-dir',
    join(session.dir, 'data'),
    '--extensions-dir',
    session.extensionsDir,
  ];
}

/** Installs the VSIX the way a user would; returns the folder it was unpacked into. */
export function installVsix(entry, session, vsix) {
  const r = spawnSync(process.execPath, [entry, ...codeServerArgs(session), '--install-extension', vsix], {
    env: codeServerEnv(session),
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (r.status !== 0 || !/successfully installed/.test(r.stdout)) {
    throw new Error(`installing ${vsix} failed (${r.status ?? r.error?.message}):\n${r.stdout}${r.stderr}`);
  }
  const prefix = `${EXTENSION_ID}-`.toLowerCase();
  const dir = readdirSync(session.extensionsDir).find(d => d.toLowerCase().startsWith(prefix));
  if (!dir) throw new Error(`${vsix} installed, but no ${prefix}* folder in ${session.extensionsDir}`);
  return join(session.extensionsDir, dir);
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts code-server on 127.0.0.1 in its own process group (detached = setsid), so that stop()
 * also ends the helpers it forks (file watcher, extension host, language server).
 * Resolves when /healthz answers; rejects if the process exits first or after `timeoutMs`.
 */
export async function startCodeServer(entry, session, { port, timeoutMs = 60_000 } = {}) {
  port ??= await freePort();
  const logFile = join(session.dir, 'code-server.log');
  const out = openSync(logFile, 'a');
  const child = spawn(
    process.execPath,
    [
      entry,
      ...codeServerArgs(session),
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      ...(process.env.CS_EXTRA ? process.env.CS_EXTRA.split(' ').filter(Boolean) : []),
    ],
    { env: codeServerEnv(session), detached: true, stdio: ['ignore', out, out] },
  );
  const pgid = child.pid;
  let exited = null;
  const exitPromise = new Promise(resolve => child.once('exit', (code, signal) => resolve((exited = { code, signal }))));
  const base = `http://127.0.0.1:${port}`;

  const groupAlive = () => {
    try {
      process.kill(-pgid, 0);
      return true;
    } catch {
      return false;
    }
  };
  let stopping;
  const stop = () =>
    (stopping ??= (async () => {
      if (!groupAlive()) return;
      try {
        process.kill(-pgid, 'SIGTERM');
      } catch {
        /* gone */
      }
      const deadline = Date.now() + 5000;
      while (groupAlive() && Date.now() < deadline) await new Promise(r => setTimeout(r, 50));
      if (groupAlive()) {
        try {
          process.kill(-pgid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
    })());
  // Last resort if this process dies without running stop(): never leave the group behind.
  const onExit = () => {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      /* gone */
    }
  };
  process.once('exit', onExit);

  const t0 = Date.now();
  for (;;) {
    if (exited)
      throw new Error(`code-server exited (${exited.code ?? exited.signal}) before it was ready; log: ${logFile}\n${tail(logFile)}`);
    if (Date.now() - t0 > timeoutMs) {
      await stop();
      throw new Error(`code-server not ready after ${timeoutMs} ms; log: ${logFile}`);
    }
    try {
      const res = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    await Promise.race([new Promise(r => setTimeout(r, 100)), exitPromise]);
  }
  return { base, port, pid: pgid, logFile, exited: exitPromise, stop, readyMs: Date.now() - t0 };
}

export function tail(file, lines = 40) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** The workbench URL for a folder, optionally with a test payload (extension development/tests paths). */
export function workbenchUrl(base, folder, payload) {
  let url = `${base}/?folder=${encodeURIComponent(folder)}`;
  if (payload) {
    const authority = new URL(base).host; // code-server's remote authority, as the browser sees it
    const pairs = Object.entries(payload).map(([k, path]) => [k, `vscode-remote://${authority}${path}`]);
    url += `&payload=${encodeURIComponent(JSON.stringify(pairs))}`;
  }
  return url;
}

export async function launchChromium() {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM)`);
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Opens the command palette with `>query` typed in. Focus can move while it opens (a webview
 * taking it on a loaded machine closed the palette under a pending fill, and CI waited 30 s for
 * an input that was gone), so an attempt that cannot type closes the palette and opens it again,
 * until `timeout`. Answers the palette's input.
 */
export async function openPalette(page, query, timeout) {
  const input = page.locator('.quick-input-widget input');
  const deadline = Date.now() + timeout;
  for (;;) {
    const left = deadline - Date.now();
    const attempt = Math.max(1000, Math.min(10_000, left));
    await page.keyboard.press('F1');
    const typed = await input
      .waitFor({ state: 'visible', timeout: attempt })
      .then(() => input.fill(query, { timeout: attempt }))
      .then(
        () => true,
        error => {
          if (Date.now() >= deadline) throw error;
          return false;
        },
      );
    if (typed) return input;
    await page.keyboard.press('Escape');
  }
}

/** Runs the command titled exactly `title` from the palette (fuzzy matching keeps look-alikes: the exact row is clicked). */
export async function runPaletteCommand(page, title, timeout) {
  await openPalette(page, `>${title}`, timeout);
  const exact = new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  const row = page
    .locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: exact }) })
    .first();
  await row.waitFor({ timeout });
  await row.click();
}

/** Answers the input box titled `title` with `text`. */
export async function answerInputBox(page, title, text, timeout) {
  await page.locator('.quick-input-widget .quick-input-title', { hasText: title }).waitFor({ timeout });
  const input = page.locator('.quick-input-widget input');
  await input.fill(text);
  // A box that validates as it is typed (the frame, checked by the server): wait until it accepts the text.
  await page
    .locator('.quick-input-widget .quick-input-message.error')
    .waitFor({ state: 'detached', timeout: 5000 })
    .catch(() => undefined);
  await page.keyboard.press('Enter');
}
