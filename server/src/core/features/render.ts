/** `sigfox/render`: a template rendered with a decoded frame exactly as Sigfox would send it (spec D10). */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { RenderParams, RenderResult } from '../../protocol';
import type { AnalyzedGrammar } from '../grammar/analyze';
import { floatBitsOf } from '../grammar/fieldValue';
import { parseHex } from '../hex';
import { renderTemplate, type CustomDataInput } from '../template/render';
import { scanTemplate, type TemplateScan } from '../template/scan';
import type { FeatureContext } from './context';
import { resolveGrammarSource } from './sources';

function failed(error: string): RenderResult {
  return { text: '', isJson: false, validJson: null, problems: [], usedVariables: [], usedCustomData: [], error };
}

export function renderFrame(context: FeatureContext, params: RenderParams): RenderResult {
  let template: { text: string; scan: TemplateScan; uri?: string };
  if ('text' in params.template) {
    template = { text: params.template.text, scan: scanTemplate(params.template.text) };
  } else {
    const document: TextDocument | undefined = context.documentAt(params.template.uri);
    if (!document) return failed(`The template ${params.template.uri} cannot be read: it is neither open nor on disk.`);
    template = { text: document.getText(), scan: context.templateScanOf(document), uri: document.uri };
  }
  const association = template.uri !== undefined ? context.templateGrammar(template.uri) : undefined;
  let grammar: AnalyzedGrammar | undefined = association?.grammar;
  if (params.grammar) {
    const resolved = resolveGrammarSource(context, params.grammar);
    if (!resolved.ok) return failed(resolved.error);
    grammar = resolved.grammar;
  }
  const hex = parseHex(params.hex);
  if (!hex.ok) return failed(hex.message);
  const contentType = params.contentType ?? association?.association.contentType;
  const result = renderTemplate(
    template.text,
    {
      ...(params.variables ? { variables: params.variables } : {}),
      ...(grammar ? { customData: customDataOf(grammar, hex.bytes) } : {}),
      medium: 'body',
      ...(contentType !== undefined ? { contentType } : {}),
    },
    template.scan,
  );
  const usedVariables = new Set<string>(),
    usedCustomData = new Set<string>();
  for (const p of template.scan.placeholders) (p.kind === 'variable' ? usedVariables : usedCustomData).add(p.name);
  return {
    text: result.text,
    isJson: result.isJson,
    validJson: result.validJson ?? null,
    problems: result.problems.map(p => ({ code: p.code, message: p.message, offset: p.start, end: p.end })),
    usedVariables: [...usedVariables],
    usedCustomData: [...usedCustomData],
  };
}

/** Decoded fields by name (the first of a name, D12); fields with errors are left out. */
function customDataOf(grammar: AnalyzedGrammar, bytes: Uint8Array): Map<string, CustomDataInput> {
  const values = grammar.decoder.decodeValues(bytes);
  const customData = new Map<string, CustomDataInput>();
  for (const [name, k] of grammar.fieldIndexByName) {
    const field = grammar.document.fields[k]!;
    const value = values[k];
    if (value === undefined || field.type === undefined) continue;
    customData.set(name, { value, type: field.type, floatBits: floatBitsOf(field) });
  }
  return customData;
}
