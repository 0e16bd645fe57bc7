/** `sigfox/association`: how a template finds its payload config, or which templates use a payload config. */
import type { AssociationParams, AssociationResult, SourceRef } from '../../protocol';
import { normalizeUri } from '../associations';
import { kindOfUri } from '../workspace';
import type { FeatureContext } from './context';

export function describeAssociation(context: FeatureContext, params: AssociationParams): AssociationResult {
  const uri = normalizeUri(params.uri);
  if (kindOfUri(uri) === 'sfgrammar') return { templates: context.dependentsOf(uri) };
  const a = context.associationOf(uri);
  const grammar: SourceRef | undefined =
    a.grammarUri !== undefined ? { uri: a.grammarUri } : a.inlineGrammarText !== undefined ? { text: a.inlineGrammarText } : undefined;
  return {
    ...(grammar ? { grammar } : {}),
    source: a.source,
    ...(a.definitionUri !== undefined ? { definitionUri: a.definitionUri } : {}),
    type: a.type,
    ...(a.subtype !== undefined ? { subtype: a.subtype } : {}),
    templates: [],
  };
}
