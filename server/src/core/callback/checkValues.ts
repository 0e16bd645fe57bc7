/**
 * The shape of single values: the callback URL (absolute http/https, once placeholders are
 * filled), the EMAIL recipient, and a JSON body sent without its content type.
 */
import { jsonBodyReason } from '../template/json';
import { scanTemplate } from '../template/scan';
import type { CallbackDefinition } from './definition';
import { isWholeEnvReference, scanEnvReferences } from './envReference';
import type { Reporter } from './reporter';
import { urlAmbiguity } from '../url';

/** The URL with each placeholder and `${env:...}` replaced by a plain word, as a stand-in for its value. */
function urlStandIn(url: string): string {
  const spans = [
    ...scanTemplate(url).placeholders.map(p => ({ start: p.start, end: p.end })),
    ...scanEnvReferences(url).references.map(r => ({ start: r.start, end: r.end })),
  ].sort((a, b) => a.start - b.start);
  let out = '';
  let pos = 0;
  for (const span of spans) {
    if (span.start < pos) continue;
    out += url.slice(pos, span.start) + 'value';
    pos = span.end;
  }
  return out + url.slice(pos);
}

export interface UrlIssue {
  readonly message: string;
  /** Offsets in the URL; the whole URL when undefined. */
  readonly start?: number;
  readonly end?: number;
  readonly replacement?: string;
}

/** Why the URL is not one Sigfox can call (absolute http/https with a host), or undefined. */
export function urlIssue(value: string): UrlIssue | undefined {
  if (isWholeEnvReference(value)) return undefined;
  if (value.trim() === '')
    return { message: 'The callback URL is empty: give the absolute URL Sigfox calls, e.g. "https://example.com/sigfox/{device}".' };
  if (value !== value.trim()) return { message: 'The callback URL starts or ends with white space: remove it.', replacement: value.trim() };
  const space = /\s/.exec(value);
  if (space)
    return {
      message: 'The callback URL contains white space, which is not allowed in a URL: percent-encode it (%20) or remove it.',
      start: space.index,
      end: space.index + 1,
    };
  const scheme = /^([A-Z][A-Z0-9+.-]*):\/\//i.exec(value);
  if (!scheme) {
    const fixed = `https://${value.replace(/^\/+/, '')}`;
    return {
      message: `The callback URL ${JSON.stringify(value)} is not absolute: Sigfox calls an http:// or https:// URL. Write ${JSON.stringify(fixed)}.`,
      replacement: fixed,
    };
  }
  const protocol = scheme[1]!.toLowerCase();
  if (protocol !== 'http' && protocol !== 'https') return { message: `Sigfox calls http:// and https:// URLs only, not ${scheme[1]}://.` };
  let parsed: URL | undefined;
  try {
    parsed = new URL(urlStandIn(value));
  } catch {
    parsed = undefined;
  }
  if (!parsed || parsed.hostname === '') {
    return {
      message: `The callback URL ${JSON.stringify(value)} has no valid host: write it as ${protocol}://<host>/<path>, e.g. "${protocol}://example.com/sigfox".`,
    };
  }
  // Checked, reported and sent with one parser: a URL two readers would send to different hosts is refused.
  const ambiguity = urlAmbiguity(value) ?? urlAmbiguity(urlStandIn(value));
  if (ambiguity) return ambiguity.start < value.length && value.includes('\\') ? ambiguity : { message: ambiguity.message };
  return undefined;
}

export function checkUrl(definition: CallbackDefinition, reporter: Reporter): void {
  const url = definition.string('url');
  if (!url || definition.connector) return;
  const issue = urlIssue(url.value);
  if (!issue) return;
  const data =
    issue.replacement !== undefined ? { replacements: [issue.replacement], fixTitle: `Change to ${issue.replacement}` } : undefined;
  if (issue.start !== undefined && issue.end !== undefined) reporter.inString('SFC025', url, issue.start, issue.end, issue.message, data);
  else
    reporter.at(
      'SFC025',
      url.start,
      url.end,
      issue.message,
      issue.replacement !== undefined
        ? { replacements: [JSON.stringify(issue.replacement)], fixTitle: `Change to ${issue.replacement}` }
        : undefined,
    );
}

const EMAIL_RE = /^[^\s@,;]+@[^\s,;@][^\s,.;@]*\.[^\s,;@]+$/;

export function checkRecipient(definition: CallbackDefinition, reporter: Reporter): void {
  const recipient = definition.string('recipient');
  if (!recipient || definition.channel !== 'EMAIL') return;
  const value = recipient.value;
  if (value.trim() === '') {
    reporter.at(
      'SFC033',
      recipient.start,
      recipient.end,
      'The recipient is empty: give the email address to send to, e.g. "ops@example.com".',
    );
    return;
  }
  let start = 0;
  for (const address of value.split(',')) {
    const trimmed = address.trim();
    const offset = start + address.indexOf(trimmed);
    if (!isWholeEnvReference(trimmed) && !EMAIL_RE.test(trimmed)) {
      reporter.inString(
        'SFC033',
        recipient,
        offset,
        offset + trimmed.length,
        `${JSON.stringify(trimmed)} is not an email address (name@domain); separate several recipients with commas.`,
      );
    }
    start += address.length + 1;
  }
}

/** Spec D14 and §2.4: without `contentType`, Sigfox posts a JSON-looking body as a form. */
export function checkJsonBodyContentType(definition: CallbackDefinition, bodyText: string | undefined, reporter: Reporter): void {
  if (bodyText === undefined || definition.connector || definition.channel !== 'URL' || definition.contentType !== undefined) return;
  if (definition.httpMethod !== 'POST' && definition.httpMethod !== 'PUT') return;
  // SFC021 already asks a DATA_ADVANCED callback for its JSON content type.
  if (definition.subtype === 'DATA_ADVANCED') return;
  if (jsonBodyReason(bodyText, scanTemplate(bodyText).placeholders, 'body') !== 'starts-like-json') return;
  const key = definition.property('bodyTemplate') ?? definition.property('bodyTemplateFile');
  if (!key) return;
  reporter.onNode(
    'SFC035',
    key.keyNode,
    'This body is JSON, but without `contentType` Sigfox sends it as application/x-www-form-urlencoded and the receiver may not parse it: add "contentType": "application/json".',
  );
}
