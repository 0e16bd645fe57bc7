import { TOO_MANY_PROBLEMS_CODE, type CodeInfo } from '../codeInfo';

/** Payload-config (grammar) diagnostics. Codes are stable: never renumber, only add. */
export const GRAMMAR_CODES = {
  SFG001: {
    severity: 'error',
    name: 'incomplete-field',
    summary: 'A field needs at least `name:index:type:size` (the index may be empty).',
    example: 'temp:uint',
  },
  SFG002: { severity: 'error', name: 'empty-field-name', summary: 'A field has no name before its first colon.', example: '::uint:8' },
  SFG003: {
    severity: 'error',
    name: 'invalid-field-name',
    summary: 'A field name uses a character outside letters, digits, `_` and `-`.',
    example: 'tempé::uint:8',
  },
  SFG004: {
    severity: 'warning',
    name: 'hash-in-field-name',
    summary: 'A `#` inside a field name is easy to confuse with `customData#`.',
    example: 'a#b::uint:8',
  },
  SFG005: {
    severity: 'error',
    name: 'duplicate-field-name',
    summary: 'Two fields share a name; the second can never be referenced.',
    example: 't::uint:8 t::uint:8',
  },
  SFG006: {
    severity: 'error',
    name: 'invalid-byte-index',
    summary: 'The byte index (second slot) is not a whole number.',
    example: 'temp:uint:8',
  },
  SFG007: {
    severity: 'error',
    name: 'unknown-type',
    summary: 'The type is not one of bool, char, float, uint, int.',
    example: 't::uint8:8',
  },
  SFG008: {
    severity: 'error',
    name: 'missing-size',
    summary: 'The type needs its size: the bit for bool, the byte count for char, the bit length for numbers.',
    example: 't::uint',
  },
  SFG009: {
    severity: 'error',
    name: 'invalid-bool-bit',
    summary: 'A bool reads one bit, numbered 0 (least significant) to 7 (most significant).',
    example: 'b::bool:8',
  },
  SFG010: {
    severity: 'error',
    name: 'invalid-char-length',
    summary: 'A char field needs a byte count of at least 1.',
    example: 's::char:0',
  },
  SFG011: { severity: 'error', name: 'invalid-float-length', summary: 'A float is 32 or 64 bits long.', example: 'f::float:16' },
  SFG012: { severity: 'error', name: 'invalid-int-length', summary: 'An int or uint is 1 to 64 bits long.', example: 'n::uint:65' },
  SFG013: {
    severity: 'error',
    name: 'invalid-endianness',
    summary: 'The slot after the size takes `big-endian`, `little-endian` or nothing; a bit offset goes in the slot after it.',
    example: 'i2::uint:32:2',
  },
  SFG014: {
    severity: 'error',
    name: 'invalid-bit-offset',
    summary: 'A bit offset is 0 to 7 (7 = most significant bit, where reading starts by default).',
    example: 'n::uint:4::8',
  },
  SFG015: {
    severity: 'error',
    name: 'little-endian-partial-bytes',
    summary: '`little-endian` swaps whole bytes, so it needs a bit length that is a multiple of 8.',
    example: 'n::uint:12:little-endian',
  },
  SFG016: {
    severity: 'warning',
    name: 'little-endian-single-byte',
    summary: '`little-endian` on a field of 8 bits or less changes nothing.',
    example: 'n::uint:8:little-endian',
  },
  SFG017: {
    severity: 'error',
    name: 'char-extra-parameters',
    summary: 'char takes only a byte count: Sigfox documents no position for a char endianness or bit offset.',
    example: 's::char:2::3',
  },
  SFG018: {
    severity: 'error',
    name: 'too-many-parameters',
    summary: 'The field has more colon-separated parts than its type accepts.',
    example: 'b::bool:7:1',
  },
  SFG019: {
    severity: 'warning',
    name: 'skipped-bits',
    summary:
      'A field without an explicit bit offset always advances by whole bytes, so the next field skips the bits left in its last byte.',
    example: 'Direction::uint:4 Status::uint:4',
  },
  SFG020: {
    severity: 'warning',
    name: 'beyond-frame',
    summary: 'The field reaches past the largest frame (12 bytes uplink, 8 downlink): it will always be null.',
    example: 'a:12:uint:8',
  },
  SFG021: {
    severity: 'warning',
    name: 'little-endian-bit-offset',
    summary: '`little-endian` with a bit offset is undefined in every Sigfox source.',
    example: 'n::uint:16:little-endian:3',
  },
  SFG022: {
    severity: 'warning',
    name: 'non-canonical-config',
    summary: 'An inline payloadConfig must be the canonical one-liner: fields joined by single spaces, no comments.',
    example: '"payloadConfig": "a::uint:8  b::uint:8"',
  },
  SFG023: { severity: 'warning', name: 'empty-config', summary: 'The payload config has no fields.', example: '# only a comment' },
  SFG024: {
    severity: 'error',
    name: 'malformed-example',
    summary: 'A golden example comment must read `# example: HEX => name=value ...`.',
    example: '# example: 0G',
  },
  SFG025: {
    severity: 'error',
    name: 'example-failed',
    summary: 'A golden example does not decode to the values it states.',
    example: '# example: 01 => a=2',
  },
  SFG026: {
    severity: 'error',
    name: 'type-case',
    summary: 'Type and endianness keywords are lower case in Sigfox configs.',
    example: 't::UINT:8',
  },
  SFG027: {
    severity: 'warning',
    name: 'overlapping-fields',
    summary:
      'A field with an explicit byte index reads bits another field also reads, without being a whole-byte alias (a byte and its bools, a uint:16 and its two bytes).',
    example: 'lat::int:32 lon::int:32 temp:6:int:16',
  },
  SFG028: {
    severity: 'warning',
    name: 'cursor-rereads-bits',
    summary:
      'A field without a byte index starts where the cursor rules put it and re-reads bits of the field before it (after bools, or after a field with an explicit bit offset).',
    example: 'a::bool:7 b::bool:6 mode::uint:4',
  },
  SFG029: {
    severity: 'error',
    name: 'pasted-config',
    summary:
      'The config looks pasted: fields separated by commas or semicolons, a non-breaking space, the whole config in quotes, or spaces around the colons. One error explains it, with a fix.',
    example: '"temp::uint:8, hum::uint:8"',
  },
  SFG101: {
    severity: 'warning',
    name: 'frame-too-long',
    summary: 'The frame is longer than the largest Sigfox frame (12 bytes uplink, 8 downlink); it was decoded anyway.',
    example: 'decode 00112233445566778899AABBCC',
  },
  SFG102: {
    severity: 'warning',
    name: 'field-not-in-frame',
    summary: 'The field does not fit in the frame and decodes to null, as on the Sigfox backend.',
    example: 'a::uint:8 b::uint:8 with frame 12',
  },
  SFG103: {
    severity: 'warning',
    name: 'char-not-printable',
    summary: 'A char field holds a byte outside printable ASCII (0x20-0x7E); it is shown as Latin-1.',
    example: 's::char:1 with frame 00',
  },
  SFG104: {
    severity: 'warning',
    name: 'float-not-finite',
    summary: 'A float decoded to NaN or Infinity and renders as null.',
    example: 'f::float:32 with frame 7FC00000',
  },
  SFG105: {
    severity: 'error',
    name: 'invalid-hex',
    summary: 'The frame is not hexadecimal: an odd number of digits or a character that is not 0-9, a-f.',
    example: 'decode 0G',
  },
  SFG900: TOO_MANY_PROBLEMS_CODE,
} as const satisfies Record<string, CodeInfo>;

export type GrammarCode = keyof typeof GRAMMAR_CODES;
