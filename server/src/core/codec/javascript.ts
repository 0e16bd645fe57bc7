import { describeRange, type CodecPlan } from './plan';

/**
 * JavaScript payload codecs for LoRaWAN and IoT platforms, generated from the codec plan:
 * ECMAScript 5.1, no modules, no typed arrays or BigInt (The Things Stack runs codecs in an ES5
 * engine). One runtime interprets a table of fields (name, type, bit runs), so every target shares
 * the same, tested, decoding and encoding code; only the entry points differ per platform.
 * Integers wider than 2^53 come out as decimal digit strings (ES5 has no BigInt); encoders
 * accept numbers or digit strings.
 */

export type JsTarget = 'ts013' | 'ttn' | 'chirpstack' | 'helium' | 'datacake' | 'tagoio' | 'thingsboard';

/** The Things Stack's limit on a payload formatter. */
export const TTS_MAX_CODEC_CHARS = 40_960;

export interface JsCodecOptions {
  readonly name: string;
  /** The payload config as Sigfox gets it, quoted in the header comment. */
  readonly config: string;
}

const RUNTIME = `
function pow2(n) {
  var r = 1;
  while (n > 0) { r *= 2; n--; }
  while (n < 0) { r /= 2; n++; }
  return r;
}
function scale(a, n) {
  while (n > 0) { a *= 2; n--; }
  while (n < 0) { a /= 2; n++; }
  return a;
}
function readBits(bytes, runs) {
  var out = [], r, j, p;
  for (r = 0; r < runs.length; r += 2) {
    for (j = 0; j < runs[r + 1]; j++) {
      p = runs[r] + j;
      out.push((bytes[p >> 3] >> (7 - (p & 7))) & 1);
    }
  }
  return out;
}
function bitsToNumber(bits, from, to) {
  var v = 0, i;
  for (i = from; i < to; i++) v = v * 2 + bits[i];
  return v;
}
function negateBits(bits) {
  var out = [], i, carry = 1, b;
  for (i = bits.length - 1; i >= 0; i--) {
    b = (bits[i] ^ 1) + carry;
    out[i] = b & 1;
    carry = b >> 1;
  }
  return out;
}
function bitsToDecimal(bits) {
  var d = [0], i, k, c, x, s = '';
  for (i = 0; i < bits.length; i++) {
    c = bits[i];
    for (k = 0; k < d.length; k++) {
      x = d[k] * 2 + c;
      d[k] = x % 10;
      c = x >= 10 ? 1 : 0;
    }
    if (c) d.push(c);
  }
  for (k = d.length - 1; k >= 0; k--) s += d[k];
  return s;
}
function decodeInteger(bits, signed) {
  var negative = signed && bits[0] === 1, magnitude = negative ? negateBits(bits) : bits, first = 0;
  while (first < magnitude.length && magnitude[first] === 0) first++;
  if (magnitude.length - first <= 53) {
    var v = bitsToNumber(magnitude, first, magnitude.length);
    return negative ? -v : v;
  }
  return (negative ? '-' : '') + bitsToDecimal(magnitude.slice(first));
}
function decodeFloat(bits) {
  var e = bits.length === 32 ? 8 : 11, m = bits.length - 1 - e, bias = pow2(e - 1) - 1;
  var sign = bits[0] ? -1 : 1, exponent = bitsToNumber(bits, 1, 1 + e), mantissa = bitsToNumber(bits, 1 + e, bits.length);
  if (exponent === pow2(e) - 1) return mantissa ? NaN : sign * Infinity;
  if (exponent === 0) return sign * mantissa * pow2(1 - bias - m);
  return sign * (pow2(m) + mantissa) * pow2(exponent - bias - m);
}
function decodeValue(field, bits) {
  var s = '', i;
  switch (field[1]) {
    case 'bool': return bits[0] === 1;
    case 'char':
      for (i = 0; i < bits.length; i += 8) s += String.fromCharCode(bitsToNumber(bits, i, i + 8));
      return s;
    case 'float': return decodeFloat(bits);
    default: return decodeInteger(bits, field[1] === 'int');
  }
}
function decodeFrame(bytes) {
  var data = {}, warnings = [], errors = [], i, f, ok = bytes && typeof bytes.length === 'number';
  for (i = 0; ok && i < bytes.length; i++) if (typeof bytes[i] !== 'number' || bytes[i] < 0 || bytes[i] > 255 || bytes[i] % 1 !== 0) ok = false;
  if (!ok) return { data: {}, warnings: [], errors: ['bytes must be an array of integers 0..255'] };
  if (bytes.length > MAX_BYTES) warnings.push('the frame is ' + bytes.length + ' bytes, longer than the ' + MAX_BYTES + '-byte Sigfox maximum; decoded anyway');
  for (i = 0; i < FIELDS.length; i++) {
    f = FIELDS[i];
    if (bytes.length <= f[4]) {
      data[f[0]] = null;
      warnings.push(f[0] + ' needs ' + (f[4] + 1) + ' bytes but the frame has ' + bytes.length + ': null');
    } else {
      data[f[0]] = decodeValue(f, readBits(bytes, f[3]));
    }
  }
  return { data: data, warnings: warnings, errors: errors };
}
function numberToBits(n, length) {
  var out = [], i;
  for (i = length - 1; i >= 0; i--) { out[i] = n % 2; n = Math.floor(n / 2); }
  return out;
}
function floatBits(x, length) {
  var e = length === 32 ? 8 : 11, m = length - 1 - e, bias = pow2(e - 1) - 1, top = pow2(e) - 1;
  var sign = x < 0 || (x === 0 && 1 / x < 0) ? 1 : 0, a = Math.abs(x), exponent, mantissa, k = 0, t, f, d;
  if (a !== a) { exponent = top; mantissa = pow2(m - 1); }
  else if (a === Infinity) { exponent = top; mantissa = 0; }
  else if (a === 0) { exponent = 0; mantissa = 0; }
  else {
    t = a;
    while (t >= 2) { t /= 2; k++; }
    while (t < 1) { t *= 2; k--; }
    if (k < 1 - bias) k = 1 - bias;
    t = scale(a, m - k);
    f = Math.floor(t);
    d = t - f;
    if (d > 0.5 || (d === 0.5 && f % 2 === 1)) f++;
    if (f >= pow2(m + 1)) { f /= 2; k++; }
    if (f < pow2(m)) { exponent = 0; mantissa = f; }
    else { exponent = k + bias; mantissa = f - pow2(m); }
    if (exponent >= top) { exponent = top; mantissa = 0; }
  }
  return [sign].concat(numberToBits(exponent, e), numberToBits(mantissa, m));
}
function integerBits(v, length, signed) {
  var text = typeof v === 'number' && isFinite(v) && Math.floor(v) === v && Math.abs(v) < 1e21 ? String(v) : typeof v === 'string' ? v : '';
  if (!/^[-+]?[0-9]+$/.test(text)) return null;
  var negative = text.charAt(0) === '-', digits = text.replace(/^[-+]/, '').split(''), magnitude = [], i, c, x, next;
  for (i = 0; i < digits.length; i++) digits[i] = +digits[i];
  while (digits.length) {
    next = [];
    c = 0;
    for (i = 0; i < digits.length; i++) {
      x = c * 10 + digits[i];
      if (next.length || x >= 2) next.push(Math.floor(x / 2));
      c = x % 2;
    }
    magnitude.unshift(c);
    digits = next;
  }
  while (magnitude.length > 1 && magnitude[0] === 0) magnitude.shift();
  var zero = magnitude.length === 1 && magnitude[0] === 0, room = signed ? length - 1 : length;
  if (negative && !zero) {
    if (!signed) return null;
    var power = magnitude[0] === 1 && magnitude.join('').indexOf('1', 1) < 0;
    if (magnitude.length > room + (power ? 1 : 0)) return null;
  } else if (!zero && magnitude.length > room) return null;
  while (magnitude.length < length) magnitude.unshift(0);
  return negative && !zero ? negateBits(magnitude) : magnitude;
}
function valueBits(field, v) {
  var bits = [], i, c;
  switch (field[1]) {
    case 'bool': return typeof v === 'boolean' ? [v ? 1 : 0] : null;
    case 'char':
      if (typeof v !== 'string' || v.length * 8 !== field[2]) return null;
      for (i = 0; i < v.length; i++) {
        c = v.charCodeAt(i);
        if (c > 255) return null;
        bits = bits.concat(numberToBits(c, 8));
      }
      return bits;
    case 'float': return typeof v === 'number' ? floatBits(v, field[2]) : null;
    default: return integerBits(v, field[2], field[1] === 'int');
  }
}
function encodeFrame(data) {
  var frame = [], owner = [], errors = [], i, j, r, p, f, bits, k, mask, has = {};
  if (!data || typeof data !== 'object') return { bytes: [], errors: ['data must be an object of field values'] };
  for (i = 0; i < FRAME_BYTES; i++) frame.push(0);
  for (i = 0; i < FIELDS.length; i++) {
    f = FIELDS[i];
    if (!Object.prototype.hasOwnProperty.call(data, f[0])) continue;
    has[f[0]] = true;
    bits = valueBits(f, data[f[0]]);
    if (!bits) { errors.push(f[0] + '=' + String(data[f[0]]) + ' is not valid: the field is ' + f[5]); continue; }
    for (r = 0, k = 0; r < f[3].length; r += 2) {
      for (j = 0; j < f[3][r + 1]; j++, k++) {
        p = f[3][r] + j;
        mask = 0x80 >> (p & 7);
        if (owner[p] !== undefined) {
          if (((frame[p >> 3] & mask) ? 1 : 0) !== bits[k]) errors.push(owner[p] + ' and ' + f[0] + ' share bit ' + (7 - (p & 7)) + ' of byte ' + (p >> 3) + ' but their values disagree on it');
        } else {
          owner[p] = f[0];
          if (bits[k]) frame[p >> 3] |= mask;
        }
      }
    }
  }
  for (i = 0; i < FIELDS.length; i++) {
    f = FIELDS[i];
    if (has[f[0]]) continue;
    for (r = 0; r < f[3].length; r += 2) for (j = 0; j < f[3][r + 1]; j++) if (owner[f[3][r] + j] === undefined) has[f[0]] = false;
    if (has[f[0]] === false) errors.push('missing value for ' + f[0] + ' (' + f[5] + ')');
  }
  return errors.length ? { bytes: [], errors: errors } : { bytes: frame, errors: [] };
}
`;

/** The runtime functions the entry points of a plan need (an uplink codec carries no encoder). */
function runtimeFor(plan: CodecPlan): string {
  if (plan.downlink) return RUNTIME;
  return RUNTIME.slice(0, RUNTIME.indexOf('function numberToBits('));
}

function fieldTable(plan: CodecPlan): string {
  const rows = plan.fields.map(f => {
    const runs = f.runs.flatMap(r => [r.position, r.length]).join(', ');
    return `  [${JSON.stringify(f.name)}, '${f.type}', ${f.bitLength}, [${runs}], ${f.lastByte}, ${JSON.stringify(describeRange(f))}]`;
  });
  return `// [name, type, bits, runs of frame bits (position from bit 7 of byte 0, length), last byte, what it takes]\nvar FIELDS = [\n${rows.join(',\n')}\n];\nvar FRAME_BYTES = ${plan.frameBytes};\nvar MAX_BYTES = ${plan.maxBytes};\n`;
}

const ENTRY_POINTS: Record<'ts013' | 'ttn' | 'chirpstack', (plan: CodecPlan) => string> = {
  ts013: plan =>
    plan.downlink
      ? `
// LoRa Alliance TS013 payload codec API.
function encodeDownlink(input) {
  var r = encodeFrame(input.data);
  return r.errors.length ? { errors: r.errors, warnings: [] } : { bytes: r.bytes, fPort: input.fPort || 1, warnings: [], errors: [] };
}
function decodeDownlink(input) {
  return decodeFrame(input.bytes);
}
`
      : `
// LoRa Alliance TS013 payload codec API.
function decodeUplink(input) {
  return decodeFrame(input.bytes);
}
`,
  ttn: plan =>
    ENTRY_POINTS.ts013(plan) +
    (plan.downlink
      ? `
// The Things Network v2 (legacy) payload functions.
function Encoder(object, port) {
  var r = encodeFrame(object);
  if (r.errors.length) throw new Error(r.errors.join('; '));
  return r.bytes;
}
function Decoder(bytes, port) {
  return decodeFrame(bytes).data;
}
`
      : `
// The Things Network v2 (legacy) payload function.
function Decoder(bytes, port) {
  return decodeFrame(bytes).data;
}
`),
  chirpstack: plan =>
    plan.downlink
      ? `
// ChirpStack v3.
function Encode(fPort, obj, variables) {
  var r = encodeFrame(obj);
  if (r.errors.length) throw new Error(r.errors.join('; '));
  return r.bytes;
}
// ChirpStack v4.
function encodeDownlink(input) {
  var r = encodeFrame(input.data);
  return r.errors.length ? { errors: r.errors } : { bytes: r.bytes };
}
function decodeDownlink(input) {
  return decodeFrame(input.bytes);
}
`
      : `
// ChirpStack v3.
function Decode(fPort, bytes, variables) {
  return decodeFrame(bytes).data;
}
// ChirpStack v4.
function decodeUplink(input) {
  return decodeFrame(input.bytes);
}
`,
};

/** Whether a platform that stores values can keep this one (no null, NaN or infinity). */
const STORABLE = `
function storable(v) {
  return v !== null && v !== undefined && (typeof v !== 'number' || isFinite(v));
}
`;

/** Hex text (a Sigfox `data`, a TagoIO `payload` variable) to bytes, or null when it is not hex. */
const HEX_TO_BYTES = `
function hexToBytes(hex) {
  var out = [], i, text = String(hex).replace(/\\s+/g, '');
  if (text.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(text)) return null;
  for (i = 0; i < text.length; i += 2) out.push(parseInt(text.substr(i, 2), 16));
  return out;
}
`;

/**
 * Datacake field identifiers: upper case letters, digits and underscores, not starting with a
 * digit. A payload config name maps to itself upper-cased, other characters to `_`, a leading
 * digit prefixed with `F_`, and a clash numbered (`_2`, `_3`...).
 */
export function datacakeFieldNames(names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map(name => {
    let base = name.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
    if (base === '' || /^\d/.test(base)) base = `F_${base}`;
    let field = base;
    for (let n = 2; used.has(field); n++) field = `${base}_${n}`;
    used.add(field);
    return field;
  });
}

/** Entry points that only decode: the platforms below have no downlink encoder contract. */
const DECODE_ONLY: Record<'helium' | 'datacake' | 'tagoio' | 'thingsboard', (plan: CodecPlan, name: string) => string> = {
  helium: () => `
function Decoder(bytes, port, uplink_info) {
  return decodeFrame(bytes).data;
}
`,
  datacake: plan => {
    const fields = datacakeFieldNames(plan.fields.map(f => f.name));
    const mapping = plan.fields.map((f, k) => `  ${JSON.stringify(f.name)}: ${JSON.stringify(fields[k])}`).join(',\n');
    return `${STORABLE}
// Payload config name -> Datacake field identifier (create the device's fields with these). A field
// past the end of a shorter frame, or a float that is NaN or infinite, is left out, not sent as null.
var DATACAKE_FIELDS = {
${mapping}
};
function Decoder(bytes, port) {
  var data = decodeFrame(bytes).data, out = [], name;
  for (name in DATACAKE_FIELDS) {
    if (Object.prototype.hasOwnProperty.call(DATACAKE_FIELDS, name) && storable(data[name]))
      out.push({ field: DATACAKE_FIELDS[name], value: data[name] });
  }
  return out;
}
`;
  },
  tagoio: () => `${STORABLE}${HEX_TO_BYTES}
// A null or non-finite value is left out; the incoming variables are kept.
(function () {
  if (typeof payload === 'undefined' || !payload || typeof payload.length !== 'number') return;
  var raw, i, decoded, name, added = [];
  for (i = 0; i < payload.length; i++) {
    if (payload[i] && (payload[i].variable === 'data' || payload[i].variable === 'payload') && typeof payload[i].value === 'string') { raw = payload[i]; break; }
  }
  if (!raw) return;
  var bytes = hexToBytes(raw.value);
  if (!bytes) {
    payload = payload.concat([{ variable: 'parse_error', value: 'the ' + raw.variable + ' variable is not hexadecimal' }]);
    return;
  }
  decoded = decodeFrame(bytes);
  for (name in decoded.data) {
    if (!Object.prototype.hasOwnProperty.call(decoded.data, name) || !storable(decoded.data[name])) continue;
    var item = { variable: name, value: decoded.data[name] };
    if (raw.group !== undefined) item.group = raw.group;
    if (raw.time !== undefined) item.time = raw.time;
    added.push(item);
  }
  payload = payload.concat(added);
})();
`,
  thingsboard: (_plan, name) => `${HEX_TO_BYTES}
var message = null, frame = payload, text = '', k;
try {
  for (k = 0; k < payload.length; k++) text += String.fromCharCode(payload[k]);
  message = JSON.parse(text);
} catch (e) {
  message = null;
}
if (message && typeof message === 'object' && typeof message.data === 'string') frame = hexToBytes(message.data) || [];
var decoded = decodeFrame(frame);
return {
  deviceName: (message && message.device) || (metadata && metadata.deviceName) || ${JSON.stringify(name)},
  deviceType: (metadata && metadata.deviceType) || ${JSON.stringify(name)},
  telemetry: decoded.data
};
`,
};

const TARGET_TITLES: Record<JsTarget, string> = {
  ts013: 'LoRa Alliance TS013 payload codec (ECMAScript 5.1, no modules)',
  ttn: 'The Things Stack / The Things Network payload formatter (ECMAScript 5.1)',
  chirpstack: 'ChirpStack v3 and v4 codec (ECMAScript 5.1)',
  helium: 'Helium Console decoder function (ECMAScript 5.1)',
  datacake: 'Datacake payload decoder (ECMAScript 5.1)',
  tagoio: 'TagoIO payload parser (ECMAScript 5.1)',
  thingsboard: 'ThingsBoard uplink data converter, JavaScript decoder body (ECMAScript 5.1)',
};

/**
 * How each platform calls the generated code, from its documentation, stated at the top of the
 * file so whoever pastes it can check it against the platform's editor.
 */
const TARGET_CONTRACTS: Partial<Record<JsTarget, readonly string[]>> = {
  helium: [
    'Contract (docs.helium.com/console/functions): Console calls Decoder(bytes, port, uplink_info), bytes the',
    "frame as an array of byte values, uplink_info the uplink's metadata; the object returned is the decoded",
    'payload passed to the integration. Console decoders are compatible with The Things Network v2 decoders.',
  ],
  datacake: [
    'Contract (docs.datacake.de/lorawan/payload-decoders): Datacake calls Decoder(payload, port), payload the',
    'frame as a list of bytes, and stores each { field, value } of the array returned in the device field with',
    'that identifier.',
  ],
  tagoio: [
    'Contract (TagoIO payload parser): the code runs inside a function with a global `payload`, the array of',
    'incoming { variable, value, group?, time? }; what `payload` holds when it ends is stored. The frame is the',
    'hex value of the variable `data` (Sigfox integration) or `payload` (LoRaWAN networks); each field is added',
    'as a variable with its group and time. A variable `parse_error` reports a frame that is not hex.',
  ],
  thingsboard: [
    'Contract (thingsboard.io uplink data converter, JavaScript): this file is the body of',
    'Decoder(payload, metadata), payload the message as an array of bytes, metadata a key/value object; it',
    'returns { deviceName, deviceType, telemetry }. The message is the JSON a Sigfox callback posts (its `data`',
    'the frame, its `device` the device name, else metadata.deviceName) or the frame itself.',
  ],
};

/** Targets whose generated code decodes only (no downlink encoder entry point on the platform). */
export function isDecodeOnlyTarget(target: JsTarget): boolean {
  return target in DECODE_ONLY;
}

/** The codec source for a JavaScript target. */
export function generateJsCodec(plan: CodecPlan, target: JsTarget, options: JsCodecOptions): string {
  const header = [
    `// ${options.name}: ${TARGET_TITLES[target]}, generated by sigfox-callbacks from the Sigfox payload config`,
    `//   ${options.config.replace(/[\r\n]/g, ' ')}`,
    ...(TARGET_CONTRACTS[target] ?? []).map(line => `// ${line}`),
    `// ${plan.downlink ? `Downlink: ${plan.frameBytes}-byte frame.` : `Uplink: ${plan.frameBytes}-byte frame; fields past the end of a shorter frame are null.`}`,
    target === 'datacake'
      ? '// Field names: each payload config name upper-cased for Datacake, see DATACAKE_FIELDS below.'
      : '// Field names are the payload config names, unchanged (JavaScript object keys take any string).',
    '// Integers wider than 53 bits are decimal digit strings when they exceed 2^53 (ES5 has no BigInt).',
  ].join('\n');
  const entry =
    target === 'ts013' || target === 'ttn' || target === 'chirpstack'
      ? ENTRY_POINTS[target](plan)
      : DECODE_ONLY[target](plan, options.name);
  // A decode-only platform carries no encoder, downlink config or not.
  const runtime = isDecodeOnlyTarget(target) ? RUNTIME.slice(0, RUNTIME.indexOf('function numberToBits(')) : runtimeFor(plan);
  return `${header}\n${fieldTable(plan)}${runtime}${entry}`;
}
