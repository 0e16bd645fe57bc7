// Cost of loading the client bundle (the part of activation that is not VS Code's own), measured
// outside VS Code with a stub `vscode` module, median of fresh processes. The e2e suite logs the
// real figure inside VS Code ("[e2e] activation took N ms"). Run: node --import tsx bench/activation.ts [runs]
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { median, report } from './figures';

const bundle = join(__dirname, '..', 'client', 'out', 'extension.js');
const probe = `
const Module = require('module');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) { return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest); };
require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: new Proxy({}, { get: () => function () {} }) };
const t = process.hrtime.bigint();
require(${JSON.stringify(bundle)});
process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6));`;
const runs = Number(process.argv[2] ?? 15);
const times: number[] = [];
for (let i = 0; i < runs; i++) times.push(Number(execFileSync(process.execPath, ['-e', probe], { encoding: 'utf8' })));
console.log(
  `client bundle load: median ${median(times).toFixed(1)} ms, min ${Math.min(...times).toFixed(1)} ms over ${runs} fresh processes (budget: activation < 50 ms)`,
);
report({
  what: 'activation: client bundle load (stub `vscode`)',
  value: median(times),
  unit: 'ms',
  budget: { max: 50 },
  note: `median of ${runs} fresh processes; the e2e run logs the real figure in VS Code`,
});
