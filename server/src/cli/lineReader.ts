import type { Readable } from 'node:stream';

/** Longest line kept; anything longer is reported as such and skipped, so memory stays flat. */
export const MAX_LINE_BYTES = 64 * 1024;

/**
 * Called with each line as a byte range of `chunk` (line ending excluded) and its 1-based number.
 * `tooLong` is true for a line over MAX_LINE_BYTES (its range then holds only its start).
 * Return a promise to make the reader wait (backpressure) before the next chunk is read.
 */
export type LineHandler = (chunk: Buffer, start: number, end: number, line: number, tooLong: boolean) => Promise<void> | void;

/**
 * Splits a byte stream into lines over its Buffer chunks, without decoding them to strings:
 * only a line cut by a chunk boundary is copied. Ends with `\n`, `\r\n` (and a last line
 * without ending) are handled.
 */
export async function forEachLine(input: Readable, onLine: LineHandler): Promise<number> {
  let carry: Buffer | undefined;
  let carryTooLong = false;
  let line = 0;
  let first = true;
  for await (const data of input) {
    const chunk = typeof data === 'string' ? Buffer.from(data) : (data as Buffer);
    let start = 0;
    // A UTF-8 byte order mark (Windows editors, PowerShell) is not part of the first line.
    if (first && chunk.length > 0) {
      first = false;
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) start = 3;
    }
    let nl = chunk.indexOf(10, start);
    if (carry !== undefined && nl !== -1) {
      // The line that the previous chunk started.
      const joined = carryTooLong ? carry : Buffer.concat([carry, chunk.subarray(0, nl)]);
      const tooLong = carryTooLong || joined.length > MAX_LINE_BYTES;
      carry = undefined;
      carryTooLong = false;
      const r = onLine(joined, 0, endOf(joined, joined.length), ++line, tooLong);
      if (r) await r;
      start = nl + 1;
      nl = chunk.indexOf(10, start);
    }
    if (carry === undefined) {
      while (nl !== -1) {
        const r = onLine(chunk, start, endOf(chunk, nl, start), ++line, nl - start > MAX_LINE_BYTES);
        if (r) await r;
        start = nl + 1;
        nl = chunk.indexOf(10, start);
      }
    }
    if (start < chunk.length) {
      // No newline in the rest of this chunk: keep it (up to the limit) for the next one.
      if (carry === undefined) carry = Buffer.from(chunk.subarray(start));
      else if (!carryTooLong) carry = Buffer.concat([carry, chunk.subarray(start)]);
      if (carry.length > MAX_LINE_BYTES) {
        carry = Buffer.from(carry.subarray(0, 64));
        carryTooLong = true;
      }
    }
  }
  if (carry !== undefined) {
    const r = onLine(carry, 0, endOf(carry, carry.length), ++line, carryTooLong);
    if (r) await r;
  }
  return line;
}

/** Drops a `\r` before the line end. */
function endOf(buf: Buffer, end: number, start = 0): number {
  return end > start && buf[end - 1] === 13 ? end - 1 : end;
}
