/** `sigfox/render`: a template rendered with a decoded frame exactly as Sigfox would send it (spec D10). */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { RenderedVariable, RenderParams, RenderResult } from '../../protocol';
import type { Association } from '../associations';
import { sampledVariables } from '../callback/sampleVariables';
import type { AnalyzedGrammar } from '../grammar/analyze';
import { floatBitsOf } from '../grammar/fieldValue';
import type { DecodedValue } from '../grammar/value';
import { parseHex, toHex } from '../hex';
import { renderTemplate, type CustomDataInput } from '../template/render';
import { scanTemplate, type TemplateScan } from '../template/scan';
import type { FeatureContext } from './context';
import { resolveGrammarSource } from './sources';

export function failedRender(error: string): RenderResult {
  return { text: '', isJson: false, validJson: null, problems: [], usedVariables: [], variables: [], usedCustomData: [], error };
}

export function renderFrame(context: FeatureContext, params: RenderParams, timeSeconds: number): RenderResult {
  let template: { text: string; scan: TemplateScan; uri?: string };
  if ('text' in params.template) {
    template = { text: params.template.text, scan: scanTemplate(params.template.text) };
  } else {
    const document: TextDocument | undefined = context.documentAt(params.template.uri);
    if (!document) return failedRender(`The template ${params.template.uri} cannot be read: it is neither open nor on disk.`);
    template = { text: document.getText(), scan: context.templateScanOf(document), uri: document.uri };
  }
  const association = template.uri !== undefined ? context.templateGrammar(template.uri) : undefined;
  let grammar: AnalyzedGrammar | undefined = association?.grammar;
  if (params.grammar) {
    const resolved = resolveGrammarSource(context, params.grammar);
    if (!resolved.ok) return failedRender(resolved.error);
    grammar = resolved.grammar;
  }
  const hex = parseHex(params.hex);
  if (!hex.ok) return failedRender(hex.message);
  const values = grammar?.decoder.decodeValues(hex.bytes);
  return renderDecoded(template, {
    ...(grammar && values ? { grammar, values } : {}),
    bytes: hex.bytes,
    ...(association ? { association: association.association } : {}),
    ...(params.variables ? { variables: params.variables } : {}),
    ...(params.contentType !== undefined ? { contentType: params.contentType } : {}),
    timeSeconds,
  });
}

export interface DecodedInput {
  /** The grammar and the values it decoded from `bytes`: given when decoded already, so a frame is decoded once. */
  readonly grammar?: AnalyzedGrammar;
  readonly values?: readonly (DecodedValue | undefined)[];
  readonly bytes: Uint8Array;
  /** The template's association: its callback kind decides the variables offered, and its content type. */
  readonly association?: Association;
  /** The user's values; the others come from the core's table of representative values. */
  readonly variables?: Readonly<Record<string, string>>;
  readonly contentType?: string;
  readonly timeSeconds: number;
}

/** Renders a template with a frame already decoded; every `{name}` gets the frame's, the user's or a representative value. */
export function renderDecoded(template: { text: string; scan: TemplateScan }, input: DecodedInput): RenderResult {
  const kind = input.association;
  const sampled = sampledVariables({
    ...(kind?.type ? { type: kind.type } : {}),
    ...(kind?.subtype ? { subtype: kind.subtype } : {}),
    dataHex: toHex(input.bytes),
    timeSeconds: input.timeSeconds,
    ...(input.variables ? { overrides: input.variables } : {}),
  });
  const variables: Record<string, string> = {};
  for (const v of sampled.values()) variables[v.name] = v.value;
  const contentType = input.contentType ?? kind?.contentType;
  const result = renderTemplate(
    template.text,
    {
      variables,
      ...(input.grammar && input.values ? { customData: customDataOf(input.grammar, input.values) } : {}),
      medium: 'body',
      ...(contentType !== undefined ? { contentType } : {}),
    },
    template.scan,
  );
  const usedVariables = new Set<string>(),
    usedCustomData = new Set<string>();
  for (const p of template.scan.placeholders) (p.kind === 'variable' ? usedVariables : usedCustomData).add(p.name);
  const rendered: RenderedVariable[] = [...usedVariables].map(name => {
    const v = sampled.get(name);
    return v ? { name, value: v.value, origin: v.origin } : { name, value: `{${name}}`, origin: 'missing' };
  });
  return {
    text: result.text,
    isJson: result.isJson,
    validJson: result.validJson ?? null,
    problems: result.problems.map(p => ({ code: p.code, message: p.message, offset: p.start, end: p.end })),
    usedVariables: [...usedVariables],
    variables: rendered,
    usedCustomData: [...usedCustomData],
  };
}

/** Decoded fields by name (the first of a name, D12); fields with errors are left out. */
function customDataOf(grammar: AnalyzedGrammar, values: readonly (DecodedValue | undefined)[]): Map<string, CustomDataInput> {
  const customData = new Map<string, CustomDataInput>();
  for (const [name, k] of grammar.fieldIndexByName) {
    const field = grammar.document.fields[k]!;
    const value = values[k];
    if (value === undefined || field.type === undefined) continue;
    customData.set(name, { value, type: field.type, floatBits: floatBitsOf(field) });
  }
  return customData;
}
