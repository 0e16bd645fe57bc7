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
