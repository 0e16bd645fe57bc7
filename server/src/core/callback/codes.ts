import { TOO_MANY_PROBLEMS_CODE, type CodeInfo } from '../codeInfo';

/**
 * Callback definition (`*.sfcallback.json`) diagnostics. Codes are stable: never renumber, only add.
 * SFC0xx are found in the definition itself; SFC1xx only when building it (environment, files).
 * Problems inside the embedded strings keep their own codes: SFT for templates, SFG for payload configs.
 */
export const CALLBACK_CODES = {
  SFC001: {
    severity: 'error',
    name: 'invalid-json',
    summary: 'The file is not valid JSON (JSON allows no comments and no trailing commas).',
    example: '{ "channel": "URL", }',
  },
  SFC002: { severity: 'error', name: 'not-an-object', summary: 'A callback definition is one JSON object.', example: '[]' },
  SFC003: {
    severity: 'error',
    name: 'unknown-key',
    summary: 'The key is not a field of a Sigfox callback (nor `payloadConfigFile`, `bodyTemplateFile`, `connector`).',
    example: '"bodyTemplat": "..."',
  },
  SFC004: {
    severity: 'error',
    name: 'duplicate-key',
    summary: 'A key appears twice in the same object; only one of the values can be used.',
    example: '{ "url": "https://a", "url": "https://b" }',
  },
  SFC005: {
    severity: 'error',
    name: 'wrong-value-type',
    summary: 'The value has the wrong JSON type for the key (string, integer, boolean or object).',
    example: '"sendSni": "true"',
  },
  SFC006: {
    severity: 'error',
    name: 'missing-key',
    summary:
      'A key the callback needs is missing (channel, type, subtype; url and httpMethod for URL channels; recipient for EMAIL; connector fields).',
    example: '{ "channel": "URL", "callbackType": 0, "callbackSubtype": 2 }',
  },
  SFC007: {
    severity: 'error',
    name: 'invalid-callback-type',
    summary: '`callbackType` is the API code 0 (DATA), 1 (SERVICE) or 2 (ERROR).',
    example: '"callbackType": "DATA"',
  },
  SFC008: {
    severity: 'error',
    name: 'invalid-callback-subtype',
    summary: '`callbackSubtype` is not a subtype of the callback type (DATA: 2 UPLINK, 3 BIDIR; SERVICE: 0, 1, 4, 5, 6).',
    example: '"callbackType": 0, "callbackSubtype": 6',
  },
  SFC009: {
    severity: 'warning',
    name: 'deprecated-callback-subtype',
    summary: 'The subtype is being retired by Sigfox.',
    example: '"callbackType": 1, "callbackSubtype": 0',
    deprecatedTag: true,
  },
  SFC010: {
    severity: 'error',
    name: 'read-only-callback-subtype',
    summary: 'GEOLOC callbacks can no longer be created; use SERVICE/DATA_ADVANCED.',
    example: '"callbackType": 1, "callbackSubtype": 1',
  },
  SFC011: {
    severity: 'error',
    name: 'invalid-channel',
    summary: '`channel` is `URL`, `BATCH_URL` or `EMAIL`.',
    example: '"channel": "HTTP"',
  },
  SFC012: {
    severity: 'error',
    name: 'invalid-http-method',
    summary: '`httpMethod` is `GET`, `POST` or `PUT`.',
    example: '"httpMethod": "PATCH"',
  },
  SFC013: {
    severity: 'error',
    name: 'unknown-content-type',
    summary: 'Sigfox sends bodies as `application/x-www-form-urlencoded`, `application/json` or `text/plain` only.',
    example: '"contentType": "application/xml"',
  },
  SFC014: {
    severity: 'error',
    name: 'key-not-for-channel',
    summary: 'The key belongs to another channel (e.g. `linePattern` on a URL callback, `headers` on an EMAIL callback).',
    example: '"channel": "EMAIL", "url": "https://example.com"',
  },
  SFC015: {
    severity: 'error',
    name: 'body-without-post',
    summary: 'A body and its content type are sent only with POST or PUT.',
    example: '"httpMethod": "GET", "bodyTemplate": "..."',
  },
  SFC016: {
    severity: 'warning',
    name: 'nothing-to-send',
    summary: 'The callback sends no content: a POST/PUT without body, a BATCH_URL without line pattern, an EMAIL without message.',
    example: '"httpMethod": "POST" without bodyTemplate',
  },
  SFC017: {
    severity: 'error',
    name: 'inline-and-file',
    summary:
      'Both the inline string and the file are given (`payloadConfig` and `payloadConfigFile`, or `bodyTemplate` and `bodyTemplateFile`): keep one.',
    example: '"bodyTemplate": "...", "bodyTemplateFile": "body.sftemplate"',
  },
  SFC018: {
    severity: 'error',
    name: 'file-not-found',
    summary: 'The file named by `payloadConfigFile` or `bodyTemplateFile` cannot be read (paths are relative to the definition).',
    example: '"payloadConfigFile": "missing.sfgrammar"',
  },
  SFC019: {
    severity: 'error',
    name: 'payload-config-not-allowed',
    summary: 'Only DATA and SERVICE/DATA_ADVANCED callbacks take a payload config.',
    example: '"callbackType": 2, "payloadConfig": "t::uint:8"',
  },
  SFC020: {
    severity: 'error',
    name: 'bidir-needs-url',
    summary: 'A DATA/BIDIR callback answers downlinks, which only a URL callback can do.',
    example: '"channel": "EMAIL", "callbackSubtype": 3',
  },
  SFC021: {
    severity: 'error',
    name: 'data-advanced-needs-json',
    summary: 'A SERVICE/DATA_ADVANCED callback sends a JSON body: its content type must be `application/json`.',
    example: '"callbackSubtype": 6, "contentType": "text/plain"',
  },
  SFC022: {
    severity: 'error',
    name: 'invalid-header-name',
    summary: 'A header name is empty, has characters HTTP does not allow, or contains a placeholder (variables go in header values only).',
    example: '"X-{device}": "1"',
  },
  SFC023: {
    severity: 'error',
    name: 'forbidden-header',
    summary: 'Sigfox refuses standard HTTP headers other than `Authorization`.',
    example: '"Content-Type": "application/json"',
  },
  SFC024: {
    severity: 'error',
    name: 'duplicate-header',
    summary: 'A header is given twice (header names ignore case).',
    example: '"X-Key": "a", "x-key": "b"',
  },
  SFC025: {
    severity: 'error',
    name: 'invalid-url',
    summary: 'The callback URL is not an absolute `http://` or `https://` URL with a host.',
    example: '"url": "example.com/sigfox"',
  },
  SFC026: {
    severity: 'error',
    name: 'unknown-connector-type',
    summary: 'The connector `type` is `azure-iot-hub`, `azure-event-hub`, `aws-iot` or `aws-kinesis`.',
    example: '"connector": { "type": "azure" }',
  },
  SFC027: {
    severity: 'error',
    name: 'invalid-connection-string',
    summary: 'An Azure connection string lacks a part, repeats one, has an unknown one, or has a malformed host, endpoint or key.',
    example: '"connectionString": "HostName=hub.azure-devices.net;SharedAccessKey=abc="',
  },
  SFC028: {
    severity: 'warning',
    name: 'secret-in-source',
    summary:
      'A secret (shared access key, Authorization credential, password or key in the URL) is written in the file; reference an environment variable with `${env:NAME}` instead.',
    example: '"Authorization": "Bearer 3f9a..."',
  },
  SFC029: {
    severity: 'error',
    name: 'invalid-env-reference',
    summary: 'An environment reference is malformed: write `${env:NAME}` with NAME of letters, digits and `_`, not starting with a digit.',
    example: '"${env:my key}"',
  },
  SFC030: {
    severity: 'error',
    name: 'invalid-aws-arn',
    summary: 'The AWS role is not an IAM role ARN (`arn:aws:iam::<12-digit account>:role/<name>`).',
    example: '"roleArn": "my-role"',
  },
  SFC031: {
    severity: 'error',
    name: 'invalid-aws-region',
    summary: 'The AWS region does not look like a region code (`eu-west-1`).',
    example: '"region": "Ireland"',
  },
  SFC032: {
    severity: 'error',
    name: 'connector-with-channel',
    summary: 'A connector delivers the callback itself: channel, URL, method, headers, SNI, line pattern and email keys do not apply.',
    example: '"connector": {...}, "url": "https://example.com"',
  },
  SFC033: {
    severity: 'error',
    name: 'invalid-email-recipient',
    summary: 'The EMAIL recipient is not an email address (several are separated by commas).',
    example: '"recipient": "ops at example.com"',
  },
  SFC034: {
    severity: 'error',
    name: 'connector-needs-json-body',
    summary: 'A connector sends a JSON message: it needs a JSON body template, and no other content type.',
    example: '"connector": {...} without bodyTemplate',
  },
  SFC035: {
    severity: 'warning',
    name: 'json-body-without-content-type',
    summary: 'The body is JSON but no `contentType` is given, so Sigfox sends it as application/x-www-form-urlencoded.',
    example: '"bodyTemplate": "{\\"device\\": \\"{device}\\"}" without contentType',
  },
  SFC036: {
    severity: 'error',
    name: 'file-outside-project',
    summary:
      'A `payloadConfigFile` or `bodyTemplateFile` leads out of the project (absolute path, `..`, a symbolic link) or to a network path: it is never read, and build and send refuse the definition.',
    example: '"bodyTemplateFile": "../../etc/passwd"',
  },
  SFC037: {
    severity: 'error',
    name: 'service-status-not-creatable',
    summary:
      'The Sigfox backend stopped accepting new SERVICE/STATUS callbacks in September 2026 (the service ends in April 2027): a definition without `id` would be created and is refused.',
    example: '"callbackType": 1, "callbackSubtype": 0 without "id"',
  },
  SFC038: {
    severity: 'warning',
    name: 'service-status-ending',
    summary: 'SERVICE/STATUS callbacks stop in April 2027: this existing one (it has an `id`) will no longer be called after that date.',
    example: '"id": "...", "callbackType": 1, "callbackSubtype": 0',
  },
  SFC039: {
    severity: 'error',
    name: 'one-downlink-callback',
    summary:
      'A device type has one downlink callback: more than one definition of the same `deviceTypeId` sets `"downlinkHook": true` (plan and apply).',
    example: 'two files with "deviceTypeId": "5f1e...", "downlinkHook": true',
  },
  SFC040: {
    severity: 'error',
    name: 'bidir-needs-callback-downlink-mode',
    summary:
      "A BIDIR callback answers downlinks only when its device type's downlink mode is CALLBACK (1) (plan and apply read it from the API).",
    example: '"callbackSubtype": 3 in a device type with downlinkMode 0 (DIRECT)',
  },
  SFC101: {
    severity: 'error',
    name: 'env-variable-not-set',
    summary: 'Building needs the environment variable that a `${env:NAME}` reference names, and it is not set.',
    example: '"${env:IOT_HUB_KEY}" with IOT_HUB_KEY unset',
  },
  SFC102: {
    severity: 'error',
    name: 'resolved-value-invalid',
    summary: 'A value read from the environment does not have the required shape (e.g. a connection string).',
    example: '"connectionString": "${env:CS}" with CS=oops',
  },
  SFC900: TOO_MANY_PROBLEMS_CODE,
} as const satisfies Record<string, CodeInfo>;

export type CallbackCode = keyof typeof CALLBACK_CODES;
