import { startServer } from '../../lsp';
import { stdioConnection } from '../../lsp/stdio';
import { parseCommandArgs } from '../args';
import { UsageError } from '../errors';
import { ExitCode } from '../exitCodes';
import { LSP_HELP } from '../help';
import type { CliIo } from '../io';
import { writeAll } from '../output';

const OPTIONS = {
  stdio: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `sigfox-callbacks lsp --stdio`: the language server over stdin/stdout; resolves when the client exits. */
export async function lspCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs('lsp', args, OPTIONS);
  if (values['help']) {
    await writeAll(io.stdout, LSP_HELP);
    return ExitCode.Clean;
  }
  if (positionals.length) throw new UsageError(`lsp takes no argument, got ${positionals.join(' ')}`, 'lsp');
  if (!values['stdio']) throw new UsageError('lsp needs a transport: --stdio (the only one the CLI offers)', 'lsp');
  // The connection exits the process on the client's `exit` notification; a client that goes
  // away without it closes our stdin, and a malformed header leaves nothing to read: exit then
  // too, rather than live on deaf.
  return new Promise<ExitCode>(resolve => {
    const connection = stdioConnection(io.stdin, io.stdout, (code, reason) => {
      if (reason) io.stderr.write(`sigfox-callbacks: lsp: ${reason}\n`);
      const exitCode = code === 0 ? ExitCode.Clean : ExitCode.Usage;
      resolve(exitCode);
      // The server's timers and watchers would keep the process alive with no client left.
      setImmediate(() => process.exit(exitCode));
    });
    startServer(connection);
  });
}
