/**
 * Values of the Sigfox variables (`{device}`, `{time}`...) for rendering a body in the preview.
 * `{data}` always comes from the frame; the others are samples: the setting
 * `sigfox.preview.sampleVariables` first, then the defaults below. Pure: no `vscode`.
 */

export interface VariableSample {
  readonly name: string;
  /** The text Sigfox would insert. */
  readonly value: string;
  readonly origin: 'frame' | 'setting' | 'default';
}

/** Realistic values for the variables most templates use; anything else can come from the setting. */
export function defaultSamples(now: Date): Record<string, string> {
  return {
    device: '1A2B3C',
    deviceTypeId: '5f3b2a1c9e8d7f6a5b4c3d2e',
    time: String(Math.floor(now.getTime() / 1000)),
    seqNumber: '1201',
    snr: '18.37',
    rssi: '-112.00',
    station: '4F2C',
    lqi: 'Good',
    linkQuality: '2',
    operatorName: 'SIGFOX_France',
    countryCode: '250',
    ack: 'false',
    longPolling: 'false',
    duplicate: 'false',
    duplicates: '[{"bsId":"4F2C","rssi":-112.00,"nbRep":0}]',
    computedLocation: '{"lat":48.8582,"lng":2.2945,"radius":1500,"source":2,"status":1}',
    batt: '3.6',
    temp: '21.5',
    avgSnr: '21.50',
    signal: '18.37',
    lat: '48',
    lng: '2',
  };
}

/** Setting values may be numbers, booleans or null (package.json schema): Sigfox inserts their text. */
function settingText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return undefined;
}

/**
 * Every variable with a value, by precedence: `data` from the frame (as Sigfox sends it: lower-case
 * hex), then the setting, then the defaults. `setting` is whatever the user wrote (untrusted shape).
 */
export function sampleVariables(frameHex: string, setting: unknown, defaults: Record<string, string>): VariableSample[] {
  const byName = new Map<string, VariableSample>();
  for (const [name, value] of Object.entries(defaults)) byName.set(name, { name, value, origin: 'default' });
  if (setting && typeof setting === 'object' && !Array.isArray(setting)) {
    for (const [name, raw] of Object.entries(setting as Record<string, unknown>)) {
      const value = settingText(raw);
      if (value !== undefined) byName.set(name, { name, value, origin: 'setting' });
    }
  }
  byName.set('data', { name: 'data', value: frameHex.toLowerCase(), origin: 'frame' });
  return [...byName.values()];
}

export function variablesRecord(samples: readonly VariableSample[]): Record<string, string> {
  const record: Record<string, string> = {};
  for (const s of samples) record[s.name] = s.value;
  return record;
}
