import { ExitCode } from './exitCodes';

/**
 * An error the user can fix: bad arguments, a missing or unreadable file, bad input. The CLI
 * prints its message on one line (no stack trace) and exits with its code (2 unless said).
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode = ExitCode.Usage,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** A wrong command line: the message is followed by a hint to run `--help`. */
export class UsageError extends CliError {
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message, ExitCode.Usage);
    this.name = 'UsageError';
  }

  get hint(): string {
    return `Run \`sigfox-callbacks ${this.command ? `${this.command} ` : ''}--help\` for usage.`;
  }
}

/** Node's system error codes in the user's words. */
export function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory, not a file';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    case 'ELOOP':
      return 'too many levels of symbolic links (a symlink loop?)';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    case 'ENAMETOOLONG':
      return 'the path is too long';
    case 'EIO':
      return 'input/output error';
    case 'ENOSPC':
      return 'no space left on device';
    case 'EDQUOT':
      return 'disk quota exceeded';
    case 'EPIPE':
      return 'the reading end of the pipe is closed';
    case 'EBADF':
      return 'the output is closed';
    default:
      return err instanceof Error ? err.message : String(err);
  }
}
