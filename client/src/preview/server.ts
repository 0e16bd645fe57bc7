/** The three requests the preview makes to the language server (server/src/protocol.ts). */
import {
  AssociationRequest, DecodeRequest, RenderRequest,
  type AssociationResult, type DecodeParams, type DecodeResult, type RenderParams, type RenderResult,
} from '../../../server/src/protocol';
import type { RequestType } from 'vscode-languageserver-protocol';

/** What the preview needs of a LanguageClient. */
export interface RequestSender {
  sendRequest<P, R, E>(type: RequestType<P, R, E>, params: P): Promise<R>;
}

/** The client itself, or a getter for the current one (the client is replaced on restart). */
export type ServerSource = RequestSender | (() => RequestSender | undefined);

export class ServerNotRunningError extends Error {
  constructor() {
    super('the Sigfox language server is not running. Run "Sigfox: Restart Language Server", or "Sigfox: Show Output" to see why it stopped.');
  }
}

export class PreviewServer {
  constructor(private readonly source: ServerSource) {}

  decode(params: DecodeParams): Promise<DecodeResult> {
    return this.sender().sendRequest(DecodeRequest, params);
  }

  render(params: RenderParams): Promise<RenderResult> {
    return this.sender().sendRequest(RenderRequest, params);
  }

  association(uri: string): Promise<AssociationResult> {
    return this.sender().sendRequest(AssociationRequest, { uri });
  }

  private sender(): RequestSender {
    const sender = typeof this.source === 'function' ? this.source() : this.source;
    if (!sender) throw new ServerNotRunningError();
    return sender;
  }
}
