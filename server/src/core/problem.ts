import { Diagnostic, DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { codeInfo, type DiagnosticCode } from './diagnosticCodes';
import type { Rules } from './rules';

/**
 * A finding in offset form. The core reports Problems; `toDiagnostic` turns them into LSP
 * diagnostics for a given document, so the editor and the CLI show the same code, severity
 * and message.
 */
export interface Problem {
  readonly code: DiagnosticCode;
  readonly start: number;
  readonly end: number;
  readonly message: string;
  /** Data a quick fix needs (replacement text, suggestions...). */
  readonly data?: ProblemData;
}

export interface ProblemData {
  /** Candidate replacements for the problem's range, best first (did-you-mean, canonical text...). */
  readonly replacements?: readonly string[];
  /** A whole-document or other-range edit, when the fix is not a replacement of the problem's range. */
  readonly edit?: { readonly start: number; readonly end: number; readonly newText: string };
  readonly fixTitle?: string;
}

export function problem(code: DiagnosticCode, start: number, end: number, message: string, data?: ProblemData): Problem {
  return data ? { code, start, end, message, data } : { code, start, end, message };
}

export const SOURCE = 'sigfox';
/** The README's table of codes; each row has an anchor named after its code (`#sfg001`). */
export const CODE_DOCS_BASE = 'https://github.com/sigfox-callbacks/sigfox-callbacks#';

export function codeDocsUri(code: string): string {
  return `${CODE_DOCS_BASE}${code.toLowerCase()}`;
}

/** The code's severity, or the level `sigfox.rules` gives it (never `off`: those are dropped before). */
export function severityOf(code: DiagnosticCode, rules?: Rules): DiagnosticSeverity {
  const level = rules?.[code];
  switch (level !== undefined && level !== 'off' ? level : codeInfo(code).severity) {
    case 'error':
      return DiagnosticSeverity.Error;
    case 'warning':
      return DiagnosticSeverity.Warning;
    case 'info':
      return DiagnosticSeverity.Information;
    default:
      return DiagnosticSeverity.Hint;
  }
}

export function toDiagnostic(document: TextDocument, p: Problem, rules?: Rules): Diagnostic {
  const d: Diagnostic = {
    range: { start: document.positionAt(p.start), end: document.positionAt(p.end) },
    severity: severityOf(p.code, rules),
    code: p.code,
    codeDescription: { href: codeDocsUri(p.code) },
    source: SOURCE,
    message: p.message,
  };
  if (codeInfo(p.code).deprecatedTag) d.tags = [DiagnosticTag.Deprecated];
  if (p.data) d.data = p.data;
  return d;
}

/** With `rules`, a code set to `off` is left out and the others take the level given. */
export function toDiagnostics(document: TextDocument, problems: readonly Problem[], rules?: Rules): Diagnostic[] {
  const kept = rules ? problems.filter(p => rules[p.code] !== 'off') : problems;
  return kept.map(p => toDiagnostic(document, p, rules));
}
