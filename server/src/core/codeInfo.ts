/** Metadata of one diagnostic code: the data behind the README's table and the SARIF rules. */
export interface CodeInfo {
  readonly severity: 'error' | 'warning' | 'info' | 'hint';
  /** Short rule name, e.g. "duplicate-field-name". */
  readonly name: string;
  /** One sentence: what the rule finds. */
  readonly summary: string;
  /** A minimal input that triggers it. */
  readonly example: string;
  readonly deprecatedTag?: boolean;
}
