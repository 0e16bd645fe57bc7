/**
 * Every benchmark `npm run bench` runs, in order. Adding one: write bench/NAME.ts that prints its
 * figures with `report()` (bench/figures.ts), each with its budget from the design, and add a line
 * here. Each runs in its own process, after `npm run build`.
 */
import { SERVER_EXEC_ARGV } from '../server/src/serverRuntime';

export interface Benchmark {
  /** `npm run bench -- --only NAME`. */
  readonly name: string;
  readonly script: string;
  readonly args?: readonly string[];
  /** Node flags for the benchmark's process (e.g. the language server's own). */
  readonly nodeArgs?: readonly string[];
}

export const BENCHMARKS: readonly Benchmark[] = [
  { name: 'decode', script: 'bench/decode.ts' },
  { name: 'decode-heavy', script: 'bench/decode-heavy.ts' },
  { name: 'cli-decode', script: 'bench/cli-decode.ts' },
  // In-process language service, with the flags the server runs with (its young generation size matters).
  { name: 'lsp-latency', script: 'bench/lsp-latency.ts', nodeArgs: SERVER_EXEC_ARGV },
  { name: 'cli-check', script: 'bench/cli-check.ts' },
  // Sizes from BENCH_SCALE_FILES / BENCH_SCALE_BIG, BENCH_DEPENDENTS, BENCH_FRAMES (budgets apply at the defaults).
  { name: 'scale-check', script: 'bench/scale-check.ts' },
  { name: 'lsp-dependents', script: 'bench/lsp-dependents.ts' },
  // The bundled server over stdio while typing at 5 ms per key, beside a minimal server on the same library.
  { name: 'lsp-typing', script: 'bench/lsp-typing.ts' },
  { name: 'cli-decode-heavy', script: 'bench/cli-decode-heavy.ts' },
  { name: 'lsp-memory', script: 'bench/lsp-memory.ts' },
  { name: 'package', script: 'bench/package.ts' },
  { name: 'activation', script: 'bench/activation.ts' },
  // A short fuzzing run for the per-call budget; `node --import tsx bench/fuzz.ts` alone runs a million cases.
  { name: 'fuzz', script: 'bench/fuzz.ts', args: ['20000', '--seed', '1'] },
];
