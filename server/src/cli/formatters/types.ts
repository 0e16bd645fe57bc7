import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { escapeControls } from '../output';

/** One checked file and what the language service found in it. */
export interface CheckedFile {
  /** Absolute path. */
  readonly path: string;
  /** Path relative to the working directory, `/`-separated: what the user sees. */
  readonly display: string;
  readonly diagnostics: readonly Diagnostic[];
}

export interface FormatContext {
  readonly cwd: string;
  readonly color: boolean;
  readonly version: string;
  readonly env: NodeJS.ProcessEnv;
}

/** Renders the whole report as one string, written at once: nothing half-written. */
export type Formatter = (files: readonly CheckedFile[], context: FormatContext) => string;

export type SeverityName = 'error' | 'warning' | 'info' | 'hint';

export function severityName(d: Diagnostic): SeverityName {
  switch (d.severity) {
    case DiagnosticSeverity.Warning:
      return 'warning';
    case DiagnosticSeverity.Information:
      return 'info';
    case DiagnosticSeverity.Hint:
      return 'hint';
    default:
      return 'error';
  }
}

/** 1-based positions; the end column is that of the character after the range, as in SARIF. */
export function span(d: Diagnostic): { line: number; column: number; endLine: number; endColumn: number } {
  return {
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
  };
}

export function codeOf(d: Diagnostic): string {
  return d.code === undefined ? '' : String(d.code);
}

/**
 * Messages are one line in every text format (a newline would break `path:line:col:` parsers),
 * with control characters from file content escaped.
 */
export function oneLine(message: string): string {
  return escapeControls(message.replace(/\r?\n\s*/g, ' '), true);
}

/** A file name on one line, control characters escaped: a newline in a name must not inject a problem line. */
export function safeFileName(display: string): string {
  return escapeControls(display, true);
}
