import { problem, type OffsetEdit, type Problem } from '../problem';
import type { Endianness, FieldNode, FieldType, GoldenExample, GrammarDocument, Token } from './ast';
import { FIELD_TYPES, isFieldType } from './ast';
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
/** A `# downlink` line marks a downlink payload config: 8 bytes, checked as such (spec D11). */
const DOWNLINK_RE = /^#\s*downlink\s*$/i;

function tok(text: string, start: number, end: number): Token {
  return { text: text.slice(start, end), start, end };
}

export function parseGrammar(original: string, options: ParseOptions = {}): ParsedGrammar {
  const paste = pastedConfig(original);
  // Same-length repairs (separators, quotes, odd spaces) are parsed as repaired, so the fields are
  // still understood and only the one root error explains the paste.
  const text = paste?.repaired ?? original;
  const fields: FieldNode[] = [];
  const comments: Token[] = [];
  const examples: GoldenExample[] = [];
  let downlink = false;
  let problems: Problem[] = [];
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
      else if (DOWNLINK_RE.test(comment.text)) downlink = true;
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
  if (paste) {
    // Spaces inside fields cut them into pieces: every error on those lines is a consequence.
    const cascade = paste.cascadeLines;
    if (cascade.length > 0) problems = problems.filter(p => !cascade.some(([from, to]) => p.start >= from && p.start <= to));
    problems.push(paste.problem);
  } else if (options.inline) checkCanonical(text, fields, problems);
  return { document: { text: original, fields, comments, examples, downlink }, problems };
}

// ---- Pasted configs: one root error instead of a cascade -------------------------------------------

/** Spaces that look like a space but are not white space to Sigfox (NBSP, thin space, zero-width...). */
const ODD_SPACE_RE = /[\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000\ufeff]/;
const PASTE_HINT_RE = /[,;"'`\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000\ufeff\u201c\u201d\u2018\u2019]|[ \t]:|:[ \t]/;
const QUOTES = '"\'\u201c\u201d\u2018\u2019`';

interface PastedConfig {
  readonly problem: Problem;
  /** The text with the same-length repairs applied (spacing is left as written). */
  readonly repaired: string | undefined;
  /** Line ranges whose problems are the cascade of spaces inside fields. */
  readonly cascadeLines: readonly (readonly [number, number])[];
}

/**
 * A config pasted from a web page, a document or code: fields separated by commas or semicolons,
 * non-breaking spaces, the whole config in quotes, spaces around the colons (`tempe :: uint: 8`).
 * Returns one root error with a fix for all of it, or undefined for an ordinary config.
 */
function pastedConfig(text: string): PastedConfig | undefined {
  // Most configs have none of the telltale characters outside comments: skip the scan.
  if (!hasPasteHint(text)) return undefined;
  const repaired = text.split('');
  const edits: OffsetEdit[] = [];
  const causes: string[] = [];
  const fixNames: string[] = [];
  let first: [number, number] | undefined;
  const mark = (start: number, end: number): void => {
    if (!first || start < first[0]) first = [start, end];
  };
  const code = codeOffsets(text);

  const separators = code.filter(k => text[k] === ',' || text[k] === ';');
  if (separators.length > 0) {
    for (const k of separators) {
      repaired[k] = ' ';
      // `a, b` becomes `a b`, `a,b` becomes `a b`: one space between fields either way.
      const spaced = k + 1 < text.length && isSpace(text.charCodeAt(k + 1));
      edits.push({ start: k, end: spaced ? k + 2 : k + 1, newText: ' ' });
      mark(k, k + 1);
    }
    const which = separators.some(k => text[k] === ',')
      ? separators.some(k => text[k] === ';')
        ? 'commas or semicolons'
        : 'commas'
      : 'semicolons';
    causes.push(`fields are separated by white space, not by ${which}`);
    fixNames.push(`replace the ${which} with spaces`);
  }
  const odd = code.filter(k => ODD_SPACE_RE.test(text[k]!));
  if (odd.length > 0) {
    for (const k of odd) {
      repaired[k] = ' ';
      edits.push({ start: k, end: k + 1, newText: ' ' });
      mark(k, k + 1);
    }
    const u = text.charCodeAt(odd[0]!).toString(16).toUpperCase().padStart(4, '0');
    causes.push(
      `it contains ${u === '00A0' ? 'a non-breaking space' : 'a space character'} (U+${u}), probably pasted from a web page or a document, which Sigfox does not read as a separator`,
    );
    fixNames.push('replace the odd spaces with ordinary ones');
  }
  const firstCode = code.find(k => !isSpace(text.charCodeAt(k)) && !ODD_SPACE_RE.test(text[k]!));
  const lastCode = [...code].reverse().find(k => !isSpace(text.charCodeAt(k)) && !ODD_SPACE_RE.test(text[k]!));
  if (
    firstCode !== undefined &&
    lastCode !== undefined &&
    lastCode > firstCode &&
    QUOTES.includes(text[firstCode]!) &&
    QUOTES.includes(text[lastCode]!)
  ) {
    repaired[firstCode] = ' ';
    repaired[lastCode] = ' ';
    edits.push({ start: firstCode, end: firstCode + 1, newText: '' }, { start: lastCode, end: lastCode + 1, newText: '' });
    mark(firstCode, firstCode + 1);
    causes.push('the config is wrapped in quotes: the file (or the payloadConfig value) holds the fields themselves');
    fixNames.push('remove the quotes');
  }
  const cascadeLines: [number, number][] = [];
  const spacing = spacedColons(repaired.join(''), code);
  if (spacing.length > 0) {
    for (const s of spacing) {
      edits.push({ start: s.start, end: s.end, newText: '' });
      mark(s.start, s.end);
      cascadeLines.push(lineAround(text, s.start));
    }
    const example = joinedLine(spacing[0]!.line, spacing[0]!.lineStart, spacing);
    causes.push(`spaces around \`:\` cut a field into pieces: write a field without spaces, e.g. \`${example}\``);
    fixNames.push('remove the spaces around the colons');
  }
  if (!first) return undefined;
  const message = `This looks like a pasted payload config: ${causes.join('; ')}.`;
  const title = fixNames.map((f, k) => (k === 0 ? f[0]!.toUpperCase() + f.slice(1) : f)).join(', ');
  return {
    problem: problem('SFG029', first[0], first[1], message, { fixes: [{ title, edits: mergeEdits(edits), preferred: true }] }),
    repaired: repaired.join(''),
    cascadeLines,
  };
}

/**
 * Whether the text outside comments holds a character a pasted config gives itself away by (a
 * comma, a quote, an odd space, a space beside a colon). Comments are skipped: `# example: ...`
 * is common and says nothing.
 */
function hasPasteHint(text: string): boolean {
  return codeRanges(text).some(([start, end]) => PASTE_HINT_RE.test(text.slice(start, end)));
}

/** Offsets outside comments. */
function codeOffsets(text: string): number[] {
  const out: number[] = [];
  for (const [start, end] of codeRanges(text)) for (let k = start; k < end; k++) out.push(k);
  return out;
}

/** The stretches outside comments, in order: a `#` at the start of a token runs to the end of the line. */
function codeRanges(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  let start = 0;
  let inComment = false;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 10 || c === 13) {
      if (inComment) start = k;
      inComment = false;
    } else if (!inComment && c === 35 && (k === 0 || isSpace(text.charCodeAt(k - 1)))) {
      ranges.push([start, k]);
      inComment = true;
    }
  }
  if (!inComment) ranges.push([start, text.length]);
  return ranges;
}

/**
 * Gaps inside one field cut by spaces next to a colon (`tempe :: uint: 8`): between a bare word and
 * a token starting with `:`, after a token of colons only, or between a token ending with `:` and
 * a bare word. `a::uint:8 ::uint:8` (a field without a name after a complete one) is not one.
 */
interface SpacedColon {
  readonly start: number;
  readonly end: number;
  readonly line: string;
  readonly lineStart: number;
}

function spacedColons(text: string, code: readonly number[]): SpacedColon[] {
  const inCode = new Uint8Array(text.length);
  for (const k of code) inCode[k] = 1;
  const tokens: { start: number; end: number; text: string }[] = [];
  for (const m of text.matchAll(/\S+/g)) if (inCode[m.index]) tokens.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  const out: SpacedColon[] = [];
  for (let k = 0; k + 1 < tokens.length; k++) {
    const a = tokens[k]!,
      b = tokens[k + 1]!;
    if (/[\r\n]/.test(text.slice(a.end, b.start)) || a.text.startsWith('#') || b.text.startsWith('#')) continue;
    const bare = (t: string): boolean => !t.includes(':');
    const cut = (bare(a.text) && b.text.startsWith(':')) || /^:+$/.test(a.text) || (a.text.endsWith(':') && bare(b.text));
    if (!cut) continue;
    const [from, to] = lineAround(text, a.start);
    out.push({ start: a.end, end: b.start, line: text.slice(from, to), lineStart: from });
  }
  return out;
}

/** The line with its cut gaps closed: the field as it was meant. */
function joinedLine(line: string, lineStart: number, gaps: readonly SpacedColon[]): string {
  let out = line;
  for (const g of [...gaps].filter(g => g.lineStart === lineStart).sort((a, b) => b.start - a.start))
    out = out.slice(0, g.start - lineStart) + out.slice(g.end - lineStart);
  return out.trim();
}

function lineAround(text: string, offset: number): [number, number] {
  let from = offset,
    to = offset;
  while (from > 0 && text[from - 1] !== '\n' && text[from - 1] !== '\r') from--;
  while (to < text.length && text[to] !== '\n' && text[to] !== '\r') to++;
  return [from, to];
}

/** Edits sorted and without overlaps (a separator next to a quote...): the earlier one wins. */
function mergeEdits(edits: readonly OffsetEdit[]): OffsetEdit[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: OffsetEdit[] = [];
  for (const e of sorted) if (out.length === 0 || e.start >= out[out.length - 1]!.end) out.push(e);
  return out;
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

/** `name:index:type:size:endianness:bitOffset`, each slot checked on its own (spec §1.1). */
function parseField(token: Token, problems: Problem[]): FieldNode {
  const parts = splitParts(token);
  // splitParts returns one part per colon plus one, so there is always a name slot.
  const name = parts[0]!;
  checkNameSlot(token, name, problems);
  const unread = { type: undefined, index: undefined, size: undefined, endianness: 'big-endian', bitOffset: undefined } as const;

  const indexPart = parts[1];
  const typePart = parts[2];
  if (indexPart === undefined || typePart === undefined) {
    reportIncompleteField(token, parts, name, problems);
    return { token, parts, name, ...unread, valid: false };
  }
  const index = parseIndexSlot(token, parts, name, indexPart, problems);
  // The rest is shifted one slot (`temp:int:16`): judging `16` as a type would only repeat this.
  if (index.shifted) return { token, parts, name, ...unread, valid: false };
  const sizePart = parts[3];
  const type = parseTypeSlot(typePart, sizePart, problems);
  // Without a known type the size means nothing (and `int16` wrote its width in the type slot: no second error).
  if (type.value === undefined) return { token, parts, name, ...unread, index: index.value, valid: false };

  const size = parseSizeSlot(type.value, name, indexPart, typePart, sizePart, problems);
  let valid = index.valid && type.valid && size.valid && name.text.length > 0;
  let endianness: Endianness = 'big-endian';
  let bitOffset: number | undefined;
  if (type.value === 'bool' || type.value === 'char') {
    valid = checkNoSlotsAfterSize(type.value, parts, problems) && valid;
  } else {
    const endianPart = parts[4];
    const offsetPart = parts[5];
    const endianSlot = parseEndiannessSlot(name, indexPart, type.value, sizePart, size.value, endianPart, problems);
    endianness = endianSlot.value ?? 'big-endian';
    const offsetSlot = parseBitOffsetSlot(offsetPart, problems);
    bitOffset = offsetSlot.value;
    valid = checkSlotCount(token, type.value, parts, problems) && endianSlot.valid && offsetSlot.valid && valid;
    if (size.value !== undefined && endianness === 'little-endian' && endianPart)
      valid = checkLittleEndian(size.value, bitOffset, endianPart, offsetPart, problems) && valid;
  }
  return { token, parts, name, type: type.value, index: index.value, size: size.value, endianness, bitOffset, valid };
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
      const bad = [...name.text].find(ch => !/[\w#-]/.test(ch))!;
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

/**
 * Byte index: a whole number, or empty for "after the previous field". `shifted` when a type sits
 * here (`temp:int:16`): every later slot is one place early, so the fix rewrites the whole field.
 */
function parseIndexSlot(
  token: Token,
  parts: readonly Token[],
  name: Token,
  indexPart: Token,
  problems: Problem[],
): Slot<number> & { readonly shifted: boolean } {
  if (indexPart.text.length === 0) return { value: undefined, valid: true, shifted: false };
  if (DIGITS_RE.test(indexPart.text)) return { value: Number(indexPart.text), valid: true, shifted: false };
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
  return { value: undefined, valid: false, shifted: looksLikeType };
}

/** Type: one of the five keywords, in lower case; a near miss or an alias (`int16`) gets a fix. */
function parseTypeSlot(typePart: Token, sizePart: Token | undefined, problems: Problem[]): Slot<FieldType> {
  const typeWord = typePart.text;
  if (isFieldType(typeWord)) return { value: typeWord, valid: true };
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
  // `int16` names the size too: the fix writes it in its own slot (`int:16`), not just `int`.
  const width = guess ? widthOf(typeWord) : undefined;
  const withSize = guess && width !== undefined && (!sizePart || sizePart.text === '') ? `${guess}:${width}` : guess;
  const edit = withSize && sizePart?.text === '' ? { start: typePart.start, end: sizePart.end, newText: withSize } : undefined;
  problems.push(
    problem(
      'SFG007',
      typePart.start,
      typePart.end,
      `Unknown type \`${typeWord}\`${extra}: use bool, char, float, uint or int${withSize ? ` — did you mean \`${withSize}\`?` : '.'}`,
      withSize
        ? edit
          ? { edit, fixTitle: `Change to \`${withSize}\`` }
          : { replacements: [withSize], fixTitle: `Change to \`${withSize}\`` }
        : undefined,
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
    // Only a float has a usual size (32 bits, a single-precision number); offered, not auto-applied.
    const fix =
      type === 'float' && !sizePart
        ? {
            fixes: [{ title: 'Make it `float:32`', edits: [{ start: typePart.end, end: typePart.end, newText: ':32' }], preferred: false }],
          }
        : undefined;
    problems.push(
      problem(
        'SFG008',
        at.start,
        at.end,
        `\`${type}\` needs its ${sizeMeaning(type)}: e.g. \`${name.text || 'name'}:${indexPart.text}:${example}\`.`,
        fix,
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
  size: number | undefined,
  endianPart: Token | undefined,
  problems: Problem[],
): Slot<Endianness> {
  if (!endianPart || endianPart.text.length === 0) return { value: undefined, valid: true };
  const word = endianPart.text;
  if (word === 'big-endian' || word === 'little-endian') return { value: word, valid: true };
  if (word.toLowerCase() === 'big-endian' || word.toLowerCase() === 'little-endian') {
    problems.push(
      problem('SFG026', endianPart.start, endianPart.end, `\`${word}\` must be lower case: \`${word.toLowerCase()}\`.`, {
        replacements: [word.toLowerCase()],
      }),
    );
    return { value: undefined, valid: false };
  }
  const isDigit = DIGITS_RE.test(word);
  const meant = /^l/i.test(word) ? ' Did you mean `little-endian`?' : /^b/i.test(word) ? ' Did you mean `big-endian`?' : '';
  const moveHint = isDigit
    ? ` A bit offset goes in the next slot: \`${name.text}:${indexPart.text}:${type}:${sizePart?.text ?? ''}::${word}\`.`
    : '';
  problems.push(
    problem(
      'SFG013',
      endianPart.start,
      endianPart.end,
      `\`${word}\` is not an endianness: this slot takes \`big-endian\`, \`little-endian\` or nothing.${meant}${moveHint}`,
      isDigit
        ? {
            fixes: [
              {
                title: `Move \`${word}\` to the bit-offset slot`,
                edits: [{ start: endianPart.start, end: endianPart.start, newText: ':' }],
                // Auto-fix only when the field then stays inside one byte: reading across a
                // byte boundary is rarely what a misplaced digit meant.
                preferred: size !== undefined && Number(word) <= 7 && size <= Number(word) + 1,
              },
            ],
          }
        : { replacements: /^l/i.test(word) ? ['little-endian', 'big-endian'] : ['big-endian', 'little-endian'] },
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
  // A bit offset is only parsed from an offset slot, so `offsetPart` is there whenever `bitOffset` is.
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

/** The bit width a type alias carries (`int16`, `u8`, `float32`, `double`), if any. */
function widthOf(word: string): number | undefined {
  const lower = word.toLowerCase();
  if (lower === 'double') return 64;
  const m = /^(?:u?int|u|i|float)(8|16|24|32|64)$/.exec(lower);
  return m ? Number(m[1]) : undefined;
}

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
