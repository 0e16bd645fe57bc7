/**
 * One HTTP(S) request with an overall deadline, as Sigfox makes it: the server must answer within
 * 10 seconds, self-signed certificates are refused (Node's default), `sendSni: false` sends no SNI.
 */
// Types only at load: the language server loads node:http(s) when a test callback is first sent,
// not at start-up (they cost ~2 MB of its 80 MB memory budget).
import type * as http from 'node:http';
import type * as https from 'node:https';

/** Sigfox gives the server 10 s to answer (spec §2.4). */
export const SIGFOX_TIMEOUT_MS = 10_000;
/** A test answer larger than this is cut (a callback answer is a few bytes). */
const MAX_RESPONSE_BYTES = 1 << 20;

export interface HttpRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;
  readonly timeoutMs: number;
  readonly sendSni: boolean;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export type HttpOutcome =
  | { readonly ok: true; readonly response: HttpResponse; readonly timeMs: number }
  | { readonly ok: false; readonly reason: 'timeout' | 'network'; readonly message: string; readonly timeMs: number };

export function sendHttpRequest(request: HttpRequest): Promise<HttpOutcome> {
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  return new Promise(resolve => {
    let settled = false;
    const finish = (outcome: HttpOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const isHttps = request.url.protocol === 'https:';
    const body = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8');
    const headers: Record<string, string> = { ...request.headers };
    if (body !== undefined) headers['Content-Length'] = String(body.length);
    // One request, one connection (as Sigfox calls a callback): a pooled keep-alive socket the
    // server has just closed would fail the send with ECONNRESET.
    const options: https.RequestOptions = { method: request.method, headers, agent: false };
    // An empty servername is Node's way to send no SNI.
    if (isHttps && !request.sendSni) options.servername = '';
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const transport = (isHttps ? require('node:https') : require('node:http')) as typeof https;
    let req: http.ClientRequest;
    try {
      req = transport.request(request.url, options, onResponse);
    } catch (error) {
      // Node refuses a header it cannot send (callers check values first): a failed request, not a crash.
      // (Resolved directly: no timer is running yet.)
      settled = true;
      resolve({ ok: false, reason: 'network', message: `The request was not sent: ${(error as Error).message}`, timeMs: elapsed() });
      return;
    }
    function onResponse(res: http.IncomingMessage): void {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        if (size < MAX_RESPONSE_BYTES) chunks.push(chunk.subarray(0, MAX_RESPONSE_BYTES - size));
        size += chunk.length;
      });
      res.on('end', () =>
        finish({
          ok: true,
          timeMs: elapsed(),
          response: { status: res.statusCode ?? 0, headers: flattenHeaders(res.headers), body: Buffer.concat(chunks).toString('utf8') },
        }),
      );
      res.on('error', error =>
        finish({ ok: false, reason: 'network', message: `The answer broke off: ${error.message}`, timeMs: elapsed() }),
      );
    }
    const timer = setTimeout(() => {
      finish({
        ok: false,
        reason: 'timeout',
        message: `No complete answer within ${request.timeoutMs} ms: Sigfox would count the delivery as failed and retry later.`,
        timeMs: elapsed(),
      });
      req.destroy();
    }, request.timeoutMs);
    req.on('error', error => finish({ ok: false, reason: 'network', message: `The request failed: ${error.message}`, timeMs: elapsed() }));
    req.end(body);
  });
}

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
