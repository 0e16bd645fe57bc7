/**
 * Writes the README's table of diagnostic codes from the code table (the data is the source of
 * truth; the README is generated so the two never drift). Run: npm run docs:codes
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIAGNOSTIC_CODES } from '../src/core/diagnosticCodes';

const BEGIN = '<!-- codes:begin -->';
const END = '<!-- codes:end -->';

export function codesTable(): string {
  const rows = Object.entries(DIAGNOSTIC_CODES).map(
    ([code, info]) =>
      `| <a id="${code.toLowerCase()}"></a>${code} | ${info.severity} | ${info.name} | ${info.summary.replace(/\|/g, '\\|')} | \`${info.example.replace(/\|/g, '\\|')}\` |`,
  );
  return ['| code | severity | name | what it finds | example |', '|---|---|---|---|---|', ...rows].join('\n');
}

export function withCodesTable(readme: string): string {
  const a = readme.indexOf(BEGIN),
    b = readme.indexOf(END);
  if (a < 0 || b < a) throw new Error(`README.md lacks the ${BEGIN} ... ${END} markers`);
  return `${readme.slice(0, a + BEGIN.length)}\n${codesTable()}\n${readme.slice(b)}`;
}

if (require.main === module) {
  const path = join(__dirname, '..', '..', 'README.md');
  writeFileSync(path, withCodesTable(readFileSync(path, 'utf8')));
  console.log(`README.md: ${Object.keys(DIAGNOSTIC_CODES).length} codes`);
}
