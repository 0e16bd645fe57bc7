/**
 * `sigfox.rules`: the user's severity per diagnostic code (`"SFT005": "off"`), read by the editor
 * and by the CLI from the same settings, so both report the same findings at the same severity.
 */
import { DIAGNOSTIC_CODES, isDiagnosticCode, type DiagnosticCode } from './diagnosticCodes';
import { didYouMean, listOr } from './suggest';

export type RuleLevel = 'off' | 'info' | 'warning' | 'error';

export const RULE_LEVELS: readonly RuleLevel[] = ['off', 'info', 'warning', 'error'];

export type Rules = Readonly<Partial<Record<DiagnosticCode, RuleLevel>>>;

export interface ParsedRules {
  /** The valid entries. */
  readonly rules: Rules;
  /** One sentence per entry that was ignored, naming it and saying what was expected. */
  readonly problems: readonly string[];
}

/** The setting's value as the user wrote it (untrusted shape): valid entries kept, each bad one explained. */
export function parseRules(value: unknown): ParsedRules {
  if (value === undefined || value === null) return { rules: {}, problems: [] };
  if (typeof value !== 'object' || Array.isArray(value)) {
    return { rules: {}, problems: ['"sigfox.rules" must be an object of diagnostic code to level, e.g. { "SFT005": "off" }'] };
  }
  const rules: Partial<Record<DiagnosticCode, RuleLevel>> = {};
  const problems: string[] = [];
  for (const [written, level] of Object.entries(value as Record<string, unknown>)) {
    const code = written.toUpperCase();
    if (!isDiagnosticCode(code)) {
      const close = didYouMean(code, Object.keys(DIAGNOSTIC_CODES));
      problems.push(
        `"sigfox.rules": ${JSON.stringify(written)} is not a diagnostic code${close.length ? ` (did you mean ${listOr(close)}?)` : ''}; it is ignored`,
      );
      continue;
    }
    if (typeof level !== 'string' || !(RULE_LEVELS as readonly string[]).includes(level)) {
      problems.push(
        `"sigfox.rules"."${written}" must be ${listOr(RULE_LEVELS, l => `"${l}"`)}, not ${JSON.stringify(level)}; it is ignored`,
      );
      continue;
    }
    rules[code] = level as RuleLevel;
  }
  return { rules, problems };
}
