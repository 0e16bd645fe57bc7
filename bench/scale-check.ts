// `check` at scale against its floor (a script that only walks and reads the same files), and
// one file checked inside a large repository against the same file in a small folder.
// Usage: node --import tsx bench/scale-check.ts [files=10000] [bigFiles=30000] (or BENCH_SCALE_FILES,
// BENCH_SCALE_BIG; 0 skips the big tree); BENCH_RUNS runs; SIGFOX_CALLBACKS_CLI picks another build.
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CLI, ensureBuilt, ROOT, timeCli } from './cli-common';
import { median, report } from './figures';
import { generateTree, generateVariedTree, tempDir } from './scale-tree';

const FILES = Number(process.argv[2] ?? process.env['BENCH_SCALE_FILES'] ?? 10_000);
const BIG = Number(process.argv[3] ?? process.env['BENCH_SCALE_BIG'] ?? 30_000);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 5);

function timeFloor(dir: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [join(ROOT, 'bench', 'read-floor.mjs'), dir], { stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', () => resolve(performance.now() - start));
  });
}

/** The CLI's index folder for this run (a template-only check keeps one), never the user's. */
let cacheDir = '';

async function checkTime(args: readonly string[], cwd: string): Promise<number> {
  const result = await timeCli(args, { cwd, env: { SIGFOX_CALLBACKS_CACHE_DIR: cacheDir } });
  if (result.code === 2 || result.code === 3) throw new Error(`check failed: exit ${result.code}\n${result.stderr}`);
  return result.ms;
}

/** `check` of a tree against the floor on the same tree, paired run after run (load on the shared machine hits both alike): printed and reported. */
async function againstFloor(tree: string, label: string, what: string): Promise<void> {
  const check: number[] = [],
    floor: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    check.push(await checkTime(['check', '--format', 'json'], tree));
    floor.push(await timeFloor(tree));
  }
  const ratio = median(check) / median(floor);
  console.log(
    `${label}: ${median(check).toFixed(0)} ms; read-only floor ${median(floor).toFixed(0)} ms; ratio ${ratio.toFixed(2)}x (budget <= 4x)`,
  );
  report({
    what: `${what} against a script that only reads them`,
    value: ratio,
    unit: 'x',
    ...(FILES >= 10_000 ? { budget: { max: 4 } } : {}),
    note: `check ${median(check).toFixed(0)} ms, floor ${median(floor).toFixed(0)} ms; medians of ${RUNS} paired runs`,
  });
}

async function main(): Promise<void> {
  ensureBuilt();
  console.log(`cli: ${relative(process.cwd(), CLI) || CLI}; medians of ${RUNS}`);
  const dir = tempDir('scale');
  cacheDir = join(dir, 'cache');
  try {
    const tree = join(dir, 'tree');
    mkdirSync(tree);
    const templates = generateTree(tree, Math.max(FILES, 100));
    await againstFloor(tree, `check ${FILES.toLocaleString('en')} files`, `\`check\` of ${FILES.toLocaleString('en')} files`);
    // The same against a tree of another shape: a thousand small folders, inline and shared configs.
    const varied = join(dir, 'varied');
    mkdirSync(varied);
    generateVariedTree(varied, FILES);
    await againstFloor(
      varied,
      `check ${FILES.toLocaleString('en')} files in 1,000 folders (inline and shared configs)`,
      `\`check\` of ${FILES.toLocaleString('en')} files in 1,000 folders (inline and shared payload configs)`,
    );

    // One template deep inside the big tree, against the same template alone in a small folder.
    const one = relative(tree, templates[Math.floor(templates.length / 2)]!);
    const small = join(dir, 'small');
    mkdirSync(small);
    generateTree(small, 10);
    const smallOne = relative(small, templates[1]!.replace(tree, small));
    // The first run in each folder writes the index of which definition names which template
    // (the tree is older than the few seconds the index waits before trusting a file): timed apart.
    const cold = await checkTime(['check', one], tree);
    await checkTime(['check', smallOne], small);
    const inBig: number[] = [],
      inSmall: number[] = [],
      noIndex: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      inBig.push(await checkTime(['check', one], tree));
      inSmall.push(await checkTime(['check', smallOne], small));
      noIndex.push(await checkTime(['check', '--no-cache', one], tree));
    }
    console.log(
      `check 1 file in ${FILES.toLocaleString('en')}-file tree: ${median(inBig).toFixed(0)} ms; in a 10-file folder ${median(inSmall).toFixed(0)} ms; ratio ${(median(inBig) / median(inSmall)).toFixed(2)}x (budget <= 1.5x); first run (writes the index) ${cold.toFixed(0)} ms, --no-cache ${median(noIndex).toFixed(0)} ms (${(median(noIndex) / median(inSmall)).toFixed(2)}x)`,
    );
    report({
      what: `\`check\` of one template in a ${FILES.toLocaleString('en')}-file tree against the same in a 10-file folder`,
      value: median(inBig) / median(inSmall),
      unit: 'x',
      budget: { max: 1.5 },
      note: `${median(inBig).toFixed(0)} ms vs ${median(inSmall).toFixed(0)} ms; medians of ${RUNS} paired runs; first run ${cold.toFixed(0)} ms, --no-cache ${median(noIndex).toFixed(0)} ms`,
    });

    if (BIG > 0) {
      const big = join(dir, 'big');
      mkdirSync(big);
      generateTree(big, BIG);
      const times: number[] = [];
      for (let r = 0; r < RUNS; r++) times.push(await checkTime(['check', '--format', 'json'], big));
      console.log(`check ${BIG.toLocaleString('en')} files: ${(median(times) / 1000).toFixed(2)} s (budget < 10 s)`);
      report({
        what: `\`check\` of ${BIG.toLocaleString('en')} files, wall`,
        value: median(times) / 1000,
        unit: 's',
        ...(BIG >= 30_000 ? { budget: { max: 10 } } : {}),
        note: `median of ${RUNS}`,
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
