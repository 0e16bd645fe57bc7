import type { Readable, Writable } from 'node:stream';
import { createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter, type Connection } from 'vscode-languageserver/node';

/**
 * The errors vscode-jsonrpc's reader raises for a malformed header block. After one, it waits
 * for more input before reading the next message (and a bogus length can never be skipped
 * reliably), so the server would stay alive but deaf. Body errors (bad JSON) are recoverable.
 */
const HEADER_ERROR = /^(?:Header must provide a Content-Length|Content-Length value must be a number|Message header must separate)/;

/**
 * A connection over stdin/stdout that calls `stop` once the client is gone: stdin ended or
 * closed (the client died without `exit`), or a malformed header made the stream unreadable.
 * `stop` ends the process; `reason` is one line for stderr.
 */
export function stdioConnection(stdin: Readable, stdout: Writable, stop: (code: number, reason?: string) => void): Connection {
  const reader = new StreamMessageReader(stdin);
  let stopped = false;
  const stopOnce = (code: number, reason?: string): void => {
    if (stopped) return;
    stopped = true;
    stop(code, reason);
  };
  reader.onError(err => {
    const message = err instanceof Error ? err.message : String(err);
    if (HEADER_ERROR.test(message))
      stopOnce(2, `malformed message header from the client (${JSON.stringify(message.split('\n')[0])}); stopping the language server`);
  });
  stdin.once('end', () => stopOnce(0));
  stdin.once('close', () => stopOnce(0));
  return createConnection(ProposedFeatures.all, reader, new StreamMessageWriter(stdout));
}
