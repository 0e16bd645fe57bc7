import { once } from 'node:events';
import type { Writable } from 'node:stream';

/** Writes `text` and resolves once the stream has taken it (so the exit code is set after the output). */
export function writeAll(stream: Writable, text: string): Promise<void> {
  if (text === '') return Promise.resolve();
  return new Promise((resolve, reject) => {
    stream.write(text, err => (err ? reject(err) : resolve()));
  });
}

/**
 * Gathers many small strings into large writes, and waits for `drain` when the stream is
 * full, so a bulk producer never holds more than one batch (plus the stream's buffer) in memory.
 */
export class BatchWriter {
  private parts: string[] = [];
  private size = 0;

  constructor(
    private readonly stream: Writable,
    private readonly batchChars = 1 << 16,
  ) {}

  /** Adds text; returns a promise only when the batch was written and the stream asks to wait. */
  push(text: string): Promise<void> | undefined {
    this.parts.push(text);
    this.size += text.length;
    return this.size >= this.batchChars ? this.flush() : undefined;
  }

  async flush(): Promise<void> {
    if (this.size === 0) return;
    const chunk = this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  /** Flushes, and resolves once the stream's buffer has drained. */
  async end(): Promise<void> {
    await this.flush();
    if (this.stream.writableNeedDrain) await once(this.stream, 'drain');
  }
}

/**
 * Output built byte by byte in a buffer (bulk decoding writes a few bytes per field, and
 * building strings to encode them again cost more than the decoding), written out in large
 * chunks. Writers reserve room with `room(n)`, then write at `pos` in `buf` and advance it.
 */
export class ByteBatch {
  buf: Buffer;
  /** `buf` as a DataView: generated writers store constant bytes four at a time. */
  view: DataView;
  pos = 0;
  /** Set when a chunk went out since the last `pending()`. */
  private wrote = false;
  /**
   * Buffers a stream has written out and called back for, to fill again: filling fresh memory
   * cost more than the writing. Only for a stream writing to a file descriptor (stdout), which
   * is done with a chunk when it calls back; another stream (a PassThrough) may hand the chunk on.
   */
  private readonly spare: Buffer[] | undefined;

  constructor(
    private readonly stream: Writable,
    private readonly batchBytes = 1 << 16,
  ) {
    this.buf = Buffer.allocUnsafeSlow(batchBytes);
    this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.length);
    this.spare = typeof (stream as { fd?: unknown }).fd === 'number' ? [] : undefined;
  }

  /** Makes sure `n` more bytes fit at `pos`, writing out the batch when they would not. */
  room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    this.flush();
    // The stream may still hold the chunk it was given: the next batch gets a buffer the stream
    // has called back for, or a new one.
    this.buf = (n <= this.batchBytes && this.spare?.pop()) || Buffer.allocUnsafeSlow(Math.max(this.batchBytes, n));
    this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.length);
  }

  /** Text of any kind, as UTF-8. */
  text(text: string): void {
    this.room(Buffer.byteLength(text));
    this.pos += this.buf.write(text, this.pos, 'utf8');
  }

  /** A promise when a chunk went out and the stream asks to wait (backpressure), else undefined. */
  pending(): Promise<void> | undefined {
    if (!this.wrote) return undefined;
    this.wrote = false;
    return this.stream.writableNeedDrain ? this.drained() : undefined;
  }

  /** Writes out the rest, and resolves once the stream has drained. */
  async end(): Promise<void> {
    this.flush();
    if (this.stream.writableNeedDrain) await this.drained();
  }

  private flush(): void {
    if (this.pos === 0) return;
    const { buf, spare } = this;
    if (spare && buf.length === this.batchBytes)
      this.stream.write(buf.subarray(0, this.pos), err => {
        if (!err && spare.length < MAX_SPARE_BATCHES) spare.push(buf);
      });
    else this.stream.write(buf.subarray(0, this.pos));
    this.wrote = true;
    this.pos = 0;
  }

  private async drained(): Promise<void> {
    await once(this.stream, 'drain');
  }
}

/** Enough for the batches one input chunk of frames fills before the stream calls back. */
const MAX_SPARE_BATCHES = 32;

/**
 * Control characters in text bound for a terminal, escaped: file names, file content, server
 * responses and frame bytes can hold ESC sequences that rewrite the screen or the title, a CR
 * that overwrites a line, or bidi overrides that reorder it. Tab and newline are kept;
 * `escapeNewlines` escapes newlines too, for one-line fields (a file name in `path:line:col`).
 */
export function escapeControls(text: string, escapeNewlines = false): string {
  return text.replace(escapeNewlines ? CONTROLS_AND_NEWLINES : CONTROLS, escapeControl);
}

// C0 (but tab / newline), DEL, C1, and the bidi embedding, override and isolate characters:
// matching control characters is the point here.
/* eslint-disable no-control-regex */
const CONTROLS = /[\0-\x08\v-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]/g;
const CONTROLS_AND_NEWLINES = /[\0-\x08\n-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069]/g;
/* eslint-enable no-control-regex */

function escapeControl(c: string): string {
  const code = c.charCodeAt(0);
  if (c === '\n') return '\\n';
  if (c === '\r') return '\\r';
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}
