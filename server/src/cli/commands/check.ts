import type { Diagnostic } from 'vscode-languageserver-types';
import { choice, parseCommandArgs, wholeNumber } from '../args';
import { colorEnabled } from '../color';
import { CliError } from '../errors';
import { ExitCode } from '../exitCodes';
import { discoverFiles, displayPath, TreeWalker } from '../fileDiscovery';
import { FORMAT_NAMES, FORMATTERS } from '../formatters';
import { severityName, type CheckedFile } from '../formatters/types';
import { FsWorkspaceHost, uriOfPath } from '../fsHost';
import { CHECK_HELP } from '../help';
import type { CliIo } from '../io';
import { createLanguageService } from '../../core/languageService';
import { writeAll } from '../output';
import { VERSION } from '../version';
import { plural } from '../../core/util';

const OPTIONS = {
  format: { type: 'string', short: 'f' },
  'max-warnings': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
} as const;

/**
 * `sigfox-callbacks check [paths|globs...]`: the editor's diagnostics for every file, through
 * the same language service, reported in one of five formats. Every file is read before
 * anything is printed, so an input error leaves no half-written report.
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

  const walker = new TreeWalker(io.cwd);
  const paths = discoverFiles(positionals, io.cwd, walker);
  const host = new FsWorkspaceHost(io.cwd, walker);
  host.settings(); // a broken .vscode/settings.json is reported before any file is checked
  const uris = paths.map(uriOfPath);
  for (const uri of uris) host.readText(uri); // every input error (binary, UTF-8, size) before any output

  const service = createLanguageService(host);
  let errors = 0,
    warnings = 0;
  const files: CheckedFile[] = paths.map((path, i) => {
    let diagnostics: Diagnostic[];
    try {
      diagnostics = service.validate(uris[i]!);
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

  const report = FORMATTERS[format](files, { cwd: io.cwd, color: colorEnabled(io.stdout, io.env), version: VERSION, env: io.env });
  await writeAll(io.stdout, report);
  const tooManyWarnings = maxWarnings !== undefined && warnings > maxWarnings;
  if (tooManyWarnings) {
    await writeAll(
      io.stderr,
      `sigfox-callbacks: ${plural(warnings, 'warning')}, more than --max-warnings ${maxWarnings} allows${quiet ? ' (--quiet hides them; run without it to see them)' : ''}\n`,
    );
  }
  return errors > 0 || tooManyWarnings ? ExitCode.Problems : ExitCode.Clean;
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
