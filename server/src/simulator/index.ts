/** The test-callback simulator: renders a callback for a frame as Sigfox would and sends it (node:http/https). */
export {
  sendTestCallback,
  type ReceivedResponse,
  type SendFailureReason,
  type SendTestCallbackOptions,
  type SimulatorDeliveryResult,
  type SentRequest,
} from './delivery';
export { SIGFOX_TIMEOUT_MS } from './http';
export { MASK } from './mask';
export { deliveryVerdict, statusLine, statusText, type DeliveryOutcome, type DeliveryVerdict } from './verdict';
