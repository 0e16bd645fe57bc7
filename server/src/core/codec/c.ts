import { integerRange, type CodecField, type CodecPlan } from './plan';

/**
 * A header-only C99 encoder and decoder for firmware, generated from the codec plan: one struct
 * member per field, no allocation, floats moved through uint32_t/uint64_t with memcpy (no
 * unions or pointer casts), every bit read and written through the field's runs so the C agrees
 * with the decoder's cursor, bit-offset and byte-order rules.
 */

const C_KEYWORDS = new Set(
  (
    'auto break case char const continue default do double else enum extern float for goto if inline int long register restrict ' +
    'return short signed sizeof static struct switch typedef union unsigned void volatile while bool true false _Bool _Complex _Imaginary'
  ).split(' '),
);

/**
 * Field names as C identifiers: `-` becomes `_`, a leading digit gets `f_`, a keyword gets a
 * trailing `_`, and a name that then collides with an earlier one, or with a `reserved` name,
 * gets `_2`, `_3`...
 */
export function cIdentifiers(names: readonly string[], reserved: readonly string[] = []): string[] {
  const used = new Set<string>(reserved);
  return names.map(name => {
    let id = name.replace(/\W/g, '_');
    if (/^\d/.test(id)) id = `f_${id}`;
    if (C_KEYWORDS.has(id)) id = `${id}_`;
    let unique = id;
    for (let n = 2; used.has(unique); n++) unique = `${id}_${n}`;
    used.add(unique);
    return unique;
  });
}

/** `--name` as a C prefix: the same mapping, lower case kept as written. */
export function cPrefix(name: string): string {
  return cIdentifiers([name || 'codec'])[0]!;
}

function storageBits(bits: number): number {
  return bits <= 8 ? 8 : bits <= 16 ? 16 : bits <= 32 ? 32 : 64;
}

function memberType(f: CodecField): string {
  switch (f.type) {
    case 'bool':
      return 'bool';
    case 'char':
      return 'char';
    case 'float':
      return f.bitLength === 32 ? 'float' : 'double';
    case 'uint':
      return `uint${storageBits(f.bitLength)}_t`;
    case 'int':
      return `int${storageBits(f.bitLength)}_t`;
  }
}

function u64(v: bigint): string {
  return `UINT64_C(0x${v.toString(16).toUpperCase()})`;
}

function i64(v: bigint): string {
  // INT64_MIN cannot be written as a literal: it is -(max) - 1.
  return v === -(1n << 63n) ? '(-INT64_C(0x7FFFFFFFFFFFFFFF) - 1)' : v < 0n ? `(-INT64_C(${-v}))` : `INT64_C(${v})`;
}

/** The expression reading a field's value as uint64_t, most significant run first. */
function readExpression(p: string, f: CodecField): string {
  return f.runs.reduce(
    (acc, run, i) =>
      i === 0
        ? `${p}_get(frame, ${run.position}u, ${run.length}u)`
        : `((${acc} << ${run.length}) | ${p}_get(frame, ${run.position}u, ${run.length}u))`,
    '',
  );
}

function decodeStatement(p: string, f: CodecField, member: string): string[] {
  const target = `out->${member}`;
  switch (f.type) {
    case 'bool':
      return [`${target} = ${p}_get(frame, ${f.runs[0]!.position}u, 1u) != 0;`];
    case 'char':
      return [
        `for (i = 0; i < ${f.charCount}u; i++) ${target}[i] = (char)${p}_get(frame, ${f.runs[0]!.position}u + 8u * (unsigned)i, 8u);`,
        `${target}[${f.charCount}] = '\\0';`,
      ];
    case 'float':
      return f.bitLength === 32
        ? [`{ uint32_t u = (uint32_t)${readExpression(p, f)}; memcpy(&${target}, &u, sizeof u); }`]
        : [`{ uint64_t u = ${readExpression(p, f)}; memcpy(&${target}, &u, sizeof u); }`];
    case 'uint':
      return [`${target} = (${memberType(f)})${readExpression(p, f)};`];
    case 'int': {
      const { max } = integerRange(f);
      const mask = (1n << BigInt(f.bitLength)) - 1n;
      // Two's complement over exactly N bits, without relying on implementation-defined conversions.
      return [
        `{ uint64_t u = ${readExpression(p, f)}; ${target} = (${memberType(f)})(u > ${u64(max)} ? -(int64_t)(${u64(mask)} - u) - 1 : (int64_t)u); }`,
      ];
    }
  }
}

function encodeStatements(p: string, f: CodecField, member: string): string[] {
  const source = `in->${member}`;
  const put = (value: string): string[] => {
    let shift = f.bitLength;
    return f.runs.map(run => {
      shift -= run.length;
      return `if (${p}_put(frame, done, ${run.position}u, ${run.length}u, ${shift ? `${value} >> ${shift}` : value}) != 0) return ${p.toUpperCase()}_ERR_ALIAS;`;
    });
  };
  switch (f.type) {
    case 'bool':
      return put(`(uint64_t)(${source} ? 1u : 0u)`);
    case 'char':
      return [
        `for (i = 0; i < ${f.charCount}u; i++) if (${p}_put(frame, done, ${f.runs[0]!.position}u + 8u * (unsigned)i, 8u, (uint64_t)(unsigned char)${source}[i]) != 0) return ${p.toUpperCase()}_ERR_ALIAS;`,
      ];
    case 'float':
      return [`{ uint${f.bitLength}_t u; memcpy(&u, &${source}, sizeof u);`, ...put('(uint64_t)u').map(s => `  ${s}`), '}'];
    case 'uint': {
      const { max } = integerRange(f);
      const check =
        f.bitLength < storageBits(f.bitLength) ? [`if ((uint64_t)${source} > ${u64(max)}) return ${p.toUpperCase()}_ERR_RANGE;`] : [];
      return [...check, ...put(`(uint64_t)${source}`)];
    }
    case 'int': {
      const { min, max } = integerRange(f);
      const check =
        f.bitLength < storageBits(f.bitLength)
          ? [`if (${source} < ${i64(min)} || ${source} > ${i64(max)}) return ${p.toUpperCase()}_ERR_RANGE;`]
          : [];
      // Converting a negative int64_t to uint64_t is defined (modulo 2^64): the low N bits are its two's complement.
      return [...check, ...put(`(uint64_t)(int64_t)${source}`)];
    }
  }
}

export interface CCodecOptions {
  /** The prefix of every name (`NAME_t`, `NAME_decode`...): a C identifier. */
  readonly name: string;
  readonly config: string;
}

export function generateCCodec(plan: CodecPlan, options: CCodecOptions): string {
  const p = cPrefix(options.name);
  const P = p.toUpperCase();
  // `present` is the struct's own member: a field of that name is numbered like a clash.
  const ids = cIdentifiers(
    plan.fields.map(f => f.name),
    ['present'],
  );
  const renamed = plan.fields.map((f, k) => [f.name, ids[k]!] as const).filter(([a, b]) => a !== b);
  const usesChar = plan.fields.some(f => f.type === 'char');
  const guard = `${P}_CODEC_H`;
  const members = plan.fields.map((f, k) => {
    const bits = f.type === 'char' ? `${f.charCount} characters` : `${f.type}:${f.bitLength}`;
    return `    ${memberType(f)} ${ids[k]}${f.type === 'char' ? `[${f.charCount + 1}]` : ''}; /* ${f.name}: ${bits}, byte${f.firstByte === f.lastByte ? ` ${f.firstByte}` : `s ${f.firstByte}-${f.lastByte}`} */`;
  });
  // A field is decoded when its last byte is in the frame; a shorter frame leaves it 0 and not present,
  // as the Sigfox backend renders it null.
  const decode = plan.fields.map(
    (f, k) =>
      `    if (len > ${f.lastByte}u) {\n${decodeStatement(p, f, ids[k]!)
        .map(s => `        ${s}\n`)
        .join('')}        out->present[${k >> 3}] = (uint8_t)(out->present[${k >> 3}] | ${1 << (k & 7)}u);\n    }`,
  );
  const fieldIndexes = plan.fields.map((_, k) => `#define ${P}_FIELD_${ids[k]} ${k}`).join('\n');
  const encode = plan.fields.flatMap((f, k) => encodeStatements(p, f, ids[k]!)).map(s => `    ${s}`);
  const nameNote = renamed.length
    ? ` * Field names that are not C identifiers: ${renamed.map(([a, b]) => `${a} -> ${b}`).join(', ')}\n *   ('-' -> '_', leading digit -> 'f_', keyword -> trailing '_', clash -> '_2').\n`
    : '';
  return `/*
 * ${p}: header-only C99 encoder and decoder, generated by sigfox-callbacks from the Sigfox payload config
 *   ${options.config.replace(/\*\//g, '* /').replace(/[\r\n]/g, ' ')}
 * ${plan.downlink ? 'Downlink' : 'Uplink'} frame: ${plan.frameBytes} bytes (${P}_FRAME_SIZE). Bit 7 is the most significant bit of a byte.
${nameNote} *
 * int ${p}_decode(const uint8_t *frame, size_t len, ${p}_t *out)  -> the bytes read: ${P}_FRAME_SIZE, or len
 *     for a shorter frame, whose fields past its end are 0 and not present: ${P}_HAS(out, ${P}_FIELD_x) is 0
 * int ${p}_encode(const ${p}_t *in, uint8_t *frame, size_t cap)   -> ${P}_FRAME_SIZE, or ${P}_ERR_CAP,
 *     ${P}_ERR_RANGE (a value does not fit its bits), ${P}_ERR_ALIAS (fields sharing bits disagree)
 * No allocation; floats are copied bit for bit through uint32_t/uint64_t with memcpy.
 */
#ifndef ${guard}
#define ${guard}

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define ${P}_FRAME_SIZE ${plan.frameBytes}
#define ${P}_MAX_FRAME ${plan.maxBytes}
#define ${P}_NUM_FIELDS ${plan.fields.length}
#define ${P}_ERR_CAP (-2)
#define ${P}_ERR_RANGE (-3)
#define ${P}_ERR_ALIAS (-4)

#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L || defined(__GNUC__) || defined(__clang__)
#define ${P}_STATIC_ASSERT(cond, msg) _Static_assert(cond, msg)
#else
/* Before C11: a negative array size fails; __LINE__ is expanded (one more macro level) so each assertion has its own name. */
#define ${P}_CAT_(a, b) a##b
#define ${P}_CAT(a, b) ${P}_CAT_(a, b)
#define ${P}_STATIC_ASSERT(cond, msg) typedef char ${P}_CAT(${p}_static_assert_, __LINE__)[(cond) ? 1 : -1]
#endif
${P}_STATIC_ASSERT(${P}_FRAME_SIZE <= ${P}_MAX_FRAME, "the frame does not fit a ${plan.maxBytes}-byte Sigfox ${plan.downlink ? 'downlink' : 'uplink'}");
${P}_STATIC_ASSERT(sizeof(float) == 4 && sizeof(double) == 8, "float and double must be IEEE-754 binary32 and binary64");

/* Field numbers, for ${P}_HAS: ${P}_FIELD_ and the member name. */
${fieldIndexes}

typedef struct {
${members.join('\n')}
    uint8_t present[(${P}_NUM_FIELDS + 7) / 8]; /* bit k of byte k / 8: field k was in the frame */
} ${p}_t;

/* Whether a decoded field was in the frame (a short frame ends before the fields past it). */
#define ${P}_HAS(v, field) ((((v)->present[(field) >> 3]) >> ((field) & 7)) & 1u)

/* len bits starting at absolute bit pos (bit 7 of byte 0 = 0), most significant first. */
static inline uint64_t ${p}_get(const uint8_t *frame, unsigned pos, unsigned len) {
    uint64_t v = 0;
    unsigned i;
    for (i = 0; i < len; i++) {
        unsigned p = pos + i;
        v = (v << 1) | (uint64_t)((frame[p >> 3] >> (7u - (p & 7u))) & 1u);
    }
    return v;
}

/* Writes the low len bits of v; a bit another field already wrote must agree (returns -1). */
static inline int ${p}_put(uint8_t *frame, uint8_t *done, unsigned pos, unsigned len, uint64_t v) {
    unsigned i;
    for (i = 0; i < len; i++) {
        unsigned p = pos + i;
        uint8_t mask = (uint8_t)(0x80u >> (p & 7u));
        uint8_t bit = (uint8_t)((v >> (len - 1u - i)) & 1u);
        if (done[p >> 3] & mask) {
            if (((frame[p >> 3] & mask) != 0) != (bit != 0)) return -1;
        } else {
            done[p >> 3] = (uint8_t)(done[p >> 3] | mask);
            if (bit) frame[p >> 3] = (uint8_t)(frame[p >> 3] | mask);
        }
    }
    return 0;
}

static inline int ${p}_decode(const uint8_t *frame, size_t len, ${p}_t *out) {
${usesChar ? '    size_t i;\n' : ''}    memset(out, 0, sizeof *out);
${decode.join('\n')}
    return len < ${P}_FRAME_SIZE ? (int)len : ${P}_FRAME_SIZE;
}

static inline int ${p}_encode(const ${p}_t *in, uint8_t *frame, size_t cap) {
    uint8_t done[${P}_FRAME_SIZE];
${usesChar ? '    size_t i;\n' : ''}    if (cap < ${P}_FRAME_SIZE) return ${P}_ERR_CAP;
    memset(frame, 0, ${P}_FRAME_SIZE);
    memset(done, 0, sizeof done);
${encode.join('\n')}
    return ${P}_FRAME_SIZE;
}

#endif /* ${guard} */
`;
}
