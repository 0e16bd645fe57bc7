// Cost of loading the client bundle (the part of activation that is not VS Code's own), measured
// outside VS Code with a stub `vscode` module, median of fresh processes. The e2e suite logs the
// real figure inside VS Code ("[e2e] activation took N ms"). Run: npm run build && node bench/activation.mjs
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const bundle = join(dirname(fileURLToPath(import.meta.url)), '..', 'client', 'out', 'extension.js');
const probe = `
const Module = require('module');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) { return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest); };
require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: new Proxy({}, { get: () => function () {} }) };
const t = process.hrtime.bigint();
require(${JSON.stringify(bundle)});
process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6));`;
const runs = Number(process.argv[2] ?? 15);
const times = [];
for (let i = 0; i < runs; i++) times.push(Number(execFileSync(process.execPath, ['-e', probe], { encoding: 'utf8' })));
times.sort((a, b) => a - b);
console.log(
  `client bundle load: median ${times[runs >> 1].toFixed(1)} ms, min ${times[0].toFixed(1)} ms over ${runs} fresh processes (budget: activation < 50 ms)`,
);
