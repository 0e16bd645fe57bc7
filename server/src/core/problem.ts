import { Diagnostic, DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { codeInfo, type DiagnosticCode } from './diagnosticCodes';
import type { Rules } from './rules';
import type { Mutable } from './util';

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
  /** Other places the problem involves (the field a field overlaps...), shown as related information. */
  readonly related?: readonly RelatedSpan[];
}

export interface RelatedSpan {
  readonly start: number;
  readonly end: number;
  readonly message: string;
}

export interface OffsetEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/** A quick fix that may touch several places; `preferred` fixes are the ones auto-fix applies. */
export interface ProblemFix {
  readonly title: string;
  readonly edits: readonly OffsetEdit[];
  readonly preferred: boolean;
}

export interface ProblemData {
  /** Candidate replacements for the problem's range, best first (did-you-mean, canonical text...). */
  readonly replacements?: readonly string[];
  /** A whole-document or other-range edit, when the fix is not a replacement of the problem's range. */
  readonly edit?: OffsetEdit;
  readonly fixTitle?: string;
  /** Fixes spelled out in full (several edits, an explicit preference); used instead of the fields above. */
  readonly fixes?: readonly ProblemFix[];
}

export function problem(
  code: DiagnosticCode,
  start: number,
  end: number,
  message: string,
  data?: ProblemData,
  related?: readonly RelatedSpan[],
): Problem {
  const p: Mutable<Problem> = { code, start, end, message };
  if (data) p.data = data;
  if (related && related.length > 0) p.related = related;
  return p;
}

export const SOURCE = 'sigfox';
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
    // No codeDescription: the product has no published documentation site, and a link must open
    // a page that exists (vscode-eslint links a rule only when the rule names its docs page).
    // The README's code table, shipped in the VSIX, explains every code.
    code: p.code,
    source: SOURCE,
    message: p.message,
  };
  if (codeInfo(p.code).deprecatedTag) d.tags = [DiagnosticTag.Deprecated];
  if (p.data) d.data = p.data;
  if (p.related)
    d.relatedInformation = p.related.map(r => ({
      location: { uri: document.uri, range: { start: document.positionAt(r.start), end: document.positionAt(r.end) } },
      message: r.message,
    }));
  return d;
}

/** With `rules`, a code set to `off` is left out and the others take the level given. */
export function toDiagnostics(document: TextDocument, problems: readonly Problem[], rules?: Rules): Diagnostic[] {
  const kept = rules ? problems.filter(p => rules[p.code] !== 'off') : problems;
  return kept.map(p => toDiagnostic(document, p, rules));
}
