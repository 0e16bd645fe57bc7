/**
 * Every handler runs through `guard`: a failure is logged to the client's output (with its stack)
 * and the request answers with a neutral result, so one bad input never takes the server down.
 * A request the core refuses on purpose (RequestRefusedError) becomes a ResponseError whose
 * message the editor shows.
 */
import { LSPErrorCodes, ResponseError, type Connection } from 'vscode-languageserver';
import { isRequestRefused } from '../core/languageService';

export type Logger = (what: string, e: unknown) => void;

export function errorLogger(connection: Connection): Logger {
  return (what, e) => {
    const detail = e instanceof Error ? e.stack ?? e.message : String(e);
    try {
      connection.console.error(`[sigfox] ${what} failed: ${detail}`);
    } catch {
      // The connection itself is gone: nothing left to tell.
    }
  };
}

export function guard<P extends unknown[], R>(log: Logger, what: string, fallback: R, handler: (...params: P) => R | Promise<R>): (...params: P) => Promise<R> {
  return async (...params: P) => {
    try {
      return await handler(...params);
    } catch (e) {
      if (isRequestRefused(e)) throw new ResponseError(LSPErrorCodes.RequestFailed, e.message);
      log(what, e);
      return fallback;
    }
  };
}

/** For notifications: nothing to answer, only log. */
export function guardNotification<P extends unknown[]>(log: Logger, what: string, handler: (...params: P) => void | Promise<void>): (...params: P) => void {
  return (...params: P) => {
    try {
      const result = handler(...params);
      if (result instanceof Promise) result.catch(e => log(what, e));
    } catch (e) {
      log(what, e);
    }
  };
}
