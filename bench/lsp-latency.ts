/**
 * Server-side latency of diagnostics, completion and hover on large documents, through the same
 * language service the server uses. Run: npm run bench -- --only lsp-latency (with the server's own
 * Node flags, serverRuntime.ts: its young generation size moves the p95).
 */
import { performance } from 'node:perf_hooks';
import { createLanguageService } from '../server/src/core/languageService';
import { scanTemplate } from '../server/src/core/template/scan';
import { MemoryHost, uriOf } from '../test/unit/helpers/features';
import { median, quantile, report, type Budget } from './figures';

const fields = Array.from({ length: 1000 }, (_, k) => `f${k}:${k % 12}:uint:${(k % 8) + 1}::${7 - (k % 8)}`).join('\n') + '\n';
const entries = ['"{device}"', '{time}', '"{data}"', '{seqNumber}', '{customData#f1}', '{customData#f2}', '{customData#f999}'];
let body = '{\n';
for (let n = 0; n < 10000; n++) body += `  "key${n}": ${entries[n % entries.length]},\n`;
body = body.replace(/,\n$/, '\n') + '}';
while (body.length < 300_000) body = body.replace('{\n', '{\n  "pad": "' + 'x'.repeat(200) + '",\n');
console.log(`template ${body.length} chars, ${scanTemplate(body).placeholders.length} placeholders; grammar 1000 fields`);
const host = new MemoryHost({ 'big.sfgrammar': fields, 'big.sftemplate': body });
const ls = createLanguageService(host);
/** Times `f` `runs` times and reports its p95 against `budget` (ms), with the median beside it. */
function stats(label: string, f: (i: number) => void, runs: number, budget: Budget) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f(i);
    times.push(performance.now() - t);
  }
  const p95 = quantile(times, 0.95);
  console.log(label.padEnd(48), 'median', median(times).toFixed(2).padStart(6), 'ms   p95', p95.toFixed(2).padStart(6), 'ms');
  report({ what: `${label}, p95`, value: p95, unit: 'ms', budget, note: `median ${median(times).toFixed(2)} ms over ${runs} runs` });
}
for (let i = 0; i < 10; i++) {
  host.set('big.sftemplate', body + ' '.repeat(i));
  ls.validate(uriOf('big.sftemplate'));
  host.set('big.sfgrammar', fields + ' '.repeat(i));
  ls.validate(uriOf('big.sfgrammar'));
}
// Each run sees a text never seen before, as after an edit: nothing comes from a cache (the
// analyses shared by text included).
stats(
  'diagnostics, 300 KB template (10,000 placeholders)',
  i => {
    host.set('big.sftemplate', body + ' '.repeat(i + 10));
    ls.validate(uriOf('big.sftemplate'));
  },
  100,
  { max: 30 },
);
stats(
  'diagnostics, 1,000-field grammar',
  i => {
    host.set('big.sfgrammar', fields + ' '.repeat(i + 10));
    ls.validate(uriOf('big.sfgrammar'));
  },
  300,
  { max: 10 },
);
host.set('big.sftemplate', body);
host.set('big.sfgrammar', fields);
const tdoc = host.document('big.sftemplate');
const gdoc = host.document('big.sfgrammar');
ls.validate(uriOf('big.sftemplate'));
// Budgets: p95 < 10 ms in the 300 KB template while typing, < 5 ms on normal files (the 1,000-field grammar is larger than normal).
stats('completion in the 300 KB template', i => ls.doComplete(tdoc, tdoc.positionAt((i * 4999) % body.length)), 500, { max: 10 });
stats('hover in the 300 KB template', i => ls.doHover(tdoc, tdoc.positionAt(body.indexOf('{', 5000 + i * 500) + 2)), 500, { max: 10 });
stats('completion in the 1,000-field grammar', i => ls.doComplete(gdoc, gdoc.positionAt(fields.indexOf('uint', i * 30) + 1)), 500, {
  max: 5,
});
stats('hover in the 1,000-field grammar', i => ls.doHover(gdoc, gdoc.positionAt(fields.indexOf('uint', i * 30) + 1)), 500, { max: 5 });
// The largest completion answer in the template, as JSON on the wire.
let largest = 0;
for (let i = 0; i < 200; i++) {
  const list = ls.doComplete(tdoc, tdoc.positionAt((i * 1499) % body.length));
  largest = Math.max(largest, Buffer.byteLength(JSON.stringify(list ?? null)));
}
console.log(`largest completion response in the template: ${(largest / 1024).toFixed(1)} KB`);
report({ what: 'largest completion response (300 KB template, 200 positions)', value: largest / 1024, unit: 'KB', budget: { max: 20 } });
