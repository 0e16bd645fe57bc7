/**
 * How a test delivery went, as Sigfox would count it, in one sentence: shared by the CLI's `send`
 * and the editor's "Send Test Callback", so both say the same thing.
 */
import type { SimulatorDeliveryResult } from './delivery';

/** `not-sent`: nothing reached the network (bad frame, a definition with errors, no usable URL). */
export type DeliveryOutcome = 'delivered' | 'http-error' | 'invalid-downlink-reply' | 'timeout' | 'network-error' | 'not-sent';

export interface DeliveryVerdict {
  readonly outcome: DeliveryOutcome;
  readonly summary: string;
}

export function deliveryVerdict(result: SimulatorDeliveryResult): DeliveryVerdict {
  if (!result.ok) {
    if (result.reason === 'timeout') return { outcome: 'timeout', summary: result.message };
    if (result.reason === 'network') return { outcome: 'network-error', summary: result.message };
    return { outcome: 'not-sent', summary: result.message };
  }
  const status = result.response.status;
  if (status < 200 || status > 299) {
    return {
      outcome: 'http-error',
      summary: `The server answered ${statusLine(status)}: Sigfox counts the delivery as failed and retries it later.`,
    };
  }
  const bidir = result.bidir;
  if (bidir && !bidir.valid) {
    return {
      outcome: 'invalid-downlink-reply',
      summary: `The server answered ${statusLine(status)}, but not with a valid downlink reply: the device gets no downlink.`,
    };
  }
  const downlink = !bidir ? '' : bidir.noData ? ', no downlink requested' : bidir.downlinkHex ? `, downlink ${bidir.downlinkHex}` : '';
  return { outcome: 'delivered', summary: `Delivered: ${statusLine(status)} in ${result.timeMs} ms${downlink}.` };
}

/** `HTTP 404 Not Found`. */
export function statusLine(status: number): string {
  const text = statusText(status);
  return `HTTP ${status}${text ? ` ${text}` : ''}`;
}

/** The standard reason phrase of an HTTP status ('' when unknown); node:http is loaded on first use. */
export function statusText(status: number): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('node:http') as typeof import('node:http')).STATUS_CODES[status] ?? '';
}
