import { parseHex } from '../hex';
import { problem, type Problem } from '../problem';
import type { AnalyzedGrammar } from './analyze';
import type { GoldenExample } from './ast';
import { renderFieldValue } from './fieldValue';

/** Outcome of one golden example: the frame decoded and each stated value compared. */
export interface ExampleResult {
  readonly example: GoldenExample;
  readonly passed: boolean;
  readonly mismatches: readonly {
    readonly name: string;
    readonly expected: string;
    readonly actual: string;
    readonly start: number;
    readonly end: number;
  }[];
}

/** Expected literal in the example, normalised to how the value renders (`1.50` -> `1.5`, `"AB"` -> `AB`). */
function normaliseExpected(literal: string): string {
  if (literal.startsWith('"')) {
    try {
      return JSON.parse(literal) as string;
    } catch {
      return literal;
    }
  }
  // Leading zeros dropped as BigInt would, without its cost on a million-digit literal.
  if (/^-?\d+$/.test(literal)) {
    const digits = literal.replace(/^-?0*/, '');
    return digits === '' ? '0' : `${literal.startsWith('-') ? '-' : ''}${digits}`;
  }
  if (/^-?(\d+(?:\.\d*)?|\.\d+)(e[-+]?\d+)?$/i.test(literal)) return String(Number(literal));
  return literal;
}

export function checkExamples(grammar: AnalyzedGrammar): ExampleResult[] {
  return grammar.document.examples.map(example => {
    const hex = parseHex(example.hex.text);
    if (!hex.ok) return { example, passed: false, mismatches: [] };
    const frame = grammar.decoder.decode(hex.bytes);
    const mismatches: ExampleResult['mismatches'][number][] = [];
    for (const { name, value } of example.expectations) {
      const k = grammar.fieldIndexByName.get(name.text);
      const expected = normaliseExpected(value.text);
      if (k === undefined) {
        mismatches.push({ name: name.text, expected, actual: '(no such field)', start: name.start, end: name.end });
        continue;
      }
      const v = frame.values[k];
      const actual = v === undefined ? '(field has errors)' : renderFieldValue(grammar.document.fields[k]!, v);
      const same = actual === expected || (typeof v === 'number' && grammar.document.fields[k]!.type === 'float' && Number(expected) === v);
      if (!same) mismatches.push({ name: name.text, expected, actual, start: value.start, end: value.end });
    }
    return { example, passed: mismatches.length === 0, mismatches };
  });
}

export function exampleProblems(results: readonly ExampleResult[]): Problem[] {
  const out: Problem[] = [];
  for (const r of results) {
    for (const m of r.mismatches) {
      out.push(
        problem(
          'SFG025',
          m.start,
          m.end,
          `Golden example ${r.example.hex.text}: \`${m.name}\` decodes to ${m.actual}, not ${m.expected}.`,
          m.actual.startsWith('(') ? undefined : { replacements: [m.actual], fixTitle: `Expect ${m.actual}` },
        ),
      );
    }
  }
  return out;
}
