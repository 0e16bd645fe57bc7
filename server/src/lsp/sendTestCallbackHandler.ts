/**
 * `sigfox/sendTestCallback`: the server sends one test callback for the editor (the client never
 * makes HTTP requests itself). The definition and the files it names are read through the host
 * (open buffers first), `${env:NAME}` comes from the server's environment, and everything the
 * simulator returns is already masked. The answer is plain JSON, with the same verdict as the
 * CLI's `send`.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { dirnameOf, resolveRelative } from '../core/associations';
import { definitionFileResolver } from '../core/projectPaths';
import type { CallbackProblem, Environment } from '../core/callback';
import { codeInfo } from '../core/diagnosticCodes';
import { kindOfUri, type WorkspaceHost } from '../core/workspace';
import type { SendTestCallbackParams, SendTestCallbackResponse, WireLocatedProblem } from '../protocol';
import { deliveryVerdict, sendTestCallback, SIGFOX_TIMEOUT_MS, statusText } from '../simulator';

export interface SendOptions {
  /** Values for `${env:NAME}` references: the server's process.env. */
  readonly env: Environment;
  /** Deadline for the answer; Sigfox's (10 s) by default. */
  readonly timeoutMs?: number;
}

const notSent = (message: string, problems: readonly WireLocatedProblem[] = []): SendTestCallbackResponse => ({
  outcome: 'not-sent',
  message,
  notes: [],
  problems,
});

export async function sendTestCallbackFor(
  host: WorkspaceHost,
  params: SendTestCallbackParams,
  options: SendOptions,
): Promise<SendTestCallbackResponse> {
  if (kindOfUri(params.uri) !== 'sfcallback') return notSent(`${params.uri} is not a callback definition (*.sfcallback.json).`);
  const definitionText = host.readText(params.uri);
  if (definitionText === undefined) return notSent(`The callback definition ${params.uri} cannot be read: it is neither open nor on disk.`);
  if (params.urlOverride !== undefined) {
    const problem = urlOverrideProblem(params.urlOverride);
    if (problem) return notSent(problem);
  }
  const result = await sendTestCallback({
    definitionText,
    resolver: definitionFileResolver(host, params.uri),
    hex: params.hex,
    ...(params.variables ? { variables: params.variables } : {}),
    ...(params.urlOverride !== undefined ? { urlOverride: params.urlOverride } : {}),
    env: options.env,
    timeoutMs: options.timeoutMs ?? SIGFOX_TIMEOUT_MS,
  });
  const { outcome, summary } = deliveryVerdict(result);
  const locate = (problems: readonly CallbackProblem[]): WireLocatedProblem[] => locateProblems(host, params.uri, definitionText, problems);
  if (!result.ok) {
    return {
      outcome,
      message: summary,
      ...(result.request ? { request: { ...result.request, body: result.request.body ?? null } } : {}),
      ...(result.timeMs !== undefined ? { timeMs: result.timeMs } : {}),
      notes: [],
      problems: locate(result.problems),
    };
  }
  const { request, response, bidir } = result;
  return {
    outcome,
    message: summary,
    request: { ...request, body: request.body ?? null },
    response: { status: response.status, statusText: statusText(response.status), headers: response.headers, body: response.body },
    timeMs: result.timeMs,
    ...(bidir
      ? { bidir: { valid: bidir.valid, noData: bidir.noData === true, downlinkHex: bidir.downlinkHex ?? null, problems: bidir.problems } }
      : {}),
    notes: result.notes.map(n => ({
      where: n.where,
      severity: codeInfo(n.problem.code).severity,
      code: n.problem.code,
      message: n.problem.message,
    })),
    problems: locate(result.warnings),
  };
}

/** As the CLI's `--url`: Sigfox calls only absolute http(s) URLs. */
function urlOverrideProblem(value: string): string | undefined {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url && (url.protocol === 'http:' || url.protocol === 'https:') && url.host !== '') return undefined;
  return `The URL to send to must be an absolute http:// or https:// URL, e.g. http://127.0.0.1:8080 (Sigfox calls only those); got ${JSON.stringify(value)}.`;
}

/** Each problem in the file it belongs to: the definition, or a file it names (`path`, relative to it). */
function locateProblems(
  host: WorkspaceHost,
  definitionUri: string,
  definitionText: string,
  problems: readonly CallbackProblem[],
): WireLocatedProblem[] {
  const documents = new Map<string, TextDocument>();
  const documentOf = (uri: string): TextDocument => {
    let document = documents.get(uri);
    if (!document)
      documents.set(
        uri,
        (document = TextDocument.create(uri, 'plaintext', 0, uri === definitionUri ? definitionText : (host.readText(uri) ?? ''))),
      );
    return document;
  };
  return problems.map(p => {
    const uri = p.path === undefined ? definitionUri : resolveRelative(dirnameOf(definitionUri), p.path);
    const document = documentOf(uri);
    return {
      uri,
      range: { start: document.positionAt(p.start), end: document.positionAt(p.end) },
      severity: codeInfo(p.code).severity,
      code: p.code,
      message: p.message,
    };
  });
}
