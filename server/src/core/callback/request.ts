/**
 * The HTTP request Sigfox sends for one frame, rendered from a built callback exactly as the
 * backend does (spec §2.3, §2.4, D10): placeholders replaced without escaping in the URL, the
 * header values and the body; a form body gets the URL's query parameters appended; a batch
 * callback sends one line per message (here: one message). Pure; the simulator sends it.
 */
import { analyzeGrammar } from '../grammar/analyze';
import { floatBitsOf } from '../grammar/fieldValue';
import { toHex } from '../hex';
import type { Problem } from '../problem';
import type { TemplateMedium } from '../template/json';
import { renderTemplate, type CustomDataInput } from '../template/render';
import type { BuiltCallback } from './build';
import { DEFAULT_CONTENT_TYPE, type HttpMethod } from './keys';
import { sampleVariables, type VariableValue } from './sampleVariables';
import { trimEndWhere } from '../util';

export interface RenderedRequest {
  readonly method: HttpMethod;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Undefined for a request without body (GET). */
  readonly body: string | undefined;
}

/** A problem found while rendering one of the request's templates (offsets in that template). */
export interface RenderNote {
  /** Which template: `url`, `header:<name>`, `body` or `linePattern`. */
  readonly where: string;
  readonly problem: Problem;
}

export interface RequestInput {
  readonly frame: Uint8Array;
  readonly variables?: Readonly<Record<string, VariableValue>>;
  /** Epoch seconds for `{time}` when `variables` gives none. */
  readonly timeSeconds: number;
  /**
   * Where to send instead of the callback's URL: its scheme, host and port replace the URL's, and
   * its path (if any) is put before the URL's path; the query stays. For a connector, the URL.
   */
  readonly urlOverride?: string;
}

export type RequestRendering =
  | {
      readonly ok: true;
      readonly request: RenderedRequest;
      readonly notes: readonly RenderNote[];
      readonly variables: Readonly<Record<string, string>>;
    }
  | { readonly ok: false; readonly message: string };

export function renderCallbackRequest(callback: BuiltCallback, input: RequestInput): RequestRendering {
  if (callback.channel === 'EMAIL') {
    return {
      ok: false,
      message: 'This is an EMAIL callback: Sigfox sends an email, not an HTTP request, so there is nothing to send to a server.',
    };
  }
  const templateUrl = callback.target === 'connector' ? input.urlOverride : callback.url;
  if (templateUrl === undefined) {
    return {
      ok: false,
      message:
        'A connector callback has no URL of its own (Sigfox delivers it to Azure or AWS): give a URL to send its JSON body to, e.g. a local test server.',
    };
  }
  const variables = sampleVariables({
    ...(callback.type ? { type: callback.type } : {}),
    ...(callback.subtype ? { subtype: callback.subtype } : {}),
    dataHex: toHex(input.frame),
    timeSeconds: input.timeSeconds,
    ...(input.variables ? { overrides: input.variables } : {}),
  });
  const customData = callback.payloadConfig !== undefined ? decodeCustomData(callback.payloadConfig, input.frame) : undefined;
  const notes: RenderNote[] = [];
  const render = (template: string, medium: TemplateMedium, where: string, contentType?: string): string => {
    const result = renderTemplate(template, {
      variables,
      medium,
      ...(customData ? { customData } : {}),
      ...(contentType !== undefined ? { contentType } : {}),
    });
    for (const problem of result.problems) notes.push({ where, problem });
    return result.text;
  };

  const method: HttpMethod = callback.target === 'connector' ? 'POST' : (callback.httpMethod ?? 'POST');
  let url = render(templateUrl, 'url', 'url');
  if (callback.target !== 'connector' && input.urlOverride !== undefined) url = overrideUrl(url, input.urlOverride);
  // Own properties, never assignment: a header named `__proto__` is sent and shown, not dropped.
  const headers: Record<string, string> = Object.fromEntries(
    callback.headers.map(header => [header.name, render(header.value, 'header', `header:${header.name}`)]),
  );
  for (const [name, value] of Object.entries(headers)) {
    const bad = INVALID_HEADER_VALUE.exec(value);
    if (bad) return { ok: false, message: invalidHeaderMessage(name, bad[0]) };
  }

  let body: string | undefined;
  if (method !== 'GET') {
    const contentType = callback.channel === 'BATCH_URL' ? 'text/plain' : (callback.contentType ?? DEFAULT_CONTENT_TYPE);
    if (callback.channel === 'BATCH_URL') {
      body = callback.linePattern !== undefined ? render(callback.linePattern, 'linePattern', 'linePattern') : '';
    } else {
      body = callback.bodyTemplate !== undefined ? render(callback.bodyTemplate, 'body', 'body', contentType) : '';
      if (contentType === 'application/x-www-form-urlencoded') body = withQueryParameters(body, url);
    }
    headers['Content-Type'] = contentType;
  }
  return { ok: true, request: { method, url, headers, body }, notes, variables };
}

/**
 * What HTTP/1.1 header values may hold (as Node checks them): tab, visible ASCII, Latin-1. A CR or
 * LF from a frame byte, a --var or an environment value would split the header; Node refuses it.
 */
const INVALID_HEADER_VALUE = /[^\t\x20-\x7E\x80-\xFF]/;

function invalidHeaderMessage(name: string, char: string): string {
  const code = char.codePointAt(0)!;
  const what =
    char === '\r' || char === '\n'
      ? 'a line break (CR or LF)'
      : code < 0x20 || code === 0x7f
        ? `the control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`
        : `the character U+${code.toString(16).toUpperCase().padStart(4, '0')}, outside Latin-1`;
  return `The header ${JSON.stringify(name)} would hold ${what} once rendered (from a variable, the frame or an environment value): an HTTP header cannot carry it, so the request cannot be sent. Check the values that go into this header.`;
}

/** Each payload field by name, decoded from the frame, in the form the renderer takes. */
export function decodeCustomData(payloadConfig: string, frame: Uint8Array): Map<string, CustomDataInput> {
  const grammar = analyzeGrammar(payloadConfig);
  const values = grammar.decoder.decode(frame).values;
  const out = new Map<string, CustomDataInput>();
  for (const [name, k] of grammar.fieldIndexByName) {
    const field = grammar.document.fields[k]!;
    const value = values[k];
    if (value === undefined || !field.type) continue;
    out.set(name, { value, type: field.type, floatBits: floatBitsOf(field) });
  }
  return out;
}

/** Spec §2.4: with a form body, the URL's query parameters are appended to the body. */
function withQueryParameters(body: string, url: string): string {
  const query = url.indexOf('?');
  if (query < 0) return body;
  const end = url.indexOf('#', query);
  const parameters = url.slice(query + 1, end < 0 ? undefined : end);
  if (parameters === '') return body;
  return body === '' ? parameters : `${body}&${parameters}`;
}

/** The rendered URL with its scheme, host and port replaced by the override's (text as rendered, not normalised). */
function overrideUrl(rendered: string, override: string): string {
  const authority = /^[A-Z][A-Z0-9+.-]*:\/\/[^/?#]*/i.exec(rendered);
  const rest = authority ? rendered.slice(authority[0].length) : rendered;
  const base = trimEndWhere(override, c => c === '/');
  return rest === '' || rest.startsWith('/') || rest.startsWith('?') || rest.startsWith('#') ? base + rest : `${base}/${rest}`;
}
