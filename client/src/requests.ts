// Typed custom requests (server/src/protocol.ts), sent by method name. The request-type objects
// come from this bundle's copy of vscode-jsonrpc, while the LanguageClient lives in its own
// bundle (languageClient.js) with another copy; jsonrpc compares a type's parameter structure
// by identity, so passing the object across bundles fails ("Unknown parameter structure auto").
import type { RequestType } from 'vscode-jsonrpc/lib/common/messages';

/** What the commands need of a LanguageClient. */
export interface RequestSender {
  sendRequest<R>(method: string, params: unknown): Promise<R>;
}

export function sendRequest<P, R>(sender: RequestSender, type: RequestType<P, R, void>, params: P): Promise<R> {
  return sender.sendRequest<R>(type.method, params);
}
