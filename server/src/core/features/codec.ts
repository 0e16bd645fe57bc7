/** `sigfox/encode` and `sigfox/exportCodec`: the codec core behind the preview's encode mode and "Export Codec...". */
import type { EncodeParams, EncodeResult, ExportCodecParams, ExportCodecResult } from '../../protocol';
import { encodeFrame, valueFromText } from '../codec/encode';
import { EXPORT_TARGETS, exportCodec, exportFileName, TARGET_DESCRIPTIONS, type ExportTarget } from '../codec/export';
import { planCodec } from '../codec/plan';
import { codeInfo } from '../diagnosticCodes';
import type { DecodedValue } from '../grammar/value';
import { canonicalConfig } from '../grammar/parse';
import { validateGrammar } from '../grammar/validate';
import { toHex } from '../hex';
import { kindOfUri } from '../workspace';
import type { FeatureContext } from './context';
import { decodeWith } from './decode';
import { resolveGrammarSource } from './sources';

export function encodeOf(context: FeatureContext, params: EncodeParams): EncodeResult {
  const source = resolveGrammarSource(context, params.grammar);
  if (!source.ok) return { hex: '', errors: [source.error], downlink: params.downlink === true };
  const grammar = source.grammar;
  const maxUplinkBytes = 'uri' in params.grammar ? context.host.settings(params.grammar.uri).maxUplinkBytes : undefined;
  const plan = planCodec(grammar, { downlink: params.downlink === true, ...(maxUplinkBytes !== undefined ? { maxUplinkBytes } : {}) });
  const errors = errorsOf(grammar);
  const values = new Map<string, DecodedValue>();
  for (const [name, text] of Object.entries(params.values)) {
    const field = plan.fields.find(f => f.name === name);
    const value = field ? valueFromText(field, text) : null;
    if (value !== null && typeof value === 'object' && 'error' in value) errors.push(value.error);
    else values.set(name, value);
  }
  if (errors.length) return { hex: '', errors, downlink: plan.downlink };
  const result = encodeFrame(plan, values);
  if (!result.ok) return { hex: '', errors: [...result.errors], downlink: plan.downlink };
  return { hex: toHex(result.bytes), errors: [], decoded: decodeWith(grammar, result.bytes), downlink: plan.downlink };
}

function errorsOf(grammar: Parameters<typeof validateGrammar>[0]): string[] {
  const n = validateGrammar(grammar).filter(p => codeInfo(p.code).severity === 'error').length;
  return n ? [`The payload config has ${n === 1 ? 'an error' : `${n} errors`}: fix ${n === 1 ? 'it' : 'them'} first.`] : [];
}

export function exportCodecOf(context: FeatureContext, params: ExportCodecParams): ExportCodecResult {
  const base = baseNameOf(params.uri);
  const choices = EXPORT_TARGETS.map(target => ({ target, label: TARGET_DESCRIPTIONS[target], fileName: exportFileName(base, target) }));
  if (params.target === undefined) return { choices };
  if (!(EXPORT_TARGETS as readonly string[]).includes(params.target))
    return { choices, error: `Unknown target ${JSON.stringify(params.target)}: one of ${EXPORT_TARGETS.join(', ')}.` };
  const target = params.target as ExportTarget;
  const kind = kindOfUri(params.uri);
  if (kind !== undefined && kind !== 'sfgrammar') return { choices, error: `${params.uri} is not a payload config (*.sfgrammar).` };
  const document = context.documentAt(params.uri);
  if (!document) return { choices, error: `The payload config ${params.uri} cannot be read: it is neither open nor on disk.` };
  const grammar = context.grammarOf(document);
  const errors = errorsOf(grammar);
  if (errors.length) return { choices, error: errors[0]! };
  const plan = planCodec(grammar, { maxUplinkBytes: context.host.settings(params.uri).maxUplinkBytes });
  const result = exportCodec(grammar, plan, target, { name: base, config: canonicalConfig(grammar.document) });
  if (!result.ok) return { choices, error: `Cannot export: ${result.error}.` };
  return { choices, fileName: exportFileName(base, target), code: result.code };
}

/** `file:///ws/room.sfgrammar` -> `room`: the codec's default name, as `export --name` defaults to. */
function baseNameOf(uri: string): string {
  const path = uri.split(/[?#]/, 1)[0]!;
  let name = path.slice(path.lastIndexOf('/') + 1);
  try {
    name = decodeURIComponent(name);
  } catch {
    // a malformed escape: keep the name as written
  }
  if (name.endsWith('.sfgrammar')) name = name.slice(0, -'.sfgrammar'.length);
  return name || 'codec';
}
