// `sigfox-callbacks decode` of 1 M frames of a heavy 12-byte config (bools, bit offsets, int:12,
// uint:32 LE, float:32, char) against 1 M frames of the seed config, run after run (paired):
// budget heavy <= 2x seed. Usage: node --import tsx bench/cli-decode-heavy.ts [frames=1000000] (or BENCH_FRAMES)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, timeCli } from './cli-common';
import { median, report } from './figures';

const FRAMES = Number(process.argv[2] ?? process.env['BENCH_FRAMES'] ?? 1_000_000);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 5);
const CONFIGS = {
  seed: { text: 'temp::uint:8 humidity::uint:8 lum::uint:8 voltage::uint:16\n', bytes: 5 },
  heavy: {
    text:
      'alarm:0:bool:7 door:0:bool:6 mode:0:uint:3::5 spare:0:uint:3::2 temp:1:int:12 battery:2:uint:4::3 ' +
      'counter:3:uint:32:little-endian pressure:7:float:32:little-endian code:11:char:1\n',
    bytes: 12,
  },
};

/** FRAMES lines of `bytes` random bytes in hex, written straight into one buffer: no million strings left for this process to collect while it times the CLI. */
function framesOf(bytes: number): Buffer {
  const out = Buffer.allocUnsafe(FRAMES * (2 * bytes + 1));
  const digits = Buffer.from('0123456789abcdef');
  let x = 0x12345678,
    p = 0;
  for (let i = 0; i < FRAMES; i++) {
    for (let b = 0; b < bytes; b++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      const v = (x >>> 16) & 0xff;
      out[p++] = digits[v >> 4]!;
      out[p++] = digits[v & 15]!;
    }
    out[p++] = 10;
  }
  return out;
}

async function main(): Promise<void> {
  ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'sigfox-bench-decode-heavy-'));
  try {
    const inputs: Record<string, Buffer> = {};
    for (const [name, config] of Object.entries(CONFIGS)) {
      writeFileSync(join(dir, `${name}.sfgrammar`), config.text);
      inputs[name] = framesOf(config.bytes);
    }
    const times: Record<'seed' | 'heavy', number[]> = { seed: [], heavy: [] };
    const bytes: Record<'seed' | 'heavy', number> = { seed: 0, heavy: 0 };
    const decode = (name: 'seed' | 'heavy', countLines: boolean) =>
      timeCli(['decode', '--grammar', `${name}.sfgrammar`, '--format', 'ndjson'], { cwd: dir, input: inputs[name], countLines });
    // One run each, untimed, checks the output has a line per frame; the timed runs count bytes only.
    for (const name of ['seed', 'heavy'] as const) {
      const result = await decode(name, true);
      if (result.code !== 0 || result.lines !== FRAMES)
        throw new Error(`decode failed: exit ${result.code}, ${result.lines} lines\n${result.stderr}`);
      bytes[name] = result.bytes;
    }
    for (let r = 0; r < RUNS; r++) {
      for (const name of ['seed', 'heavy'] as const) {
        const result = await decode(name, false);
        if (result.code !== 0 || result.bytes !== bytes[name])
          throw new Error(`decode failed: exit ${result.code}, ${result.bytes} bytes\n${result.stderr}`);
        times[name].push(result.ms);
      }
    }
    const seed = median(times.seed),
      heavy = median(times.heavy);
    console.log(
      `cli decode ${FRAMES.toLocaleString('en')} frames: seed ${(seed / 1000).toFixed(2)} s, heavy ${(heavy / 1000).toFixed(2)} s; ratio ${(heavy / seed).toFixed(2)}x (budget <= 2x; medians of ${RUNS})`,
    );
    report({
      what: `\`decode\` CLI, ${FRAMES.toLocaleString('en')} frames of a heavy 12-byte config against the seed config`,
      value: heavy / seed,
      unit: 'x',
      budget: { max: 2 },
      // The heavy output is several times the seed's (more fields, a warning for most random chars):
      // the time per output byte says whether the decoder, not the output, is what costs.
      note: `heavy ${(heavy / 1000).toFixed(2)} s, seed ${(seed / 1000).toFixed(2)} s; medians of ${RUNS} paired runs; heavy output ${(bytes.heavy / bytes.seed).toFixed(2)}x the seed's bytes, ${(heavy / bytes.heavy / (seed / bytes.seed)).toFixed(2)}x its time per byte`,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
