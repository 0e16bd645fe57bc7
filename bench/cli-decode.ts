// `sigfox-callbacks decode` in bulk: 1 M frames on stdin -> NDJSON on stdout, wall time
// (budget: < 3 s on the 2-core reference machine). Usage: node --import tsx bench/cli-decode.ts [frames]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, timeCli } from './cli-common';
import { median, report } from './figures';

const FRAMES = Number(process.argv[2] ?? 1_000_000);
const RUNS = 3;
const SEED = 'temp::uint:8 humidity::uint:8 lum::uint:8 voltage::uint:16\n';

async function main(): Promise<void> {
  ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'sigfox-bench-decode-'));
  try {
    writeFileSync(join(dir, 'seed.sfgrammar'), SEED);
    // Deterministic pseudo-random 5-byte frames, one per line.
    const lines = new Array<string>(FRAMES);
    let x = 0x12345678;
    for (let i = 0; i < FRAMES; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      lines[i] = x.toString(16).padStart(8, '0') + (i & 0xff).toString(16).padStart(2, '0');
    }
    const input = Buffer.from(lines.join('\n') + '\n');
    const times: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const result = await timeCli(['decode', '--grammar', 'seed.sfgrammar', '--format', 'ndjson'], { cwd: dir, input });
      if (result.code !== 0 || result.lines !== FRAMES)
        throw new Error(`decode failed: exit ${result.code}, ${result.lines} lines\n${result.stderr}`);
      times.push(result.ms);
      if (r === 0) console.log(`input ${(input.length / 1e6).toFixed(1)} MB, output ${(result.bytes / 1e6).toFixed(1)} MB NDJSON`);
    }
    const best = Math.min(...times),
      med = median(times);
    console.log(
      `cli decode, ${FRAMES.toLocaleString('en')} frames stdin -> NDJSON: median ${(med / 1000).toFixed(2)} s wall, best ${(best / 1000).toFixed(2)} s (${Math.round(FRAMES / (med / 1000)).toLocaleString('en')} frames/s, ${RUNS} runs; budget < 3 s for 1 M)`,
    );
    report({
      what: `\`decode\` CLI, ${FRAMES.toLocaleString('en')} frames on stdin -> NDJSON, wall`,
      value: med / 1000,
      unit: 's',
      ...(FRAMES === 1_000_000 ? { budget: { max: 3 } } : {}),
      note: `median of ${RUNS}`,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
