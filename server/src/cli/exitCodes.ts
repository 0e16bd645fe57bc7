/** Exit codes of `sigfox-callbacks` (design.md, "CLI"). */
export const ExitCode = {
  /** Nothing to report. */
  Clean: 0,
  /** Problems found: errors, or more warnings than `--max-warnings` allows. */
  Problems: 1,
  /** Usage, input or I/O error: a clear one-line message on stderr, nothing half-written. */
  Usage: 2,
  /** A bug in sigfox-callbacks itself. */
  Internal: 3,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
