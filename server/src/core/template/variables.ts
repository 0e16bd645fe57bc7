/**
 * The callback types/subtypes of the Sigfox API v2 and the template variables each one offers
 * (spec §2.1, §2.2). Data, not code: completion, hover, validation and the docs all read it.
 */

import type { FieldType } from '../grammar/ast';

export type CallbackTypeName = 'DATA' | 'SERVICE' | 'ERROR';
export type CallbackSubtypeName = 'UPLINK' | 'BIDIR' | 'STATUS' | 'GEOLOC' | 'ACKNOWLEDGE' | 'REPEATER' | 'DATA_ADVANCED';

/** How Sigfox writes the value into the template: numbers and booleans bare, strings without quotes, objects/arrays as JSON. */
export type RenderedType = 'string' | 'integer' | 'float' | 'boolean' | 'json-object' | 'json-array';

export interface CallbackSubtypeInfo {
  readonly name: CallbackSubtypeName;
  /** `callbackSubtype` in the API v2. */
  readonly code: number;
  readonly description: string;
  /** Set when Sigfox has deprecated the whole subtype. */
  readonly deprecated?: string;
}

export interface CallbackTypeInfo {
  readonly name: CallbackTypeName;
  /** `callbackType` in the API v2. */
  readonly code: number;
  readonly description: string;
  /** Empty for ERROR: the API documents no subtype for it. */
  readonly subtypes: readonly CallbackSubtypeInfo[];
}

export const CALLBACK_TYPES: readonly CallbackTypeInfo[] = [
  {
    name: 'DATA',
    code: 0,
    description: 'Fires for each message a device sends.',
    subtypes: [
      { name: 'UPLINK', code: 2, description: 'Uplink messages, no downlink answer.' },
      { name: 'BIDIR', code: 3, description: 'Uplink messages that may ask for a downlink answer (device type downlink mode CALLBACK).' },
    ],
  },
  {
    name: 'SERVICE',
    code: 1,
    description: 'Fires for network services: device status, acknowledgements, repeaters, enriched messages.',
    subtypes: [
      {
        name: 'STATUS',
        code: 0,
        description: 'Device out-of-band status messages (temperature, battery).',
        deprecated: 'Sigfox disables the creation of STATUS callbacks in September 2026 and ends the service in April 2027.',
      },
      {
        name: 'GEOLOC',
        code: 1,
        description: 'Computed device locations.',
        deprecated: 'GEOLOC callbacks are read-only; use SERVICE/DATA_ADVANCED and its {computedLocation} instead.',
      },
      { name: 'ACKNOWLEDGE', code: 4, description: 'Outcome of a downlink sent to a device.' },
      { name: 'REPEATER', code: 5, description: 'Status messages of Sigfox repeaters.' },
      {
        name: 'DATA_ADVANCED',
        code: 6,
        description: 'Messages enriched with network metadata, about 30 seconds after reception; the body must be JSON.',
      },
    ],
  },
  {
    name: 'ERROR',
    code: 2,
    description: 'Fires when a device stops communicating (keep-alive / communication loss).',
    subtypes: [],
  },
];

/** A callback type and, for DATA and SERVICE, its subtype. A missing subtype means "any subtype of the type". */
export interface CallbackKind {
  readonly type: CallbackTypeName;
  readonly subtype?: CallbackSubtypeName;
}

export const DEFAULT_KIND: CallbackKind = { type: 'DATA', subtype: 'UPLINK' };

export interface VariableDeprecation {
  /** A variable of the same callback kind to use instead, when there is one. */
  readonly replacement?: string;
  readonly note: string;
}

export interface VariableInfo {
  readonly name: string;
  readonly type: RenderedType;
  readonly description: string;
  readonly deprecated?: VariableDeprecation;
  /** Text the variable can render instead of a value of its type (`N/A` for avgSnr): a JSON body keeps it quoted. */
  readonly textFallback?: string;
  /** A real value that needs percent-encoding in a URL: the variable is free text or JSON. */
  readonly urlUnsafeExample?: string;
  /** Not in this kind's documentation yet, but announced and seen working: why it is accepted. */
  readonly undocumented?: string;
}

/** A value of the variable that a URL cannot hold unencoded, or undefined when its values are always URL-safe. */
export function urlUnsafeExampleOf(variable: VariableInfo): string | undefined {
  if (variable.urlUnsafeExample) return variable.urlUnsafeExample;
  if (variable.type === 'json-object') return '{"lat":43.5}';
  if (variable.type === 'json-array') return '[{"bsId":"1A2B"}]';
  return undefined;
}

// ---- variable definitions shared by several kinds --------------------------------------------

const NETWORK_METADATA = 'Needs the NETWORK METADATA contract option.';

const time: VariableInfo = {
  name: 'time',
  type: 'integer',
  description: 'When the message was received, in seconds since 1970-01-01 UTC (epoch time).',
};
const device: VariableInfo = { name: 'device', type: 'string', description: 'The device id, in hexadecimal (up to 8 characters).' };
const deviceTypeId: VariableInfo = { name: 'deviceTypeId', type: 'string', description: 'The id of the device type, in hexadecimal.' };
const data: VariableInfo = {
  name: 'data',
  type: 'string',
  description: 'The message payload in hexadecimal: 0 to 24 characters (0 to 12 bytes).',
};
const seqNumber: VariableInfo = { name: 'seqNumber', type: 'integer', description: 'The sequence number of the message, when available.' };
const snr: VariableInfo = {
  name: 'snr',
  type: 'float',
  description: `Signal-to-noise ratio of the message in dB (up to 2 decimals). ${NETWORK_METADATA} Sigfox announces it will be replaced by the link quality (lqi).`,
};
const rssi: VariableInfo = {
  name: 'rssi',
  type: 'float',
  description: `Received signal strength in dBm (up to 2 decimals); \`null\` when not available. ${NETWORK_METADATA}`,
};
const station: VariableInfo = {
  name: 'station',
  type: 'string',
  description: `The id of the base station that received the message: 4 hexadecimal characters. ${NETWORK_METADATA}`,
};

/**
 * `{lqi}` in DATA callbacks: the DATA/UPLINK page does not list it, but Sigfox announced that LQI
 * replaces SNR ("SNR will be deprecated, use LQI") and a body deployed in 2026 uses it. Accepted,
 * with a note (SFT013) rather than an error.
 */
const announcedLqi: VariableInfo = {
  name: 'lqi',
  type: 'string',
  description: 'Link quality of the message: LIMIT, AVERAGE, GOOD, EXCELLENT or NA.',
  undocumented:
    'Sigfox documents it for SERVICE/DATA_ADVANCED callbacks and announced it as the replacement of {snr}; deployed DATA callbacks use it, but the DATA page does not list it yet. Check one received message.',
};

const LEGACY = 'Legacy variable from older Sigfox documentation.';
const legacyDuplicate: VariableInfo = {
  name: 'duplicate',
  type: 'boolean',
  description: 'true when another base station already delivered this message.',
  deprecated: { note: `${LEGACY} Duplicates are reported by SERVICE/DATA_ADVANCED callbacks in {duplicates}.` },
};
const legacyAvgSnr: VariableInfo = {
  name: 'avgSnr',
  type: 'float',
  description: 'Average signal-to-noise ratio of the last 25 messages in dB, or `N/A` (which is not a number).',
  deprecated: { note: `${LEGACY} It can render \`N/A\`, which breaks an unquoted JSON number: in a JSON body keep it in quotes.` },
  textFallback: 'N/A',
};
const legacyLat: VariableInfo = {
  name: 'lat',
  type: 'float',
  description: 'Latitude of the receiving base station, rounded to whole degrees.',
  deprecated: { note: `${LEGACY} For the device location use {computedLocation} in a SERVICE/DATA_ADVANCED callback.` },
};
const legacyLng: VariableInfo = {
  name: 'lng',
  type: 'float',
  description: 'Longitude of the receiving base station, rounded to whole degrees.',
  deprecated: { note: `${LEGACY} For the device location use {computedLocation} in a SERVICE/DATA_ADVANCED callback.` },
};
const legacySignal: VariableInfo = {
  name: 'signal',
  type: 'float',
  description: 'Older name of the signal-to-noise ratio in dB.',
  deprecated: { replacement: 'snr', note: `${LEGACY} It is the older name of {snr}.` },
};

function legacy(variable: VariableInfo): VariableInfo {
  return { ...variable, deprecated: { note: `${LEGACY} Service callbacks may still send it.` } };
}

const UPLINK: readonly VariableInfo[] = [
  time,
  deviceTypeId,
  device,
  data,
  seqNumber,
  snr,
  rssi,
  station,
  announcedLqi,
  legacyDuplicate,
  legacyAvgSnr,
  legacyLat,
  legacyLng,
  legacySignal,
];

const BIDIR: readonly VariableInfo[] = [
  ...UPLINK,
  { name: 'ack', type: 'boolean', description: 'true when the device asks for a downlink answer to this message.' },
  { name: 'longPolling', type: 'boolean', description: 'The long-polling flag of the downlink request.' },
];

const DATA_ADVANCED: readonly VariableInfo[] = [
  device,
  time,
  data,
  seqNumber,
  { name: 'lqi', type: 'string', description: 'Link quality of the message: LIMIT, AVERAGE, GOOD, EXCELLENT or NA.' },
  { name: 'linkQuality', type: 'integer', description: 'Link quality as a number: 0 LIMIT, 1 AVERAGE, 2 GOOD, 3 EXCELLENT, 4 NA.' },
  { name: 'fixedLat', type: 'float', description: 'The fixed latitude set on the device page.' },
  { name: 'fixedLng', type: 'float', description: 'The fixed longitude set on the device page.' },
  { name: 'operatorName', type: 'string', description: 'Name of the operator that received the message.' },
  { name: 'countryCode', type: 'integer', description: 'Country code of the operator that received the message.' },
  {
    name: 'duplicates',
    type: 'json-array',
    description: `JSON array of the receptions of the message: [{"bsId": base station id, "nbRep": repetitions received, "rssi": best RSSI, "snr": best SNR}]. Inserted as JSON: do not quote it. ${NETWORK_METADATA}`,
  },
  {
    name: 'computedLocation',
    type: 'json-object',
    description:
      'JSON object with the location computed by the geolocation service ("lat", "lng", and per Sigfox also radius/source/status). Inserted as JSON: do not quote it. Needs the Atlas geolocation option.',
  },
  { ...deviceTypeId, description: `${deviceTypeId.description} Likely sent as for DATA/UPLINK (not listed on the DATA_ADVANCED page).` },
];

const STATUS: readonly VariableInfo[] = [
  time,
  device,
  { name: 'temp', type: 'float', description: 'Device temperature in °C (2 decimals).' },
  { name: 'batt', type: 'float', description: 'Device battery voltage in volts (2 decimals).' },
  seqNumber,
  legacyDuplicate,
  legacy(snr),
  legacy(rssi),
  legacyAvgSnr,
  legacy(station),
  legacyLat,
  legacyLng,
];

const GEOLOC: readonly VariableInfo[] = [
  device,
  time,
  { name: 'radius', type: 'integer', description: 'Accuracy radius of the computed location, in metres.' },
  { name: 'geolocSource', type: 'integer', description: 'Code of the source that computed the location.' },
  { name: 'duplicate', type: 'boolean', description: legacyDuplicate.description },
  seqNumber,
  snr,
  rssi,
  { name: 'lat', type: 'float', description: 'Latitude of the computed device location.' },
  { name: 'lng', type: 'float', description: 'Longitude of the computed device location.' },
];

const ACKNOWLEDGE: readonly VariableInfo[] = [
  time,
  device,
  {
    name: 'infoCode',
    type: 'integer',
    description:
      'Outcome of the downlink: 0 ACKED, 1 NO_ANSWER, 2 INVALID_PAYLOAD, 3 OVERRUN_ERROR, 4 NETWORK_ERROR, 5 PENDING, 6 NO_DOWNLINK_CONTRACT, 7 TOO_MANY_REQUESTS, 8 INVALID_CONFIGURATION.',
  },
  { name: 'infoMessage', type: 'string', description: 'Outcome of the downlink, in words.', urlUnsafeExample: 'No answer' },
  { name: 'downlinkAck', type: 'boolean', description: 'true when the device acknowledged the downlink.' },
  { name: 'downlinkOverusage', type: 'boolean', description: 'true when the device used more downlinks than its contract allows.' },
  legacyDuplicate,
  legacy(snr),
  legacy(rssi),
  legacy(station),
  legacyAvgSnr,
  legacyLat,
  legacyLng,
];

const RANGE_CODE = 'range code 0..15: 0, <5, <10, <50, <100, <150, <200, <250, <300, <350, <400, <450, <500, <800, <1000, >1000';
const REPEATER: readonly VariableInfo[] = [
  time,
  device,
  { name: 'batt', type: 'float', description: 'Repeater battery voltage in volts.' },
  {
    name: 'whitelistDevices',
    type: 'integer',
    description: 'Number of devices the repeater is allowed to repeat (0 = it repeats every device).',
  },
  { name: 'repeatedMsg', type: 'integer', description: 'Number of messages repeated.' },
  { name: 'unwantedDevices', type: 'integer', description: 'Number of devices heard but not repeated: 0..15, 15 meaning more than 14.' },
  { name: 'unwantedMsg', type: 'integer', description: `Messages heard but not repeated, as a ${RANGE_CODE}.` },
  { name: 'wrongMsg', type: 'integer', description: `Messages received with errors, as a ${RANGE_CODE}.` },
  { name: 'overRegulMsg', type: 'integer', description: `Messages not repeated to respect radio regulations, as a ${RANGE_CODE}.` },
];

const ERROR: readonly VariableInfo[] = [
  {
    ...time,
    description:
      'When the error was detected, in seconds since 1970-01-01 UTC (the Sigfox page lists its type as string; the value is epoch seconds).',
  },
  device,
  {
    name: 'info',
    type: 'string',
    description: 'What happened, in words, e.g. "No message received since <date>".',
    urlUnsafeExample: 'No message received since 2026-01-01',
  },
  { name: 'severity', type: 'string', description: 'ERROR (the former WARN level is deprecated since October 2021).' },
];

interface KindCatalogue {
  readonly kind: CallbackKind;
  readonly variables: readonly VariableInfo[];
  /** Whether the kind takes a payload config, and so `{customData#name}` (DATA and DATA_ADVANCED, spec §1.0). */
  readonly customData: boolean;
  readonly byName: ReadonlyMap<string, VariableInfo>;
}

function catalogue(
  type: CallbackTypeName,
  subtype: CallbackSubtypeName | undefined,
  variables: readonly VariableInfo[],
  customData: boolean,
): KindCatalogue {
  return { kind: subtype ? { type, subtype } : { type }, variables, customData, byName: new Map(variables.map(v => [v.name, v])) };
}

/** Every concrete kind, in API order. */
const CATALOGUES: readonly KindCatalogue[] = [
  catalogue('DATA', 'UPLINK', UPLINK, true),
  catalogue('DATA', 'BIDIR', BIDIR, true),
  catalogue('SERVICE', 'STATUS', STATUS, false),
  catalogue('SERVICE', 'GEOLOC', GEOLOC, false),
  catalogue('SERVICE', 'ACKNOWLEDGE', ACKNOWLEDGE, false),
  catalogue('SERVICE', 'REPEATER', REPEATER, false),
  catalogue('SERVICE', 'DATA_ADVANCED', DATA_ADVANCED, true),
  catalogue('ERROR', undefined, ERROR, false),
];

/** Union over the subtypes of a type, for a kind whose subtype is missing or not one of its type. */
const TYPE_UNIONS = new Map<CallbackTypeName, KindCatalogue>();

function unionFor(type: CallbackTypeName): KindCatalogue {
  let union = TYPE_UNIONS.get(type);
  if (!union) {
    const members = CATALOGUES.filter(c => c.kind.type === type);
    const byName = new Map<string, VariableInfo>();
    // Prefer a definition that is not deprecated: the variable is fine in at least one subtype.
    for (const member of members) {
      for (const v of member.variables) {
        const known = byName.get(v.name);
        if (!known || (known.deprecated && !v.deprecated)) byName.set(v.name, v);
      }
    }
    union = { kind: { type }, variables: [...byName.values()], customData: members.some(m => m.customData), byName };
    TYPE_UNIONS.set(type, union);
  }
  return union;
}

/** No type: the type that owns the subtype, else DATA/UPLINK. ERROR ignores the subtype. A foreign subtype: any subtype of the type. */
function catalogueFor(type: CallbackTypeName | undefined, subtype: CallbackSubtypeName | undefined): KindCatalogue {
  if (type === undefined) {
    const owner = subtype && CALLBACK_TYPES.find(t => t.subtypes.some(s => s.name === subtype));
    return owner ? catalogueFor(owner.name, subtype) : catalogueFor(DEFAULT_KIND.type, DEFAULT_KIND.subtype);
  }
  const exact = CATALOGUES.find(c => c.kind.type === type && (type === 'ERROR' || c.kind.subtype === subtype));
  return exact ?? unionFor(type);
}

// ---- public helpers ------------------------------------------------------------------------

/** The eight concrete kinds: DATA/UPLINK ... ERROR. */
export const CALLBACK_KINDS: readonly CallbackKind[] = CATALOGUES.map(c => c.kind);

/** "DATA/UPLINK", "SERVICE/ACKNOWLEDGE", "ERROR"; "SERVICE" when the subtype is unknown. */
export function kindLabel(kind: CallbackKind): string {
  return kind.type !== 'ERROR' && kind.subtype && isSubtypeOf(kind.type, kind.subtype) ? `${kind.type}/${kind.subtype}` : kind.type;
}

/**
 * The kind the catalogue applies: DATA/UPLINK when nothing is known, the owning type for a lone
 * subtype, no subtype for ERROR, and "any subtype of the type" for a missing or foreign subtype.
 */
export function resolveKind(type?: CallbackTypeName, subtype?: CallbackSubtypeName): CallbackKind {
  return catalogueFor(type, subtype).kind;
}

export function isSubtypeOf(type: CallbackTypeName, subtype: string): subtype is CallbackSubtypeName {
  return CALLBACK_TYPES.some(t => t.name === type && t.subtypes.some(s => s.name === subtype));
}

export function callbackTypeByCode(code: number): CallbackTypeInfo | undefined {
  return CALLBACK_TYPES.find(t => t.code === code);
}

export function callbackTypeByName(name: string): CallbackTypeInfo | undefined {
  return CALLBACK_TYPES.find(t => t.name === name);
}

/** The subtype with this API code, if it belongs to the type (e.g. DATA + 3 -> BIDIR; DATA + 0 -> undefined). */
export function callbackSubtypeByCode(type: CallbackTypeName, code: number): CallbackSubtypeInfo | undefined {
  return callbackTypeByName(type)?.subtypes.find(s => s.code === code);
}

/** The variables a callback of this kind offers (kinds resolved as by `resolveKind`). */
export function variablesFor(type?: CallbackTypeName, subtype?: CallbackSubtypeName): readonly VariableInfo[] {
  return catalogueFor(type, subtype).variables;
}

/** The variable as this kind offers it, or undefined when the kind does not offer it. */
export function variableIn(kind: CallbackKind, name: string): VariableInfo | undefined {
  return catalogueFor(kind.type, kind.subtype).byName.get(name);
}

/** Whether the kind takes a payload config, so `{customData#name}` placeholders. */
export function acceptsCustomData(type?: CallbackTypeName, subtype?: CallbackSubtypeName): boolean {
  return catalogueFor(type, subtype).customData;
}

/** The kinds that take a payload config. */
export const CUSTOM_DATA_KINDS: readonly CallbackKind[] = CATALOGUES.filter(c => c.customData).map(c => c.kind);

export interface VariableAvailability {
  /** The first definition found (kinds in API order). */
  readonly variable: VariableInfo;
  /** Every kind that offers the variable. */
  readonly kinds: readonly CallbackKind[];
}

const AVAILABILITY: ReadonlyMap<string, VariableAvailability> = (() => {
  const result = new Map<string, { variable: VariableInfo; kinds: CallbackKind[] }>();
  for (const c of CATALOGUES) {
    for (const v of c.variables) {
      const entry = result.get(v.name);
      if (entry) entry.kinds.push(c.kind);
      else result.set(v.name, { variable: v, kinds: [c.kind] });
    }
  }
  return result;
})();

/** A variable of any kind, to tell "not available for this subtype" apart from "unknown". */
export function findVariable(name: string): VariableAvailability | undefined {
  return AVAILABILITY.get(name);
}

/** Every variable name of every kind. */
export function allVariableNames(): readonly string[] {
  return [...AVAILABILITY.keys()];
}

/** How a `{customData#name}` renders, from the payload field's type (spec §1.4). */
export function renderedTypeOfField(type: FieldType): RenderedType {
  switch (type) {
    case 'bool':
      return 'boolean';
    case 'char':
      return 'string';
    case 'float':
      return 'float';
    case 'uint':
    case 'int':
      return 'integer';
  }
}
