/**
 * The decoder on a real 12-byte layout (bools, bit offsets, int:12, uint:32 little-endian,
 * float:32, char) against a hand-written decoder of the same layout, and the seed config for
 * scale; frames already as bytes, so only decoding is timed. Ratios matter, not absolute figures.
 * Run: node --import tsx bench/decode-heavy.ts (BENCH_SECONDS per measurement)
 */
import { analyzeGrammar } from '../server/src/core/grammar/analyze';
import { renderValue } from '../server/src/core/grammar/value';
import { report } from './figures';

export const HEAVY_CONFIG =
  'alarm:0:bool:7 door:0:bool:6 mode:0:uint:3::5 spare:0:uint:3::2 temp:1:int:12 battery:2:uint:4::3 ' +
  'counter:3:uint:32:little-endian pressure:7:float:32:little-endian code:11:char:1';
const SEED_CONFIG = 'temp::uint:8 humidity::uint:8 lum::uint:8 voltage::uint:16';
const FRAMES = 65536;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 1.5);

function randomFrames(length: number): Uint8Array[] {
  let seed = 0x2545f491;
  return Array.from({ length: FRAMES }, () => {
    const b = new Uint8Array(length);
    for (let i = 0; i < length; i++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      b[i] = (seed >>> 16) & 0xff;
    }
    return b;
  });
}

/** What a careful programmer would write for this one layout: bit operations, a reused float scratch. */
const scratch = new Float32Array(1);
const scratchBytes = new Uint8Array(scratch.buffer);
function handWritten(b: Uint8Array): unknown[] {
  if (b.length < 12) return [];
  const t = ((b[1]! << 4) | (b[2]! >> 4)) & 0xfff;
  scratchBytes[0] = b[7]!;
  scratchBytes[1] = b[8]!;
  scratchBytes[2] = b[9]!;
  scratchBytes[3] = b[10]!;
  return [
    (b[0]! & 0x80) !== 0,
    (b[0]! & 0x40) !== 0,
    (b[0]! >> 3) & 7,
    b[0]! & 7,
    t >= 0x800 ? t - 0x1000 : t,
    b[2]! & 0xf,
    (b[3]! | (b[4]! << 8) | (b[5]! << 16) | (b[6]! << 24)) >>> 0,
    scratch[0],
    String.fromCharCode(b[11]!),
  ];
}

function measure(label: string, frames: Uint8Array[], decodeOne: (b: Uint8Array) => unknown): number {
  let sink = 0;
  for (let i = 0; i < 50000; i++) sink ^= decodeOne(frames[i % FRAMES]!) ? 1 : 0; // warm-up
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
  console.log(`${label.padEnd(40)} ${(perSecond / 1e6).toFixed(2).padStart(7)} M/s${sink < 0 ? '' : ''}`);
  return perSecond;
}

const heavy = analyzeGrammar(HEAVY_CONFIG);
if (heavy.layout.fields.some(l => !l)) throw new Error(`heavy config has errors: ${JSON.stringify(heavy.problems)}`);
const heavyFrames = randomFrames(12);
const seedFrames = randomFrames(5);
// Same answers on every frame, so neither side is wrong or optimised away.
for (const frame of heavyFrames.slice(0, 4096)) {
  const ours = heavy.decoder.decodeValues(frame);
  const theirs = handWritten(frame);
  if (
    JSON.stringify(ours.map(v => (typeof v === 'number' && Number.isNaN(v) ? 'NaN' : v))) !==
    JSON.stringify(theirs.map(v => (typeof v === 'number' && Number.isNaN(v) ? 'NaN' : v)))
  )
    throw new Error(`decoders disagree on ${Buffer.from(frame).toString('hex')}: ${String(ours)} vs ${String(theirs)}`);
}

const oursHeavy = measure('heavy config, sigfox-callbacks', heavyFrames, heavy.decoder.decodeValues);
const hand = measure('heavy config, hand-written', heavyFrames, handWritten);
const seed = analyzeGrammar(SEED_CONFIG);
const oursSeed = measure('seed config, sigfox-callbacks', seedFrames, seed.decoder.decodeValues);
const floats = heavyFrames.map(f => heavy.decoder.decodeValues(f)[7] as number);
let k = 0;
const format = measure('float32 formatting (values/s)', heavyFrames, () => renderValue(floats[k++ % FRAMES]!, 32));
console.log(
  `heavy: ${(oursHeavy / 1e6).toFixed(2)} M frames/s (budget >= 6); ${(oursHeavy / hand).toFixed(2)}x hand-written (budget >= 0.5x); ` +
    `seed ${(oursSeed / 1e6).toFixed(2)} M frames/s; float32 formatting ${(format / 1e6).toFixed(2)} M values/s`,
);
report({
  what: 'decode in-process, heavy 12-byte config (bools, bit offsets, int:12, uint:32 LE, float:32, char)',
  value: oursHeavy / 1e6,
  unit: 'M frames/s',
  budget: { min: 6 },
});
report({
  what: 'decode in-process, heavy config against a hand-written decoder in the same run',
  value: oursHeavy / hand,
  unit: 'x',
  budget: { min: 0.5 },
  note: `hand-written ${(hand / 1e6).toFixed(2)} M frames/s; seed config ${(oursSeed / 1e6).toFixed(2)} M frames/s`,
});
