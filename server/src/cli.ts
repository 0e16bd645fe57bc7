/** `sigfox-callbacks`: the CLI entry (bundled to server/out/cli.js). No LSP unless `lsp` is asked for. */
import { describeFsError } from './cli/errors';
import { ExitCode } from './cli/exitCodes';
import { processIo, type CliIo } from './cli/io';
import { main } from './cli/main';

// Reading side closed (`| head`): stop quietly, as Unix tools do. Any other write error
// (`> /dev/full`: no space left) is an I/O error: one line, exit 2, no stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? ExitCode.Clean);
  try {
    process.stderr.write(`sigfox-callbacks: cannot write the output: ${describeFsError(err)}\n`);
  } finally {
    process.exit(ExitCode.Usage);
  }
});

let io: CliIo | undefined;
try {
  io = processIo();
} catch (err) {
  process.stderr.write(`sigfox-callbacks: cannot read the current directory: ${describeFsError(err)}\n`);
  process.exitCode = ExitCode.Usage;
}
if (io) {
  void main(process.argv.slice(2), io).then(code => {
    process.exitCode = code;
  });
}
