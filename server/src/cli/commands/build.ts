import { randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  fchmodSync,
  fsyncSync,
  lstatSync,
  openSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
  type Stats,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { buildCallback, connectorInfo } from '../../core/callback';
import { parseCommandArgs } from '../args';
import { loadCallbackDefinition, locateProblems, problemsReport } from '../callbackInput';
import { loadEnvironment } from '../envFile';
import { CliError, describeFsError, UsageError } from '../errors';
import { ExitCode } from '../exitCodes';
import { displayPath } from '../fileDiscovery';
import { BUILD_HELP } from '../help';
import type { CliIo } from '../io';
import { writeAll } from '../output';

const OPTIONS = {
  dotenv: { type: 'string' },
  output: { type: 'string', short: 'o' },
  help: { type: 'boolean', short: 'h' },
} as const;

/**
 * `sigfox-callbacks build FILE.sfcallback.json [--dotenv F] [--output F]`: the Sigfox API v2
 * create body (pretty JSON) with the payload config and body template files inlined and
 * `${env:NAME}` resolved. Refused (exit 1, problems in `check`'s stylish format on stderr, each
 * in the file it comes from) while the definition or a file it names has errors, or a variable
 * is not set. With --output the file is replaced atomically, and only once the build succeeded.
 */
export async function buildCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs('build', args, OPTIONS);
  if (values['help']) {
    await writeAll(io.stdout, BUILD_HELP);
    return ExitCode.Clean;
  }
  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length === 0
        ? 'build takes one callback definition: sigfox-callbacks build FILE.sfcallback.json'
        : `build takes one callback definition, got ${positionals.length}: ${positionals.join(' ')}`,
      'build',
    );
  }
  const input = loadCallbackDefinition(positionals[0]!, io, 'build');
  const outputFile = values['output'] as string | undefined;
  const outputPath = outputFile === undefined ? undefined : resolve(io.cwd, outputFile);
  if (outputPath !== undefined && sameFile(outputPath, input.path))
    throw new UsageError(`--output ${outputFile} is the callback definition itself; write the build to another file`, 'build');
  const env = loadEnvironment(io, values['dotenv'] as string | undefined);

  const result = buildCallback(input.text, input.resolver, env);
  if (!result.ok) {
    const files = locateProblems(input, result.problems, io.cwd);
    const errors = files.reduce((n, f) => n + f.diagnostics.filter(d => d.severity === 1).length, 0);
    await writeAll(
      io.stderr,
      `${problemsReport(files, io)}sigfox-callbacks: ${input.display}: not built: fix the ${errors === 1 ? 'error' : `${errors} errors`} above${outputPath ? ` (${displayPath(outputPath, io.cwd)} is left as it was)` : ''}\n`,
    );
    return ExitCode.Problems;
  }

  const json = `${JSON.stringify(result.json, null, 2)}\n`;
  let stderr = problemsReport(locateProblems(input, result.warnings, io.cwd), io);
  if (result.callback.target === 'connector') {
    const label = connectorInfo(result.callback.connector!.type)?.label ?? result.callback.connector!.type;
    stderr += `sigfox-callbacks: note: ${input.display} is delivered by the ${label} connector, which the Sigfox API v2 cannot create: this JSON holds the values to enter in the backend's connector form (device type > Callbacks > New > ${label}), not a body to POST to /device-types/{id}/callbacks\n`;
  }
  if (outputPath === undefined) {
    await writeAll(io.stdout, json);
  } else {
    writeOutput(outputPath, json, displayPath(outputPath, io.cwd), result.callback.secretValues.length > 0);
  }
  await writeAll(io.stderr, stderr);
  return ExitCode.Clean;
}

/**
 * Writes the build to `path` without ever replacing something that is not a regular file:
 * a symlink is followed (the link stays, its target gets the build); a device, FIFO or
 * terminal (`-o /dev/null` to just validate, `-o /dev/stdout`, `-o >(jq .)`) is written to
 * directly, as the shell's `>` would; a regular or new file is replaced atomically.
 */
function writeOutput(path: string, text: string, display: string, secret: boolean): void {
  let target: string;
  let st: Stats | undefined;
  try {
    target = realpathSync(path);
    st = statSync(target);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // A dangling link would make rename replace the link: refuse rather than guess.
    if (code === 'ENOENT' && lstatSafe(path)?.isSymbolicLink())
      throw new CliError(`--output ${display}: is a symbolic link to a missing file; give the file path itself`);
    if (code !== 'ENOENT') throw new CliError(`--output ${display}: cannot write: ${describeFsError(err)}`);
    target = path;
  }
  if (st?.isDirectory()) throw new CliError(`--output ${display}: is a directory; give a file path`);
  if (st?.isSocket()) throw new CliError(`--output ${display}: is a socket; give a file path`);
  if (st && !st.isFile()) return writeInPlace(target, text, display);
  writeFileAtomically(target, text, display, secret, st ? st.mode & 0o777 : undefined);
}

function sameFile(a: string, b: string): boolean {
  if (a === b) return true;
  try {
    const sa = statSync(a),
      sb = statSync(b);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}

function lstatSafe(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

/** A device or pipe: opened for writing as it is, never created, truncated or renamed over. */
function writeInPlace(path: string, text: string, display: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(path, constants.O_WRONLY | constants.O_NOCTTY);
    writeFileSync(fd, text);
  } catch (err) {
    throw new CliError(`--output ${display}: cannot write: ${describeFsError(err)}`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Writes a temporary file beside `path`, then renames it over `path`: a reader sees the old file
 * or the whole new one, never a part. A new file holding secrets is readable by its owner only;
 * an existing file keeps its permissions.
 */
function writeFileAtomically(path: string, text: string, display: string, secret: boolean, existingMode: number | undefined): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx', existingMode ?? (secret ? 0o600 : 0o666));
    if (existingMode !== undefined) fchmodSync(fd, existingMode);
    writeFileSync(fd, text);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, path);
  } catch (err) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        /* already reported */
      }
    }
    try {
      unlinkSync(temp);
    } catch {
      /* never created, or renamed */
    }
    throw new CliError(`--output ${display}: cannot write: ${describeFsError(err)}`);
  }
}
