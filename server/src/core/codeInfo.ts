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

/** SFG900 / SFT900 / SFC900: the one summary shown in place of the problems past the cap (features/validation.ts). */
export const TOO_MANY_PROBLEMS_CODE = {
  severity: 'warning',
  name: 'too-many-problems',
  summary:
    'The file has more than 1,000 problems: only the first 1,000 are shown (errors first), and this one says how many more there are.',
  example: 'a file with 1,001 problems',
} as const satisfies CodeInfo;
