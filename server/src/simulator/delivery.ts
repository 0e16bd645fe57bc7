/**
 * Sends one test callback the way Sigfox would for a given frame: the definition is built (files
 * inlined, `${env:NAME}` resolved), the request rendered with the frame's decoded fields and the
 * variables (representative values where none is given), sent with Sigfox's 10 s deadline, and
 * for a DATA/BIDIR callback the answer checked as a downlink. Everything returned is masked.
 */
import {
  buildCallback,
  checkDownlinkReply,
  renderCallbackRequest,
  type BuiltCallback,
  type CallbackFileResolver,
  type CallbackProblem,
  type DownlinkReplyCheck,
  type Environment,
  type RenderNote,
  type VariableValue,
} from '../core/callback';
import { codeInfo } from '../core/diagnosticCodes';
import { parseHex } from '../core/hex';
import { urlAmbiguity } from '../core/url';
import { sendHttpRequest, SIGFOX_TIMEOUT_MS } from './http';
import { authorizationSecret, MASK, maskAuthorization, SecretMasker } from './mask';
import { plural } from '../core/util';

export interface SendTestCallbackOptions {
  readonly definitionText: string;
  /** Reads the files the definition names, relative to it. */
  readonly resolver: CallbackFileResolver;
  /** The uplink frame, in hex. */
  readonly hex: string;
  /** Values of `{device}`, `{time}`...; `{data}` always comes from `hex`. */
  readonly variables?: Readonly<Record<string, VariableValue>>;
  /** Send here instead: replaces the URL's scheme, host and port (and prefixes its path); required for a connector. */
  readonly urlOverride?: string;
  /** Values for `${env:NAME}` references (e.g. `process.env`). */
  readonly env?: Environment;
  /** A payload config (`.sfgrammar` text) to decode a BIDIR downlink with. */
  readonly downlinkGrammarText?: string;
  /** Deadline for the answer; Sigfox's is 10 s. */
  readonly timeoutMs?: number;
  /** Clock for the default `{time}`, in ms. */
  readonly now?: () => number;
}

export interface SentRequest {
  readonly method: string;
  /** As Node sends it (WHATWG serialisation), secrets masked. */
  readonly url: string;
  /** Names of the environment variables whose values the request carries (never the values). */
  readonly environmentVariables: readonly string[];
  /** Secrets masked. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;
}

export interface ReceivedResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export type SendFailureReason = 'invalid-frame' | 'invalid-definition' | 'not-sendable' | 'unsupported-url' | 'timeout' | 'network';

export type SimulatorDeliveryResult =
  | {
      readonly ok: true;
      readonly request: SentRequest;
      readonly response: ReceivedResponse;
      readonly timeMs: number;
      /** For DATA/BIDIR callbacks: whether the answer is a valid downlink answer, and the downlink. */
      readonly bidir?: DownlinkReplyCheck;
      /** Problems found while rendering (a value breaking the JSON body, a missing variable...). */
      readonly notes: readonly RenderNote[];
      /** Warnings of the definition and its files. */
      readonly warnings: readonly CallbackProblem[];
    }
  | {
      readonly ok: false;
      readonly reason: SendFailureReason;
      readonly message: string;
      /** For `invalid-definition`: what to fix. */
      readonly problems: readonly CallbackProblem[];
      /** Set once the request was rendered. */
      readonly request?: SentRequest;
      readonly timeMs?: number;
    };

export async function sendTestCallback(options: SendTestCallbackOptions): Promise<SimulatorDeliveryResult> {
  const frame = parseHex(options.hex);
  if (!frame.ok) return { ok: false, reason: 'invalid-frame', message: `The frame is not valid hex: ${frame.message}.`, problems: [] };
  // Checked here too, whoever calls: `http:` alone would pass the scheme check below and send to
  // whatever host the URL parser then makes of the path (`http:/echo` is http://echo/).
  if (options.urlOverride !== undefined && !isAbsoluteHttpUrl(options.urlOverride)) {
    return {
      ok: false,
      reason: 'unsupported-url',
      message: `Only absolute http:// and https:// URLs with a host can be called (as by Sigfox), not ${JSON.stringify(options.urlOverride)}.`,
      problems: [],
    };
  }

  const built = buildCallback(options.definitionText, options.resolver, options.env ?? {});
  if (!built.ok) {
    const errors = built.problems.filter(p => codeInfo(p.code).severity === 'error');
    return {
      ok: false,
      reason: 'invalid-definition',
      message: `The callback definition has ${plural(errors.length, 'error')}; fix them before sending.`,
      problems: built.problems,
    };
  }
  const { callback } = built;
  const now = options.now ?? Date.now;
  const rendering = renderCallbackRequest(callback, {
    frame: frame.bytes,
    timeSeconds: Math.floor(now() / 1000),
    ...(options.variables ? { variables: options.variables } : {}),
    ...(options.urlOverride !== undefined ? { urlOverride: options.urlOverride } : {}),
  });
  if (!rendering.ok) return { ok: false, reason: 'not-sendable', message: rendering.message, problems: [] };
  const { request } = rendering;
  // An Authorization value built from placeholders is a credential too, whatever its source.
  const authorization = Object.entries(request.headers)
    .filter(([name]) => name.toLowerCase() === 'authorization')
    .map(([, value]) => authorizationSecret(value));
  const masker = new SecretMasker([...callback.secretValues, ...authorization]);
  const sent: SentRequest = maskedRequest(options, callback, frame.bytes, now) ?? {
    method: request.method,
    url: masker.text(request.url),
    headers: masker.headers(request.headers),
    body: request.body === undefined ? undefined : masker.text(request.body),
    environmentVariables: callback.envNames,
  };

  let url: URL | undefined;
  try {
    url = new URL(request.url);
  } catch {
    url = undefined;
  }
  const ambiguity = url ? urlAmbiguity(request.url) : undefined;
  if (ambiguity) {
    return { ok: false, reason: 'unsupported-url', message: `Not sent: ${ambiguity.message}`, problems: [], request: sent };
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    const scheme = url ? url.protocol : 'no scheme';
    return {
      ok: false,
      reason: 'unsupported-url',
      message: `Only http:// and https:// URLs can be called (as by Sigfox), not ${JSON.stringify(sent.url)} (${scheme}).`,
      problems: [],
      request: sent,
    };
  }

  const outcome = await sendHttpRequest({
    method: request.method,
    url,
    headers: request.headers,
    body: request.body,
    timeoutMs: options.timeoutMs ?? SIGFOX_TIMEOUT_MS,
    sendSni: callback.sendSni ?? true,
  });
  if (!outcome.ok)
    return {
      ok: false,
      reason: outcome.reason,
      message: masker.text(outcome.message),
      problems: [],
      request: sent,
      timeMs: outcome.timeMs,
    };

  const response: ReceivedResponse = {
    status: outcome.response.status,
    headers: masker.headers(outcome.response.headers),
    body: masker.text(outcome.response.body),
  };
  const result = { ok: true as const, request: sent, response, timeMs: outcome.timeMs, notes: rendering.notes, warnings: built.warnings };
  if (callback.subtype !== 'BIDIR') return result;
  const bidir = checkDownlinkReply({
    status: outcome.response.status,
    headers: outcome.response.headers,
    body: outcome.response.body,
    deviceId: rendering.variables.device ?? '',
    ...(options.downlinkGrammarText !== undefined ? { downlinkGrammarText: options.downlinkGrammarText } : {}),
  });
  return { ...result, bidir: { ...bidir, problems: bidir.problems.map(p => ({ ...p, message: masker.text(p.message) })) } };
}

/**
 * The request as sent, with each environment value masked where it was substituted: the request
 * is rendered a second time with a unique marker for each variable, and the markers become
 * `****` (also inside the URL as the parser rewrites it: host lower-cased, `'` as %27).
 * Undefined when that rendering differs in shape (a value is checked, e.g. a connection string).
 */
function maskedRequest(
  options: SendTestCallbackOptions,
  callback: BuiltCallback,
  frame: Uint8Array,
  now: () => number,
): SentRequest | undefined {
  const nonce = Math.random().toString(36).slice(2, 10).replace(/\d/g, 'x');
  const marker = (i: number): string => `zq${nonce}${i.toString(36)}qz`;
  const markerPattern = new RegExp(`zq${nonce}[0-9a-z]+qz`, 'g');
  const markedEnv = Object.fromEntries(callback.envNames.map((name, i) => [name, marker(i)]));
  const built = buildCallback(options.definitionText, options.resolver, markedEnv);
  if (!built.ok) return undefined;
  const rendering = renderCallbackRequest(built.callback, {
    frame,
    timeSeconds: Math.floor(now() / 1000),
    ...(options.variables ? { variables: options.variables } : {}),
    ...(options.urlOverride !== undefined ? { urlOverride: options.urlOverride } : {}),
  });
  if (!rendering.ok) return undefined;
  // Markers out, then the secrets written in the file itself (whole tokens only); environment
  // values are masked by their markers alone, so `TOK=a` masks its own place and no other `a`.
  const envValues = new Set(callback.envNames.map(name => options.env?.[name]));
  const literal = new SecretMasker(callback.secretValues.filter(value => !envValues.has(value)));
  const unmark = (text: string): string => literal.text(text.replace(markerPattern, MASK));
  const { request } = rendering;
  let url: string;
  try {
    url = new URL(request.url).href;
  } catch {
    url = request.url;
  }
  return {
    method: request.method,
    url: unmark(url),
    headers: Object.fromEntries(
      Object.entries(request.headers).map(([name, value]) => [
        name,
        name.toLowerCase() === 'authorization' ? maskAuthorization(value) : unmark(value),
      ]),
    ),
    body: request.body === undefined ? undefined : unmark(request.body),
    environmentVariables: callback.envNames,
  };
}

function isAbsoluteHttpUrl(value: string): boolean {
  if (!/^https?:\/\/[^/?#]/i.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.host !== '';
  } catch {
    return false;
  }
}
