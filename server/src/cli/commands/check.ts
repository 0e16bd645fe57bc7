import { writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { choice, parseCommandArgs, wholeNumber } from '../args';
import { colorEnabled } from '../color';
import { CliError, describeFsError } from '../errors';
import { ExitCode } from '../exitCodes';
import { discoverFiles, displayPath, findProjectRoot, TreeWalker } from '../fileDiscovery';
import { FORMAT_NAMES, FORMATTERS } from '../formatters';
import { severityName, type CheckedFile } from '../formatters/types';
import { definitionCacheFile } from '../definitionCache';
import { FsWorkspaceHost, pathOfUri, uriOfPath } from '../fsHost';
import { CHECK_HELP } from '../help';
import type { CliIo } from '../io';
import { createLanguageService, type LanguageService } from '../../core/languageService';
import { kindOfUri } from '../../core/workspace';
import { escapeControls, writeAll } from '../output';
import { VERSION } from '../version';
import { plural } from '../../core/util';

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  'max-warnings': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  fix: { type: 'boolean' },
  'no-cache': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/**
 * `sigfox-callbacks check [paths|globs...]`: the editor's diagnostics for every file, through
 * the same language service, reported in one of five formats. The project (settings, the
 * templates and definitions that use a file) is found from the paths, not the working directory,
 * and what depends on a checked file is checked too: a pre-commit hook given only the staged
 * grammar still reports the template its change breaks. Every file is read before anything is
 * printed, so an input error leaves no half-written report.
 */
export async function checkCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs('check', args, OPTIONS);
  if (values['help']) {
    await writeAll(io.stdout, CHECK_HELP);
    return ExitCode.Clean;
  }
  const format = choice('check', 'format', values['format'], FORMAT_NAMES, 'stylish');
  const maxWarnings = wholeNumber('check', 'max-warnings', values['max-warnings']);
  const quiet = values['quiet'] === true;

  const fix = values['fix'] === true;

  const walker = new TreeWalker(io.cwd);
  const given = discoverFiles(positionals, io.cwd, walker);
  // Only templates given (a pre-commit hook's usual case): read what their associations depend on, not the tree.
  const scope = given.every(path => kindOfUri(path) === 'sftemplate') ? given : undefined;
  const root = findProjectRoot(foldersOf(given), io.cwd, true);
  const index = scope && values['no-cache'] !== true ? definitionCacheFile(io.env, root, io.cwd) : undefined;
  const host = new FsWorkspaceHost(io.cwd, walker, root, true, scope, index);
  host.settings(); // a broken .vscode/settings.json is reported before any file is checked
  for (const path of given) host.readText(uriOfPath(path)); // every input error (binary, UTF-8, size) before any output

  let service = createLanguageService(host);
  if (fix) {
    const fixed = fixFiles(service, host, given, io.cwd);
    if (fixed.length) {
      await writeAll(io.stderr, fixed.map(f => `sigfox-callbacks: fixed ${f}\n`).join(''));
      service = createLanguageService(new FsWorkspaceHost(io.cwd, walker, host.root, true, scope, index)); // re-read what was written
    }
  }
  // Templates only: the walk of the whole project is what the scope avoids; else the index walks it anyway.
  const paths = withDependents(service, given, scope ? undefined : walker.walk(host.root));
  const uris = paths.map(uriOfPath);
  let errors = 0,
    warnings = 0;
  const checked = paths.filter((_, i) => !host.unreadable.has(uris[i]!));
  const files: CheckedFile[] = checked.map(path => {
    const uri = uriOfPath(path);
    let diagnostics: Diagnostic[];
    try {
      diagnostics = service.validate(uri);
      // Each file is checked once: what is cached for it, and for the files it read, would only
      // make every collection copy it (all 4,000 payload configs of a 10,000-file tree).
      service.releaseFiles();
    } catch (err) {
      if (err instanceof CliError) throw err;
      throw new InternalCheckError(displayPath(path, io.cwd), err);
    }
    for (const d of diagnostics) {
      const s = severityName(d);
      if (s === 'error') errors++;
      else if (s === 'warning') warnings++;
    }
    // --quiet hides what is not an error; --max-warnings still counts every warning.
    if (quiet) diagnostics = diagnostics.filter(d => severityName(d) === 'error');
    return { path, display: displayPath(path, io.cwd), diagnostics };
  });

  if (host.notIndexed.size > 0) {
    let notes = '';
    for (const message of host.notIndexed.values()) notes += `sigfox-callbacks: note: ${escapeControls(message)}\n`;
    await writeAll(io.stderr, notes);
  }
  const report = FORMATTERS[format](files, { cwd: io.cwd, color: colorEnabled(io.stdout, io.env), version: VERSION, env: io.env });
  await writeAll(io.stdout, report);
  // A file that cannot be read (binary, not UTF-8, too large) is that file's error: every other
  // file was checked and reported above; then exit 2, an input error (design: exit codes).
  if (host.unreadable.size > 0) {
    let lines = '';
    for (const message of host.unreadable.values()) lines += `sigfox-callbacks: ${escapeControls(message)}\n`;
    const n = host.unreadable.size;
    if (checked.length > 0)
      lines += `sigfox-callbacks: ${n} file${n === 1 ? '' : 's'} could not be read (listed above); the others were checked\n`;
    await writeAll(io.stderr, lines);
    return ExitCode.Usage;
  }
  const tooManyWarnings = maxWarnings !== undefined && warnings > maxWarnings;
  if (tooManyWarnings) {
    await writeAll(
      io.stderr,
      `sigfox-callbacks: ${plural(warnings, 'warning')}, more than --max-warnings ${maxWarnings} allows${quiet ? ' (--quiet hides them; run without it to see them)' : ''}\n`,
    );
  }
  return errors > 0 || tooManyWarnings ? ExitCode.Problems : ExitCode.Clean;
}

/**
 * The given files, then what their content decides (not already given): for a payload config,
 * the templates associated with it and the callback definitions naming it; for a template, the
 * definitions naming it. Found by the editor's association rules, over the whole project.
 */
function withDependents(service: LanguageService, given: readonly string[], project: readonly string[] | undefined): string[] {
  const out = [...given];
  const seen = new Set(given);
  // Every file of the project given (`check .` at its root): there is nothing more to find.
  if (project?.every(path => seen.has(path))) return out;
  const add = (uri: string): void => {
    const path = pathOfUri(uri);
    if (!seen.has(path)) {
      seen.add(path);
      out.push(path);
    }
  };
  for (const path of given) {
    const uri = uriOfPath(path);
    const kind = kindOfUri(path);
    if (kind === 'sfgrammar') for (const template of service.dependentsOf(uri)) add(template);
    if (kind === 'sfgrammar' || kind === 'sftemplate') for (const definition of service.definitionsNaming(uri)) add(definition);
  }
  return out;
}

/** `--fix`: writes each given file with its preferred (safe) fixes applied; returns the ones changed, as displayed. */
function fixFiles(service: LanguageService, host: FsWorkspaceHost, paths: readonly string[], cwd: string): string[] {
  const changed: string[] = [];
  for (const path of paths) {
    const uri = uriOfPath(path);
    const text = host.readText(uri);
    if (text === undefined) continue;
    const kind = kindOfUri(path)!;
    const fixed = service.fixAll(TextDocument.create(uri, kind === 'sfcallback' ? 'json' : kind, 1, text));
    if (fixed === undefined) continue;
    try {
      writeFileSync(path, fixed);
    } catch (err) {
      throw new CliError(`${displayPath(path, cwd)}: cannot write the fixes: ${describeFsError(err)}`);
    }
    changed.push(displayPath(path, cwd));
  }
  return changed;
}

/** A bug in the core while checking a file: exit 3, naming the file so it can be reported. */
export class InternalCheckError extends Error {
  constructor(
    readonly file: string,
    readonly cause: unknown,
  ) {
    super(`while checking ${file}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'InternalCheckError';
  }
}

/** The folders holding the files: what the project root depends on, once each (10,000 files sit in a few hundred). */
function foldersOf(files: readonly string[]): string[] {
  return [...new Set(files.map(file => dirname(file)))];
}
