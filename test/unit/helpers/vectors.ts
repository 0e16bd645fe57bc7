import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Vector {
  readonly source: string;
  readonly config: string;
  readonly hex: string;
  readonly expected: Record<string, number | string | boolean | null>;
  readonly note: string;
}

/** The shared decoding vectors (../shared/spec/vectors.json beside the project root). */
export function loadVectors(): Vector[] {
  const path = join(__dirname, '..', '..', '..', '..', 'shared', 'spec', 'vectors.json');
  return JSON.parse(readFileSync(path, 'utf8')) as Vector[];
}
