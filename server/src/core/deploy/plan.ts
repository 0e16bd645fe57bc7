/**
 * Callbacks as code against the Sigfox API v2: what the backend holds, normalised so that absent,
 * `null`, `""` and `{}` mean the same (the API omits empty values from GET), compared with what the
 * files say, as a list of steps in the order apply runs them. Pure: the API client and the CLI
 * feed it JSON values and act on the result.
 */

/** A callback as the API returns it (GET /device-types/{id}/callbacks), tolerated loosely. */
export type RemoteCallback = Readonly<Record<string, unknown>> & { readonly id: string };

/** The fields apply sets through the callback body; read-only and state fields are handled apart. */
const BODY_FIELDS: Readonly<Record<string, readonly string[]>> = {
  URL: ['payloadConfig', 'url', 'httpMethod', 'headers', 'sendSni', 'bodyTemplate', 'contentType'],
  BATCH_URL: ['payloadConfig', 'url', 'httpMethod', 'linePattern'],
  EMAIL: ['payloadConfig', 'recipient', 'subject', 'message'],
};

/**
 * Changing these means delete + create: the update body cannot be trusted to switch the variant
 * (channel, type, subtype), and `updateUrlCallback` has no `contentType`.
 */
export const REPLACE_FIELDS = ['channel', 'callbackType', 'callbackSubtype', 'contentType'] as const;

const DEFAULT_CONTENT_TYPE = 'application/x-www-form-urlencoded';
const UPLINK = 2;
const BIDIR = 3;
const DATA = 0;

/** A callback reduced to what is compared: identity fields plus the body fields of its channel. */
export type CallbackState = Readonly<Record<string, unknown>>;

/** What a file wants: its API body (as `build` makes it) and the state set through other endpoints. */
export interface DesiredCallback {
  /** Where it comes from, for messages (a path). */
  readonly source: string;
  readonly deviceTypeId: string;
  readonly id?: string;
  readonly body: Readonly<Record<string, unknown>>;
  /** Undefined: left as the backend has it. */
  readonly enabled?: boolean;
  readonly downlink?: boolean;
}

export interface FieldChange {
  readonly field: string;
  /** Undefined: absent. */
  readonly from?: unknown;
  readonly to?: unknown;
}

export type Step =
  | { readonly kind: 'create'; readonly desired: DesiredCallback; readonly body: Record<string, unknown> }
  | {
      readonly kind: 'replace';
      readonly desired: DesiredCallback;
      readonly remote: RemoteCallback;
      readonly body: Record<string, unknown>;
      readonly changes: readonly FieldChange[];
    }
  | {
      readonly kind: 'update';
      readonly desired: DesiredCallback;
      readonly remote: RemoteCallback;
      /** The PUT body: `channel`, the changed fields, explicit `null` for the removed ones. */
      readonly body: Record<string, unknown>;
      readonly changes: readonly FieldChange[];
    }
  | { readonly kind: 'enable'; readonly desired: DesiredCallback; readonly remote?: RemoteCallback; readonly enabled: boolean }
  | { readonly kind: 'downlink'; readonly desired: DesiredCallback; readonly remote?: RemoteCallback }
  | { readonly kind: 'delete'; readonly deviceTypeId: string; readonly remote: RemoteCallback }
  | { readonly kind: 'unmanaged'; readonly deviceTypeId: string; readonly remote: RemoteCallback }
  | { readonly kind: 'unchanged'; readonly desired: DesiredCallback; readonly remote: RemoteCallback };

export interface Plan {
  /** In apply order: creates, replaces, enables, downlink selections, updates, deletes; then the rest. */
  readonly steps: readonly Step[];
  /** Files whose `id` the backend no longer has: planned as creates, said so. */
  readonly notes: readonly string[];
}

/** Whether applying the plan would change anything. */
export function hasChanges(plan: Plan): boolean {
  return plan.steps.some(s => s.kind !== 'unchanged' && s.kind !== 'unmanaged');
}

function isEmpty(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    value === '' ||
    (typeof value === 'object' && !Array.isArray(value) && Object.keys(value as object).length === 0)
  );
}

/**
 * The comparable state of a callback body, from either side: empty values dropped, fields of other
 * channels dropped (the API returns some undeclared ones), the payload config's whitespace
 * collapsed, `sendSni: false` as absent, and the default content type as absent (and no content
 * type at all for GET, which has no body).
 */
export function normalise(body: Readonly<Record<string, unknown>>): CallbackState {
  const channel = typeof body['channel'] === 'string' ? body['channel'] : undefined;
  const out: Record<string, unknown> = {};
  if (channel !== undefined) out['channel'] = channel;
  for (const key of ['callbackType', 'callbackSubtype']) if (!isEmpty(body[key])) out[key] = body[key];
  // The API's own list example returns a DATA e-mail callback without a subtype; an e-mail cannot
  // answer a downlink (BIDIR), so the only subtype it can have is UPLINK.
  if (channel === 'EMAIL' && out['callbackType'] === DATA && out['callbackSubtype'] === undefined) out['callbackSubtype'] = UPLINK;
  for (const field of BODY_FIELDS[channel ?? ''] ?? []) {
    let value = body[field];
    if (field === 'payloadConfig' && typeof value === 'string') value = value.trim().split(/\s+/).join(' ');
    if (field === 'sendSni' && value === false) value = undefined;
    if (field === 'contentType' && (value === DEFAULT_CONTENT_TYPE || body['httpMethod'] === 'GET')) value = undefined;
    if (!isEmpty(value)) out[field] = value;
  }
  return out;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (isEmpty(a) && isEmpty(b)) return true;
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

function sortKeys(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map(k => [k, (value as Record<string, unknown>)[k]]),
  );
}

/** Field-by-field differences between two normalised states, in a stable order. */
export function diffStates(remote: CallbackState, desired: CallbackState): FieldChange[] {
  const fields = [...new Set([...Object.keys(remote), ...Object.keys(desired)])];
  return fields
    .filter(f => !sameValue(remote[f], desired[f]))
    .map(f => ({
      field: f,
      ...(remote[f] !== undefined ? { from: remote[f] } : {}),
      ...(desired[f] !== undefined ? { to: desired[f] } : {}),
    }));
}

/** The create body: the normalised desired state (only documented fields, no `enabled`). */
export function createBody(desired: DesiredCallback): Record<string, unknown> {
  const state = normalise(desired.body);
  // A URL callback posting a body keeps its explicit content type on creation.
  const contentType = desired.body['contentType'];
  const out: Record<string, unknown> = { ...state };
  if (state['channel'] === 'URL' && typeof contentType === 'string' && desired.body['httpMethod'] !== 'GET')
    out['contentType'] = contentType;
  return out;
}

/** The PUT body for the changes: `channel` always (the variant), `null` for a removed field. */
export function updateBody(channel: unknown, changes: readonly FieldChange[]): Record<string, unknown> {
  const body: Record<string, unknown> = { channel };
  for (const c of changes) body[c.field] = c.to === undefined ? null : c.to;
  return body;
}

/** The key that matches a file without `id` to a backend callback: what the callback does. */
export function naturalKey(state: CallbackState): string {
  return JSON.stringify([
    state['channel'],
    state['callbackType'],
    state['callbackSubtype'] ?? null,
    state['url'] ?? state['recipient'] ?? null,
  ]);
}

/**
 * The plan: each desired callback matched to a backend callback of its device type, by `id` when
 * the file has one, else by what it does (channel, type, subtype, URL or recipient); backend
 * callbacks no file claims are unmanaged, deleted only with `prune`.
 */
export function planChanges(
  desired: readonly DesiredCallback[],
  remoteByDeviceType: ReadonlyMap<string, readonly RemoteCallback[]>,
  options: { readonly prune?: boolean } = {},
): Plan {
  const notes: string[] = [];
  const claimed = new Set<RemoteCallback>();
  const matches: { desired: DesiredCallback; remote?: RemoteCallback }[] = [];
  // Files with an id first, so a file without one cannot take a callback another file names.
  const ordered = [...desired].sort((a, b) => Number(b.id !== undefined) - Number(a.id !== undefined));
  for (const d of ordered) {
    const remotes = remoteByDeviceType.get(d.deviceTypeId) ?? [];
    let remote: RemoteCallback | undefined;
    if (d.id !== undefined) {
      remote = remotes.find(r => r.id === d.id && !claimed.has(r));
      if (!remote) notes.push(`${d.source}: callback ${d.id} is not in device type ${d.deviceTypeId} any more: it will be created again`);
    } else {
      const key = naturalKey(normalise(d.body));
      remote = remotes.find(r => !claimed.has(r) && naturalKey(normalise(r)) === key);
    }
    if (remote) claimed.add(remote);
    matches.push({ desired: d, ...(remote ? { remote } : {}) });
  }
  matches.sort((a, b) => desired.indexOf(a.desired) - desired.indexOf(b.desired));

  const creates: Step[] = [];
  const replaces: Step[] = [];
  const enables: Step[] = [];
  const downlinks: Step[] = [];
  const updates: Step[] = [];
  const unchanged: Step[] = [];
  for (const { desired: d, remote } of matches) {
    const wantsDownlink = d.downlink === true;
    if (!remote) {
      creates.push({ kind: 'create', desired: d, body: createBody(d) });
      enables.push({ kind: 'enable', desired: d, enabled: d.enabled ?? true });
      if (wantsDownlink) downlinks.push({ kind: 'downlink', desired: d });
      continue;
    }
    const changes = diffStates(normalise(remote), normalise(d.body));
    if (changes.some(c => (REPLACE_FIELDS as readonly string[]).includes(c.field))) {
      replaces.push({ kind: 'replace', desired: d, remote, body: createBody(d), changes });
      enables.push({ kind: 'enable', desired: d, remote, enabled: d.enabled ?? remote['enabled'] !== false });
      if (wantsDownlink || remote['downlinkHook'] === true) downlinks.push({ kind: 'downlink', desired: d, remote });
      continue;
    }
    let touched = false;
    if (d.enabled !== undefined && d.enabled !== (remote['enabled'] !== false)) {
      enables.push({ kind: 'enable', desired: d, remote, enabled: d.enabled });
      touched = true;
    }
    if (wantsDownlink && remote['downlinkHook'] !== true) {
      downlinks.push({ kind: 'downlink', desired: d, remote });
      touched = true;
    }
    if (changes.length > 0) {
      updates.push({ kind: 'update', desired: d, remote, body: updateBody(remote['channel'], changes), changes });
      touched = true;
    }
    if (!touched) unchanged.push({ kind: 'unchanged', desired: d, remote });
  }
  const deletes: Step[] = [];
  const unmanaged: Step[] = [];
  const deviceTypes = [...new Set(desired.map(d => d.deviceTypeId))];
  for (const deviceTypeId of deviceTypes) {
    for (const remote of remoteByDeviceType.get(deviceTypeId) ?? []) {
      if (claimed.has(remote)) continue;
      (options.prune ? deletes : unmanaged).push({ kind: options.prune ? 'delete' : 'unmanaged', deviceTypeId, remote });
    }
  }
  return { steps: [...creates, ...replaces, ...enables, ...downlinks, ...updates, ...deletes, ...unchanged, ...unmanaged], notes };
}

/** Whether a callback is a downlink-capable one (DATA / BIDIR). */
export function isBidir(state: CallbackState): boolean {
  return state['callbackType'] === DATA && state['callbackSubtype'] === BIDIR;
}
