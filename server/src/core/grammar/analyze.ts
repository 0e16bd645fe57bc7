import type { Problem } from '../problem';
import type { GrammarDocument } from './ast';
import { compileDecoder, type Decoder } from './decode';
import { layoutGrammar, type GrammarLayout } from './layout';
import { adviseLayout } from './layoutAdvice';
import { parseGrammar, type ParseOptions } from './parse';

export interface AnalyzeOptions extends ParseOptions {
  readonly maxBytes?: number;
}

/** A payload config parsed, laid out and compiled: the object hosts cache by uri + version. */
export interface AnalyzedGrammar {
  readonly document: GrammarDocument;
  readonly layout: GrammarLayout;
  readonly decoder: Decoder;
  /** Syntax and layout problems, in document order. */
  readonly problems: readonly Problem[];
  /** First field of each name (a later duplicate is never referenced). */
  readonly fieldIndexByName: ReadonlyMap<string, number>;
}

export function analyzeGrammar(text: string, options: AnalyzeOptions = {}): AnalyzedGrammar {
  const parsed = parseGrammar(text, options);
  const layout = layoutGrammar(parsed.document, options);
  const decoder = compileDecoder(parsed.document.fields, layout, options);
  const fieldIndexByName = new Map<string, number>();
  parsed.document.fields.forEach((f, k) => {
    if (f.name.text && !fieldIndexByName.has(f.name.text)) fieldIndexByName.set(f.name.text, k);
  });
  const advice = adviseLayout(parsed.document, layout, parsed.problems, options);
  const problems = [...parsed.problems, ...layout.problems, ...advice].sort((a, b) => a.start - b.start);
  return { document: parsed.document, layout, decoder, problems, fieldIndexByName };
}
