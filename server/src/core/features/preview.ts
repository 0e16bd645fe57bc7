/**
 * `sigfox/preview`: what a view of one frame shows, in one answer: the frame decoded once, the
 * template rendered with those values, and how the files are associated (the preview used to ask
 * four times and decode twice).
 */
import type { DecodeResult, PreviewParams, PreviewResult, SourceRef } from '../../protocol';
import { normalizeUri, siblingTemplateUri } from '../associations';
import { parseHex } from '../hex';
import { describeAssociation } from './association';
import type { FeatureContext } from './context';
import { decodeWith } from './decode';
import { failedRender, renderDecoded } from './render';
import { resolveGrammarSource } from './sources';

function notDecoded(error: string): DecodeResult {
  return { fields: [], frameHex: '', warnings: [], error };
}

export function previewFrame(context: FeatureContext, params: PreviewParams, timeSeconds: number): PreviewResult {
  const grammarRef: SourceRef | undefined =
    'associatedWith' in params.grammar ? describeAssociation(context, { uri: params.grammar.associatedWith }).grammar : params.grammar;
  if (!grammarRef) return { decode: notDecoded('No payload config is associated with this template any more.') };
  const resolved = resolveGrammarSource(context, grammarRef);
  if (!resolved.ok) return { grammar: grammarRef, decode: notDecoded(resolved.error) };
  const hex = parseHex(params.hex);
  if (!hex.ok) return { grammar: grammarRef, decode: notDecoded(hex.message) };
  const grammar = resolved.grammar;
  const frame = grammar.decoder.decode(hex.bytes);
  const decode = decodeWith(grammar, hex.bytes, frame);

  const templateUri = params.template ?? ('uri' in grammarRef ? templateUsing(context, grammarRef.uri) : undefined);
  if (templateUri === undefined) return { grammar: grammarRef, decode };
  const template = { uri: templateUri, association: describeAssociation(context, { uri: templateUri }) };
  const document = context.documentAt(templateUri);
  const render = document
    ? renderDecoded(
        { text: document.getText(), scan: context.templateScanOf(document) },
        {
          grammar,
          values: frame.values,
          bytes: hex.bytes,
          association: context.associationOf(templateUri),
          ...(params.variables ? { variables: params.variables } : {}),
          timeSeconds,
        },
      )
    : failedRender(`The template ${templateUri} cannot be read: it is neither open nor on disk.`);
  return { grammar: grammarRef, decode, template, render };
}

/**
 * A template whose association uses the grammar file: its sibling (`room.sftemplate`) first,
 * else the first other one; the sibling is found even before the workspace's files are listed.
 */
function templateUsing(context: FeatureContext, grammarUri: string): string | undefined {
  const grammar = normalizeUri(grammarUri);
  const sibling = siblingTemplateUri(grammar);
  const dependents = context.dependentsOf(grammar);
  if (sibling !== undefined && dependents.includes(sibling)) return sibling;
  if (dependents.length > 0) return dependents[0];
  if (sibling === undefined || context.host.readText(sibling) === undefined) return undefined;
  const association = context.associationOf(sibling);
  return association.grammarUri !== undefined && normalizeUri(association.grammarUri) === grammar ? sibling : undefined;
}
