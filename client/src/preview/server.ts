/**
 * The requests the preview makes to the language server (server/src/protocol.ts): one
 * `sigfox/preview` per refresh; `sigfox/decode` checks a typed frame, `sigfox/association`
 * picks the files when the command starts.
 */
import {
  AssociationRequest,
  DecodeRequest,
  EncodeRequest,
  PreviewRequest,
  type AssociationResult,
  type DecodeParams,
  type DecodeResult,
  type EncodeParams,
  type EncodeResult,
  type PreviewParams,
  type PreviewResult,
} from '../../../server/src/protocol';
import { sendRequest, type RequestSender } from '../requests';

/** The client itself, or a getter for the current one (the client is replaced on restart). */
export type ServerSource = RequestSender | (() => RequestSender | undefined);

export class ServerNotRunningError extends Error {
  constructor() {
    super(
      'the Sigfox language server is not running. Run "Sigfox: Restart Language Server", or "Sigfox: Show Output" to see why it stopped.',
    );
  }
}

export class PreviewServer {
  constructor(private readonly source: ServerSource) {}

  decode(params: DecodeParams): Promise<DecodeResult> {
    return sendRequest(this.sender(), DecodeRequest, params);
  }

  preview(params: PreviewParams): Promise<PreviewResult> {
    return sendRequest(this.sender(), PreviewRequest, params);
  }

  encode(params: EncodeParams): Promise<EncodeResult> {
    return sendRequest(this.sender(), EncodeRequest, params);
  }

  association(uri: string): Promise<AssociationResult> {
    return sendRequest(this.sender(), AssociationRequest, { uri });
  }

  private sender(): RequestSender {
    const sender = typeof this.source === 'function' ? this.source() : this.source;
    if (!sender) throw new ServerNotRunningError();
    return sender;
  }
}
