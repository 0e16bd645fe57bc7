/**
 * `console.*` output goes to the client's log (the "Sigfox Callbacks" output channel), whatever
 * the transport: over stdio a stray `console.log` would otherwise corrupt the protocol stream.
 */
import { format } from 'util';
import type { Connection } from 'vscode-languageserver';

type ConsoleMethod = 'log' | 'info' | 'debug' | 'warn' | 'error';
const TARGET: Record<ConsoleMethod, 'log' | 'info' | 'warn' | 'error'> = {
  log: 'log',
  info: 'info',
  debug: 'log',
  warn: 'warn',
  error: 'error',
};

/** Routes the global console to the connection; returns the function that restores it. */
export function routeConsoleTo(connection: Connection): () => void {
  const original = new Map<ConsoleMethod, (...args: unknown[]) => void>();
  for (const method of Object.keys(TARGET) as ConsoleMethod[]) {
    original.set(method, console[method]);
    const target = TARGET[method];
    console[method] = (...args: unknown[]) => {
      try {
        connection.console[target](format(...args));
      } catch {
        // The connection is closed: drop the message rather than throw from a log call.
      }
    };
  }
  return () => {
    for (const [method, fn] of original) console[method] = fn;
  };
}
