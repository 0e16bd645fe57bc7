/**
 * Words about one payload field, shared by hover, completion, symbols and inlay hints: its type
 * as written, the values it can hold, and where its bits sit in the frame.
 */
import type { FieldNode, FieldType } from './ast';
import type { FieldLayout } from './layout';
import { renderedTypeOfField } from '../template/variables';
import { plural } from '../util';

/** `uint:16`, `int:12 little-endian`, `bool (bit 3)`, `char × 4 bytes`. */
export function typeSpec(field: FieldNode): string {
  switch (field.type) {
    case undefined:
      return 'unknown type';
    case 'bool':
      return field.size === undefined ? 'bool' : `bool (bit ${field.size})`;
    case 'char':
      return field.size === undefined ? 'char' : `char × ${plural(field.size, 'byte')}`;
    default: {
      const base = field.size === undefined ? field.type : `${field.type}:${field.size}`;
      return field.endianness === 'little-endian' ? `${base} little-endian` : base;
    }
  }
}

/** What values a field of this type and size decodes to, e.g. `0..65535`, `-8..7`, `true / false`. */
export function valueRangeOf(type: FieldType, size: number): string {
  switch (type) {
    case 'bool':
      return 'true / false';
    case 'char':
      return `${plural(size, 'character')} (one per byte, Latin-1)`;
    case 'float':
      return size === 32 ? 'IEEE-754 single precision (float32)' : 'IEEE-754 double precision (float64)';
    case 'uint':
      return `0..${((1n << BigInt(size)) - 1n).toString()}`;
    case 'int': {
      const half = 1n << BigInt(size - 1);
      return `${(-half).toString()}..${(half - 1n).toString()}`;
    }
  }
}

export function valueRange(field: FieldNode): string | undefined {
  return field.type === undefined || field.size === undefined ? undefined : valueRangeOf(field.type, field.size);
}

/** How the value is written into a callback body (spec §1.4). */
export function renderedAs(field: FieldNode): string | undefined {
  return field.type === undefined ? undefined : renderedTypeOfField(field.type);
}

/**
 * Where the bits sit, bit 7 being the most significant bit of a byte:
 * `byte 0`, `bytes 1-2`, `byte 1, bits 3..0`, `byte 0, bit 7`, `byte 1 bit 5 to byte 2 bit 6`.
 */
export function layoutText(layout: FieldLayout): string {
  const { byte, bit, bitLength, lastByte } = layout;
  const wholeBytes = bit === 7 && bitLength % 8 === 0;
  if (wholeBytes) return byte === lastByte ? `byte ${byte}` : `bytes ${byte}-${lastByte}`;
  if (byte === lastByte) {
    const low = bit - bitLength + 1;
    return bitLength === 1 ? `byte ${byte}, bit ${bit}` : `byte ${byte}, bits ${bit}..${low}`;
  }
  const endBit = 7 - ((7 - bit + bitLength - 1) % 8);
  return `byte ${byte} bit ${bit} to byte ${lastByte} bit ${endBit}`;
}

/** `7 bits`, `1 bit`, `16 bits`. */
export function bitCount(layout: FieldLayout): string {
  return `${plural(layout.bitLength, 'bit')}`;
}

/**
 * Document text shown as itself in Markdown: every ASCII punctuation character backslash-escaped
 * (CommonMark and VS Code's renderer both allow it), so a field named `[x](command...` stays text.
 */
export function markdownText(text: string): string {
  return text.replace(/[!-/:-@[-`{-~]/g, '\\$&');
}

/**
 * Document text (or a decoded value) as a code span: delimited by more backticks than it holds,
 * control characters shown as their symbols (a line break would end a table row and let the rest
 * be read as Markdown).
 */
export function markdownCode(text: string): string {
  // Control characters become their visible Unicode pictures (U+2400...), so a hover never hides them.
  // eslint-disable-next-line no-control-regex
  const visible = text.replace(/[\x00-\x1f\x7f]/g, c => String.fromCharCode(c === '\x7f' ? 0x2421 : 0x2400 + c.charCodeAt(0)));
  const fence = '`'.repeat(longestBacktickRun(visible) + 1);
  const pad = visible.startsWith('`') || visible.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${visible}${pad}${fence}`;
}

function longestBacktickRun(text: string): number {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return longest;
}

/** The Markdown shared by hovers on a field and on `{customData#field}`. */
export function fieldMarkdown(field: FieldNode, layout: FieldLayout | undefined): string {
  // A fence longer than any backtick run of the token: the token can never close it.
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(field.token.text) + 1));
  const lines = [`**${markdownText(field.name.text)}** — \`${typeSpec(field)}\``, '', `${fence}sfgrammar`, field.token.text, fence];
  if (layout) {
    lines.push('', `Reads ${layoutText(layout)} (${bitCount(layout)}${layout.indexExplicit ? '' : ', placed after the previous field'}).`);
  } else if (!field.valid) {
    lines.push('', 'This field has errors, so it is not laid out or decoded.');
  }
  const range = valueRange(field);
  if (range) lines.push('', `Values: ${range}.`);
  const rendered = renderedAs(field);
  if (rendered) lines.push('', `Rendered in a template as: ${rendered}${rendered === 'string' ? ' (without quotes)' : ''}.`);
  return lines.join('\n');
}
