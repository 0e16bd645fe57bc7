/**
 * The text "Sigfox: Send Test Callback" writes to the output channel: the request as sent, the
 * answer, the BIDIR reply check, the problems, and the verdict, laid out as the CLI's `send`
 * prints them. Pure (no `vscode`): the server did the sending and the masking.
 */
import type { SendTestCallbackResponse } from '../../server/src/protocol';

export interface ReportContext {
  /** The callback definition, as the user knows it (workspace-relative path). */
  readonly definition: string;
  readonly hex: string;
  /** A file of a problem, as the user knows it. */
  readonly display: (uri: string) => string;
  /** When the request was made (the report's header). */
  readonly at: Date;
}

export function isDelivered(result: SendTestCallbackResponse): boolean {
  return result.outcome === 'delivered';
}

export function formatSendReport(result: SendTestCallbackResponse, context: ReportContext): string {
  const parts: string[] = [`[send] ${context.definition} with the frame ${context.hex.trim()} at ${context.at.toISOString()}\n`];
  const { request, response } = result;
  if (request) {
    let out = `> ${request.method} ${request.url}\n`;
    for (const [name, value] of Object.entries(request.headers)) out += `> ${name}: ${value}\n`;
    out += '>\n';
    if (request.body !== null) out += bodyText(request.body);
    const names = request.environmentVariables ?? [];
    out += `environment variables sent: ${names.length ? names.join(', ') : 'none'}\n`;
    parts.push(out);
  }
  if (response) {
    let out = `< HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}${result.timeMs !== undefined ? ` (${result.timeMs} ms)` : ''}\n`;
    for (const [name, value] of Object.entries(response.headers)) out += `< ${name}: ${value}\n`;
    out += '<\n';
    parts.push(out + bodyText(response.body));
  }
  if (result.bidir) {
    const b = result.bidir;
    let out = b.valid
      ? `BIDIR reply: valid: ${b.noData ? 'no downlink (the server asked for none)' : `downlink ${b.downlinkHex} (8 bytes) for the device`}\n`
      : 'BIDIR reply: not valid: the device gets no downlink\n';
    for (const p of b.problems) out += `  ${p.severity}: ${p.message}\n`;
    parts.push(out);
  }
  const lines: string[] = [];
  for (const p of result.problems) {
    lines.push(
      `${context.display(p.uri)}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.severity}: ${p.message} [${p.code}]`,
    );
  }
  for (const n of result.notes) lines.push(`rendered ${n.where}: ${n.severity}: ${n.message} [${n.code}]`);
  if (lines.length > 0) parts.push(`${lines.join('\n')}\n`);
  parts.push(`${isDelivered(result) ? '✔' : '✖'} ${result.message}\n`);
  return parts.join('\n');
}

function bodyText(body: string): string {
  if (body === '') return '(empty body)\n';
  return body.endsWith('\n') ? body : `${body}\n`;
}
