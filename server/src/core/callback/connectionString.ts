/**
 * Azure connection strings (spec D15): `Key=Value` parts separated by `;`, in any order, each
 * once. IoT Hub: HostName, SharedAccessKeyName, SharedAccessKey. Event Hub: Endpoint,
 * SharedAccessKeyName, SharedAccessKey and optionally EntityPath. A value may be a `${env:NAME}`
 * reference, whose shape is checked only once resolved (by `build`).
 */
import { isWholeEnvReference } from './envReference';
import { didYouMean } from '../suggest';

export type AzureService = 'iot-hub' | 'event-hub';

export interface ConnectionStringPart {
  readonly key: string;
  readonly value: string;
  /** Offsets in the connection string. */
  readonly start: number;
  readonly end: number;
  readonly valueStart: number;
}

export interface ConnectionStringIssue {
  readonly start: number;
  readonly end: number;
  readonly message: string;
  readonly replacement?: string;
}

export interface ConnectionStringCheck {
  readonly parts: readonly ConnectionStringPart[];
  readonly issues: readonly ConnectionStringIssue[];
  /** The literal SharedAccessKey part (a secret in the file), when there is one. */
  readonly literalKey?: ConnectionStringPart;
}

interface ServiceRules {
  readonly required: readonly string[];
  readonly optional: readonly string[];
  readonly example: string;
}

const RULES: Readonly<Record<AzureService, ServiceRules>> = {
  'iot-hub': {
    required: ['HostName', 'SharedAccessKeyName', 'SharedAccessKey'],
    optional: [],
    example: 'HostName=<hub>.azure-devices.net;SharedAccessKeyName=<policy>;SharedAccessKey=<key>',
  },
  'event-hub': {
    required: ['Endpoint', 'SharedAccessKeyName', 'SharedAccessKey'],
    optional: ['EntityPath'],
    example: 'Endpoint=sb://<namespace>.servicebus.windows.net/;SharedAccessKeyName=<policy>;SharedAccessKey=<key>;EntityPath=<event hub>',
  },
};

/** IoT Hub names: 3-50 letters, digits and hyphens, not starting or ending with a hyphen. */
const IOT_HUB_HOST_RE = /^[A-Za-z0-9][A-Za-z0-9-]{1,48}[A-Za-z0-9]\.azure-devices\.net$/;
/** Event Hubs namespaces: 6-50 characters, starting with a letter, ending with a letter or digit. */
const EVENT_HUB_ENDPOINT_RE = /^sb:\/\/[A-Za-z][A-Za-z0-9-]{4,48}[A-Za-z0-9]\.servicebus\.windows\.net\/?$/;
const BASE64_RE = /^[A-Z0-9+/]+={0,2}$/i;

export function splitConnectionString(text: string): { parts: ConnectionStringPart[]; issues: ConnectionStringIssue[] } {
  const parts: ConnectionStringPart[] = [];
  const issues: ConnectionStringIssue[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && text[i] !== ';') continue;
    const segment = text.slice(start, i);
    if (segment.trim().length > 0) {
      const equals = segment.indexOf('=');
      if (equals <= 0) {
        issues.push({ start, end: i, message: 'this part is not `Key=Value`' });
      } else {
        parts.push({ key: segment.slice(0, equals), value: segment.slice(equals + 1), start, end: i, valueStart: start + equals + 1 });
      }
    }
    start = i + 1;
  }
  return { parts, issues };
}

export function checkConnectionString(text: string, service: AzureService): ConnectionStringCheck {
  if (isWholeEnvReference(text)) return { parts: [], issues: [] };
  const rules = RULES[service];
  const { parts, issues } = splitConnectionString(text);
  const known = [...rules.required, ...rules.optional];
  const seen = new Map<string, ConnectionStringPart>();
  for (const part of parts) {
    const canonical = known.find(k => k.toLowerCase() === part.key.toLowerCase());
    if (!canonical) {
      // A misspelt part (`SharedAccesKey`) gets the fix its message names.
      const guess = service === 'iot-hub' && part.key.toLowerCase() === 'deviceid' ? undefined : didYouMean(part.key, known)[0];
      const message =
        service === 'iot-hub' && part.key.toLowerCase() === 'deviceid'
          ? '`DeviceId` makes this a device connection string; Sigfox needs the hub\'s connection string from "Shared access policies" (a policy with registry write and device connect permissions)'
          : `\`${part.key}\` is not one of its parts (${known.join(', ')})${guess ? `: did you mean \`${guess}\`?` : ''}`;
      issues.push(
        guess
          ? { start: part.start, end: part.valueStart - 1, message, replacement: guess }
          : { start: part.start, end: part.end, message },
      );
      continue;
    }
    if (canonical !== part.key) {
      issues.push({
        start: part.start,
        end: part.valueStart - 1,
        message: `write \`${canonical}\`, not \`${part.key}\``,
        replacement: canonical,
      });
    }
    if (seen.has(canonical)) {
      issues.push({ start: part.start, end: part.end, message: `\`${canonical}\` is given twice; keep one` });
      continue;
    }
    seen.set(canonical, part);
    const valueIssue = checkValue(canonical, part.value);
    if (valueIssue) issues.push({ start: part.valueStart, end: part.end, message: valueIssue });
  }
  const missing = rules.required.filter(k => !seen.has(k));
  if (missing.length > 0) {
    issues.push({
      start: 0,
      end: text.length,
      message: `${missing.map(k => `\`${k}=...\``).join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing; the full form is ${rules.example}`,
    });
  }
  const key = seen.get('SharedAccessKey');
  const literalKey = key && key.value.length > 0 && !isWholeEnvReference(key.value) ? key : undefined;
  return literalKey ? { parts, issues, literalKey } : { parts, issues };
}

function checkValue(key: string, value: string): string | undefined {
  if (isWholeEnvReference(value)) return undefined;
  if (value.length === 0) return `\`${key}\` is empty`;
  switch (key) {
    case 'HostName':
      return IOT_HUB_HOST_RE.test(value)
        ? undefined
        : `\`${value}\` is not an IoT Hub host name: it reads \`<hub>.azure-devices.net\` (3-50 letters, digits or hyphens)`;
    case 'Endpoint':
      return EVENT_HUB_ENDPOINT_RE.test(value)
        ? undefined
        : `\`${value}\` is not an Event Hubs endpoint: it reads \`sb://<namespace>.servicebus.windows.net/\``;
    case 'SharedAccessKey':
      return BASE64_RE.test(value) && value.length % 4 === 0
        ? undefined
        : 'the shared access key is not base64 (copy the whole key from the Azure portal, `=` padding included)';
    case 'SharedAccessKeyName':
    case 'EntityPath':
      return /\s/.test(value) ? `\`${key}\` holds white space` : undefined;
    default:
      return undefined;
  }
}
