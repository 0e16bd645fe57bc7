/** A grammar or template named by a request: by uri (through the host, cached) or given as text. */
import type { SourceRef } from '../../protocol';
import { analyzeGrammar, type AnalyzedGrammar } from '../grammar/analyze';
import { DEFAULT_SETTINGS } from '../workspace';
import type { FeatureContext } from './context';

export type Resolved<T> = ({ readonly ok: true } & T) | { readonly ok: false; readonly error: string };

export function resolveGrammarSource(context: FeatureContext, source: SourceRef): Resolved<{ grammar: AnalyzedGrammar }> {
  if ('text' in source) return { ok: true, grammar: analyzeGrammar(source.text, { maxBytes: DEFAULT_SETTINGS.maxUplinkBytes }) };
  const grammar = context.grammarAt(source.uri);
  return grammar
    ? { ok: true, grammar }
    : { ok: false, error: `The payload config ${source.uri} cannot be read: it is neither open nor on disk.` };
}
