import { resolve } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { dirnameOf, resolveRelative } from '../core/associations';
import type { CallbackFileResolver, CallbackProblem } from '../core/callback';
import { toDiagnostic } from '../core/problem';
import { definitionFileResolver } from '../core/projectPaths';
import { kindOfUri } from '../core/workspace';
import { colorEnabled } from './color';
import { UsageError } from './errors';
import { displayPath } from './fileDiscovery';
import { stylish } from './formatters/stylish';
import { severityName, span, type CheckedFile } from './formatters/types';
import { FsWorkspaceHost, pathOfUri, uriOfPath } from './fsHost';
import type { CliIo } from './io';
import { readTextFile } from './textFile';

/** A callback definition given on the command line, and how to read the files it names. */
export interface CallbackInput {
  readonly path: string;
  readonly display: string;
  readonly uri: string;
  readonly text: string;
  /** Reads `payloadConfigFile` / `bodyTemplateFile` relative to the definition, as `check` does. */
  readonly resolver: CallbackFileResolver;
  readonly host: FsWorkspaceHost;
}

/**
 * Reads FILE.sfcallback.json (exit 2 when it is not one, or cannot be read). The files it names
 * are read through the CLI's workspace host, so a binary or non-UTF-8 file stops with exit 2 as in `check`.
 */
export function loadCallbackDefinition(file: string, io: CliIo, command: string): CallbackInput {
  const path = resolve(io.cwd, file);
  const display = displayPath(path, io.cwd);
  if (kindOfUri(path) !== 'sfcallback')
    throw new UsageError(`${display}: ${command} takes a callback definition (*.sfcallback.json)`, command);
  const text = readTextFile(path, display);
  const uri = uriOfPath(path);
  const host = new FsWorkspaceHost(io.cwd);
  return { path, display, uri, text, host, resolver: definitionFileResolver(host, uri) };
}

/**
 * The problems of a build, each in the file it belongs to: the definition, or the payload config
 * or body template file it names (`path` as written there, relative to it). Definition first,
 * then the others in path order.
 */
export function locateProblems(input: CallbackInput, problems: readonly CallbackProblem[], cwd: string): CheckedFile[] {
  const files = new Map<string, { path: string; document: TextDocument; problems: CallbackProblem[] }>();
  const entryFor = (uri: string): { path: string; document: TextDocument; problems: CallbackProblem[] } => {
    let entry = files.get(uri);
    if (!entry) {
      const text = uri === input.uri ? input.text : (input.host.readText(uri) ?? '');
      entry = { path: pathOfUri(uri), document: TextDocument.create(uri, kindOfUri(uri) ?? 'plaintext', 1, text), problems: [] };
      files.set(uri, entry);
    }
    return entry;
  };
  entryFor(input.uri); // the definition comes first
  for (const p of problems) entryFor(p.path === undefined ? input.uri : resolveRelative(dirnameOf(input.uri), p.path)).problems.push(p);
  const [definition, ...referenced] = [...files.values()];
  referenced.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)); // as `check` lists them
  return [definition!, ...referenced].map(f => ({
    path: f.path,
    display: displayPath(f.path, cwd),
    diagnostics: [...f.problems].sort((a, b) => a.start - b.start || a.end - b.end).map(p => toDiagnostic(f.document, p)),
  }));
}

/** The problems in `check`'s default (stylish) format, for stderr; '' when there are none. */
export function problemsReport(files: readonly CheckedFile[], io: CliIo): string {
  return stylish(files, { cwd: io.cwd, color: colorEnabled(io.stderr, io.env), version: '', env: io.env });
}

/** The problems as JSON values: file, 1-based positions (end exclusive), severity, code, message. */
export function problemsJson(files: readonly CheckedFile[]): Record<string, unknown>[] {
  return files.flatMap(f =>
    f.diagnostics.map(d => ({ path: f.display, ...span(d), severity: severityName(d), code: String(d.code ?? ''), message: d.message })),
  );
}

const VARIABLE_NAME = /^[A-Z][\w-]*$/i;

/** `--var name=value` (repeatable): the text Sigfox inserts for `{name}`. */
export function parseVariables(specs: readonly string[] | undefined, command: string): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const spec of specs ?? []) {
    const eq = spec.indexOf('=');
    const name = eq === -1 ? spec : spec.slice(0, eq);
    if (eq === -1 || !VARIABLE_NAME.test(name)) {
      throw new UsageError(`--var takes name=value, e.g. --var device=1A2B3C; got ${JSON.stringify(spec)}`, command);
    }
    variables[name] = spec.slice(eq + 1);
  }
  return variables;
}
