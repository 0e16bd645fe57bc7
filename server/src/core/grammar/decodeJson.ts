import type { AnalyzedGrammar } from './analyze';
import type { DecodedFrame } from './decode';
import { fieldValueToJson } from './fieldValue';

/**
 * `{ "fields": { name: value }, "warnings": [...] }` with integers as exact JSON numbers (digits
 * past 2^53 kept) — JSON.stringify cannot do that with bigint, hence this writer.
 */
export function decodedFrameToJson(grammar: AnalyzedGrammar, frame: DecodedFrame, indent = false): string {
  const nl = indent ? '\n' : '',
    sp = indent ? '  ' : '',
    colon = indent ? ': ' : ':';
  const entries: string[] = [];
  for (const [name, k] of grammar.fieldIndexByName) {
    const v = frame.values[k];
    if (v === undefined) continue;
    entries.push(`${sp}${sp}${JSON.stringify(name)}${colon}${fieldValueToJson(grammar.document.fields[k]!, v)}`);
  }
  const warnings = frame.warnings.map(
    w =>
      `${sp}${sp}${JSON.stringify({ code: w.code, field: w.fieldIndex === undefined ? null : grammar.document.fields[w.fieldIndex]!.name.text, message: w.message })}`,
  );
  const fields = entries.length ? `{${nl}${entries.join(`,${nl}`)}${nl}${sp}}` : '{}';
  const warns = warnings.length ? `[${nl}${warnings.join(`,${nl}`)}${nl}${sp}]` : '[]';
  return `{${nl}${sp}"fields"${colon}${fields},${nl}${sp}"warnings"${colon}${warns}${nl}}`;
}
