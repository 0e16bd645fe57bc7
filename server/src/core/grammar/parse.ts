import { problem, type Problem } from '../problem';
import type { Endianness, FieldNode, FieldType, GoldenExample, GrammarDocument, Token } from './ast';
import { FIELD_TYPES } from './ast';
import { editDistance } from '../suggest';
import { isSpace } from '../util';

/**
 * Tolerant parser of a payload config. Every token keeps its exact range; an error in one
 * field never hides the others (each field is understood on its own).
 *
 * Lexical rules (spec §1.1 and Decision D3): fields are separated by any run of white space;
 * a `#` at the start of a token starts a comment to the end of the line.
 */

export interface ParseOptions {
  /** An inline `payloadConfig` string must be canonical: single spaces, no comments (D3). */
  readonly inline?: boolean;
}

export interface ParsedGrammar {
  readonly document: GrammarDocument;
  readonly problems: readonly Problem[];
}

const NAME_RE = /^[\w-]+$/;
const DIGITS_RE = /^\d+$/;
const EXAMPLE_RE = /^#\s*example\s*:/i;

function tok(text: string, start: number, end: number): Token {
  return { text: text.slice(start, end), start, end };
}

export function parseGrammar(text: string, options: ParseOptions = {}): ParsedGrammar {
  const fields: FieldNode[] = [];
  const comments: Token[] = [];
  const examples: GoldenExample[] = [];
  const problems: Problem[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === 35 /* # */) {
      let e = i;
      while (e < n && text.charCodeAt(e) !== 10 && text.charCodeAt(e) !== 13) e++;
      const comment = tok(text, i, e);
      comments.push(comment);
      if (EXAMPLE_RE.test(comment.text)) parseExample(comment, examples, problems);
      i = e;
      continue;
    }
    let e = i;
    while (e < n && !isSpace(text.charCodeAt(e))) e++;
    fields.push(parseField(tok(text, i, e), problems));
    i = e;
  }
  reportDuplicates(text, fields, problems);
  if (fields.length === 0)
    problems.push(problem('SFG023', 0, 0, 'The payload config has no fields: write at least one, e.g. `temp::uint:8`.'));
  if (options.inline) checkCanonical(text, fields, problems);
  return { document: { text, fields, comments, examples }, problems };
}

/** The string sent to Sigfox: fields joined by one space, no comments (D3). */
export function canonicalConfig(document: GrammarDocument): string {
  return document.fields.map(f => f.token.text).join(' ');
}

function checkCanonical(text: string, fields: readonly FieldNode[], problems: Problem[]): void {
  const canonical = fields.map(f => f.token.text).join(' ');
  if (canonical !== text) {
    problems.push(
      problem(
        'SFG022',
        0,
        text.length,
        'This inline payloadConfig is not the canonical one-liner Sigfox expects: join fields with single spaces, without comments or line breaks.',
        { replacements: [canonical], fixTitle: 'Rewrite as the canonical one-liner' },
      ),
    );
  }
}

function splitParts(token: Token): Token[] {
  const parts: Token[] = [];
  let s = 0;
  const t = token.text;
  for (let k = 0; k <= t.length; k++) {
    if (k === t.length || t.charCodeAt(k) === 58 /* : */) {
      parts.push({ text: t.slice(s, k), start: token.start + s, end: token.start + k });
      s = k + 1;
    }
  }
  return parts;
}

/** A slot's value when it is valid; `valid` false when the slot makes the field unusable. */
interface Slot<T> {
  readonly value: T | undefined;
  readonly valid: boolean;
}

const isFieldType = (word: string): boolean => (FIELD_TYPES as readonly string[]).includes(word);

/** `name:index:type:size:endianness:bitOffset`, each slot checked on its own (spec §1.1). */
function parseField(token: Token, problems: Problem[]): FieldNode {
  const parts = splitParts(token);
  // splitParts returns one part per colon plus one, so there is always a name slot.
  const name = parts[0] as Token;
  checkNameSlot(token, name, problems);

  const indexPart = parts[1];
  const typePart = parts[2];
  if (indexPart === undefined || typePart === undefined) {
    reportIncompleteField(token, parts, name, problems);
    return {
      token,
      parts,
      name,
      type: undefined,
      index: undefined,
      size: undefined,
      endianness: 'big-endian',
      bitOffset: undefined,
      valid: false,
    };
  }

  const index = parseIndexSlot(token, parts, name, indexPart, problems);
  const type = parseTypeSlot(typePart, problems);
  let valid = index.valid && type.valid;
  let size: number | undefined;
  let endianness: Endianness = 'big-endian';
  let bitOffset: number | undefined;
  if (type.value !== undefined) {
    const sizeSlot = parseSizeSlot(type.value, name, indexPart, typePart, parts[3], problems);
    size = sizeSlot.value;
    valid &&= sizeSlot.valid;
    if (type.value === 'bool' || type.value === 'char') {
      valid = checkNoSlotsAfterSize(type.value, parts, problems) && valid;
    } else {
      const endianPart = parts[4];
      const offsetPart = parts[5];
      const endianSlot = parseEndiannessSlot(name, indexPart, type.value, parts[3], endianPart, problems);
      endianness = endianSlot.value ?? 'big-endian';
      const offsetSlot = parseBitOffsetSlot(offsetPart, problems);
      bitOffset = offsetSlot.value;
      const countValid = checkSlotCount(token, type.value, parts, problems);
      valid = endianSlot.valid && offsetSlot.valid && countValid && valid;
      if (size !== undefined && endianness === 'little-endian' && endianPart)
        valid = checkLittleEndian(size, bitOffset, endianPart, offsetPart, problems) && valid;
    }
  }
  return { token, parts, name, type: type.value, index: index.value, size, endianness, bitOffset, valid: valid && name.text.length > 0 };
}

/** Name (D12): present, and only letters, digits, `_` and `-` (`#` warned about, other characters refused). */
function checkNameSlot(token: Token, name: Token, problems: Problem[]): void {
  if (name.text.length === 0) {
    problems.push(
      problem(
        'SFG002',
        token.start,
        token.start + Math.min(1, token.text.length),
        `Field \`${token.text}\` has no name: write it before the first colon, e.g. \`temp${token.text}\`.`,
      ),
    );
  } else if (!NAME_RE.test(name.text)) {
    if (/^[\w#-]+$/.test(name.text)) {
      problems.push(
        problem(
          'SFG004',
          name.start,
          name.end,
          `Field name \`${name.text}\` contains \`#\`, which reads like \`customData#\` in templates; prefer letters, digits, \`_\` and \`-\`.`,
          { replacements: [name.text.replace(/#/g, '_')], fixTitle: `Rename to \`${name.text.replace(/#/g, '_')}\`` },
        ),
      );
    } else {
      const bad = [...name.text].find(ch => !/[\w#-]/.test(ch)) ?? '';
      const suggestion = name.text.replace(/[^\w-]/g, '_');
      problems.push(
        problem(
          'SFG003',
          name.start,
          name.end,
          `Field name \`${name.text}\` contains ${JSON.stringify(bad)}: names use only letters, digits, \`_\` and \`-\`.`,
          { replacements: [suggestion], fixTitle: `Rename to \`${suggestion}\`` },
        ),
      );
    }
  }
}

/** Fewer than three slots: no type to read. */
function reportIncompleteField(token: Token, parts: readonly Token[], name: Token, problems: Problem[]): void {
  const second = parts[1]?.text.toLowerCase();
  const hint =
    parts.length === 2 && second !== undefined && isFieldType(second)
      ? ` The type needs its size, e.g. \`${name.text || 'name'}::${second}:8\`.`
      : ` Write \`${name.text || 'name'}::uint:8\` (an empty byte index means "after the previous field").`;
  problems.push(
    problem('SFG001', token.start, token.end, `Field \`${token.text}\` is incomplete: a field is \`name:index:type:size\`.${hint}`),
  );
}

/** Byte index: a whole number, or empty for "after the previous field". */
function parseIndexSlot(token: Token, parts: readonly Token[], name: Token, indexPart: Token, problems: Problem[]): Slot<number> {
  if (indexPart.text.length === 0) return { value: undefined, valid: true };
  if (DIGITS_RE.test(indexPart.text)) return { value: Number(indexPart.text), valid: true };
  const looksLikeType = isFieldType(indexPart.text.toLowerCase());
  const fixed = looksLikeType
    ? `${name.text}::${parts
        .slice(1)
        .map(p => p.text)
        .join(':')}`
    : undefined;
  problems.push(
    problem(
      'SFG006',
      indexPart.start,
      indexPart.end,
      looksLikeType
        ? `\`${indexPart.text}\` sits in the byte-index slot: the slot after the name is the byte index. Write \`${fixed}\` (two colons) to read from the byte after the previous field.`
        : `Byte index \`${indexPart.text}\` is not a whole number: write a byte number (0 is the first byte) or leave it empty (\`${name.text}::...\`).`,
      fixed ? { edit: { start: token.start, end: token.end, newText: fixed }, fixTitle: `Change to \`${fixed}\`` } : undefined,
    ),
  );
  return { value: undefined, valid: false };
}

/** Type: one of the five keywords, in lower case. */
function parseTypeSlot(typePart: Token, problems: Problem[]): Slot<FieldType> {
  const typeWord = typePart.text;
  if (isFieldType(typeWord)) return { value: typeWord as FieldType, valid: true };
  if (isFieldType(typeWord.toLowerCase())) {
    problems.push(
      problem('SFG026', typePart.start, typePart.end, `Type \`${typeWord}\` must be lower case: \`${typeWord.toLowerCase()}\`.`, {
        replacements: [typeWord.toLowerCase()],
        fixTitle: `Change to \`${typeWord.toLowerCase()}\``,
      }),
    );
    return { value: undefined, valid: false };
  }
  const guess = suggestType(typeWord);
  const extra = /^(hex|bcd)$/i.test(typeWord) ? ' (`hex` and `bcd` exist only in the cd-sigfox-parser library, not in Sigfox)' : '';
  problems.push(
    problem(
      'SFG007',
      typePart.start,
      typePart.end,
      `Unknown type \`${typeWord}\`${extra}: use bool, char, float, uint or int${guess ? ` — did you mean \`${guess}\`?` : '.'}`,
      guess ? { replacements: [guess], fixTitle: `Change to \`${guess}\`` } : undefined,
    ),
  );
  return { value: undefined, valid: false };
}

/** Size: a bool's bit number, a char's byte count, a float's 32 or 64 bits, an integer's 1 to 64 bits. */
function parseSizeSlot(
  type: FieldType,
  name: Token,
  indexPart: Token,
  typePart: Token,
  sizePart: Token | undefined,
  problems: Problem[],
): Slot<number> {
  if (!sizePart || sizePart.text.length === 0) {
    const at = sizePart ?? typePart;
    const example = type === 'bool' ? 'bool:7' : type === 'char' ? 'char:4' : type === 'float' ? 'float:32' : `${type}:8`;
    problems.push(
      problem(
        'SFG008',
        at.start,
        at.end,
        `\`${type}\` needs its ${sizeMeaning(type)}: e.g. \`${name.text || 'name'}:${indexPart.text}:${example}\`.`,
      ),
    );
    return { value: undefined, valid: false };
  }
  const v = DIGITS_RE.test(sizePart.text) ? Number(sizePart.text) : NaN;
  const refuse = (p: Problem): Slot<number> => {
    problems.push(p);
    return { value: undefined, valid: false };
  };
  switch (type) {
    case 'bool':
      if (!(v >= 0 && v <= 7))
        return refuse(
          problem(
            'SFG009',
            sizePart.start,
            sizePart.end,
            `A bool reads one bit of its byte: \`${sizePart.text}\` must be 0 (least significant) to 7 (most significant).`,
          ),
        );
      break;
    case 'char':
      if (!(v >= 1))
        return refuse(
          problem('SFG010', sizePart.start, sizePart.end, `A char field needs its length in bytes (1 or more), not \`${sizePart.text}\`.`),
        );
      break;
    case 'float':
      if (v !== 32 && v !== 64)
        return refuse(
          problem('SFG011', sizePart.start, sizePart.end, `A float is 32 or 64 bits long, not \`${sizePart.text}\`.`, {
            replacements: ['32', '64'],
          }),
        );
      break;
    default:
      if (!(v >= 1 && v <= 64))
        return refuse(problem('SFG012', sizePart.start, sizePart.end, `An ${type} is 1 to 64 bits long, not \`${sizePart.text}\`.`));
  }
  return { value: v, valid: true };
}

/** bool and char end at their size: Sigfox documents no endianness or bit offset for them. */
function checkNoSlotsAfterSize(type: 'bool' | 'char', parts: readonly Token[], problems: Problem[]): boolean {
  const first = parts[4];
  const last = parts[parts.length - 1];
  if (first === undefined || last === undefined) return true;
  const from = first.start - 1;
  problems.push(
    type === 'char'
      ? problem(
          'SFG017',
          from,
          last.end,
          'char takes only a byte count: Sigfox documents no endianness or bit offset for char, so start it on a whole byte with the byte index.',
          { edit: { start: from, end: last.end, newText: '' }, fixTitle: 'Remove the extra parameters' },
        )
      : problem('SFG018', from, last.end, 'bool takes only its bit number (0-7); choose the byte with the byte index.', {
          edit: { start: from, end: last.end, newText: '' },
          fixTitle: 'Remove the extra parameters',
        }),
  );
  return false;
}

/** Endianness: `big-endian`, `little-endian` or nothing (a number here is a bit offset one slot early). */
function parseEndiannessSlot(
  name: Token,
  indexPart: Token,
  type: FieldType,
  sizePart: Token | undefined,
  endianPart: Token | undefined,
  problems: Problem[],
): Slot<Endianness> {
  if (!endianPart || endianPart.text.length === 0) return { value: undefined, valid: true };
  if (endianPart.text === 'big-endian' || endianPart.text === 'little-endian') return { value: endianPart.text, valid: true };
  if (endianPart.text.toLowerCase() === 'big-endian' || endianPart.text.toLowerCase() === 'little-endian') {
    problems.push(
      problem(
        'SFG026',
        endianPart.start,
        endianPart.end,
        `\`${endianPart.text}\` must be lower case: \`${endianPart.text.toLowerCase()}\`.`,
        {
          replacements: [endianPart.text.toLowerCase()],
        },
      ),
    );
    return { value: undefined, valid: false };
  }
  const isDigit = DIGITS_RE.test(endianPart.text);
  problems.push(
    problem(
      'SFG013',
      endianPart.start,
      endianPart.end,
      `\`${endianPart.text}\` is not an endianness: this slot takes \`big-endian\`, \`little-endian\` or nothing.` +
        (isDigit
          ? ` A bit offset goes in the next slot: \`${name.text}:${indexPart.text}:${type}:${sizePart?.text ?? ''}::${endianPart.text}\`.`
          : ''),
      isDigit
        ? {
            edit: { start: endianPart.start, end: endianPart.start, newText: ':' },
            fixTitle: `Move \`${endianPart.text}\` to the bit-offset slot`,
          }
        : { replacements: ['big-endian', 'little-endian'] },
    ),
  );
  return { value: undefined, valid: false };
}

/** Bit offset: 0 to 7, the bit of the first byte where reading starts. */
function parseBitOffsetSlot(offsetPart: Token | undefined, problems: Problem[]): Slot<number> {
  if (!offsetPart || offsetPart.text.length === 0) return { value: undefined, valid: true };
  const o = DIGITS_RE.test(offsetPart.text) ? Number(offsetPart.text) : NaN;
  if (o >= 0 && o <= 7) return { value: o, valid: true };
  problems.push(
    problem(
      'SFG014',
      offsetPart.start,
      offsetPart.end,
      `Bit offset \`${offsetPart.text}\` must be 0 to 7: the bit of the first byte where reading starts (7 = most significant, the default).`,
    ),
  );
  return { value: undefined, valid: false };
}

/** Integers and floats take at most six slots. */
function checkSlotCount(token: Token, type: FieldType, parts: readonly Token[], problems: Problem[]): boolean {
  const first = parts[6];
  const last = parts[parts.length - 1];
  if (first === undefined || last === undefined) return true;
  problems.push(
    problem(
      'SFG018',
      first.start - 1,
      last.end,
      `\`${type}\` takes at most size, endianness and bit offset: remove \`${token.text.slice(first.start - 1 - token.start)}\`.`,
      { edit: { start: first.start - 1, end: last.end, newText: '' }, fixTitle: 'Remove the extra parameters' },
    ),
  );
  return false;
}

/** `little-endian` is useless on one byte, impossible on a partial byte, undefined with a bit offset. */
function checkLittleEndian(
  size: number,
  bitOffset: number | undefined,
  endianPart: Token,
  offsetPart: Token | undefined,
  problems: Problem[],
): boolean {
  let valid = true;
  if (size <= 8) {
    problems.push(
      problem(
        'SFG016',
        endianPart.start,
        endianPart.end,
        `\`little-endian\` changes nothing on a ${size}-bit field: byte order only matters across bytes.`,
        {
          edit: { start: endianPart.start - 1, end: endianPart.end, newText: offsetPart ? ':' : '' },
          fixTitle: 'Remove `little-endian`',
        },
      ),
    );
  } else if (size % 8 !== 0) {
    valid = false;
    problems.push(
      problem(
        'SFG015',
        endianPart.start,
        endianPart.end,
        `\`little-endian\` swaps whole bytes, but ${size} bits is not a whole number of bytes: use a multiple of 8 bits or \`big-endian\`.`,
      ),
    );
  }
  if (offsetPart && bitOffset !== undefined && bitOffset !== 7 && size > 8) {
    problems.push(
      problem(
        'SFG021',
        offsetPart.start,
        offsetPart.end,
        '`little-endian` with a bit offset is undefined in every Sigfox source: read whole bytes from bit 7, or use big-endian.',
      ),
    );
  }
  return valid;
}

function sizeMeaning(type: FieldType): string {
  switch (type) {
    case 'bool':
      return 'bit number (0-7)';
    case 'char':
      return 'length in bytes';
    case 'float':
      return 'bit length (32 or 64)';
    default:
      return 'bit length (1-64)';
  }
}

const TYPE_ALIASES: Record<string, FieldType> = {
  uint8: 'uint',
  uint16: 'uint',
  uint32: 'uint',
  unsigned: 'uint',
  u8: 'uint',
  u16: 'uint',
  u32: 'uint',
  byte: 'uint',
  int8: 'int',
  int16: 'int',
  int32: 'int',
  integer: 'int',
  signed: 'int',
  i8: 'int',
  i16: 'int',
  i32: 'int',
  short: 'int',
  long: 'int',
  boolean: 'bool',
  bit: 'bool',
  flag: 'bool',
  string: 'char',
  str: 'char',
  ascii: 'char',
  text: 'char',
  double: 'float',
  real: 'float',
  float32: 'float',
  float64: 'float',
};

function suggestType(word: string): FieldType | undefined {
  const lower = word.toLowerCase();
  // Own keys only: `constructor` or `toString` must not find Object.prototype's functions.
  if (Object.prototype.hasOwnProperty.call(TYPE_ALIASES, lower)) return TYPE_ALIASES[lower];
  let best: FieldType | undefined,
    bestDist = 3;
  for (const t of FIELD_TYPES) {
    const d = editDistance(lower, t, bestDist);
    if (d < bestDist) {
      best = t;
      bestDist = d;
    }
  }
  return best;
}

function reportDuplicates(text: string, fields: readonly FieldNode[], problems: Problem[]): void {
  const seen = new Map<string, FieldNode>();
  let lineStarts: number[] | undefined;
  for (const f of fields) {
    const key = f.name.text;
    if (!key) continue;
    const first = seen.get(key);
    if (first) {
      // Line starts are found once: scanning from the top for each duplicate is quadratic in a large config.
      const line = ` on line ${lineNumberAt((lineStarts ??= lineStartsOf(text)), first.token.start)}`;
      problems.push(
        problem(
          'SFG005',
          f.name.start,
          f.name.end,
          `Field \`${key}\` is already defined${line}: \`{customData#${key}}\` can only ever mean the first one. Rename this field.`,
        ),
      );
    } else seen.set(key, f);
  }
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let k = 0; k < text.length; k++) if (text.charCodeAt(k) === 10) starts.push(k + 1);
  return starts;
}

/** 1-based line of an offset (lines end at `\n`). */
function lineNumberAt(lineStarts: readonly number[], offset: number): number {
  let low = 0,
    high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lineStarts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low + 1;
}

// ---- Golden examples: `# example: C01234 => b1=true i1=4660 s="AB" x=null` ------------------

const PAIR_RE = /([\w#-]+)=("(?:[^"\\]|\\.)*"|[^\s"]+)/y;

function parseExample(comment: Token, examples: GoldenExample[], problems: Problem[]): void {
  const t = comment.text;
  const colon = t.indexOf(':');
  let i = colon + 1;
  while (i < t.length && (t[i] === ' ' || t[i] === '\t')) i++;
  const hexStart = i;
  const arrow = t.indexOf('=>', i);
  let hexEnd = arrow < 0 ? t.length : arrow;
  while (hexEnd > hexStart && /\s/.test(t[hexEnd - 1]!)) hexEnd--;
  const hex: Token = { text: t.slice(hexStart, hexEnd), start: comment.start + hexStart, end: comment.start + hexEnd };
  if (hex.text.length === 0 || !/^(0x)?[0-9A-Fa-f\s]*$/.test(hex.text) || hex.text.replace(/^0x|\s/g, '').length % 2 !== 0) {
    problems.push(
      problem(
        'SFG024',
        comment.start,
        comment.end,
        'A golden example reads `# example: HEX => name=value ...`, with an even number of hex digits, e.g. `# example: C01234 => b1=true i1=4660`.',
      ),
    );
    return;
  }
  const expectations: { name: Token; value: Token }[] = [];
  if (arrow >= 0) {
    let k = arrow + 2;
    while (k < t.length) {
      while (k < t.length && /\s/.test(t[k]!)) k++;
      if (k >= t.length) break;
      PAIR_RE.lastIndex = k;
      const m = PAIR_RE.exec(t);
      if (!m) {
        let e = k;
        while (e < t.length && !/\s/.test(t[e]!)) e++;
        problems.push(
          problem(
            'SFG024',
            comment.start + k,
            comment.start + e,
            `Expected \`name=value\` in the golden example, found \`${t.slice(k, e)}\` (strings in double quotes, e.g. s="AB").`,
          ),
        );
        return;
      }
      const nameStart = comment.start + k;
      expectations.push({
        name: { text: m[1]!, start: nameStart, end: nameStart + m[1]!.length },
        value: { text: m[2]!, start: nameStart + m[1]!.length + 1, end: nameStart + m[0].length },
      });
      k += m[0].length;
    }
  }
  examples.push({ token: comment, hex, expectations });
}
