// @ts-check
// extensionTestsPath module: VS Code's extension host require()s it and awaits run().
// Works the same under code-server (../harness/runtests.mjs) and @vscode/test-electron (../electron/runTest.mjs).
'use strict';
const fs = require('fs');
const path = require('path');
const Mocha = require('mocha');

/** Marker line the harness parses (the extension host's console reaches it through the browser). */
const RESULT_MARKER = 'SIGFOX_E2E_RESULT';

exports.run = function run() {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec' });
  const grep = process.env.SIGFOX_E2E_GREP;
  if (grep) mocha.grep(grep);
  for (const f of fs
    .readdirSync(__dirname)
    .filter(f => f.endsWith('.test.js'))
    .sort()) {
    mocha.addFile(path.join(__dirname, f));
  }
  return new Promise((resolve, reject) => {
    const failures = [];
    const runner = mocha.run(failed => {
      const { passes = 0, pending = 0 } = runner.stats || {};
      console.log(`${RESULT_MARKER} ${JSON.stringify({ passed: passes, failed, skipped: pending, failures })}`);
      if (failed) reject(new Error(`${failed} extension test(s) failed`));
      else resolve(undefined);
    });
    runner.on('fail', (test, err) => failures.push({ title: test.fullTitle(), message: String(err && err.message) }));
  });
};
