/**
 * Every handler runs through `guard`: a failure is logged to the client's output (with its stack)
 * and the request answers with a neutral result, so one bad input never takes the server down.
 * A request the core refuses on purpose (RequestRefusedError) becomes a ResponseError whose
 * message the editor shows.
 */
import {
  LSPErrorCodes,
  ResponseError,
  type Connection,
  type Disposable,
  type NotificationHandler,
  type TextDocuments,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/** What TextDocuments.listen takes. */
type TextDocumentConnection = Parameters<TextDocuments<TextDocument>['listen']>[0];
import { isRequestRefused } from '../core/languageService';
import { isRecord } from '../core/util';

export type Logger = (what: string, e: unknown) => void;

export function errorLogger(connection: Connection): Logger {
  return (what, e) => {
    const detail = e instanceof Error ? (e.stack ?? e.message) : String(e);
    try {
      connection.console.error(`[sigfox] ${what} failed: ${detail}`);
    } catch {
      // The connection itself is gone: nothing left to tell.
    }
  };
}

export function guard<P extends unknown[], R>(
  log: Logger,
  what: string,
  fallback: R,
  handler: (...params: P) => R | Promise<R>,
): (...params: P) => Promise<R> {
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
export function guardNotification<P extends unknown[]>(
  log: Logger,
  what: string,
  handler: (...params: P) => void | Promise<void>,
): (...params: P) => void {
  return (...params: P) => {
    try {
      const result = handler(...params);
      if (result instanceof Promise) result.catch(e => log(what, e));
    } catch (e) {
      log(what, e);
    }
  };
}

/** A JSON string that a uri can be made of: lone surrogate halves make every uri operation throw. */
function isUriString(value: unknown): value is string {
  return typeof value === 'string' && !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(value);
}

function isPosition(value: unknown): boolean {
  return (
    isRecord(value) &&
    Number.isInteger(value['line']) &&
    Number.isInteger(value['character']) &&
    (value['line'] as number) >= 0 &&
    (value['character'] as number) >= 0
  );
}

function hasDocument(
  params: unknown,
  more: (document: Record<string, unknown>) => boolean = () => true,
): params is { textDocument: { uri: string } } {
  return isRecord(params) && isRecord(params['textDocument']) && isUriString(params['textDocument']['uri']) && more(params['textDocument']);
}

const SYNC_CHECKS: Record<'open' | 'change' | 'uri', (params: unknown) => boolean> = {
  open: params =>
    hasDocument(params, d => typeof d['text'] === 'string' && typeof d['languageId'] === 'string' && Number.isInteger(d['version'])),
  change: params =>
    hasDocument(params, d => Number.isInteger(d['version'])) &&
    Array.isArray((params as Record<string, unknown>)['contentChanges']) &&
    ((params as Record<string, unknown>)['contentChanges'] as unknown[]).every(
      c =>
        isRecord(c) &&
        typeof c['text'] === 'string' &&
        (c['range'] === undefined || (isRecord(c['range']) && isPosition(c['range']['start']) && isPosition(c['range']['end']))),
    ),
  uri: params => hasDocument(params),
};

/**
 * What TextDocuments listens to, with malformed notifications dropped (and logged) first: it
 * believes the client, and a `didOpen` whose `textDocument` is `42` would enter `undefined` as an
 * open document, after which every request that lists the documents fails.
 */
export function checkedDocumentSync(connection: Connection, log: Logger): TextDocumentConnection {
  const checked =
    <P>(method: string, check: (params: unknown) => boolean, register: (handler: NotificationHandler<P>) => Disposable) =>
    (handler: NotificationHandler<P>): Disposable =>
      register(params => {
        if (check(params)) handler(params);
        else log(method, new Error(`malformed parameters, ignored: ${JSON.stringify(params)?.slice(0, 200)}`));
      });
  return {
    onDidOpenTextDocument: checked('textDocument/didOpen', SYNC_CHECKS.open, h => connection.onDidOpenTextDocument(h)),
    onDidChangeTextDocument: checked('textDocument/didChange', SYNC_CHECKS.change, h => connection.onDidChangeTextDocument(h)),
    onDidCloseTextDocument: checked('textDocument/didClose', SYNC_CHECKS.uri, h => connection.onDidCloseTextDocument(h)),
    onWillSaveTextDocument: checked('textDocument/willSave', SYNC_CHECKS.uri, h => connection.onWillSaveTextDocument(h)),
    onDidSaveTextDocument: checked('textDocument/didSave', SYNC_CHECKS.uri, h => connection.onDidSaveTextDocument(h)),
    onWillSaveTextDocumentWaitUntil: handler =>
      connection.onWillSaveTextDocumentWaitUntil((params, token) => (SYNC_CHECKS.uri(params) ? handler(params, token) : [])),
  };
}
