import { CliError, describeFsError, UsageError } from './errors';
import { ExitCode } from './exitCodes';
import { MAIN_HELP } from './help';
import type { CliIo } from './io';
import { escapeControls, writeAll } from './output';
import { VERSION } from './version';

type Command = (args: readonly string[], io: CliIo) => Promise<ExitCode>;

/** Each command is loaded when it runs, so `--version` and `--help` start fast. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  check: async () => (await import('./commands/check')).checkCommand,
  decode: async () => (await import('./commands/decode')).decodeCommand,
  render: async () => (await import('./commands/render')).renderCommand,
  build: async () => (await import('./commands/build')).buildCommand,
  send: async () => (await import('./commands/send')).sendCommand,
  encode: async () => (await import('./commands/encode')).encodeCommand,
  reply: async () => (await import('./commands/encode')).replyCommand,
  export: async () => (await import('./commands/export')).exportCommand,
  lsp: async () => (await import('./commands/lsp')).lspCommand,
  pull: async () => (await import('./commands/pull')).pullCommand,
  plan: async () => (await import('./commands/plan')).planCommand,
  apply: async () => (await import('./commands/apply')).applyCommand,
};

/**
 * Runs the command line and returns the exit code. User errors print one clear message on
 * stderr (exit 2); anything else is a bug: a short report on stderr (stack with
 * SIGFOX_CALLBACKS_DEBUG=1), exit 3.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  try {
    const [first, ...rest] = argv;
    if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
      if (first === 'help' && rest[0] && COMMANDS[rest[0]]) return await (await COMMANDS[rest[0]]!())(['--help'], io);
      await writeAll(io.stdout, MAIN_HELP);
      return first === undefined ? ExitCode.Usage : ExitCode.Clean;
    }
    if (first === '-v' || first === '--version') {
      await writeAll(io.stdout, `${VERSION}\n`);
      return ExitCode.Clean;
    }
    const load = Object.prototype.hasOwnProperty.call(COMMANDS, first) ? COMMANDS[first] : undefined;
    if (!load) {
      const what = first.startsWith('-') ? `unknown option ${first}` : `unknown command ${JSON.stringify(first)}`;
      throw new UsageError(`${what}; the commands are ${Object.keys(COMMANDS).join(', ')}`);
    }
    return await (
      await load()
    )(rest, io);
  } catch (err) {
    return reportError(err, io);
  }
}

export function reportError(err: unknown, io: CliIo): ExitCode {
  if (err instanceof CliError) {
    const hint = err instanceof UsageError ? `\n${err.hint}` : '';
    io.stderr.write(`sigfox-callbacks: ${escapeControls(err.message)}${hint}\n`);
    return err.exitCode;
  }
  if (isSystemError(err)) {
    // Reading stdin, writing the output, the working directory gone...: an I/O error, not a bug.
    io.stderr.write(
      `sigfox-callbacks: ${err.path ? `${escapeControls(err.path, true)}: ` : ''}${err.syscall === 'write' ? 'cannot write the output: ' : ''}${describeFsError(err)}\n`,
    );
    return ExitCode.Usage;
  }
  const debug = io.env['SIGFOX_CALLBACKS_DEBUG'];
  const detail = debug && err instanceof Error && err.stack ? `\n${err.stack}` : '';
  const message = escapeControls(err instanceof Error ? err.message : String(err));
  io.stderr.write(
    `sigfox-callbacks: internal error: ${message}${detail}\nThis is a bug in sigfox-callbacks ${VERSION}; please report it with the command and the input${debug ? '' : ' (SIGFOX_CALLBACKS_DEBUG=1 prints the stack trace)'}.\n`,
  );
  return ExitCode.Internal;
}

function isSystemError(err: unknown): err is NodeJS.ErrnoException {
  const e = err as NodeJS.ErrnoException | undefined;
  return e instanceof Error && typeof e.code === 'string' && typeof e.syscall === 'string';
}
