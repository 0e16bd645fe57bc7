/**
 * `${env:NAME}` references: the recommended way to keep secrets out of callback definitions.
 * `build` and `send` replace each one by the value of the environment variable NAME; checks only
 * make sure they are well-formed.
 */
import { trimWhere } from '../util';

export interface EnvReference {
  readonly name: string;
  /** Offsets in the (decoded) string holding the reference. */
  readonly start: number;
  readonly end: number;
}

export interface MalformedEnvReference {
  readonly start: number;
  readonly end: number;
  /** What is wrong, in words. */
  readonly reason: string;
  /** The reference it probably means, when that is clear. */
  readonly intended?: string;
}

export interface EnvScan {
  readonly references: readonly EnvReference[];
  readonly malformed: readonly MalformedEnvReference[];
}

export const ENV_NAME_RE = /^[A-Z_]\w*$/i;
/** `${` then optional blanks and `env` in any case, then `:`: anything meant as a reference. */
const CANDIDATE_RE = /\$\{\s*env\s*:/gi;

export function envReference(name: string): string {
  return `\${env:${name}}`;
}

export function scanEnvReferences(value: string): EnvScan {
  const references: EnvReference[] = [];
  const malformed: MalformedEnvReference[] = [];
  CANDIDATE_RE.lastIndex = 0;
  for (let m = CANDIDATE_RE.exec(value); m; m = CANDIDATE_RE.exec(value)) {
    const start = m.index;
    const close = value.indexOf('}', start);
    const nextOpen = value.indexOf('${', start + 2);
    if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
      const end = nextOpen >= 0 ? nextOpen : value.length;
      malformed.push({ start, end, reason: 'it has no closing `}`' });
      continue;
    }
    const end = close + 1;
    const name = value.slice(start + m[0].length, close);
    const exactPrefix = m[0] === '${env:';
    if (exactPrefix && ENV_NAME_RE.test(name)) {
      references.push({ name, start, end });
    } else {
      const trimmed = name.trim();
      const intended = ENV_NAME_RE.test(trimmed) ? envReference(trimmed) : undefined;
      const reason = !exactPrefix
        ? 'it must start with exactly `${env:` (lower case, no spaces)'
        : name.length === 0
          ? 'the variable name is empty'
          : `\`${name}\` is not a variable name (letters, digits and \`_\`, not starting with a digit)`;
      malformed.push(intended ? { start, end, reason, intended } : { start, end, reason });
    }
    CANDIDATE_RE.lastIndex = end;
  }
  return { references, malformed };
}

/** Whether the whole value is a single reference (`"${env:KEY}"`). */
export function isWholeEnvReference(value: string): boolean {
  const { references } = scanEnvReferences(value);
  return references.length === 1 && references[0]!.start === 0 && references[0]!.end === value.length;
}

export type Environment = Readonly<Record<string, string | undefined>>;

export interface ResolvedString {
  readonly value: string;
  /** Names referenced but not set (or empty) in the environment. */
  readonly missing: readonly EnvReference[];
  /** The values substituted, so the simulator can mask them wherever they show up. */
  readonly substituted: readonly string[];
  /** The names of the variables substituted, for reports (never their values). */
  readonly names: readonly string[];
}

export function resolveEnvReferences(value: string, env: Environment): ResolvedString {
  const { references } = scanEnvReferences(value);
  if (references.length === 0) return { value, missing: [], substituted: [], names: [] };
  const missing: EnvReference[] = [];
  const substituted: string[] = [];
  const names: string[] = [];
  let out = '';
  let pos = 0;
  for (const ref of references) {
    out += value.slice(pos, ref.start);
    // Own values only: `${env:constructor}` is not set, whatever Object.prototype holds.
    const resolved = Object.prototype.hasOwnProperty.call(env, ref.name) ? env[ref.name] : undefined;
    if (typeof resolved !== 'string' || resolved === '') {
      missing.push(ref);
      out += value.slice(ref.start, ref.end);
    } else {
      substituted.push(resolved);
      names.push(ref.name);
      out += resolved;
    }
    pos = ref.end;
  }
  out += value.slice(pos);
  return { value: out, missing, substituted, names };
}

/** An upper-case environment variable name made of any text (`my-hub` -> `MY_HUB`). */
export function envNameFrom(...parts: string[]): string {
  const name = trimWhere(parts.join('_').replace(/[^A-Z0-9]+/gi, '_'), c => c === '_').toUpperCase();
  return /^\d/.test(name) ? `_${name}` : name || 'SECRET';
}
