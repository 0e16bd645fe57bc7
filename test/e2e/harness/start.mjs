// `npm start`: the extension in a real VS Code in your browser.
// Builds the bundles, packages the VSIX, installs it into a throw-away code-server (installed once
// per machine), opens the sample workspace and prints the URL. Ctrl-C stops code-server and
// everything it started (process-group kill) and removes the session folder.
//
//   npm start                    a throw-away copy of test/e2e/workspace (edits are not kept)
//   npm start -- DIR             your own folder instead (edited in place)
//   npm start -- --port 8080     a fixed port (default: a free one)
//   npm start -- --vsix FILE     install this VSIX instead of packaging one
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  createSession,
  ensureCodeServer,
  ensureSystemPackages,
  installVsix,
  log,
  packageVsix,
  seconds,
  startCodeServer,
  workbenchUrl,
} from './lib.mjs';

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: { port: { type: 'string' }, vsix: { type: 'string' } },
});

async function main() {
  const t0 = Date.now();
  const folder = positionals[0] && resolve(positionals[0]);
  if (folder && !(existsSync(folder) && statSync(folder).isDirectory())) throw new Error(`not a folder: ${folder}`);
  const port = opts.port ? Number(opts.port) : undefined;
  if (opts.port && !(Number.isInteger(port) && port > 0 && port < 65536)) throw new Error(`not a port: ${opts.port}`);

  ensureSystemPackages();
  const entry = ensureCodeServer();
  const vsix = opts.vsix ? resolve(opts.vsix) : packageVsix();

  const session = createSession();
  let cs;
  let stopping;
  const stop = async (why, code) => {
    if (stopping) return;
    stopping = true;
    log(`${why}: stopping code-server`);
    await cs?.stop();
    session.remove();
    process.exit(code);
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => void stop(sig, 0));

  try {
    installVsix(entry, session, vsix);
    cs = await startCodeServer(entry, session, { port });
  } catch (e) {
    session.remove();
    throw e;
  }
  const workspace = folder ?? session.workspace;
  const url = workbenchUrl(cs.base, workspace);
  log(`ready in ${seconds(t0)} (code-server log: ${cs.logFile})`);
  console.log(`
  Sigfox Callbacks in VS Code (code-server, extension installed from ${vsix})

    ${url}

  Workspace: ${workspace}${folder ? '' : '\n  (a throw-away copy of test/e2e/workspace; pass a folder to open your own: npm start -- DIR)'}
  Try: room.sfgrammar (hover a field), room.sftemplate (misspell {customData#temp}),
       frames.log (select a hex frame, run "Sigfox: Decode Selected Hex").
  Ctrl-C to stop.
`);
  const exit = await cs.exited;
  await stop(`code-server exited (${exit.code ?? exit.signal})`, 1);
}

main().catch(e => {
  console.error(`[e2e] npm start failed: ${e.message}`);
  process.exit(1);
});
