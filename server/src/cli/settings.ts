import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { MAX_JSON_DEPTH, nestingDepthExceeds } from '../core/template/json';
import { parseRules } from '../core/rules';
import { DEFAULT_SETTINGS, numericSettingProblem, type AssociationSetting, type Settings } from '../core/workspace';
import { CliError } from './errors';
import { displayPath } from './fileDiscovery';
import { readTextFile } from './textFile';
import { lineColumn } from '../core/util';

/**
 * The settings the CLI checks with: the defaults, plus `sigfox.associations`,
 * `sigfox.maxUplinkBytes`, `sigfox.format.style` and `sigfox.rules` from `.vscode/settings.json`
 * of the project root when it exists, so the CLI sees what the editor sees. Validation is always
 * on: running `check` is asking for it, whatever `sigfox.validate.enable` says. A bad entry stops
 * with exit 2, naming it: a CI run must not silently check with other rules than the editor.
 */
export function loadSettings(root: string, cwd = root): Settings {
  const path = join(root, '.vscode', 'settings.json');
  if (!existsSync(path)) return DEFAULT_SETTINGS;
  const shown = displayPath(path, cwd);
  const text = readTextFile(path, shown);
  const tooDeep = nestingDepthExceeds(text, MAX_JSON_DEPTH);
  if (tooDeep >= 0) {
    const { line, column } = lineColumn(text, tooDeep);
    throw new CliError(
      `${shown}:${line}:${column}: nested more than ${MAX_JSON_DEPTH} levels deep; fix the JSON (the CLI reads sigfox.associations and sigfox.maxUplinkBytes from it)`,
    );
  }
  const errors: ParseError[] = [];
  const json: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length) {
    const e = errors[0]!;
    const { line, column } = lineColumn(text, e.offset);
    throw new CliError(
      `${shown}:${line}:${column}: ${describeParseError(e)}; fix the JSON (the CLI reads sigfox.associations and sigfox.maxUplinkBytes from it)`,
    );
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new CliError(`${shown}: expected a JSON object of settings`);
  }
  const get = (key: string): unknown => lookup(json as Record<string, unknown>, key);
  let settings: Settings = { ...DEFAULT_SETTINGS, validateEnable: true };
  const associations = get('associations');
  if (associations !== undefined) settings = { ...settings, associations: readAssociations(associations, shown) };
  const maxUplinkBytes = get('maxUplinkBytes');
  if (maxUplinkBytes !== undefined) {
    const problem = numericSettingProblem('maxUplinkBytes', maxUplinkBytes);
    if (problem) throw new CliError(`${shown}: ${problem}`);
    settings = { ...settings, maxUplinkBytes: maxUplinkBytes as number };
  }
  const style = get('format.style');
  if (style === 'multiline' || style === 'oneLine') settings = { ...settings, formatStyle: style };
  const rules = parseRules(get('rules'));
  if (rules.problems.length) throw new CliError(rules.problems.map(p => `${shown}: ${p.replace(/; it is ignored$/, '')}`).join('\n'));
  return { ...settings, rules: rules.rules };
}

/** `"sigfox.key"` as VS Code writes it, or the nested `"sigfox": { "key": ... }` form. */
function lookup(json: Record<string, unknown>, key: string): unknown {
  const flat = json[`sigfox.${key}`];
  if (flat !== undefined) return flat;
  let node: unknown = json['sigfox'];
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

function readAssociations(value: unknown, shown: string): AssociationSetting[] {
  if (!Array.isArray(value))
    throw new CliError(
      `${shown}: "sigfox.associations" must be an array of { "template": glob, "grammar": path, "type", "subtype" } objects`,
    );
  return value.map((entry, i) => {
    if (typeof entry !== 'object' || entry === null || typeof (entry as { template?: unknown }).template !== 'string') {
      throw new CliError(
        `${shown}: "sigfox.associations"[${i}] needs a "template" glob, e.g. { "template": "callbacks/*.sftemplate", "grammar": "devices/room.sfgrammar" }`,
      );
    }
    const e = entry as Record<string, unknown>;
    for (const key of ['grammar', 'contentType'] as const) {
      if (e[key] !== undefined && typeof e[key] !== 'string')
        throw new CliError(`${shown}: "sigfox.associations"[${i}].${key} must be a string`);
    }
    for (const key of ['type', 'subtype'] as const) {
      if (e[key] !== undefined && typeof e[key] !== 'string' && typeof e[key] !== 'number')
        throw new CliError(`${shown}: "sigfox.associations"[${i}].${key} must be a name (e.g. "DATA") or an API code`);
    }
    return e as unknown as AssociationSetting;
  });
}

function describeParseError(e: ParseError): string {
  switch (printParseErrorCode(e.error)) {
    case 'InvalidSymbol':
      return 'invalid character';
    case 'PropertyNameExpected':
      return 'a property name in double quotes is expected';
    case 'ValueExpected':
      return 'a value is expected';
    case 'ColonExpected':
      return 'a colon is expected';
    case 'CommaExpected':
      return 'a comma is expected';
    case 'CloseBraceExpected':
      return 'a closing brace is expected';
    case 'CloseBracketExpected':
      return 'a closing bracket is expected';
    case 'EndOfFileExpected':
      return 'unexpected text after the end of the settings object';
    case 'UnexpectedEndOfString':
      return 'unterminated string';
    case 'UnexpectedEndOfComment':
      return 'unterminated comment';
    default:
      return `invalid JSON (${printParseErrorCode(e.error)})`;
  }
}
