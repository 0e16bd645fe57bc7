/**
 * Decode throughput: our compiled decoder vs the npm package sigfox-parser, side by side in one
 * run on the same frames (the machine is noisy: compare the ratio, not absolute numbers).
 * Run: npm run bench -- --only decode   (or node --import tsx bench/decode.ts)
 */
import { analyzeGrammar } from '../server/src/core/grammar/analyze';
import { parseHex } from '../server/src/core/hex';
import { report } from './figures';

const waylay = require('sigfox-parser') as (hex: string, config: string) => Record<string, unknown>;

const CONFIG = 'temp::uint:8 humidity::uint:8 lum::uint:8 voltage::uint:16';
const FRAMES = 65536;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 1.5);

const frames: string[] = [];
let seed = 0x2545f491;
for (let i = 0; i < FRAMES; i++) {
  let hex = '';
  for (let b = 0; b < 5; b++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    hex += ((seed >>> 16) & 0xff).toString(16).padStart(2, '0');
  }
  frames.push(hex);
}

function measure(label: string, decodeOne: (hex: string) => unknown): number {
  let sink = 0;
  for (let i = 0; i < 20000; i++) sink ^= decodeOne(frames[i % FRAMES]!) ? 1 : 0; // warm-up
  let count = 0;
  const start = process.hrtime.bigint();
  const budget = BigInt(Math.round(SECONDS * 1e9));
  let elapsed = 0n;
  while (elapsed < budget) {
    for (let i = 0; i < 8192; i++) sink ^= decodeOne(frames[(count + i) % FRAMES]!) ? 1 : 0;
    count += 8192;
    elapsed = process.hrtime.bigint() - start;
  }
  const perSecond = count / (Number(elapsed) / 1e9);
  console.log(`${label.padEnd(34)} ${(perSecond / 1e6).toFixed(2).padStart(7)} M frames/s  (${count} frames${sink < 0 ? '' : ''})`);
  return perSecond;
}

const grammar = analyzeGrammar(CONFIG);
const { decodeValues } = grammar.decoder;
const ours = measure('sigfox-callbacks (hex -> values)', hex => {
  const r = parseHex(hex);
  return r.ok ? decodeValues(r.bytes) : undefined;
});
const theirs = measure('sigfox-parser 1.2.4 (hex -> object)', hex => waylay(hex, CONFIG));
// Same check on both outputs, so neither side is optimised away or wrong.
const sample = frames[7]!;
const a = decodeValues((parseHex(sample) as { bytes: Uint8Array }).bytes);
const b = waylay(sample, CONFIG);
if (JSON.stringify(a) !== JSON.stringify([b.temp, b.humidity, b.lum, b.voltage])) throw new Error('decoders disagree on the bench frames');
console.log(`ratio: ${(ours / theirs).toFixed(0)}x   budget: >= 2.5 M frames/s and >= 50x`);
report({
  what: `decode in-process, seed config \`${CONFIG}\`, hex in, values out`,
  value: ours / 1e6,
  unit: 'M frames/s',
  budget: { min: 2.5 },
});
report({
  what: 'decode in-process, against `sigfox-parser` 1.2.4 in the same run',
  value: ours / theirs,
  unit: 'x',
  budget: { min: 50 },
  note: `sigfox-parser ${(theirs / 1e6).toFixed(2)} M frames/s`,
});
