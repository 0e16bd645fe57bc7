import fc from 'fast-check';
import { analyzeGrammar, type AnalyzedGrammar } from '../../../server/src/core/grammar/analyze';
import { planCodec, type CodecPlan } from '../../../server/src/core/codec/plan';
import { severityOf } from '../../../server/src/core/problem';
import type { DecodedValue } from '../../../server/src/core/grammar/value';

/**
 * Payload configs for codec property tests: every type, width 1-64, both byte orders, bit
 * offsets, explicit indexes (which make fields share bits), within a 12-byte frame.
 */
const field = fc.oneof(
  fc.record({ type: fc.constant('bool'), size: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ type: fc.constant('char'), size: fc.integer({ min: 1, max: 3 }) }),
  fc.record({
    type: fc.constant('float'),
    size: fc.constantFrom(32, 64),
    little: fc.boolean(),
    offset: fc.option(fc.integer({ min: 0, max: 7 }), { nil: undefined }),
  }),
  fc.record({
    type: fc.constantFrom('uint', 'int'),
    size: fc.oneof(fc.integer({ min: 1, max: 64 }), fc.constantFrom(8, 16, 24, 32, 48, 53, 54, 64)),
    little: fc.boolean(),
    offset: fc.option(fc.integer({ min: 0, max: 7 }), { nil: undefined }),
  }),
);

const fieldText = fc.tuple(field, fc.option(fc.integer({ min: 0, max: 6 }), { freq: 4, nil: undefined })).map(([f, index]) => {
  const r = f as { type: string; size: number; little?: boolean; offset?: number };
  const head = `${index ?? ''}:${r.type}:${r.size}`;
  if (r.type === 'bool' || r.type === 'char') return head;
  // little-endian only where it is defined (whole bytes, D9)
  const little = r.little && r.size % 8 === 0 && r.size > 8 ? 'little-endian' : '';
  return r.offset === undefined ? (little ? `${head}:${little}` : head) : `${head}:${little}:${r.offset}`;
});

export interface GeneratedConfig {
  readonly text: string;
  readonly grammar: AnalyzedGrammar;
  readonly plan: CodecPlan;
}

function configOf(texts: readonly string[], downlink: boolean): GeneratedConfig {
  const text = `${downlink ? '# downlink\n' : ''}${texts.map((t, k) => `f${k}-x:${t}`).join(' ')}`;
  const grammar = analyzeGrammar(text);
  // fast-check prints a counterexample as its config text, not the whole syntax tree.
  return { text, grammar, plan: planCodec(grammar), [fc.toStringMethod]: () => JSON.stringify(text) } as GeneratedConfig;
}

export function hasErrors(grammar: AnalyzedGrammar): boolean {
  return grammar.problems.some(p => severityOf(p.code) === 1);
}

/** Valid uplink configs whose frame fits 12 bytes (downlink: 8 bytes, marked `# downlink`). */
export function arbitraryConfig(options: { downlink?: boolean; maxFields?: number } = {}): fc.Arbitrary<GeneratedConfig> {
  return fc
    .array(fieldText, { minLength: 1, maxLength: options.maxFields ?? 6 })
    .map(texts => configOf(texts, options.downlink === true))
    .filter(c => !hasErrors(c.grammar) && c.plan.fields.length > 0 && c.plan.frameBytes <= c.plan.maxBytes);
}

/** A frame of the plan's full length. */
export function arbitraryFrame(plan: CodecPlan): fc.Arbitrary<Uint8Array> {
  return fc.uint8Array({ minLength: plan.frameBytes, maxLength: plan.frameBytes });
}

/** The bits of a frame that belong to some field: what an encoder can reproduce. */
export function coveredOnly(plan: CodecPlan, frame: Uint8Array): Uint8Array {
  const out = new Uint8Array(plan.frameBytes);
  for (const f of plan.fields)
    for (const run of f.runs)
      for (let j = 0; j < run.length; j++) {
        const p = run.position + j;
        out[p >> 3]! |= frame[p >> 3]! & (0x80 >> (p & 7));
      }
  return out;
}

/** Decoded values of a frame by field name. */
export function valuesOf(config: GeneratedConfig, frame: Uint8Array): Map<string, DecodedValue> {
  const values = config.grammar.decoder.decodeValues(frame);
  return new Map(config.plan.fields.map(f => [f.name, values[f.fieldIndex] ?? null]));
}

/** NaN has many bit patterns, and a NaN value does not always keep its payload through a float32 conversion. */
export function hasNaN(values: ReadonlyMap<string, DecodedValue>): boolean {
  return [...values.values()].some(v => typeof v === 'number' && Number.isNaN(v));
}

/** Values compared as decode renders them (NaN payloads and -0 included, by exact text). */
export function sameValue(a: DecodedValue, b: DecodedValue): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Object.is(a, b);
  if ((typeof a === 'number' || typeof a === 'bigint') && (typeof b === 'number' || typeof b === 'bigint')) return String(a) === String(b);
  return a === b;
}
