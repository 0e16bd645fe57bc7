import { parseArgs, type ParseArgsConfig } from 'node:util';
import { didYouMean } from '../core/suggest';
import { UsageError } from './errors';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface ParsedArgs {
  readonly values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  readonly positionals: string[];
}

/**
 * `node:util` parseArgs in strict mode, with its errors turned into one-line usage errors in
 * the user's words (`unknown option --foo`), each followed by a hint to run `--help`.
 */
export function parseCommandArgs(command: string, args: readonly string[], options: Options): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({ args: [...args], options, strict: true, allowPositionals: true });
    return { values: values, positionals };
  } catch (err) {
    throw new UsageError(describeArgError(err, options), command);
  }
}

function describeArgError(err: unknown, options: Options): string {
  const e = err as { code?: string; message?: string };
  const message = e.message ?? String(err);
  const quoted = /'([^']+)'/.exec(message)?.[1];
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      const flag = quoted ?? message;
      const near = didYouMean(flag.replace(/^-+/, '').split('=')[0] ?? '', Object.keys(options), 1)[0];
      return `unknown option ${flag}${near ? ` (did you mean --${near}?)` : ''}`;
    }
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const flag = /--[\w-]+/.exec(message)?.[0] ?? /-\w/.exec(message)?.[0] ?? 'an option';
      return /argument missing/.test(message) ? `option ${flag} needs a value` : `option ${flag} does not take a value`;
    }
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument ${quoted ?? ''}`.trim();
    default:
      return message;
  }
}

/** The value of a `--flag value` option, one of `choices`. */
export function choice<T extends string>(command: string, flag: string, value: unknown, choices: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (choices as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${flag} must be one of ${choices.join(', ')}; got ${JSON.stringify(value)}`, command);
}

/** A whole number >= 0, for options like `--max-warnings`. */
export function wholeNumber(command: string, flag: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && /^\d+$/.test(value) && Number.isSafeInteger(Number(value))) return Number(value);
  throw new UsageError(`--${flag} takes a whole number >= 0, e.g. --${flag} 0; got ${JSON.stringify(value)}`, command);
}
