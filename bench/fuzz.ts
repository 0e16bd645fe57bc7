/**
 * The long fuzzing run: the generators and checks of `test/unit/fuzz-*.test.ts`
 * (test/unit/helpers/fuzz.ts), for a million cases or more, in rotation over the grammar core,
 * the template core, callback definitions (checks, build, request rendering, BIDIR replies) and
 * every verb of the language service at arbitrary positions. A failure does not stop the run: it
 * is counted, and the first ones are printed with their input, to become named regression tests.
 *
 * Run: node --import tsx bench/fuzz.ts [cases] [--seed N] [--workers N]
 * Prints the cases run, the failures, the time and the slowest single call (budget 500 ms).
 */
import { availableParallelism } from 'node:os';
import { fork } from 'node:child_process';
import fc from 'fast-check';
import {
  CALL_BUDGET_MS,
  callObserver,
  callbackCase,
  checkCallbackCase,
  checkGrammarCase,
  checkServiceCase,
  checkTemplateCase,
  grammarCase,
  serviceCase,
  templateCase,
} from '../test/unit/helpers/fuzz';
import { report as reportFigure } from './figures';

/** What one case is checked by: the core pieces are cheap, the language service runs ~30 verbs per case. */
const KINDS = [
  { name: 'grammar', arbitrary: grammarCase as fc.Arbitrary<unknown>, check: checkGrammarCase as (c: unknown) => void, share: 3 },
  { name: 'template', arbitrary: templateCase as fc.Arbitrary<unknown>, check: checkTemplateCase as (c: unknown) => void, share: 3 },
  { name: 'callback', arbitrary: callbackCase as fc.Arbitrary<unknown>, check: checkCallbackCase as (c: unknown) => void, share: 2 },
  { name: 'service', arbitrary: serviceCase as fc.Arbitrary<unknown>, check: checkServiceCase as (c: unknown) => void, share: 2 },
] as const;

interface Failure {
  readonly kind: string;
  readonly message: string;
  readonly input: string;
}
interface Report {
  cases: Record<string, number>;
  failures: number;
  examples: Failure[];
  slowest: { readonly what: string; readonly ms: number; readonly input?: string };
}

const MAX_EXAMPLES = 5;

/** Runs `total` cases from `seed`, split over the kinds by share; never stops on a failure. */
function runCases(total: number, seed: number): Report {
  const shares = KINDS.reduce((n, k) => n + k.share, 0);
  const report: Report = { cases: {}, failures: 0, examples: [], slowest: { what: '', ms: 0 } };
  let slowest = report.slowest;
  callObserver.enforceBudget = true;
  let current: unknown;
  // The slowest call keeps its input, to run it again on its own (a pause or a slow path?).
  callObserver.onCall = (what, ms) => {
    if (ms > slowest.ms) slowest = { what, ms, input: fc.stringify(current).slice(0, 4000) };
  };
  let done = 0;
  KINDS.forEach((kind, k) => {
    const runs = k === KINDS.length - 1 ? total - done : Math.round((total * kind.share) / shares);
    done += runs;
    report.cases[kind.name] = runs;
    if (runs <= 0) return;
    const property = fc.property(kind.arbitrary, input => {
      current = input;
      try {
        kind.check(input);
      } catch (e) {
        report.failures++;
        if (report.examples.length < MAX_EXAMPLES) {
          report.examples.push({
            kind: kind.name,
            message: e instanceof Error ? (e.stack ?? e.message) : String(e),
            input: fc.stringify(input).slice(0, 4000),
          });
        }
      }
      return true;
    });
    // The property never fails (failures are counted above), so fast-check neither stops nor shrinks.
    fc.assert(property, { numRuns: runs, seed: seed + k });
  });
  return { ...report, slowest };
}

function parseCli(argv: readonly string[]): { cases: number; seed: number; workers: number } {
  let cases = 1_000_000,
    seed = Date.now() % 1_000_000,
    workers = Math.min(2, availableParallelism());
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--seed') seed = Number(argv[++i]);
    else if (a === '--workers') workers = Number(argv[++i]);
    else if (/^\d+$/.test(a.replace(/_/g, ''))) cases = Number(a.replace(/_/g, ''));
    else throw new Error(`usage: node --import tsx bench/fuzz.ts [cases] [--seed N] [--workers N]; got ${a}`);
  }
  if (!Number.isSafeInteger(cases) || cases < 1 || !Number.isSafeInteger(seed) || !Number.isInteger(workers) || workers < 1) {
    throw new Error('cases and workers are whole numbers >= 1, seed a whole number');
  }
  return { cases, seed, workers };
}

async function main(): Promise<void> {
  const { cases, seed, workers } = parseCli(process.argv.slice(2));
  console.log(`fuzzing ${cases} cases, seed ${seed}, ${workers} worker${workers === 1 ? '' : 's'} (per-call budget ${CALL_BUDGET_MS} ms)`);
  const started = performance.now();
  const parts = Array.from({ length: workers }, (_, w) => Math.floor(cases / workers) + (w < cases % workers ? 1 : 0));
  const reports = await Promise.all(
    parts.map(
      (n, w) =>
        new Promise<Report>((resolve, reject) => {
          // Each worker process runs its share from its own seed; it inherits `--import tsx` from this one.
          const worker = fork(__filename, [], {
            env: { ...process.env, FUZZ_WORKER: JSON.stringify({ cases: n, seed: seed + w * 1000 }) },
          });
          let report: Report | undefined;
          worker.once('message', message => {
            report = message as Report;
          });
          worker.once('error', reject);
          worker.once('exit', code => (report && code === 0 ? resolve(report) : reject(new Error(`worker ${w} exited with ${code}`))));
        }),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  const byKind: Record<string, number> = {};
  for (const r of reports) for (const [k, n] of Object.entries(r.cases)) byKind[k] = (byKind[k] ?? 0) + n;
  const failures = reports.reduce((n, r) => n + r.failures, 0);
  const slowest = reports.map(r => r.slowest).reduce((a, b) => (b.ms > a.ms ? b : a));
  const run = Object.values(byKind).reduce((a, b) => a + b, 0);
  console.log(
    `cases run: ${run} (${Object.entries(byKind)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')})`,
  );
  console.log(`failures: ${failures}`);
  console.log(`time: ${seconds.toFixed(1)} s (${Math.round(run / seconds)} cases/s)`);
  console.log(`slowest call: ${slowest.what} ${slowest.ms.toFixed(1)} ms`);
  reportFigure({
    what: `fuzzing, ${run.toLocaleString('en')} cases: slowest single call`,
    value: slowest.ms,
    unit: 'ms',
    budget: { max: CALL_BUDGET_MS },
    note: slowest.what,
  });
  reportFigure({ what: `fuzzing, ${run.toLocaleString('en')} cases: failures`, value: failures, unit: 'failures', budget: { max: 0 } });
  if (process.env['FUZZ_SHOW_SLOWEST']) console.log(`slowest input: ${slowest.input}`);
  for (const f of reports.flatMap(r => r.examples).slice(0, MAX_EXAMPLES)) {
    console.log(`\n--- ${f.kind} failure ---\n${f.message}\ninput: ${f.input}`);
  }
  process.exitCode = failures > 0 ? 1 : 0;
}

const workerTask = process.env['FUZZ_WORKER'];
if (workerTask === undefined) {
  main().catch(e => {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 2;
  });
} else {
  const { cases, seed } = JSON.parse(workerTask) as { cases: number; seed: number };
  process.send!(runCases(cases, seed), undefined, {}, () => process.disconnect());
}
