/**
 * Server-side latency of diagnostics, completion and hover on large documents, through the same
 * language service the server uses. Run: node --import tsx bench/lsp-latency.ts
 */
import { performance } from 'node:perf_hooks';
import { createLanguageService } from '../server/src/core/languageService';
import { scanTemplate } from '../server/src/core/template/scan';
import { MemoryHost, uriOf } from '../test/unit/helpers/features';

const fields = Array.from({ length: 1000 }, (_, k) => `f${k}:${k % 12}:uint:${(k % 8) + 1}::${7 - (k % 8)}`).join('\n') + '\n';
const entries = ['"{device}"', '{time}', '"{data}"', '{seqNumber}', '{customData#f1}', '{customData#f2}', '{customData#f999}'];
let body = '{\n';
for (let n = 0; n < 10000; n++) body += `  "key${n}": ${entries[n % entries.length]},\n`;
body = body.replace(/,\n$/, '\n') + '}';
while (body.length < 300_000) body = body.replace('{\n', '{\n  "pad": "' + 'x'.repeat(200) + '",\n');
console.log(`template ${body.length} chars, ${scanTemplate(body).placeholders.length} placeholders; grammar 1000 fields`);
const host = new MemoryHost({ 'big.sfgrammar': fields, 'big.sftemplate': body });
const ls = createLanguageService(host);
function stats(label: string, f: (i: number) => void, runs: number) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f(i);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(
    label.padEnd(48),
    'median',
    times[runs >> 1]!.toFixed(2).padStart(6),
    'ms   p95',
    times[Math.floor(runs * 0.95)]!.toFixed(2).padStart(6),
    'ms',
  );
}
for (let i = 0; i < 10; i++) {
  host.set('big.sftemplate', body + ' '.repeat(i));
  ls.validate(uriOf('big.sftemplate'));
  host.set('big.sfgrammar', fields + ' '.repeat(i));
  ls.validate(uriOf('big.sfgrammar'));
}
// Each run sees a new text, as after an edit: nothing comes from a cache.
stats(
  'diagnostics, 300 KB template (10,000 placeholders)',
  i => {
    host.set('big.sftemplate', body + ' '.repeat((i % 7) + 10));
    ls.validate(uriOf('big.sftemplate'));
  },
  100,
);
stats(
  'diagnostics, 1,000-field grammar',
  i => {
    host.set('big.sfgrammar', fields + ' '.repeat((i % 7) + 10));
    ls.validate(uriOf('big.sfgrammar'));
  },
  300,
);
host.set('big.sftemplate', body);
host.set('big.sfgrammar', fields);
const tdoc = host.document('big.sftemplate');
const gdoc = host.document('big.sfgrammar');
ls.validate(uriOf('big.sftemplate'));
stats('completion in the template', i => ls.doComplete(tdoc, tdoc.positionAt((i * 4999) % body.length)), 500);
stats('hover in the template', i => ls.doHover(tdoc, tdoc.positionAt(body.indexOf('{', 5000 + i * 500) + 2)), 500);
stats('completion in the grammar', i => ls.doComplete(gdoc, gdoc.positionAt(fields.indexOf('uint', i * 30) + 1)), 500);
stats('hover in the grammar', i => ls.doHover(gdoc, gdoc.positionAt(fields.indexOf('uint', i * 30) + 1)), 500);
