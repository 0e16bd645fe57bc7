/**
 * A local, stateful stand-in of the Sigfox API v2 device-type callback endpoints, written from the
 * API's Swagger description, for tests and the dry run (`npm run deploy:dry-run`). Loopback only.
 * Like the documented contract it: requires Basic auth (401, no body); rejects unknown, read-only
 * or missing fields with a 400 ErrorContent (`errors[].field`); takes `enabled` only as the enable
 * endpoint's query parameter; omits empty values from GET; has no `contentType` on update. Faults
 * (429, 500, a request never answered) can be queued for the next matching requests.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandInDeviceType {
  readonly id: string;
  readonly name?: string;
  /** 0 DIRECT, 1 CALLBACK, 2 NONE, 3 MANAGED. */
  readonly downlinkMode?: number;
  readonly callbacks?: readonly Record<string, unknown>[];
}

/** A status to answer instead, a request never answered, or a 400 ErrorContent the real API might send. */
export type Fault = 429 | 500 | 503 | 'timeout' | { readonly errors: readonly { type: string; field: string; message: string }[] };

export interface StandInOptions {
  readonly login: string;
  readonly password: string;
  readonly deviceTypes?: readonly StandInDeviceType[];
  readonly port?: number;
}

export interface StandIn {
  readonly url: string;
  /** Method and path of every request, in order (no bodies, no headers). */
  readonly requests: string[];
  /** Queues a fault for the next request matching `method` and a path containing `pathPart`. */
  inject(fault: Fault, match?: { readonly method?: string; readonly pathPart?: string; readonly times?: number }): void;
  /** The stored callbacks of a device type, as GET returns them. */
  callbacks(deviceTypeId: string): Record<string, unknown>[];
  close(): Promise<void>;
}

const COMMON = ['channel', 'callbackType', 'callbackSubtype', 'payloadConfig'];
const CREATE_FIELDS: Record<string, readonly string[]> = {
  URL: [...COMMON, 'url', 'httpMethod', 'headers', 'sendSni', 'bodyTemplate', 'contentType'],
  BATCH_URL: [...COMMON, 'url', 'httpMethod', 'linePattern'],
  EMAIL: [...COMMON, 'recipient', 'subject', 'message'],
};
const REQUIRED: Record<string, readonly string[]> = {
  URL: ['url', 'httpMethod'],
  BATCH_URL: ['url', 'httpMethod'],
  EMAIL: ['recipient'],
};
const TYPES = new Map<number, readonly number[]>([
  [0, [2, 3]],
  [1, [0, 4, 5, 6]],
  [2, []],
]);

interface Stored {
  id: string;
  enabled: boolean;
  dead: boolean;
  downlinkHook: boolean;
  fields: Record<string, unknown>;
}

interface DeviceTypeState {
  id: string;
  name: string;
  downlinkMode: number;
  callbacks: Stored[];
}

export async function startStandIn(options: StandInOptions): Promise<StandIn> {
  const deviceTypes = new Map<string, DeviceTypeState>();
  for (const dt of options.deviceTypes ?? []) {
    deviceTypes.set(dt.id, {
      id: dt.id,
      name: dt.name ?? dt.id,
      downlinkMode: dt.downlinkMode ?? 2,
      callbacks: (dt.callbacks ?? []).map(c => {
        const { id, enabled, dead, downlinkHook, ...fields } = c;
        return {
          id: typeof id === 'string' ? id : newId(),
          enabled: enabled !== false,
          dead: dead === true,
          downlinkHook: downlinkHook === true,
          fields: withoutEmpty(fields),
        };
      }),
    });
  }
  const faults: { fault: Fault; method?: string; pathPart?: string; times: number }[] = [];
  const requests: string[] = [];
  const expected = `Basic ${Buffer.from(`${options.login}:${options.password}`).toString('base64')}`;

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://stand-in');
      requests.push(`${req.method} ${url.pathname}${url.search}`);
      const fault = takeFault(req.method ?? '', url.pathname);
      if (fault === 'timeout') return; // never answered: the client's deadline decides
      if (typeof fault === 'object') return badRequest(res, [...fault.errors]);
      if (fault !== undefined) return send(res, fault, fault === 429 ? '' : undefined);
      if (req.headers.authorization !== expected) return send(res, 401);
      try {
        route(req, url, Buffer.concat(chunks).toString('utf8'), res);
      } catch {
        send(res, 500);
      }
    });
  });

  function takeFault(method: string, path: string): Fault | undefined {
    const index = faults.findIndex(f => (!f.method || f.method === method) && (!f.pathPart || path.includes(f.pathPart)));
    if (index < 0) return undefined;
    const f = faults[index]!;
    if (--f.times <= 0) faults.splice(index, 1);
    return f.fault;
  }

  function route(req: IncomingMessage, url: URL, text: string, res: ServerResponse): void {
    const parts = url.pathname.replace(/^\/v2/, '').split('/').filter(Boolean).map(decodeURIComponent);
    if (parts[0] !== 'device-types' || parts.length < 2) return send(res, 404, { message: 'The requested resource was not found.' });
    const dt = deviceTypes.get(parts[1]!);
    if (!dt) return send(res, 404, { message: 'The requested resource was not found.' });
    const method = req.method;
    if (parts.length === 2 && method === 'GET') return send(res, 200, { id: dt.id, name: dt.name, downlinkMode: dt.downlinkMode });
    if (parts[2] !== 'callbacks') return send(res, 404, { message: 'The requested resource was not found.' });
    if (parts.length === 3 && method === 'GET') return send(res, 200, { data: dt.callbacks.map(c => readModel(c)) });
    if (parts.length === 3 && method === 'POST') return create(dt, text, res);
    const cb = dt.callbacks.find(c => c.id === parts[3]);
    if (!cb) return send(res, 404, { message: 'The requested resource was not found.' });
    if (parts.length === 4 && method === 'PUT') return update(cb, text, res);
    if (parts.length === 4 && method === 'DELETE') {
      dt.callbacks = dt.callbacks.filter(c => c !== cb);
      return send(res, 204);
    }
    if (parts.length === 5 && parts[4] === 'enable' && method === 'PUT') {
      if (text.trim() !== '') return badRequest(res, [{ type: 'body', field: '', message: 'no body expected' }]);
      const enabled = url.searchParams.get('enabled');
      if (enabled !== 'true' && enabled !== 'false')
        return badRequest(res, [{ type: 'query', field: 'enabled', message: 'required boolean' }]);
      cb.enabled = enabled === 'true';
      return send(res, 204);
    }
    if (parts.length === 5 && parts[4] === 'downlink' && method === 'PUT') {
      if (cb.fields['channel'] !== 'URL' || cb.fields['callbackSubtype'] !== 3)
        return badRequest(res, [{ type: 'path', field: 'callbackId', message: 'only a BIDIR URL callback can be the downlink callback' }]);
      for (const other of dt.callbacks) other.downlinkHook = other === cb;
      return send(res, 204);
    }
    return send(res, 404, { message: 'The requested resource was not found.' });
  }

  function create(dt: DeviceTypeState, text: string, res: ServerResponse): void {
    const body = parseObject(text);
    if (!body) return badRequest(res, [{ type: 'body', field: '', message: 'a JSON object is expected' }]);
    const errors: { type: string; field: string; message: string }[] = [];
    for (const key of ['channel', 'callbackType', 'callbackSubtype'])
      if (body[key] === undefined || body[key] === null) errors.push({ type: 'body', field: key, message: 'field required' });
    const channel = String(body['channel']);
    const allowed = CREATE_FIELDS[channel];
    if (body['channel'] !== undefined && !allowed) errors.push({ type: 'body', field: 'channel', message: 'unknown channel' });
    for (const key of REQUIRED[channel] ?? [])
      if (body[key] === undefined || body[key] === null) errors.push({ type: 'body', field: key, message: 'field required' });
    for (const key of Object.keys(body))
      if (allowed && !allowed.includes(key)) errors.push({ type: 'body', field: key, message: 'extra fields not permitted' });
    errors.push(...valueErrors(body));
    if (errors.length > 0) return badRequest(res, errors);
    const stored: Stored = { id: newId(), enabled: false, dead: false, downlinkHook: false, fields: withoutEmpty(body) };
    dt.callbacks.push(stored);
    res.setHeader('location', `/v2/device-types/${dt.id}/callbacks/${stored.id}`);
    send(res, 201, { id: stored.id });
  }

  function update(cb: Stored, text: string, res: ServerResponse): void {
    const body = parseObject(text);
    if (!body) return badRequest(res, [{ type: 'body', field: '', message: 'a JSON object is expected' }]);
    const channel = String(body['channel'] ?? cb.fields['channel']);
    const allowed = (CREATE_FIELDS[channel] ?? []).filter(f => f !== 'contentType');
    const errors: { type: string; field: string; message: string }[] = [];
    if (body['channel'] !== undefined && body['channel'] !== cb.fields['channel'])
      errors.push({ type: 'body', field: 'channel', message: 'the channel of a callback cannot change' });
    for (const key of Object.keys(body))
      if (!allowed.includes(key)) errors.push({ type: 'body', field: key, message: 'extra fields not permitted' });
    for (const key of [...(REQUIRED[channel] ?? []), 'callbackType', 'callbackSubtype'])
      if (key in body && body[key] === null) errors.push({ type: 'body', field: key, message: 'cannot be removed' });
    errors.push(...valueErrors({ ...cb.fields, ...body }));
    if (errors.length > 0) return badRequest(res, errors);
    for (const [key, value] of Object.entries(body)) {
      if (value === null) delete cb.fields[key];
      else cb.fields[key] = value;
    }
    cb.fields = withoutEmpty(cb.fields);
    send(res, 204);
  }

  await new Promise<void>(resolve => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v2`,
    requests,
    inject(fault, match = {}) {
      faults.push({
        fault,
        ...(match.method ? { method: match.method } : {}),
        ...(match.pathPart ? { pathPart: match.pathPart } : {}),
        times: match.times ?? 1,
      });
    },
    callbacks: id => (deviceTypes.get(id)?.callbacks ?? []).map(c => readModel(c)),
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function valueErrors(body: Record<string, unknown>): { type: string; field: string; message: string }[] {
  const errors: { type: string; field: string; message: string }[] = [];
  const type = body['callbackType'];
  const subtype = body['callbackSubtype'];
  if (type !== undefined && (typeof type !== 'number' || !TYPES.has(type)))
    errors.push({ type: 'body', field: 'callbackType', message: 'unknown callback type' });
  else if (
    typeof type === 'number' &&
    subtype !== undefined &&
    TYPES.get(type)!.length > 0 &&
    !TYPES.get(type)!.includes(subtype as number)
  )
    errors.push({ type: 'body', field: 'callbackSubtype', message: 'subtype not valid for the type' });
  if (body['httpMethod'] !== undefined && !['GET', 'POST', 'PUT'].includes(String(body['httpMethod'])))
    errors.push({ type: 'body', field: 'httpMethod', message: 'must be GET, PUT or POST' });
  if (body['url'] !== undefined && !/^https?:\/\/\S+$/.test(String(body['url'])))
    errors.push({ type: 'body', field: 'url', message: 'invalid url' });
  for (const key of ['url', 'bodyTemplate', 'linePattern', 'recipient', 'subject', 'message', 'payloadConfig', 'contentType'])
    if (body[key] !== undefined && typeof body[key] !== 'string') errors.push({ type: 'body', field: key, message: 'must be a string' });
  if (body['headers'] !== undefined && (typeof body['headers'] !== 'object' || Array.isArray(body['headers'])))
    errors.push({ type: 'body', field: 'headers', message: 'must be an object' });
  return errors;
}

function readModel(cb: Stored): Record<string, unknown> {
  const out: Record<string, unknown> = { id: cb.id, ...cb.fields, enabled: cb.enabled, dead: cb.dead };
  if (cb.fields['channel'] === 'URL') out['downlinkHook'] = cb.downlinkHook;
  return withoutEmpty(out);
}

function withoutEmpty(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined || v === null || v === '') continue;
    if (typeof v === 'object' && !Array.isArray(v) && Object.keys(v as object).length === 0) continue;
    out[k] = v;
  }
  return out;
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function newId(): string {
  return randomBytes(12).toString('hex');
}

function badRequest(res: ServerResponse, errors: { type: string; field: string; message: string }[]): void {
  send(res, 400, { message: 'bad request', errors });
}

function send(res: ServerResponse, status: number, body?: unknown): void {
  if (body === undefined || status === 204) {
    res.writeHead(status).end();
    return;
  }
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json' }).end(text);
}
