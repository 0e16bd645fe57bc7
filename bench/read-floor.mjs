// The floor for `check`: a script that only walks the tree and reads every Sigfox file.
// Usage: node bench/read-floor.mjs <dir>
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const KIND = /\.(sfgrammar|sftemplate|sfcallback\.json)$/;
let bytes = 0;
const pending = [process.argv[2] ?? '.'];
while (pending.length) {
  const dir = pending.pop();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === '.git') continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) pending.push(full);
    else if (KIND.test(entry.name)) bytes += readFileSync(full, 'utf8').length;
  }
}
process.stdout.write(`${bytes}\n`);
