/**
 * The answer a DATA/BIDIR callback's server gives, checked as Sigfox reads it (spec §2.5):
 * HTTP 200 with `{ "<deviceId>": { "downlinkData": "<16 hex digits>" } }` sends 8 bytes to the
 * device; HTTP 204, or `{ "<deviceId>": { "noData": true } }`, sends nothing. Entries for other
 * devices and extra fields are ignored. With a downlink payload config, the bytes are decoded.
 */
import { codeInfo } from '../diagnosticCodes';
import { analyzeGrammar } from '../grammar/analyze';
import { parseHex } from '../hex';
import type { DecodedValue } from '../grammar/value';
import { isRecord } from '../util';

/** Downlink frames are exactly 8 bytes (spec D11). */
export const DOWNLINK_BYTES = 8;

export interface ReplyProblem {
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

export interface DownlinkReplyInput {
  readonly status: number;
  /** Response headers, names in any case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** The device id Sigfox sent (`{device}`). */
  readonly deviceId: string;
  /** A payload config for the downlink bytes (`.sfgrammar` text), to decode them. */
  readonly downlinkGrammarText?: string;
}

export interface DownlinkReplyCheck {
  /** Sigfox would accept the answer (with or without a downlink). */
  readonly valid: boolean;
  readonly problems: readonly ReplyProblem[];
  /** The 8 bytes sent to the device, in upper-case hex. */
  readonly downlinkHex?: string;
  /** The server asked for no downlink (204 or noData). */
  readonly noData?: boolean;
  /** The downlink decoded with the downlink payload config: exact integers past 2^53 as digit strings. */
  readonly decoded?: Readonly<Record<string, string | number | boolean | null>>;
}

const EXPECTED = `Sigfox expects HTTP 200 with {"<device id>": {"downlinkData": "<${DOWNLINK_BYTES * 2} hex digits>"}}, or HTTP 204 (or {"<device id>": {"noData": true}}) for no downlink`;

export function checkDownlinkReply(input: DownlinkReplyInput): DownlinkReplyCheck {
  const problems: ReplyProblem[] = [];
  const fail = (message: string): DownlinkReplyCheck => ({ valid: false, problems: [...problems, { severity: 'error', message }] });
  const { status } = input;
  if (status === 204) return { valid: true, problems, noData: true };
  if (status < 200 || status > 299) {
    return fail(
      `The server answered HTTP ${status}: Sigfox counts the delivery as failed, retries later, and sends no downlink. ${EXPECTED}.`,
    );
  }
  if (status !== 200) return fail(`The server answered HTTP ${status}; ${EXPECTED}.`);

  const contentType = headerValue(input.headers, 'content-type');
  if (!contentType || contentType.split(';', 1)[0]!.trim().toLowerCase() !== 'application/json') {
    problems.push({
      severity: 'warning',
      message: `The answer's Content-Type is ${contentType ? JSON.stringify(contentType) : 'missing'}; Sigfox expects application/json.`,
    });
  }
  let reply: unknown;
  try {
    reply = JSON.parse(input.body);
  } catch (error) {
    const detail = error instanceof Error ? ` (${error.message})` : '';
    return fail(
      `The answer is not JSON${detail}: ${input.body.trim() === '' ? 'the body is empty' : `it starts with ${JSON.stringify(input.body.slice(0, 40))}`}. ${EXPECTED}.`,
    );
  }
  if (!isRecord(reply)) return fail(`The answer is JSON but not an object keyed by device id. ${EXPECTED}.`);

  let entry = reply[input.deviceId];
  if (entry === undefined) {
    const key = Object.keys(reply).find(k => k.toLowerCase() === input.deviceId.toLowerCase());
    if (key !== undefined) {
      entry = reply[key];
      problems.push({
        severity: 'warning',
        message: `The answer is keyed "${key}" but the device id is "${input.deviceId}": use the id exactly as Sigfox sent it in {device}.`,
      });
    }
  }
  if (entry === undefined) {
    const keys = Object.keys(reply);
    return fail(
      `The answer has no entry for device "${input.deviceId}"${
        keys.length > 0
          ? ` (its keys: ${keys
              .slice(0, 5)
              .map(k => JSON.stringify(k))
              .join(', ')})`
          : ' (it is empty)'
      }, so Sigfox sends no downlink. ${EXPECTED}.`,
    );
  }
  if (!isRecord(entry))
    return fail(
      `The entry for device "${input.deviceId}" must be an object such as {"downlinkData": "0102030405060708"}, not ${JSON.stringify(entry)}.`,
    );

  const hasData = Object.prototype.hasOwnProperty.call(entry, 'downlinkData');
  const hasNoData = Object.prototype.hasOwnProperty.call(entry, 'noData');
  if (hasData && hasNoData) return fail('The entry has both "downlinkData" and "noData": give one (noData: true to send nothing).');
  if (hasNoData) {
    if (entry.noData !== true)
      return fail(`"noData" must be true (the boolean), not ${JSON.stringify(entry.noData)}, to send nothing; or give "downlinkData".`);
    return { valid: true, problems, noData: true };
  }
  if (!hasData) return fail(`The entry for device "${input.deviceId}" has neither "downlinkData" nor "noData". ${EXPECTED}.`);
  const data = entry.downlinkData;
  if (typeof data !== 'string')
    return fail(`"downlinkData" must be a string of ${DOWNLINK_BYTES * 2} hex digits, not ${JSON.stringify(data)}.`);
  if (!/^[0-9A-F]*$/i.test(data))
    return fail(
      `"downlinkData" ${JSON.stringify(data)} is not hexadecimal: it takes exactly ${DOWNLINK_BYTES * 2} digits 0-9, a-f (${DOWNLINK_BYTES} bytes).`,
    );
  if (data.length !== DOWNLINK_BYTES * 2) {
    return fail(
      `"downlinkData" has ${data.length} hex digits; a downlink is exactly ${DOWNLINK_BYTES} bytes, ${DOWNLINK_BYTES * 2} digits${data.length < DOWNLINK_BYTES * 2 ? ` (pad it, e.g. ${JSON.stringify(data.padEnd(DOWNLINK_BYTES * 2, '0'))})` : ''}.`,
    );
  }
  const downlinkHex = data.toUpperCase();
  if (input.downlinkGrammarText === undefined) return { valid: true, problems, downlinkHex };
  const decoded = decodeDownlink(input.downlinkGrammarText, downlinkHex, problems);
  return { valid: !problems.some(p => p.severity === 'error'), problems, downlinkHex, decoded };
}

function decodeDownlink(grammarText: string, hex: string, problems: ReplyProblem[]): Record<string, string | number | boolean | null> {
  const grammar = analyzeGrammar(grammarText, { maxBytes: DOWNLINK_BYTES });
  const count = grammar.problems.length;
  if (count > 0) {
    const first = grammar.problems[0]!.message.replace(/\.$/, '');
    const undecoded = grammar.problems.some(p => codeInfo(p.code).severity === 'error') ? ' (fields with errors are not decoded)' : '';
    problems.push({
      severity: 'warning',
      message: `The downlink payload config has ${count === 1 ? 'a problem' : `${count} problems, the first`}: ${first}${undecoded}.`,
    });
  }
  const bytes = parseHex(hex);
  const frame = grammar.decoder.decode(bytes.ok ? bytes.bytes : new Uint8Array());
  for (const warning of frame.warnings) problems.push({ severity: 'warning', message: `Downlink decode: ${warning.message}` });
  const out: Record<string, string | number | boolean | null> = {};
  for (const [name, k] of grammar.fieldIndexByName) {
    const value = frame.values[k];
    if (value !== undefined) out[name] = jsonSafe(value);
  }
  return out;
}

function jsonSafe(value: DecodedValue): string | number | boolean | null {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  return value;
}

function headerValue(headers: Readonly<Record<string, string>>, name: string): string | undefined {
  const key = Object.keys(headers).find(k => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}
