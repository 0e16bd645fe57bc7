/**
 * Secrets written in the file: an `Authorization` credential, a password or key in the URL. Each is
 * a warning whose quick fix replaces the literal with an `${env:NAME}` reference, which `build` and
 * `send` resolve from the environment (spec D15 recommends it); a connector's shared access key
 * likewise.
 */
import { scanTemplate } from '../template/scan';
import { stringLiteralOf } from './document';
import { envNameFrom, envReference, scanEnvReferences } from './envReference';
import type { JsonStringLiteral } from './jsonString';
import { headerProperties } from './checkHeaders';
import { azureServiceOf, KEY_ENV_NAMES } from './checkConnector';
import { checkConnectionString } from './connectionString';
import { connectorString, type CallbackDefinition } from './definition';
import type { Reporter } from './reporter';

/** Query parameter names that carry credentials. */
const SECRET_PARAM_RE =
  /^(?:api[-_]?key|key|token|access[-_]?token|auth|auth[-_]?token|secret|client[-_]?secret|password|passwd|pwd|sig|signature)$/i;

/** A secret written literally in a string of the file, with the reference proposed instead. */
export interface LiteralSecret {
  readonly literal: JsonStringLiteral;
  /** Offsets of the secret in the decoded string. */
  readonly start: number;
  readonly end: number;
  /** What holds it, for the message: "The Authorization credential". */
  readonly what: string;
  readonly envName: string;
}

export function findLiteralSecrets(definition: CallbackDefinition): LiteralSecret[] {
  const secrets: LiteralSecret[] = [];
  const host = hostOf(definition.string('url')?.value);
  for (const header of headerProperties(definition)) {
    if (header.key.toLowerCase() !== 'authorization') continue;
    const literal = stringLiteralOf(definition.text, header.valueNode);
    const credential = literal ? authorizationCredential(literal.value) : undefined;
    if (literal && credential && isLiteralText(literal.value.slice(credential.start, credential.end))) {
      secrets.push({ literal, ...credential, what: 'The Authorization credential', envName: envNameFrom(host ?? 'callback', 'token') });
    }
  }
  const url = definition.string('url');
  if (url && !definition.connector) secrets.push(...urlSecrets(url, host));
  const service = azureServiceOf(definition.connector?.info?.type);
  const connectionString = service ? connectorString(definition, 'connectionString') : undefined;
  const key = service && connectionString ? checkConnectionString(connectionString.value, service).literalKey : undefined;
  if (service && connectionString && key) {
    secrets.push({
      literal: connectionString,
      start: key.valueStart,
      end: key.end,
      what: 'The shared access key',
      envName: KEY_ENV_NAMES[service],
    });
  }
  return secrets;
}

export function checkSecrets(definition: CallbackDefinition, reporter: Reporter): void {
  for (const secret of findLiteralSecrets(definition)) {
    const reference = envReference(secret.envName);
    reporter.inString(
      'SFC028',
      secret.literal,
      secret.start,
      secret.end,
      `${secret.what} is written in the file, where anyone with the repository can read it. Reference an environment variable instead: ${reference} (resolved by \`build\` and \`send\`).`,
      { replacements: [reference], fixTitle: `Replace with ${reference}` },
    );
  }
}

/** A template value is literal text when it holds no placeholder and no environment reference. */
export function isLiteralText(text: string): boolean {
  return text.trim() !== '' && scanTemplate(text).placeholders.length === 0 && scanEnvReferences(text).references.length === 0;
}

/** The credential of an Authorization value (after `Bearer`, `Basic`... when there is a scheme). */
export function authorizationCredential(value: string): { start: number; end: number } {
  const scheme = /^\s*[A-Z][\w!#$%&'*+.^`|~-]*\s+(?=\S)/i.exec(value);
  const start = scheme ? scheme[0].length : 0;
  return { start, end: value.trimEnd().length };
}

/** A password in the URL's user info, and credential-named query parameters. */
function urlSecrets(url: JsonStringLiteral, host: string | undefined): LiteralSecret[] {
  const secrets: LiteralSecret[] = [];
  const value = url.value;
  const authority = /^[A-Z][A-Z0-9+.-]*:\/\/([^/?#@]*)@/i.exec(value);
  const colon = authority ? authority[1]!.indexOf(':') : -1;
  if (authority && colon >= 0) {
    const start = value.indexOf('://') + 3 + colon + 1;
    const password = authority[1]!.slice(colon + 1);
    if (isLiteralText(password))
      secrets.push({
        literal: url,
        start,
        end: start + password.length,
        what: 'The password in the URL',
        envName: envNameFrom(host ?? 'callback', 'password'),
      });
  }
  const query = value.indexOf('?');
  if (query < 0) return secrets;
  const fragment = value.indexOf('#', query);
  const end = fragment < 0 ? value.length : fragment;
  let start = query + 1;
  for (const pair of value.slice(query + 1, end).split('&')) {
    const equals = pair.indexOf('=');
    const name = pair.slice(0, Math.max(equals, 0));
    const secret = pair.slice(equals + 1);
    if (equals > 0 && SECRET_PARAM_RE.test(name) && isLiteralText(secret)) {
      const valueStart = start + equals + 1;
      secrets.push({
        literal: url,
        start: valueStart,
        end: valueStart + secret.length,
        what: `The credential in the URL parameter \`${name}\``,
        envName: envNameFrom(host ?? 'callback', name),
      });
    }
    start += pair.length + 1;
  }
  return secrets;
}

function hostOf(url: string | undefined): string | undefined {
  const match = url ? /^[A-Z][A-Z0-9+.-]*:\/\/(?:[^/?#@]*@)?([^/?#:]+)/i.exec(url) : null;
  const host = match?.[1];
  return host && isLiteralText(host) ? host.replace(/^www\./, '') : undefined;
}
