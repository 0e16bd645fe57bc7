import { STATUS_CODES } from 'node:http';
import { codeInfo } from '../../core/diagnosticCodes';
import { DOWNLINK_BYTES, type AnalyzedGrammar } from '../../core/grammar/analyze';
import { fieldValueToJson } from '../../core/grammar/fieldValue';
import { parseHex } from '../../core/hex';
import {
  deliveryVerdict,
  sendTestCallback,
  SIGFOX_TIMEOUT_MS,
  statusLine,
  type DeliveryOutcome,
  type ReceivedResponse,
  type SimulatorDeliveryResult,
  type SentRequest,
} from '../../simulator';
import type { DownlinkReplyCheck, RenderNote } from '../../core/callback';
import { choice, parseCommandArgs } from '../args';
import { loadCallbackDefinition, locateProblems, parseVariables, problemsJson, problemsReport } from '../callbackInput';
import { loadEnvironment } from '../envFile';
import { CliError, UsageError } from '../errors';
import { ExitCode } from '../exitCodes';
import { table } from '../frameFormats';
import type { CheckedFile } from '../formatters/types';
import { loadGrammarFile, type GrammarInput } from '../grammarInput';
import { SEND_HELP } from '../help';
import type { CliIo } from '../io';
import { escapeControls, writeAll } from '../output';
import { readTextFile } from '../textFile';

const FORMATS = ['text', 'json'] as const;

const OPTIONS = {
  hex: { type: 'string', short: 'x' },
  var: { type: 'string', multiple: true },
  url: { type: 'string', short: 'u' },
  'downlink-grammar': { type: 'string' },
  'timeout-ms': { type: 'string' },
  dotenv: { type: 'string' },
  format: { type: 'string', short: 'f' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Downlink frames are 8 bytes (spec D11): the downlink payload config is checked against that. */

/** How the delivery went, as Sigfox would see it (never `not-sent` here: that stops before the report). */
type Outcome = DeliveryOutcome;

/**
 * `sigfox-callbacks send FILE.sfcallback.json --hex HEX`: renders the callback for the frame as
 * Sigfox would, sends it (node http/https, Sigfox's 10 s deadline) and reports the request, the
 * answer and, for DATA/BIDIR, whether the answer is a valid downlink reply. Secrets are masked by
 * the simulator before anything reaches this command. Exit 0 when Sigfox would count the delivery
 * as done (2xx, valid BIDIR reply), 1 when not (other status, bad reply, timeout, network error),
 * 2 when nothing could be sent (bad arguments, a definition with errors, a missing variable).
 */
export async function sendCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs('send', args, OPTIONS);
  if (values['help']) {
    await writeAll(io.stdout, SEND_HELP);
    return ExitCode.Clean;
  }
  const format = choice('send', 'format', values['format'], FORMATS, 'text');
  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length === 0
        ? 'send takes one callback definition: sigfox-callbacks send FILE.sfcallback.json --hex HEX'
        : `send takes one callback definition, got ${positionals.length}: ${positionals.join(' ')}`,
      'send',
    );
  }
  const hexArg = values['hex'];
  if (typeof hexArg !== 'string') throw new UsageError('send needs the uplink frame to send, in hex: --hex C01234', 'send');
  const hex = parseHex(hexArg);
  if (!hex.ok) throw new CliError(`--hex ${JSON.stringify(hexArg)}: ${hex.message}`);
  const variables = parseVariables(values['var'] as string[] | undefined, 'send');
  if (Object.prototype.hasOwnProperty.call(variables, 'data'))
    throw new UsageError('--var data=...: {data} is the frame; give it with --hex', 'send');
  const urlOverride = values['url'] as string | undefined;
  if (urlOverride !== undefined) checkUrlOption(urlOverride);
  const timeoutMs = timeoutOption(values['timeout-ms']);

  const input = loadCallbackDefinition(positionals[0]!, io, 'send');
  const downlinkFile = values['downlink-grammar'] as string | undefined;
  // A downlink config with errors would decode the reply wrongly: refused before anything is sent.
  const downlink = downlinkFile === undefined ? undefined : loadGrammarFile(downlinkFile, io.cwd, DOWNLINK_BYTES);
  const env = loadEnvironment(io, values['dotenv'] as string | undefined);

  const result = await sendTestCallback({
    definitionText: input.text,
    resolver: input.resolver,
    hex: hexArg,
    variables,
    env,
    timeoutMs,
    ...(urlOverride !== undefined ? { urlOverride } : {}),
    ...(downlink ? { downlinkGrammarText: readTextFile(downlink.path, downlink.display) } : {}),
  });

  if (!result.ok && result.reason !== 'timeout' && result.reason !== 'network') {
    if (result.reason === 'invalid-definition') {
      const files = locateProblems(input, result.problems, io.cwd);
      const errors = files.reduce((n, f) => n + f.diagnostics.filter(d => d.severity === 1).length, 0);
      await writeAll(
        io.stderr,
        `${problemsReport(files, io)}sigfox-callbacks: ${input.display}: not sent: fix the ${errors === 1 ? 'error' : `${errors} errors`} above\n`,
      );
      return ExitCode.Usage;
    }
    throw new CliError(`${input.display}: not sent: ${result.message}`);
  }

  const warnings = result.ok ? locateProblems(input, result.warnings, io.cwd) : [];
  const report = new SendReport(result, downlink);
  if (format === 'json') {
    await writeAll(io.stdout, report.json(warnings));
  } else {
    // The response (status text, headers, body) comes from the server: escaped for the terminal.
    await writeAll(io.stdout, escapeControls(report.text()));
    let stderr = problemsReport(warnings, io);
    for (const note of report.notes)
      stderr += `rendered ${note.where}: ${note.severity}: ${escapeControls(note.message, true)} [${note.code}]\n`;
    if (downlink && result.ok && !result.bidir)
      stderr += `sigfox-callbacks: note: --downlink-grammar is not used: ${input.display} is not a DATA/BIDIR callback, so its answer carries no downlink\n`;
    await writeAll(io.stderr, stderr);
  }
  return report.outcome === 'delivered' ? ExitCode.Clean : ExitCode.Problems;
}

function checkUrlOption(value: string): void {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.host === '') {
    throw new UsageError(
      `--url takes an absolute http:// or https:// URL, e.g. --url http://127.0.0.1:8080 (as Sigfox calls only those); got ${JSON.stringify(value)}`,
      'send',
    );
  }
}

function timeoutOption(value: unknown): number {
  if (value === undefined) return SIGFOX_TIMEOUT_MS;
  if (typeof value === 'string' && /^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 2 ** 31 - 1) return Number(value);
  throw new UsageError(
    `--timeout-ms takes a whole number of milliseconds >= 1, e.g. --timeout-ms 2000 (Sigfox waits ${SIGFOX_TIMEOUT_MS}); got ${JSON.stringify(value)}`,
    'send',
  );
}

interface NoteLine {
  readonly where: string;
  readonly severity: string;
  readonly code: string;
  readonly message: string;
}

type Delivery =
  Exclude<SimulatorDeliveryResult, { ok: false }> | Extract<SimulatorDeliveryResult, { ok: false; reason: 'timeout' | 'network' }>;

/** The outcome of one send, as readable text or one JSON object; built whole, then written. */
class SendReport {
  readonly outcome: Outcome;
  readonly summary: string;
  readonly notes: readonly NoteLine[];

  constructor(
    private readonly result: SimulatorDeliveryResult,
    private readonly downlink: GrammarInput | undefined,
  ) {
    this.notes = result.ok ? result.notes.map(noteLine) : [];
    // The editor's "Send Test Callback" gives the same verdict (simulator/verdict.ts).
    const verdict = deliveryVerdict(result);
    this.outcome = verdict.outcome;
    this.summary = verdict.summary;
  }

  text(): string {
    const result = this.result as Delivery;
    const parts: string[] = [];
    if (result.request) parts.push(requestText(result.request));
    if (result.ok) {
      parts.push(responseText(result.response, result.timeMs));
      if (result.bidir) parts.push(this.bidirText(result.bidir));
    }
    parts.push(`${this.outcome === 'delivered' ? '✔' : '✖'} ${this.summary}\n`);
    return parts.join('\n');
  }

  json(warnings: readonly CheckedFile[]): string {
    const result = this.result as Delivery;
    const out: Record<string, unknown> = {
      ok: this.outcome === 'delivered',
      outcome: this.outcome,
      message: this.summary,
      request: result.request ? { ...result.request, body: result.request.body ?? null } : null,
      response: result.ok
        ? {
            status: result.response.status,
            statusText: STATUS_CODES[result.response.status] ?? '',
            headers: result.response.headers,
            body: result.response.body,
          }
        : null,
      timeMs: result.timeMs ?? null,
    };
    // Decoded integers are exact JSON numbers, as in `decode`: spliced in as raw JSON text.
    let decoded: string | undefined;
    if (result.ok && result.bidir) {
      const bidir = result.bidir;
      decoded = this.decodedJson(bidir);
      out['bidir'] = {
        valid: bidir.valid,
        noData: bidir.noData === true,
        downlinkHex: bidir.downlinkHex ?? null,
        ...(decoded !== undefined ? { decoded: DECODED_SENTINEL } : {}),
        problems: bidir.problems,
      };
    }
    out['notes'] = this.notes;
    out['warnings'] = problemsJson(warnings);
    let text = JSON.stringify(out, null, 2);
    if (decoded !== undefined)
      text = text.replace(`"decoded": ${JSON.stringify(DECODED_SENTINEL)}`, () => `"decoded": ${decoded.replace(/\n/g, '\n    ')}`);
    return `${text}\n`;
  }

  private decodedFrame(bidir: DownlinkReplyCheck): { grammar: AnalyzedGrammar; bytes: Uint8Array } | undefined {
    if (!this.downlink || bidir.downlinkHex === undefined) return undefined;
    const bytes = parseHex(bidir.downlinkHex);
    return bytes.ok ? { grammar: this.downlink.grammar, bytes: bytes.bytes } : undefined;
  }

  private decodedJson(bidir: DownlinkReplyCheck): string | undefined {
    const frame = this.decodedFrame(bidir);
    if (!frame) return undefined;
    const { grammar } = frame;
    const values = grammar.decoder.decode(frame.bytes).values;
    const entries: string[] = [];
    for (const [name, k] of grammar.fieldIndexByName) {
      const v = values[k];
      if (v !== undefined) entries.push(`  ${JSON.stringify(name)}: ${fieldValueToJson(grammar.document.fields[k]!, v)}`);
    }
    return entries.length ? `{\n${entries.join(',\n')}\n}` : '{}';
  }

  private bidirText(bidir: DownlinkReplyCheck): string {
    let out = bidir.valid
      ? `BIDIR reply: valid: ${bidir.noData ? 'no downlink (the server asked for none)' : `downlink ${bidir.downlinkHex} (${DOWNLINK_BYTES} bytes) for the device`}\n`
      : 'BIDIR reply: not valid: the device gets no downlink\n';
    for (const p of bidir.problems) out += `  ${p.severity}: ${p.message}\n`;
    const frame = this.decodedFrame(bidir);
    if (frame) {
      const decoded = frame.grammar.decoder.decode(frame.bytes);
      // Decode warnings are already among the reply's problems.
      out += `Downlink decoded with ${this.downlink!.display}:\n`;
      out += table(frame.grammar, { ...decoded, warnings: [] }, frame.bytes, false).replace(/^(?=.)/gm, '  ');
    }
    return out;
  }
}

const DECODED_SENTINEL = '\u0000decoded\u0000';

function requestText(request: SentRequest): string {
  let out = `> ${request.method} ${request.url}\n`;
  for (const [name, value] of Object.entries(request.headers)) out += `> ${name}: ${value}\n`;
  out += '>\n';
  if (request.body !== undefined) out += bodyText(request.body);
  return `${out}${environmentLine(request.environmentVariables)}`;
}

/** Which environment variables left the machine (their values are masked above). */
export function environmentLine(names: readonly string[]): string {
  return `environment variables sent: ${names.length ? names.join(', ') : 'none'}\n`;
}

function responseText(response: ReceivedResponse, timeMs: number): string {
  let out = `< ${statusLine(response.status)} (${timeMs} ms)\n`;
  for (const [name, value] of Object.entries(response.headers)) out += `< ${name}: ${value}\n`;
  out += '<\n';
  return out + bodyText(response.body);
}

function bodyText(body: string): string {
  if (body === '') return '(empty body)\n';
  return body.endsWith('\n') ? body : `${body}\n`;
}

function noteLine(note: RenderNote): NoteLine {
  return { where: note.where, severity: codeInfo(note.problem.code).severity, code: note.problem.code, message: note.problem.message };
}
