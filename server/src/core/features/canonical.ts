/** `sigfox/canonicalConfig`: the one-liner Sigfox expects for a payload config, and how many errors it has. */
import type { CanonicalConfigParams, CanonicalConfigResult } from '../../protocol';
import { codeInfo } from '../diagnosticCodes';
import { canonicalConfig } from '../grammar/parse';
import { validateGrammar } from '../grammar/validate';
import { kindOfUri } from '../workspace';
import type { FeatureContext } from './context';

export function canonicalConfigOf(context: FeatureContext, params: CanonicalConfigParams): CanonicalConfigResult {
  // An untitled buffer in the payload config language has no extension to go by: taken as one.
  const kind = kindOfUri(params.uri);
  if (kind !== undefined && kind !== 'sfgrammar')
    return { text: '', errors: 0, error: `${params.uri} is not a payload config (*.sfgrammar).` };
  const document = context.documentAt(params.uri);
  if (!document) return { text: '', errors: 0, error: `The payload config ${params.uri} cannot be read: it is neither open nor on disk.` };
  const grammar = context.grammarOf(document);
  // The checks the editor and `check` run on the file, so the count matches the Problems view.
  const errors = validateGrammar(grammar).filter(p => codeInfo(p.code).severity === 'error').length;
  return { text: canonicalConfig(grammar.document), errors };
}
