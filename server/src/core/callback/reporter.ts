/**
 * Collects the problems of one definition file. Problems found inside a JSON string (a template,
 * a payload config, a connection string) are found on the decoded text and mapped back here, onto
 * the characters written in the file; their quick-fix texts are JSON-escaped on the way.
 */
import { problem, type Problem, type ProblemData } from '../problem';
import type { DiagnosticCode } from '../diagnosticCodes';
import type { JsonNode } from './document';
import { toRawRange, type JsonStringLiteral } from './jsonString';
import type { Mutable } from '../util';

export class Reporter {
  readonly problems: Problem[] = [];

  at(code: DiagnosticCode, start: number, end: number, message: string, data?: ProblemData): void {
    this.problems.push(problem(code, start, end, message, data));
  }

  onNode(code: DiagnosticCode, node: JsonNode, message: string, data?: ProblemData): void {
    this.at(code, node.offset, node.offset + node.length, message, data);
  }

  /** A problem on `literal.value[start, end)`; replacements are decoded text, escaped here. */
  inString(code: DiagnosticCode, literal: JsonStringLiteral, start: number, end: number, message: string, data?: ProblemData): void {
    const range = toRawRange(literal, start, end);
    this.at(code, range.start, range.end, message, data ? escapeData(literal, data) : undefined);
  }

  /** Problems of an embedded text (a template or payload config checked on `literal.value`). */
  embedded(literal: JsonStringLiteral, problems: readonly Problem[]): void {
    for (const p of problems) {
      const range = toRawRange(literal, p.start, p.end);
      const related = p.related?.map(r => ({ ...toRawRange(literal, r.start, r.end), message: r.message }));
      this.problems.push(problem(p.code, range.start, range.end, p.message, p.data ? escapeData(literal, p.data) : undefined, related));
    }
  }
}

/** Quick-fix texts as they must be written inside a JSON string literal. */
function escapeData(literal: JsonStringLiteral, data: ProblemData): ProblemData {
  const out: Mutable<ProblemData> = { ...data };
  if (data.replacements) out.replacements = data.replacements.map(escapeForJsonString);
  if (data.edit) {
    const range = toRawRange(literal, data.edit.start, data.edit.end);
    out.edit = { start: range.start, end: range.end, newText: escapeForJsonString(data.edit.newText) };
  }
  if (data.fixes)
    out.fixes = data.fixes.map(fix => ({
      ...fix,
      edits: fix.edits.map(e => ({ ...toRawRange(literal, e.start, e.end), newText: escapeForJsonString(e.newText) })),
    }));
  return out;
}

export function escapeForJsonString(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}
