import { resolve } from 'node:path';
import { parseCommandArgs } from '../args';
import { CliError, UsageError } from '../errors';
import { ExitCode } from '../exitCodes';
import { kindOfUri } from '../../core/workspace';
import { displayPath } from '../fileDiscovery';
import { BUILD_HELP } from '../help';
import type { CliIo } from '../io';
import { writeAll } from '../output';
import { readTextFile } from '../textFile';

const OPTIONS = { help: { type: 'boolean', short: 'h' } } as const;

/**
 * `sigfox-callbacks build FILE.sfcallback.json`. The arguments and the input file are checked
 * here; turning the definition into the API v2 JSON belongs to `core/callback`, which is not
 * written yet. SEAM: when it lands, build through the language service's host
 * (`FsWorkspaceHost`, so file references resolve as in `check`), print the JSON on stdout in one
 * write, its problems on stderr (gnu formatter), and return 1 when there are errors.
 */
export async function buildCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs('build', args, OPTIONS);
  if (values['help']) { await writeAll(io.stdout, BUILD_HELP); return ExitCode.Clean; }
  if (positionals.length !== 1) throw new UsageError('build takes one callback definition: sigfox-callbacks build FILE.sfcallback.json', 'build');
  const path = resolve(io.cwd, positionals[0]!);
  const display = displayPath(path, io.cwd);
  if (kindOfUri(path) !== 'sfcallback') throw new UsageError(`${display}: build takes a callback definition (*.sfcallback.json)`, 'build');
  readTextFile(path, display);
  throw new CliError(`${display}: build is not available in this version yet; \`sigfox-callbacks check ${display}\` checks the definition, its payload config and its template`);
}
