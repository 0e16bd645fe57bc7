import type { Problem } from '../problem';
import type { AnalyzedGrammar } from './analyze';
import { checkExamples, exampleProblems } from './examples';

/** Every problem of a payload config: syntax, layout, and golden examples that fail. */
export function validateGrammar(grammar: AnalyzedGrammar): Problem[] {
  return [...grammar.problems, ...exampleProblems(checkExamples(grammar))].sort((a, b) => a.start - b.start);
}
