import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Vector {
  /** Where the case comes from (Sigfox documentation, another implementation's tests, or this project's Decisions). */
  readonly source: string;
  readonly config: string;
  readonly hex: string;
  readonly expected: Record<string, number | string | boolean | null>;
  readonly note: string;
}

/** The decoding vectors every decoder of this project must agree with: test/fixtures/vectors.json. */
export const VECTORS_PATH = join(__dirname, '..', '..', 'fixtures', 'vectors.json');

export function loadVectors(): Vector[] {
  return JSON.parse(readFileSync(VECTORS_PATH, 'utf8')) as Vector[];
}
