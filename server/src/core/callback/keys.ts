/**
 * The keys of a `*.sfcallback.json`: the Sigfox API v2 create body (spec §2.6), the two file
 * alternatives, the tolerated API v1 flags and the connector block (spec D15). Data, not code: the
 * checks, the build, completion and the JSON schema's test all read it.
 */

export type ValueKind = 'string' | 'integer' | 'boolean' | 'object';

export type Channel = 'URL' | 'BATCH_URL' | 'EMAIL';
export const CHANNELS: readonly Channel[] = ['URL', 'BATCH_URL', 'EMAIL'];

export type HttpMethod = 'GET' | 'POST' | 'PUT';
export const HTTP_METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT'];

/** The body content types the Sigfox backend offers (spec §2.4); the first is its default. */
export const CONTENT_TYPES = ['application/x-www-form-urlencoded', 'application/json', 'text/plain'] as const;
export const DEFAULT_CONTENT_TYPE = CONTENT_TYPES[0];

export interface DefinitionKey {
  readonly name: string;
  readonly kind: ValueKind;
  /** The channels the key belongs to; undefined when it applies to every channel. */
  readonly channels?: readonly Channel[];
  /** Whether a connector callback takes it (type, subtype, payload config, body). */
  readonly withConnector: boolean;
  /** Not part of the API body: `build` turns it into another key or drops it. */
  readonly local?: boolean;
  readonly description: string;
}

export const DEFINITION_KEYS: readonly DefinitionKey[] = [
  {
    name: '$schema',
    kind: 'string',
    withConnector: true,
    local: true,
    description: 'The JSON schema of the file, for editors; not sent to Sigfox.',
  },
  {
    name: 'id',
    kind: 'string',
    withConnector: true,
    local: true,
    description: "The backend's id of this callback, written by `pull` and `apply`; `apply` updates the callback with this id.",
  },
  {
    name: 'deviceTypeId',
    kind: 'string',
    withConnector: true,
    local: true,
    description: 'The Sigfox device type this callback belongs to, written by `pull`; `plan` and `apply` work on its callbacks.',
  },
  { name: 'channel', kind: 'string', withConnector: false, description: 'How Sigfox delivers the callback: URL, BATCH_URL or EMAIL.' },
  { name: 'callbackType', kind: 'integer', withConnector: true, description: 'Callback type: 0 DATA, 1 SERVICE, 2 ERROR.' },
  {
    name: 'callbackSubtype',
    kind: 'integer',
    withConnector: true,
    description:
      'Callback subtype, valid for the type: DATA 2 UPLINK, 3 BIDIR; SERVICE 0 STATUS, 1 GEOLOC, 4 ACKNOWLEDGE, 5 REPEATER, 6 DATA_ADVANCED.',
  },
  {
    name: 'payloadConfig',
    kind: 'string',
    withConnector: true,
    description: 'The payload config (custom grammar) as the canonical one-liner.',
  },
  {
    name: 'payloadConfigFile',
    kind: 'string',
    withConnector: true,
    local: true,
    description: 'A .sfgrammar file, relative to this file, inlined as payloadConfig by `build`.',
  },
  {
    name: 'url',
    kind: 'string',
    channels: ['URL', 'BATCH_URL'],
    withConnector: false,
    description: 'The URL Sigfox calls; variables allowed in the path and query.',
  },
  { name: 'httpMethod', kind: 'string', channels: ['URL', 'BATCH_URL'], withConnector: false, description: 'GET, POST or PUT.' },
  {
    name: 'headers',
    kind: 'object',
    channels: ['URL'],
    withConnector: false,
    description: 'HTTP headers (name to value); variables allowed in values only.',
  },
  {
    name: 'sendSni',
    kind: 'boolean',
    channels: ['URL', 'BATCH_URL'],
    withConnector: false,
    description: 'Send SNI (Server Name Indication) for TLS connections.',
  },
  {
    name: 'bodyTemplate',
    kind: 'string',
    channels: ['URL'],
    withConnector: true,
    description: 'The body of POST/PUT requests, with variables.',
  },
  {
    name: 'bodyTemplateFile',
    kind: 'string',
    channels: ['URL'],
    withConnector: true,
    local: true,
    description: 'A .sftemplate file, relative to this file, inlined as bodyTemplate by `build`.',
  },
  { name: 'contentType', kind: 'string', channels: ['URL'], withConnector: true, description: 'Content type of the body (POST/PUT).' },
  {
    name: 'linePattern',
    kind: 'string',
    channels: ['BATCH_URL'],
    withConnector: false,
    description: 'One line per message of a batch, with variables.',
  },
  { name: 'recipient', kind: 'string', channels: ['EMAIL'], withConnector: false, description: 'Email address(es) of the recipient.' },
  { name: 'subject', kind: 'string', channels: ['EMAIL'], withConnector: false, description: 'Email subject, with variables.' },
  { name: 'message', kind: 'string', channels: ['EMAIL'], withConnector: false, description: 'Email text, with variables.' },
  { name: 'enabled', kind: 'boolean', withConnector: true, description: 'API v1: whether the callback is enabled.' },
  {
    name: 'downlinkHook',
    kind: 'boolean',
    withConnector: false,
    local: true,
    description: "true: the device type's downlink callback; `apply` selects it with PUT .../callbacks/{id}/downlink.",
  },
  {
    name: 'sendDuplicate',
    kind: 'boolean',
    withConnector: true,
    description: 'API v1: also call for duplicates received by other base stations.',
  },
  {
    name: 'connector',
    kind: 'object',
    withConnector: true,
    local: true,
    description: 'A Sigfox cloud connector (Azure IoT Hub, Azure Event Hub, AWS IoT, AWS Kinesis) instead of a channel.',
  },
];

export const DEFINITION_KEY_BY_NAME: ReadonlyMap<string, DefinitionKey> = new Map(DEFINITION_KEYS.map(k => [k.name, k]));

/** Fields of the API's read model: pasted from a GET, they are refused on creation. */
export const READ_ONLY_API_KEYS: ReadonlyMap<string, string> = new Map([['dead', 'Sigfox sets it when the last delivery failed']]);

// ---- connectors (spec D15) --------------------------------------------------------------------

export type ConnectorType = 'azure-iot-hub' | 'azure-event-hub' | 'aws-iot' | 'aws-kinesis';

export interface ConnectorKey {
  readonly name: string;
  readonly kind: ValueKind;
  readonly required: boolean;
  readonly description: string;
}

export interface ConnectorInfo {
  readonly type: ConnectorType;
  readonly label: string;
  readonly keys: readonly ConnectorKey[];
}

const TYPE_KEY: ConnectorKey = { name: 'type', kind: 'string', required: true, description: 'Which connector.' };
const ROLE_ARN: ConnectorKey = {
  name: 'roleArn',
  kind: 'string',
  required: true,
  description: 'ARN of the IAM role Sigfox assumes (cross-account role).',
};
const REGION: ConnectorKey = { name: 'region', kind: 'string', required: true, description: 'AWS region code, e.g. eu-west-1.' };

export const CONNECTORS: readonly ConnectorInfo[] = [
  {
    type: 'azure-iot-hub',
    label: 'Azure IoT Hub',
    keys: [
      TYPE_KEY,
      {
        name: 'connectionString',
        kind: 'string',
        required: true,
        description: 'HostName=<hub>.azure-devices.net;SharedAccessKeyName=<policy>;SharedAccessKey=<key>',
      },
    ],
  },
  {
    type: 'azure-event-hub',
    label: 'Azure Event Hub',
    keys: [
      TYPE_KEY,
      {
        name: 'connectionString',
        kind: 'string',
        required: true,
        description:
          'Endpoint=sb://<namespace>.servicebus.windows.net/;SharedAccessKeyName=<policy>;SharedAccessKey=<key>[;EntityPath=<hub>]',
      },
    ],
  },
  {
    type: 'aws-iot',
    label: 'AWS IoT',
    keys: [
      TYPE_KEY,
      ROLE_ARN,
      { name: 'topic', kind: 'string', required: true, description: 'MQTT topic the messages are published to.' },
      REGION,
    ],
  },
  {
    type: 'aws-kinesis',
    label: 'AWS Kinesis',
    keys: [
      TYPE_KEY,
      ROLE_ARN,
      { name: 'streamName', kind: 'string', required: true, description: 'Kinesis stream name.' },
      REGION,
      { name: 'batch', kind: 'boolean', required: false, description: 'Send the messages in batches.' },
    ],
  },
];

export function connectorInfo(type: string): ConnectorInfo | undefined {
  return CONNECTORS.find(c => c.type === type);
}
