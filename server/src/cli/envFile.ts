import { resolve } from 'node:path';
import type { Environment } from '../core/callback';
import { CliError } from './errors';
import { displayPath } from './fileDiscovery';
import type { CliIo } from './io';
import { readTextFile } from './textFile';

const NAME = /^[A-Z_]\w*$/i;

/**
 * The values `${env:NAME}` references resolve to: the process environment, plus the variables of
 * `--dotenv FILE` when given (not `--env-file`: Node 20 takes that flag as its own even after the
 * script name, nodejs/node#54232). As with dotenv, a variable already set
 * (non-empty) in the environment wins over the file.
 */
export function loadEnvironment(io: CliIo, envFile: string | undefined): Environment {
  if (envFile === undefined) return io.env;
  const path = resolve(io.cwd, envFile);
  const display = displayPath(path, io.cwd);
  const fromFile = parseEnvFile(readTextFile(path, display), display);
  const merged: Record<string, string | undefined> = { ...fromFile };
  for (const [name, value] of Object.entries(io.env)) if (value !== undefined && value !== '') merged[name] = value;
  return merged;
}

/**
 * A dotenv file: `NAME=value` lines, blank lines and `#` comment lines, an optional `export `
 * prefix, values optionally in single quotes (literal) or double quotes (`\n`, `\t`, `\"`, `\\`
 * escapes), a ` # comment` after an unquoted value. A later line wins. A line that is none of
 * these throws a CliError naming the file and line — never quoting the line, which may hold a secret.
 */
export function parseEnvFile(text: string, display: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const where = `${display}:${i + 1}`;
    const body = line.replace(/^export\s+/, '');
    const eq = body.indexOf('=');
    const name = eq === -1 ? body : body.slice(0, eq).trim();
    if (eq === -1 || !NAME.test(name)) {
      const what =
        eq === -1
          ? 'has no `=`'
          : name === ''
            ? 'has no name before `=`'
            : 'does not start with a variable name (letters, digits and _, not starting with a digit)';
      throw new CliError(`${where}: this line ${what}; an env file holds NAME=value lines, # comments and blank lines`);
    }
    out[name] = parseValue(body.slice(eq + 1).trim(), where, name);
  });
  return out;
}

function parseValue(value: string, where: string, name: string): string {
  const quote = value[0];
  if (quote !== '"' && quote !== "'") {
    // An unquoted value ends at ` #` (an inline comment).
    const comment = /\s#/.exec(value);
    return comment ? value.slice(0, comment.index).trimEnd() : value;
  }
  let out = '';
  for (let i = 1; i < value.length; i++) {
    const c = value[i]!;
    if (c === quote) {
      const rest = value.slice(i + 1).trim();
      if (rest !== '' && !rest.startsWith('#'))
        throw new CliError(`${where}: unexpected text after the closing quote of ${name}'s value; quote the whole value`);
      return out;
    }
    if (c === '\\' && quote === '"' && i + 1 < value.length) {
      const next = value[++i]!;
      out += next === 'n' ? '\n' : next === 'r' ? '\r' : next === 't' ? '\t' : next;
      continue;
    }
    out += c;
  }
  throw new CliError(
    `${where}: the value of ${name} opens a ${quote === '"' ? 'double' : 'single'} quote that is not closed on the same line`,
  );
}
