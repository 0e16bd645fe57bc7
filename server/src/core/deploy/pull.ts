/**
 * `pull`: the backend's callbacks as definition files. Each callback becomes NAME.sfcallback.json
 * with its payload config and body template in NAME.sfgrammar / NAME.sftemplate beside it. Every
 * credential (what SFC028 flags, plus headers named like a key or token) is replaced by an
 * `${env:NAME}` reference: the values stay in memory and are never part of the result's text.
 */
import { findLiteralSecrets } from '../callback/checks';
import { readCallbackDefinition } from '../callback/definition';
import { envNameFrom, envReference } from '../callback/envReference';
import { trimWhere } from '../util';
import { normalise, type RemoteCallback } from './plan';

/** Header names whose whole value is a credential. */
const SECRET_HEADER_RE = /(?:^|[-_])(?:api[-_]?key|key|token|secret|password|passwd|signature|auth)$/i;

export interface PulledFile {
  /** File name, no directory. */
  readonly name: string;
  readonly text: string;
}

export interface PulledCallback {
  readonly id: string;
  readonly stem: string;
  readonly files: readonly PulledFile[];
}

export interface PullResult {
  readonly callbacks: readonly PulledCallback[];
  /** Environment variables the files reference, to set before plan/apply; names only. */
  readonly envNames: readonly string[];
  /** Callbacks that could not be written (unknown channel, read-only GEOLOC), said rather than dropped. */
  readonly skipped: readonly { readonly id: string; readonly reason: string }[];
}

const CHANNELS = new Set(['URL', 'BATCH_URL', 'EMAIL']);
const SERVICE = 1;
const GEOLOC = 1;

/**
 * The files for the callbacks of one device type. Names come from the URL host and path (or the
 * email recipient), with the type/subtype when that alone is ambiguous; callbacks are taken in id
 * order so the same backend always gives the same names, and a `-2`, `-3`... suffix keeps them
 * apart. `taken` holds stems already used in the directory by other callbacks (kept free).
 */
export function pullCallbacks(
  deviceTypeId: string,
  remotes: readonly RemoteCallback[],
  taken: ReadonlySet<string> = new Set(),
): PullResult {
  const used = new Set(taken);
  const secrets = new Map<string, string>(); // env name -> value (in memory only, to keep names apart)
  const callbacks: PulledCallback[] = [];
  const skipped: { id: string; reason: string }[] = [];
  for (const remote of [...remotes].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const channel = remote['channel'];
    if (typeof channel !== 'string' || !CHANNELS.has(channel)) {
      skipped.push({
        id: remote.id,
        reason: `channel ${JSON.stringify(channel)} is not one the files can describe (URL, BATCH_URL, EMAIL)`,
      });
      continue;
    }
    if (remote['callbackType'] === SERVICE && remote['callbackSubtype'] === GEOLOC) {
      // Read-only in the API (kept for migration only): a file for it could never be planned.
      skipped.push({
        id: remote.id,
        reason:
          'GEOLOC callbacks are read-only (they can no longer be created or edited); it stays unmanaged: move to a DATA_ADVANCED callback (subtype 6)',
      });
      continue;
    }
    let stem = stemOf(remote);
    for (let n = 2; used.has(stem); n++) stem = `${stemOf(remote)}-${n}`;
    used.add(stem);
    callbacks.push(definitionFiles(deviceTypeId, remote, stem, secrets));
  }
  return { callbacks, envNames: [...secrets.keys()].sort(), skipped };
}

function definitionFiles(deviceTypeId: string, remote: RemoteCallback, stem: string, secrets: Map<string, string>): PulledCallback {
  const state = normalise(remote);
  const files: PulledFile[] = [];
  const definition: Record<string, unknown> = { deviceTypeId, id: remote.id };
  definition['channel'] = state['channel'];
  definition['callbackType'] = state['callbackType'];
  if (state['callbackSubtype'] !== undefined) definition['callbackSubtype'] = state['callbackSubtype'];
  definition['enabled'] = remote['enabled'] !== false;
  if (remote['downlinkHook'] === true) definition['downlinkHook'] = true;
  for (const [key, value] of Object.entries(state)) {
    if (key === 'channel' || key === 'callbackType' || key === 'callbackSubtype') continue;
    if (key === 'payloadConfig') {
      files.push({ name: `${stem}.sfgrammar`, text: `${String(value)}\n` });
      definition['payloadConfigFile'] = `./${stem}.sfgrammar`;
    } else if (key === 'bodyTemplate') {
      files.push({ name: `${stem}.sftemplate`, text: `${String(value)}\n` });
      definition['bodyTemplateFile'] = `./${stem}.sftemplate`;
    } else {
      definition[key] = value;
    }
  }
  // The content type the backend shows for a POST/PUT is kept even when it is the default.
  if (
    state['channel'] === 'URL' &&
    typeof remote['contentType'] === 'string' &&
    remote['httpMethod'] !== 'GET' &&
    remote['contentType'] !== ''
  )
    definition['contentType'] = remote['contentType'];
  const headers = definition['headers'] as Record<string, unknown> | undefined;
  const host = hostOf(typeof definition['url'] === 'string' ? definition['url'] : undefined);
  if (headers) {
    const out: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(headers)) {
      out[name] =
        typeof value === 'string' && SECRET_HEADER_RE.test(name) && name.toLowerCase() !== 'authorization' && value !== ''
          ? envReference(claimName(envNameFrom(host ?? 'callback', name), value, secrets))
          : value;
    }
    definition['headers'] = out;
  }
  // What SFC028 would flag (Authorization credential, URL password, key in the query) in turn.
  for (let guard = 0; guard < 20; guard++) {
    const found = findLiteralSecrets(readCallbackDefinition(JSON.stringify(definition)))[0];
    if (!found) break;
    const value = found.literal.value;
    const secret = value.slice(found.start, found.end);
    const replaced = value.slice(0, found.start) + envReference(claimName(found.envName, secret, secrets)) + value.slice(found.end);
    if (definition['url'] === value) definition['url'] = replaced;
    else if (headers) {
      const h = definition['headers'] as Record<string, unknown>;
      for (const k of Object.keys(h)) if (h[k] === value) h[k] = replaced;
    }
  }
  files.unshift({ name: `${stem}.sfcallback.json`, text: `${JSON.stringify(definition, null, 2)}\n` });
  return { id: remote.id, stem, files };
}

/** An env name for the value: the same value reuses its name, another value gets NAME_2... */
function claimName(base: string, value: string, secrets: Map<string, string>): string {
  let name = base;
  for (let n = 2; secrets.has(name) && secrets.get(name) !== value; n++) name = `${base}_${n}`;
  secrets.set(name, value);
  return name;
}

const TYPE_NAMES: Record<string, string> = {
  '0/2': 'uplink',
  '0/3': 'bidir',
  '1/0': 'status',
  '1/1': 'geoloc',
  '1/4': 'acknowledge',
  '1/5': 'repeater',
  '1/6': 'data-advanced',
  '2/': 'error',
};

function stemOf(remote: RemoteCallback): string {
  const type =
    TYPE_NAMES[`${String(remote['callbackType'])}/${remote['callbackType'] === 2 ? '' : String(remote['callbackSubtype'])}`] ?? 'callback';
  const url = typeof remote['url'] === 'string' ? remote['url'] : undefined;
  let base: string;
  if (url) {
    const match = /^[a-z][a-z0-9+.-]*:\/\/(?:[^/?#@]*@)?([^/?#:]+)(?::\d+)?([^?#]*)/i.exec(url);
    base = `${match?.[1] ?? ''}${(match?.[2] ?? '').replace(/\{[^{}]*\}/g, '')}`;
  } else {
    base = `email-${String(remote['recipient'] ?? '').split(/[@,;\s]/)[0] ?? ''}`;
  }
  const dashed = base
    .toLowerCase()
    .replace(/^www\./, '')
    .replace(/[^a-z0-9]+/g, '-');
  const slug = trimWhere(trimWhere(dashed, c => c === '-').slice(0, 60), c => c === '-');
  return `${slug || 'callback'}-${type}`;
}

function hostOf(url: string | undefined): string | undefined {
  const match = url ? /^[a-z][a-z0-9+.-]*:\/\/(?:[^/?#@]*@)?([^/?#:]+)/i.exec(url) : null;
  return match?.[1]?.replace(/^www\./, '');
}
