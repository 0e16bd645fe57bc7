import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { withCodesTable } from '../../server/scripts/codes-table';

test("the README's table of diagnostic codes matches the code table (run `npm run docs:codes`)", () => {
  const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
  assert.equal(readme, withCodesTable(readme));
});
