import { TOO_MANY_PROBLEMS_CODE, type CodeInfo } from '../codeInfo';

/**
 * Body/URL/header template diagnostics. Codes are stable: never renumber, only add.
 * SFT0xx are found in the template alone (spec D13, D14); SFT1xx when rendering it with real
 * values (spec D10), like SFG1xx for decoding.
 */
export const TEMPLATE_CODES = {
  SFT001: { severity: 'error', name: 'unknown-variable', summary: 'The placeholder names no Sigfox variable.', example: '{devise}' },
  SFT002: {
    severity: 'error',
    name: 'unknown-custom-data-field',
    summary: 'A `{customData#name}` names no field of the associated payload config.',
    example: '{customData#tmp} with payload config `temp::uint:8`',
  },
  SFT003: {
    severity: 'warning',
    name: 'custom-data-without-grammar',
    summary: 'A `{customData#name}` is used but no payload config is associated with the template, so the name cannot be checked.',
    example: '{customData#temp} in a template with no payload config',
  },
  SFT004: {
    severity: 'error',
    name: 'variable-not-available',
    summary: 'The variable exists, but not in callbacks of this type/subtype.',
    example: '{ack} in a DATA/UPLINK callback',
  },
  SFT005: {
    severity: 'warning',
    name: 'deprecated-variable',
    summary: 'The variable is deprecated; the message names its replacement where there is one.',
    example: '{signal}',
    deprecatedTag: true,
  },
  SFT006: {
    severity: 'error',
    name: 'invalid-json',
    summary: 'A JSON body is not valid JSON once its placeholders are replaced by values of their type.',
    example: '{"device": "{device}",}',
  },
  SFT007: {
    severity: 'error',
    name: 'unquoted-string-in-json',
    summary: 'A text value is inserted without quotes in a JSON body, so the JSON breaks: put the placeholder in quotes.',
    example: '{"device": {device}}',
  },
  SFT008: {
    severity: 'warning',
    name: 'quoted-number-in-json',
    summary: 'A number or true/false value is quoted in a JSON body, so it is sent as text: remove the quotes to send the value.',
    example: '{"time": "{time}"}',
  },
  SFT009: {
    severity: 'error',
    name: 'quoted-json-value',
    summary: 'A variable that Sigfox inserts as a JSON object or array sits inside quotes, where its own quotes break the string.',
    example: '{"dups": "{duplicates}"}',
  },
  SFT010: {
    severity: 'warning',
    name: 'invalid-custom-data-name',
    summary: 'Text like `{customData#...}` with a name that is not a valid field name stays literal text: probably a typo.',
    example: '{customData#temp C}',
  },
  SFT011: {
    severity: 'warning',
    name: 'placeholder-lookalike',
    summary:
      'Brace text that looks like a placeholder (spaces inside the braces, or `customData` in the wrong case) is sent as literal text.',
    example: '{ device }',
  },
  SFT012: {
    severity: 'warning',
    name: 'data-advanced-body-not-json',
    summary: 'A SERVICE/DATA_ADVANCED callback needs a JSON body.',
    example: 'device={device} in a DATA_ADVANCED callback',
  },
  SFT013: {
    severity: 'info',
    name: 'variable-not-documented-for-kind',
    summary:
      'The variable is not in the documentation of this callback type yet, but Sigfox announced it for it and deployed callbacks use it.',
    example: '{lqi} in a DATA/UPLINK callback',
  },
  SFT101: {
    severity: 'error',
    name: 'value-breaks-json-string',
    summary:
      'A value inserted inside a JSON string contains `"`, `\\` or a control character; Sigfox does not escape it, so the JSON sent is invalid.',
    example: '"{customData#label}" with label = a"b',
  },
  SFT102: {
    severity: 'warning',
    name: 'value-needs-url-encoding',
    summary: 'A value inserted in a URL (or form body) contains characters that need percent-encoding; Sigfox inserts values as they are.',
    example: '?msg={infoMessage} with infoMessage = "No answer"',
  },
  SFT103: {
    severity: 'warning',
    name: 'float-not-finite',
    summary: 'A float field decoded to NaN or Infinity, which Sigfox renders as `null`.',
    example: '{customData#f} with f::float:32 and frame 7FC00000',
  },
  SFT104: {
    severity: 'info',
    name: 'custom-data-null',
    summary: 'A payload field does not fit in the frame, so its placeholder renders as `null`, as on the Sigfox backend.',
    example: '{customData#b} with a::uint:8 b::uint:8 and frame 12',
  },
  SFT105: {
    severity: 'warning',
    name: 'missing-value',
    summary: 'No value was given for a placeholder, so it was left as written in the rendered text.',
    example: 'render of {device} without a device value',
  },
  SFT106: {
    severity: 'error',
    name: 'rendered-json-invalid',
    summary: 'The rendered JSON body, with the actual values, is not valid JSON.',
    example: '{"n": {customData#label}} with label = abc',
  },
  SFT900: TOO_MANY_PROBLEMS_CODE,
} as const satisfies Record<string, CodeInfo>;

export type TemplateCode = keyof typeof TEMPLATE_CODES;
