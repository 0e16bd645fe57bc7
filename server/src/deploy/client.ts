/**
 * The Sigfox API v2 client for device-type callbacks: Basic auth, JSON, bounded retries with
 * exponential backoff on 429 and 5xx (no Retry-After is documented), a per-request timeout.
 * The transport, the sleep and the delays are injected so tests run against a local stand-in
 * without real waits. Credentials never appear in an error message.
 */
import type { RemoteCallback } from '../core/deploy/plan';

export const DEFAULT_API_URL = 'https://api.sigfox.com/v2';

export interface HttpRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly timeoutMs: number;
}

export interface HttpResponse {
  readonly status: number;
  readonly body: string;
}

/** One HTTP exchange; rejects on network failure, with `timeout: true` when the deadline passed. */
export type Transport = (request: HttpRequest) => Promise<HttpResponse>;

export interface ApiFieldError {
  readonly type?: string;
  readonly field?: string;
  readonly message?: string;
}

export type ApiErrorKind = 'auth' | 'forbidden' | 'not-found' | 'bad-request' | 'rate-limited' | 'server' | 'network' | 'timeout' | 'other';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly kind: ApiErrorKind,
    readonly status?: number,
    readonly fieldErrors: readonly ApiFieldError[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ApiOptions {
  readonly baseUrl: string;
  readonly login: string;
  readonly password: string;
  readonly transport?: Transport;
  /** Attempts per request for 429 / 5xx / timeouts (1 = no retry). */
  readonly attempts?: number;
  /** First backoff delay; doubled each retry. */
  readonly backoffMs?: number;
  readonly timeoutMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Plain http only to loopback: credentials travel in every request. */
export function checkApiUrl(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${JSON.stringify(value)} is not an absolute URL`;
  }
  if (url.username || url.password) return 'the API URL must not carry credentials; use SIGFOX_API_LOGIN / SIGFOX_API_PASSWORD';
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) return undefined;
  return `${url.protocol}//${url.host} is not allowed: the API is reached over https:// (plain http:// only to 127.0.0.1, localhost or [::1])`;
}

export class SigfoxApi {
  private readonly base: string;
  private readonly authorization: string;
  private readonly transport: Transport;
  private readonly attempts: number;
  private readonly backoffMs: number;
  private readonly timeoutMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  /** Requests sent, for reports (method and path, never a body). */
  readonly log: string[] = [];

  constructor(options: ApiOptions) {
    this.base = options.baseUrl.endsWith('/') ? options.baseUrl.slice(0, -1) : options.baseUrl;
    this.authorization = `Basic ${Buffer.from(`${options.login}:${options.password}`).toString('base64')}`;
    this.transport = options.transport ?? nodeTransport;
    this.attempts = Math.max(1, options.attempts ?? 4);
    this.backoffMs = options.backoffMs ?? 500;
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.sleep = options.sleep ?? (ms => new Promise(resolve => setTimeout(resolve, ms)));
  }

  async deviceType(id: string): Promise<Record<string, unknown>> {
    return (await this.call('GET', `/device-types/${enc(id)}`, undefined, `device type ${id}`)) as Record<string, unknown>;
  }

  async listCallbacks(deviceTypeId: string): Promise<RemoteCallback[]> {
    const out: RemoteCallback[] = [];
    let path: string | undefined = `/device-types/${enc(deviceTypeId)}/callbacks`;
    // No paging is documented for this list; follow `paging.next` if one ever appears (bounded).
    for (let page = 0; path !== undefined && page < 100; page++) {
      const answer = (await this.call('GET', path, undefined, `device type ${deviceTypeId}`)) as {
        data?: unknown[];
        paging?: { next?: string };
      };
      for (const item of answer?.data ?? []) {
        if (item && typeof item === 'object' && typeof (item as { id?: unknown }).id === 'string') out.push(item as RemoteCallback);
      }
      const next = answer?.paging?.next;
      path = typeof next === 'string' && next !== '' ? relativeTo(this.base, next) : undefined;
    }
    return out;
  }

  async createCallback(deviceTypeId: string, body: Record<string, unknown>): Promise<string> {
    const answer = (await this.call('POST', `/device-types/${enc(deviceTypeId)}/callbacks`, body, `device type ${deviceTypeId}`)) as {
      id?: unknown;
    };
    if (typeof answer?.id !== 'string') throw new ApiError('the API created a callback but returned no id', 'other', 201);
    return answer.id;
  }

  async updateCallback(deviceTypeId: string, id: string, body: Record<string, unknown>): Promise<void> {
    await this.call('PUT', `/device-types/${enc(deviceTypeId)}/callbacks/${enc(id)}`, body, `callback ${id}`);
  }

  async deleteCallback(deviceTypeId: string, id: string): Promise<void> {
    await this.call('DELETE', `/device-types/${enc(deviceTypeId)}/callbacks/${enc(id)}`, undefined, `callback ${id}`);
  }

  async enableCallback(deviceTypeId: string, id: string, enabled: boolean): Promise<void> {
    await this.call(
      'PUT',
      `/device-types/${enc(deviceTypeId)}/callbacks/${enc(id)}/enable?enabled=${enabled}`,
      undefined,
      `callback ${id}`,
    );
  }

  async selectDownlink(deviceTypeId: string, id: string): Promise<void> {
    await this.call('PUT', `/device-types/${enc(deviceTypeId)}/callbacks/${enc(id)}/downlink`, undefined, `callback ${id}`);
  }

  private async call(method: HttpRequest['method'], path: string, body: unknown, what: string): Promise<unknown> {
    const request: HttpRequest = {
      method,
      url: `${this.base}${path}`,
      headers: {
        authorization: this.authorization,
        accept: 'application/json',
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      timeoutMs: this.timeoutMs,
    };
    const label = `${method} ${path.split('?')[0]}`;
    for (let attempt = 1; ; attempt++) {
      this.log.push(label);
      let response: HttpResponse | undefined;
      let failure: ApiError | undefined;
      try {
        response = await this.transport(request);
      } catch (err) {
        const timeout = (err as { timeout?: boolean }).timeout === true;
        failure = timeout
          ? new ApiError(`${label}: no answer within ${this.timeoutMs} ms`, 'timeout')
          : new ApiError(`cannot reach the Sigfox API at ${hostOf(this.base)}: ${networkReason(err)}`, 'network');
      }
      if (response && response.status >= 200 && response.status < 300) return parseJson(response.body);
      if (response) failure = statusError(response, label, what);
      const retriable = failure!.kind === 'rate-limited' || failure!.kind === 'server' || failure!.kind === 'timeout';
      if (!retriable || attempt >= this.attempts) {
        if (retriable) throw new ApiError(`${failure!.message} (after ${attempt} attempts)`, failure!.kind, failure!.status);
        throw failure!;
      }
      await this.sleep(this.backoffMs * 2 ** (attempt - 1));
    }
  }
}

function statusError(response: HttpResponse, label: string, what: string): ApiError {
  const body = parseJson(response.body) as { message?: unknown; errors?: unknown } | undefined;
  const message = typeof body?.message === 'string' ? body.message : undefined;
  switch (response.status) {
    case 400: {
      const errors = Array.isArray(body?.errors) ? (body.errors as ApiFieldError[]) : [];
      return new ApiError(`${label}: the API refused the request: ${message ?? 'bad request'}`, 'bad-request', 400, errors);
    }
    case 401:
      return new ApiError('the Sigfox API refused the credentials (401): check SIGFOX_API_LOGIN and SIGFOX_API_PASSWORD', 'auth', 401);
    case 403:
      return new ApiError(`the API user may not access ${what} (403)${message ? `: ${message}` : ''}`, 'forbidden', 403);
    case 404:
      return new ApiError(`${what} was not found (404)`, 'not-found', 404);
    case 429:
      return new ApiError(`${label}: rate limited by the API (429)`, 'rate-limited', 429);
    default:
      return response.status >= 500
        ? new ApiError(`${label}: the API failed (${response.status})`, 'server', response.status)
        : new ApiError(`${label}: unexpected answer ${response.status}`, 'other', response.status);
  }
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function enc(segment: string): string {
  return encodeURIComponent(segment);
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function relativeTo(base: string, next: string): string | undefined {
  try {
    const url = new URL(next, `${base}/`);
    const root = new URL(`${base}/`);
    if (url.origin !== root.origin || !url.pathname.startsWith(root.pathname.replace(/\/$/, ''))) return undefined;
    return url.pathname.slice(root.pathname.replace(/\/$/, '').length) + url.search;
  } catch {
    return undefined;
  }
}

function networkReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found';
  if (code === 'ECONNRESET') return 'connection reset';
  return code ?? 'network error';
}

/** node:http(s), loaded on first use. */
const nodeTransport: Transport = async request => {
  const url = new URL(request.url);
  // require, not import(): the CLI bundle runs as a vm script (cliLoader.ts), where import() fails.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const http =
    url.protocol === 'https:'
      ? (require('node:https') as typeof import('node:https'))
      : (require('node:http') as typeof import('node:http'));
  /* eslint-enable @typescript-eslint/no-require-imports */
  return new Promise((resolve, reject) => {
    // A fresh connection per request: a pooled socket the server just closed fails with ECONNRESET.
    const req = http.request(url, { method: request.method, headers: request.headers, agent: false }, res => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.setTimeout(request.timeoutMs, () => {
      req.destroy(Object.assign(new Error('timeout'), { timeout: true }));
    });
    req.on('error', reject);
    req.end(request.body);
  });
};
