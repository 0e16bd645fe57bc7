import type { AnalyzedGrammar } from '../grammar/analyze';
import type { DecodedValue } from '../grammar/value';
import { parseHex, toHex } from '../hex';
import { encodeFrame } from './encode';
import { generateCCodec } from './c';
import { generateJsCodec, isDecodeOnlyTarget, TTS_MAX_CODEC_CHARS } from './javascript';
import type { CodecPlan } from './plan';

/** Every target `export` and "Sigfox: Export Codec..." offer, with the file name each suggests. */
export const EXPORT_TARGETS = ['ts013', 'ttn', 'chirpstack', 'helium', 'datacake', 'tagoio', 'thingsboard', 'c'] as const;
export type ExportTarget = (typeof EXPORT_TARGETS)[number];

export const TARGET_DESCRIPTIONS: Record<ExportTarget, string> = {
  ts013: 'LoRa Alliance TS013 JavaScript codec (ES5.1)',
  ttn: 'The Things Stack / TTN v2 payload formatter (ES5.1)',
  chirpstack: 'ChirpStack v3 + v4 codec (ES5.1)',
  helium: 'Helium Console decoder function (ES5.1)',
  datacake: 'Datacake payload decoder (ES5.1)',
  tagoio: 'TagoIO payload parser (ES5.1)',
  thingsboard: 'ThingsBoard uplink converter decoder (ES5.1)',
  c: 'C99 header-only encoder and decoder for firmware',
};

export function exportFileName(name: string, target: ExportTarget): string {
  return target === 'c' ? `${name}.h` : `${name}.${target}.js`;
}

export interface ExportOptions {
  readonly name: string;
  /** The one-line payload config, quoted in the generated header. */
  readonly config: string;
}

export type ExportResult =
  | { readonly ok: true; readonly code: string; /** TS013 `examples.json` from the golden examples. */ readonly examples: string }
  | { readonly ok: false; readonly error: string };

export function exportCodec(grammar: AnalyzedGrammar, plan: CodecPlan, target: ExportTarget, options: ExportOptions): ExportResult {
  if (plan.fields.length === 0) return { ok: false, error: 'the payload config has no field to encode or decode' };
  if (plan.frameBytes > plan.maxBytes)
    return {
      ok: false,
      error: `its fields reach byte ${plan.frameBytes - 1}, past the ${plan.maxBytes}-byte Sigfox ${plan.downlink ? 'downlink' : 'uplink'}: no device sends that frame`,
    };
  if (plan.downlink && target !== 'c' && isDecodeOnlyTarget(target))
    return {
      ok: false,
      error: `${TARGET_DESCRIPTIONS[target]} decodes uplinks, and this payload config is a downlink (\`# downlink\`): export it for ts013, ttn, chirpstack or c`,
    };
  const code = target === 'c' ? generateCCodec(plan, options) : generateJsCodec(plan, target, options);
  if (target === 'ts013' || target === 'ttn') {
    if (code.length > TTS_MAX_CODEC_CHARS)
      return { ok: false, error: `the codec is ${code.length} characters, over The Things Stack's limit of ${TTS_MAX_CODEC_CHARS}` };
  }
  return { ok: true, code, examples: ts013Examples(grammar, plan) };
}

/** A decoded value as the generated JavaScript returns it: digit strings past 2^53, NaN/Infinity as JSON null. */
function jsValue(value: DecodedValue | undefined): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  return value ?? null;
}

/**
 * TS013 `examples.json`: each golden example as an uplink (or, for a downlink config, a
 * downlink-decode and a downlink-encode) with the output the generated codec gives.
 */
export function ts013Examples(grammar: AnalyzedGrammar, plan: CodecPlan): string {
  const out: unknown[] = [];
  for (const example of grammar.document.examples) {
    const hex = parseHex(example.hex.text);
    if (!hex.ok) continue;
    const frame = grammar.decoder.decodeValues(hex.bytes);
    const data: Record<string, unknown> = {};
    const warnings: string[] = [];
    if (hex.bytes.length > plan.maxBytes)
      warnings.push(`the frame is ${hex.bytes.length} bytes, longer than the ${plan.maxBytes}-byte Sigfox maximum; decoded anyway`);
    for (const f of plan.fields) {
      data[f.name] = jsValue(frame[f.fieldIndex]);
      if (hex.bytes.length <= f.lastByte)
        warnings.push(`${f.name} needs ${f.lastByte + 1} bytes but the frame has ${hex.bytes.length}: null`);
    }
    const bytes = [...hex.bytes];
    const description = `golden example ${example.hex.text}`;
    if (!plan.downlink) {
      out.push({ type: 'uplink', description, input: { bytes, fPort: 1 }, output: { data, errors: [], warnings } });
      continue;
    }
    out.push({ type: 'downlink-decode', description, input: { bytes, fPort: 1 }, output: { data, errors: [], warnings } });
    // Encoding gives back the example's bytes only when every bit of them belongs to a field.
    const encoded = encodeFrame(plan, new Map(plan.fields.map(f => [f.name, frame[f.fieldIndex] ?? null])));
    if (encoded.ok && warnings.length === 0 && toHex(encoded.bytes) === toHex(hex.bytes) && Object.values(data).every(v => v !== null))
      out.push({ type: 'downlink-encode', description, input: { data, fPort: 1 }, output: { bytes, fPort: 1, errors: [], warnings: [] } });
  }
  return `${JSON.stringify(out, null, 2)}\n`;
}
