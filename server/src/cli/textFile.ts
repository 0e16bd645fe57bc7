import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { CliError, describeFsError } from './errors';

export const NOT_REGULAR = 'not a regular file (a FIFO, socket or device); sigfox-callbacks reads regular files only';

/** Largest input file the CLI reads: Sigfox configs and templates are a few KB at most. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a UTF-8 text file, or throws a CliError (exit 2) that names the file and says what is
 * wrong: missing, unreadable, larger than 10 MB, binary (a NUL byte), or not valid UTF-8.
 * A UTF-8 byte order mark is dropped, as editors do, so positions match the editor's.
 */
export function readTextFile(path: string, shownAs: string = path): string {
  const read = readIfRegular(path, shownAs);
  if (read.kind === 'text') return read.text;
  if (read.kind === 'missing') throw new CliError(`${shownAs}: cannot read: ${describeFsError(read.error)}`);
  if (read.kind === 'directory') throw new CliError(`${shownAs}: is a directory, expected a file`);
  throw new CliError(`${shownAs}: ${NOT_REGULAR}`);
}

/**
 * A file another one names (a grammar beside a template, a definition's template): undefined when
 * it is missing or not a regular file, else read as readTextFile reads it (same errors). `check`
 * of 10,000 files reads every one this way.
 */
export function readTextFileIfRegular(path: string, shownAs: ShownAs = path, listedAsFile = false): string | undefined {
  const read = readIfRegular(path, shownAs, listedAsFile);
  return read.kind === 'text' ? read.text : undefined;
}

/** How a file is named in errors; a function when working the name out costs more than reading the file (10,000 files read, none in error). */
export type ShownAs = string | (() => string);

function named(shownAs: ShownAs): string {
  return typeof shownAs === 'string' ? shownAs : shownAs();
}

type RegularRead =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'missing'; readonly error: unknown }
  | { readonly kind: 'directory' | 'not-regular' };

/** Errors of open that mean "no such file" (a dangling link, a loop, a file taken for a folder). */
const MISSING = new Set(['ENOENT', 'ENOTDIR', 'ELOOP', 'ENAMETOOLONG']);

/**
 * Opened once and asked through its descriptor (no stat by path), without blocking: a FIFO does
 * not wait for a writer and a device such as /dev/zero is never read, as fstat turns them away; a
 * socket cannot be opened at all (ENXIO). Throws a CliError for what cannot be read.
 * `listedAsFile`: a directory listing just said this is a regular file (not a link), so fstat
 * is skipped (10,000 files in a check); the read stays bounded by the size limit whatever the
 * path has become since.
 */
function readIfRegular(path: string, shownAs: ShownAs, listedAsFile = false): RegularRead {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    if (code === 'ENXIO') return { kind: 'not-regular' };
    if (MISSING.has(code)) return { kind: 'missing', error: err };
    throw new CliError(`${named(shownAs)}: cannot read: ${describeFsError(err)}`);
  }
  try {
    let size = 0;
    if (!listedAsFile) {
      const st = fstatSync(fd);
      if (st.isDirectory()) return { kind: 'directory' };
      if (!st.isFile()) return { kind: 'not-regular' };
      if (st.size > MAX_FILE_BYTES) throw new CliError(tooLarge(shownAs, st.size));
      size = st.size;
    }
    let bytes: Buffer;
    try {
      bytes = readAll(fd, size);
    } catch (err) {
      throw new CliError(`${named(shownAs)}: cannot read: ${describeFsError(err)}`);
    }
    // The file may have grown between fstat and read.
    if (bytes.length > MAX_FILE_BYTES) throw new CliError(tooLarge(shownAs, bytes.length));
    return { kind: 'text', text: decodeText(bytes, shownAs) };
  } finally {
    closeSync(fd);
  }
}

/** Where files smaller than it are read: decoded before the next file is read. */
const scratch = Buffer.allocUnsafeSlow(64 * 1024);

/**
 * The whole file from a descriptor, `size` expected (0: unknown); reads past it (a growing file)
 * up to just over the limit. The bytes are valid until the next call.
 */
function readAll(fd: number, size: number): Buffer {
  let buffer = size < scratch.length ? scratch : Buffer.allocUnsafe(size + 1);
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length > MAX_FILE_BYTES) break;
      const bigger = Buffer.allocUnsafe(Math.min(buffer.length * 2, MAX_FILE_BYTES + 1));
      buffer.copy(bigger);
      buffer = bigger;
    }
    const wanted = buffer.length - length;
    const n = readSync(fd, buffer, length, wanted, null);
    length += n;
    // A regular file reads short only at its end: no second call to hear 0 (10,000 files in a check).
    if (n < wanted) break;
  }
  return buffer.subarray(0, length);
}

/** UTF-8 bytes to text with the same checks as readTextFile (binary, invalid UTF-8). */
function decodeText(bytes: Uint8Array, shownAs: ShownAs): string {
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    throw new CliError(
      `${named(shownAs)}: looks like a binary file (NUL byte at offset ${nul}); sigfox-callbacks reads UTF-8 text files only`,
    );
  }
  try {
    return utf8.decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    throw new CliError(
      `${named(shownAs)}: not valid UTF-8 (bad byte 0x${bytes[at]!.toString(16).toUpperCase().padStart(2, '0')} at offset ${at}, ${lineColumnAt(bytes, at)}); save the file as UTF-8`,
    );
  }
}

function tooLarge(shownAs: ShownAs, size: number): string {
  return `${named(shownAs)}: file is ${(size / 1024 / 1024).toFixed(1)} MB, larger than the 10 MB limit; is this really a payload config, template or callback definition?`;
}

/** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence. */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    let n: number, min: number;
    if (c < 0x80) {
      i++;
      continue;
    }
    if (c >= 0xc2 && c <= 0xdf) {
      n = 1;
      min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      min = 0x10000;
    } else return i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return Math.max(0, b.length - 1);
}

function lineColumnAt(b: Uint8Array, offset: number): string {
  let line = 1,
    lineStart = 0;
  for (let i = 0; i < offset; i++)
    if (b[i] === 10) {
      line++;
      lineStart = i + 1;
    }
  return `line ${line}, byte ${offset - lineStart + 1} of the line`;
}
