/** Shared fixtures of the template tests: `|` markers and payload configs. */
import { parseGrammar } from '../../server/src/core/grammar/parse';
import type { GrammarDocument } from '../../server/src/core/grammar/ast';

/** Removes the `|` markers of a fixture; `marks` are their offsets in the clean text. */
export function marked(fixture: string): { text: string; marks: number[] } {
  const marks: number[] = [];
  let text = '';
  for (const c of fixture) {
    if (c === '|') marks.push(text.length);
    else text += c;
  }
  return { text, marks };
}

export function grammar(config: string): GrammarDocument {
  return parseGrammar(config).document;
}
