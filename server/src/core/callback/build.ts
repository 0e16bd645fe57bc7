/**
 * `build`: a callback definition turned into the Sigfox API v2 create body (spec §2.6), ready to
 * POST to /device-types/{id}/callbacks. Files are inlined (the payload config as its canonical
 * one-liner), `${env:NAME}` references resolved, local keys dropped. Refused while the definition
 * or a file it names has errors, or an environment variable is missing.
 *
 * Connectors: the API v2 has no connector fields (spec §2.7), so a connector callback cannot be
 * created through it. Its build (`target: 'connector'`) holds what the backend's connector form
 * asks for: type and subtype, payload config, the JSON body, and the `connector` block with its
 * references resolved. The CLI should say so rather than POST it.
 */
import { canonicalConfig } from '../grammar/parse';
import { codeInfo } from '../diagnosticCodes';
import { problem } from '../problem';
import type { CallbackSubtypeName, CallbackTypeName } from '../template/variables';
import { regionIssue, roleArnIssue } from './aws';
import { azureServiceOf, findLiteralSecrets, headerProperties, urlIssue } from './checks';
import { checkConnectionString } from './connectionString';
import { connectorString, type CallbackDefinition } from './definition';
import { stringLiteralOf } from './document';
import { resolveEnvReferences, scanEnvReferences, type Environment } from './envReference';
import { toRawRange, type JsonStringLiteral } from './jsonString';
import type { Channel, ConnectorType, HttpMethod } from './keys';
import { resolveReference, type CallbackFileResolver } from './references';
import { analyzeCallback, referencedFileProblems, type CallbackProblem } from './validate';

/** A built callback, typed: what the simulator renders and sends. Secrets are resolved. */
export interface BuiltCallback {
  readonly target: 'api' | 'connector';
  readonly channel?: Channel;
  readonly type: CallbackTypeName;
  readonly subtype?: CallbackSubtypeName;
  readonly typeCode: number;
  readonly subtypeCode?: number;
  /** The canonical one-liner. */
  readonly payloadConfig?: string;
  readonly url?: string;
  readonly httpMethod?: HttpMethod;
  /** In file order. */
  readonly headers: readonly { readonly name: string; readonly value: string }[];
  readonly sendSni?: boolean;
  readonly bodyTemplate?: string;
  readonly contentType?: string;
  readonly linePattern?: string;
  readonly recipient?: string;
  readonly subject?: string;
  readonly message?: string;
  readonly connector?: { readonly type: ConnectorType } & Readonly<Record<string, string | boolean>>;
  /**
   * Every secret in the result: values read from the environment, and credentials written in the
   * file. For masking in logs and reports; never show them.
   */
  readonly secretValues: readonly string[];
  /** Names of the environment variables whose values the callback holds, sorted. */
  readonly envNames: readonly string[];
}

export type BuildResult =
  | {
      readonly ok: true;
      readonly json: Record<string, unknown>;
      readonly callback: BuiltCallback;
      readonly warnings: readonly CallbackProblem[];
    }
  | {
      readonly ok: false;
      readonly problems: readonly CallbackProblem[];
      /** The `${env:NAME}` without a value (SFC101), when those stopped the build: what to ask for. */
      readonly missingEnvironment?: readonly string[];
    };

export function buildCallback(text: string, resolver: CallbackFileResolver, env: Environment = {}): BuildResult {
  const analysis = analyzeCallback(text, resolver);
  const problems: CallbackProblem[] = [...analysis.problems, ...referencedFileProblems(analysis, resolver)];
  if (problems.some(isError)) return { ok: false, problems };
  const { definition, grammar } = analysis;
  const resolution = new EnvResolution(env);

  const typeCode = definition.property('callbackType')!.valueNode!.value as number;
  const type = definition.type!;
  const subtypeNode = definition.property('callbackSubtype')?.valueNode;
  const subtypeCode = subtypeNode?.type === 'number' ? (subtypeNode.value as number) : undefined;
  const subtype = definition.subtype;
  const payloadConfig = grammar.grammar ? canonicalConfig(grammar.grammar.document) : undefined;
  const body = resolveReference(definition, 'bodyTemplate', resolver).embedded;
  const bodyTemplate =
    body === undefined
      ? undefined
      : body.source === 'inline'
        ? resolution.string(body.literal)
        : // Template files are data, not configuration: `${env:...}` in them stays as written, so a
          // template cannot pull HOME or GITHUB_TOKEN out of the environment. Only the definition's
          // own strings (url, headers, connector...) are resolved.
          withoutFinalNewline(body.text);
  const boolean = (key: string): boolean | undefined => {
    const node = definition.property(key)?.valueNode;
    return node?.type === 'boolean' ? (node.value as boolean) : undefined;
  };
  const resolvedString = (key: string): string | undefined => {
    const literal = definition.string(key);
    return literal ? resolution.string(literal) : undefined;
  };
  const headers = headerProperties(definition).flatMap(h => {
    const literal = stringLiteralOf(text, h.valueNode);
    return literal ? [{ name: h.key, value: resolution.string(literal) }] : [];
  });
  // Secrets written in the file (already warned about) are masked like resolved ones.
  for (const secret of findLiteralSecrets(definition)) resolution.secrets.add(secret.literal.value.slice(secret.start, secret.end));

  const connector = definition.connector ? resolveConnector(definition, resolution) : undefined;
  const url = definition.connector ? undefined : resolvedString('url');
  // Resolved before the check below, like every other string: a missing variable is SFC101 here too.
  const linePattern = resolvedString('linePattern');
  const recipient = resolvedString('recipient');
  const subject = resolvedString('subject');
  const message = resolvedString('message');
  const urlLiteral = definition.string('url');
  if (url !== undefined && urlLiteral && scanEnvReferences(urlLiteral.value).references.length > 0) {
    const issue = urlIssue(url);
    if (issue)
      resolution.invalid(urlLiteral, `The URL built from ${names(urlLiteral)} is not an absolute http:// or https:// URL with a host.`);
    else if (envMovesHost(urlLiteral.value, resolution.env)) {
      resolution.invalid(
        urlLiteral,
        `A value read from ${names(urlLiteral)} into the URL's host or user info holds \`@\`, \`/\`, \`?\`, \`#\` or \`\\\`, which would send the request (and its credentials) to another host than the one written: percent-encode it in the environment.`,
      );
    }
  }
  if (resolution.problems.length > 0)
    return {
      ok: false,
      problems: [...problems, ...resolution.problems],
      ...(resolution.missing.size > 0 ? { missingEnvironment: [...resolution.missing].sort() } : {}),
    };

  const callback: BuiltCallback = compact({
    target: definition.connector ? 'connector' : 'api',
    channel: definition.connector ? undefined : definition.channel,
    type,
    subtype,
    typeCode,
    subtypeCode,
    payloadConfig,
    url,
    httpMethod: definition.connector ? undefined : definition.httpMethod,
    headers,
    sendSni: boolean('sendSni'),
    bodyTemplate,
    contentType: definition.connector ? 'application/json' : definition.contentType,
    linePattern,
    recipient,
    subject,
    message,
    connector,
    secretValues: [...resolution.secrets],
    envNames: [...resolution.names].sort(),
  });
  return { ok: true, json: apiJson(callback, boolean('enabled'), boolean('sendDuplicate')), callback, warnings: problems };
}

/** The API body, keys in the order of the API documentation. */
function apiJson(callback: BuiltCallback, enabled: boolean | undefined, sendDuplicate: boolean | undefined): Record<string, unknown> {
  return compact({
    channel: callback.channel,
    callbackType: callback.typeCode,
    callbackSubtype: callback.subtypeCode,
    payloadConfig: callback.payloadConfig,
    url: callback.url,
    httpMethod: callback.httpMethod,
    headers: callback.headers.length > 0 ? Object.fromEntries(callback.headers.map(h => [h.name, h.value])) : undefined,
    sendSni: callback.sendSni,
    bodyTemplate: callback.bodyTemplate,
    contentType: callback.contentType,
    linePattern: callback.linePattern,
    recipient: callback.recipient,
    subject: callback.subject,
    message: callback.message,
    enabled,
    sendDuplicate,
    connector: callback.connector,
  });
}

function resolveConnector(definition: CallbackDefinition, resolution: EnvResolution): BuiltCallback['connector'] {
  const block = definition.connector!;
  const info = block.info!;
  const out: Record<string, string | boolean> = { type: info.type };
  for (const key of info.keys) {
    if (key.name === 'type') continue;
    const node = block.properties.find(p => p.key === key.name)?.valueNode;
    if (node?.type === 'boolean') out[key.name] = node.value as boolean;
    const literal = connectorString(definition, key.name);
    if (!literal) continue;
    const value = resolution.string(literal);
    out[key.name] = value;
    if (scanEnvReferences(literal.value).references.length === 0 || resolution.hasMissing(literal)) continue;
    // Read from the environment: its shape could not be checked in the file.
    const service = azureServiceOf(info.type);
    if (key.name === 'connectionString' && service) {
      const issue = checkConnectionString(value, service).issues[0];
      if (issue)
        resolution.invalid(literal, `The ${info.label} connection string built from ${names(literal)} is not valid: ${issue.message}.`);
    } else if (key.name === 'roleArn' && roleArnIssue(value)) {
      resolution.invalid(
        literal,
        `The role ARN read from ${names(literal)} is not an IAM role ARN (arn:aws:iam::<12-digit account id>:role/<role name>).`,
      );
    } else if (key.name === 'region' && regionIssue(value)) {
      resolution.invalid(literal, `The region read from ${names(literal)} is not an AWS region code such as eu-west-1.`);
    }
  }
  const service = azureServiceOf(info.type);
  // The key read from the environment may be the whole connection string: mask the key part too.
  if (service && typeof out.connectionString === 'string') {
    const key = checkConnectionString(out.connectionString, service).parts.find(p => p.key === 'SharedAccessKey');
    if (key?.value) resolution.secrets.add(key.value);
  }
  return out as BuiltCallback['connector'];
}

/**
 * True when an `${env:NAME}` written in the URL's authority (user info, host, port) resolves to a
 * value with a character that ends or splits the authority: the request would go elsewhere than
 * the host the file shows, with the file's credentials.
 */
function envMovesHost(written: string, env: Environment): boolean {
  const scheme = written.indexOf('://');
  if (scheme < 0) return false;
  const rest = written.slice(scheme + 3);
  const authorityEnd = scheme + 3 + (rest.search(/[/?#]/) < 0 ? rest.length : rest.search(/[/?#]/));
  return scanEnvReferences(written).references.some(ref => {
    if (ref.start >= authorityEnd) return false;
    const value = Object.prototype.hasOwnProperty.call(env, ref.name) ? env[ref.name] : undefined;
    return typeof value === 'string' && /[@/?#\\]/.test(value);
  });
}

/** `${env:A}`, `${env:A} and ${env:B}`: the references of a string, for messages (never the values). */
function names(literal: JsonStringLiteral): string {
  return scanEnvReferences(literal.value)
    .references.map(r => `\${env:${r.name}}`)
    .join(' and ');
}

/** Resolves `${env:NAME}` references, collecting missing variables as problems and values as secrets. */
class EnvResolution {
  readonly problems: CallbackProblem[] = [];
  readonly secrets = new Set<string>();
  readonly names = new Set<string>();
  readonly missing = new Set<string>();
  private readonly missingIn = new Set<JsonStringLiteral>();

  constructor(readonly env: Environment) {}

  string(literal: JsonStringLiteral): string {
    const resolved = resolveEnvReferences(literal.value, this.env);
    for (const value of resolved.substituted) this.secrets.add(value);
    for (const name of resolved.names) this.names.add(name);
    if (resolved.missing.length > 0) this.missingIn.add(literal);
    for (const ref of resolved.missing) {
      this.missing.add(ref.name);
      const range = toRawRange(literal, ref.start, ref.end);
      this.problems.push(
        problem(
          'SFC101',
          range.start,
          range.end,
          `The environment variable ${ref.name} is not set (or empty), so \`\${env:${ref.name}}\` cannot be resolved: set it before building or sending (e.g. \`export ${ref.name}=...\`).`,
        ),
      );
    }
    return resolved.value;
  }

  hasMissing(literal: JsonStringLiteral): boolean {
    return this.missingIn.has(literal);
  }

  invalid(literal: JsonStringLiteral, message: string): void {
    this.problems.push(problem('SFC102', literal.start, literal.end, `${message} Check the environment variable's value.`));
  }
}

function isError(p: CallbackProblem): boolean {
  return codeInfo(p.code).severity === 'error';
}

/** Editors end files with a line break that is not part of the body. */
function withoutFinalNewline(text: string): string {
  return text.endsWith('\r\n') ? text.slice(0, -2) : text.endsWith('\n') ? text.slice(0, -1) : text;
}

/** The object without its undefined properties (JSON output and exact optional types). */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
