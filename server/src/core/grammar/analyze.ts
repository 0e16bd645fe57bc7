import type { Problem } from '../problem';
import type { GrammarDocument } from './ast';
import { compileDecoder, type Decoder } from './decode';
import { layoutGrammar, type GrammarLayout } from './layout';
import { adviseLayout } from './layoutAdvice';
import { parseGrammar, type ParseOptions } from './parse';

/** A Sigfox downlink frame is exactly 8 bytes (spec D11). */
export const DOWNLINK_BYTES = 8;

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
  // A `# downlink` config is checked against the 8-byte downlink, whatever the uplink setting says.
  const maxBytes = parsed.document.downlink ? DOWNLINK_BYTES : options.maxBytes;
  const sized = maxBytes === undefined ? {} : { maxBytes };
  const layout = layoutGrammar(parsed.document, sized);
  const decoder = compileDecoder(parsed.document.fields, layout, sized);
  const fieldIndexByName = new Map<string, number>();
  parsed.document.fields.forEach((f, k) => {
    if (f.name.text && !fieldIndexByName.has(f.name.text)) fieldIndexByName.set(f.name.text, k);
  });
  const advice = adviseLayout(parsed.document, layout, parsed.problems, options);
  const problems = [...parsed.problems, ...layout.problems, ...advice].sort((a, b) => a.start - b.start);
  return { document: parsed.document, layout, decoder, problems, fieldIndexByName };
}
