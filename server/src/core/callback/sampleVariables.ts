/**
 * Representative values of the Sigfox variables, for rendering a callback without a real message:
 * the one table the preview, `render`, `send` and `sigfox/render` all use. Each is the text
 * Sigfox would insert; `{data}` and `{customData#...}` always come from the frame.
 */
import { variablesFor, type CallbackSubtypeName, type CallbackTypeName, type RenderedType } from '../template/variables';

/** Realistic values by variable name; the type default below covers the rest. */
const SAMPLES: Readonly<Record<string, string>> = {
  device: '1A2B3C',
  deviceTypeId: '5f8d3c2a1b4e6d7f8a9b0c1d',
  seqNumber: '42',
  snr: '12.34',
  rssi: '-110.00',
  station: '1A2B',
  avgSnr: '15.20',
  lat: '43',
  lng: '1',
  signal: '12.34',
  duplicate: 'false',
  ack: 'true',
  longPolling: 'false',
  lqi: 'GOOD',
  linkQuality: '2',
  fixedLat: '43.5',
  fixedLng: '1.48',
  operatorName: 'SIGFOX_France',
  countryCode: '250',
  duplicates: '[{"bsId":"1A2B","nbRep":3,"rssi":-110.0,"snr":12.34}]',
  computedLocation: '{"lat":43.5,"lng":1.48,"radius":1000,"source":2,"status":1}',
  temp: '21.50',
  batt: '3.60',
  radius: '1000',
  geolocSource: '2',
  infoCode: '0',
  infoMessage: 'ACKED',
  downlinkAck: 'true',
  downlinkOverusage: 'false',
  whitelistDevices: '0',
  repeatedMsg: '10',
  unwantedDevices: '0',
  unwantedMsg: '0',
  wrongMsg: '0',
  overRegulMsg: '0',
  info: 'No message received since 2024-01-01 00:00:00',
  severity: 'ERROR',
};

const TYPE_DEFAULTS: Readonly<Record<RenderedType, string>> = {
  string: 'sample',
  integer: '0',
  float: '0.0',
  boolean: 'false',
  'json-object': '{}',
  'json-array': '[]',
};

export type VariableValue = string | number | boolean | null;

export interface SampleVariableInput {
  readonly type?: CallbackTypeName;
  readonly subtype?: CallbackSubtypeName;
  /** The frame in hex: the value of `{data}`. */
  readonly dataHex: string;
  /** Epoch seconds for `{time}`. */
  readonly timeSeconds: number;
  /** Values given by the user, winning over the samples (`data` is always the frame). */
  readonly overrides?: Readonly<Record<string, VariableValue>>;
}

/** Where a variable's value came from: the frame (`data`), the user (`--var`, the setting), or this table. */
export type VariableOrigin = 'frame' | 'given' | 'representative';

export interface SampledVariable {
  readonly name: string;
  /** The text Sigfox would insert. */
  readonly value: string;
  readonly origin: VariableOrigin;
}

/** Every variable the kind offers (plus any override) with its value and where it came from. */
export function sampledVariables(input: SampleVariableInput): Map<string, SampledVariable> {
  const out = new Map<string, SampledVariable>();
  const set = (name: string, value: string, origin: VariableOrigin): void => void out.set(name, { name, value, origin });
  for (const variable of variablesFor(input.type, input.subtype)) {
    set(variable.name, SAMPLES[variable.name] ?? TYPE_DEFAULTS[variable.type], 'representative');
  }
  set('time', String(input.timeSeconds), 'representative');
  for (const [name, value] of Object.entries(input.overrides ?? {})) set(name, value === null ? 'null' : String(value), 'given');
  set('data', input.dataHex.toLowerCase(), 'frame');
  return out;
}

/** The text of every variable the kind offers (plus any override), as Sigfox would insert it. */
export function sampleVariables(input: SampleVariableInput): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of sampledVariables(input).values()) out[v.name] = v.value;
  return out;
}
