import { analyzeGrammar, type AnalyzedGrammar } from '../../../server/src/core/grammar/analyze';
import { decodedFrameToJson } from '../../../server/src/core/grammar/decodeJson';
import { validateGrammar } from '../../../server/src/core/grammar/validate';
import { parseHex } from '../../../server/src/core/hex';
import type { Problem } from '../../../server/src/core/problem';

/** Decodes through the JSON writer, as the CLI prints it: `{ name: value }`, with 64-bit digits exact. */
export function decodeToJsonObject(
  config: string,
  hex: string,
  maxBytes = 12,
): { fields: Record<string, unknown>; warnings: { code: string; field: string | null; message: string }[] } {
  const grammar = analyzeGrammar(config, { maxBytes });
  const frame = parseHex(hex);
  if (!frame.ok) throw new Error(frame.message);
  return JSON.parse(decodedFrameToJson(grammar, grammar.decoder.decode(frame.bytes)));
}

/** Raw decoded values by name (bigint kept). */
export function decodeValues(config: string, hex: string): Record<string, unknown> {
  const grammar = analyzeGrammar(config, { maxBytes: 64 });
  const frame = parseHex(hex);
  if (!frame.ok) throw new Error(frame.message);
  const values = grammar.decoder.decode(frame.bytes).values;
  const out: Record<string, unknown> = {};
  for (const [name, k] of grammar.fieldIndexByName) out[name] = values[k];
  return out;
}

export function problemsOf(text: string, options: { inline?: boolean; maxBytes?: number } = {}): Problem[] {
  return validateGrammar(analyzeGrammar(text, options));
}

export function codesOf(text: string, options: { inline?: boolean; maxBytes?: number } = {}): string[] {
  return problemsOf(text, options).map(p => p.code);
}

export function analyze(text: string): AnalyzedGrammar {
  return analyzeGrammar(text);
}

/** The text a problem's range covers. */
export function coveredText(text: string, p: Problem): string {
  return text.slice(p.start, p.end);
}
