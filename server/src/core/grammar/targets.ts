/** What sits at an offset of a payload config: a field (and which of its parts), a golden example, or nothing. */
import type { FieldNode, GoldenExample, Token } from './ast';
import type { AnalyzedGrammar } from './analyze';

export type GrammarTarget =
  | { readonly kind: 'field'; readonly fieldIndex: number; readonly field: FieldNode; readonly partIndex: number; readonly part: Token }
  /** The `name` of a `name=value` pair of a golden example. */
  | { readonly kind: 'exampleName'; readonly example: GoldenExample; readonly name: Token }
  /** Anywhere else on a golden example line. */
  | { readonly kind: 'example'; readonly example: GoldenExample }
  | { readonly kind: 'comment'; readonly comment: Token }
  | { readonly kind: 'none' };

const NONE: GrammarTarget = { kind: 'none' };

/** Last item whose start is <= offset, items sorted by start (binary search: requests stay O(log n)). */
export function lastStartingAtOrBefore<T>(items: readonly T[], offset: number, startOf: (item: T) => number): number {
  let low = 0,
    high = items.length - 1,
    found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (startOf(items[mid]!) <= offset) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}

/** Offsets touching a token's end count as inside it (the cursor right after `uint` is on `uint`). */
export function grammarTargetAt(grammar: AnalyzedGrammar, offset: number): GrammarTarget {
  const { fields, comments, examples } = grammar.document;
  const k = lastStartingAtOrBefore(fields, offset, f => f.token.start);
  if (k >= 0) {
    const field = fields[k]!;
    if (offset <= field.token.end) {
      const p = lastStartingAtOrBefore(field.parts, offset, t => t.start);
      const partIndex = Math.max(0, p);
      return { kind: 'field', fieldIndex: k, field, partIndex, part: field.parts[partIndex]! };
    }
  }
  const c = lastStartingAtOrBefore(comments, offset, t => t.start);
  if (c >= 0 && offset <= comments[c]!.end) {
    const comment = comments[c]!;
    const e = lastStartingAtOrBefore(examples, offset, x => x.token.start);
    const example = e >= 0 ? examples[e] : undefined;
    if (example && example.token.start === comment.start) {
      const pair = example.expectations.find(x => offset >= x.name.start && offset <= x.name.end);
      return pair ? { kind: 'exampleName', example, name: pair.name } : { kind: 'example', example };
    }
    return { kind: 'comment', comment };
  }
  return NONE;
}

/** The field a name refers to: the first of that name (a later duplicate is never referenced, D12). */
export function fieldNamed(grammar: AnalyzedGrammar, name: string): { fieldIndex: number; field: FieldNode } | undefined {
  const fieldIndex = grammar.fieldIndexByName.get(name);
  return fieldIndex === undefined ? undefined : { fieldIndex, field: grammar.document.fields[fieldIndex]! };
}
