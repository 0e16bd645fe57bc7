/**
 * Completion in a payload config, by slot of the field under the cursor
 * (`name:index:type:size:endianness:bitOffset`, spec §1.1): byte indexes, type keywords, sizes
 * valid for the type, endianness words, bit offsets 0-7; golden-example field names; new fields.
 */
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { FIELD_TYPES, isFieldType, type FieldType, type GoldenExample } from '../grammar/ast';
import type { AnalyzedGrammar } from '../grammar/analyze';
import type { FieldLayout } from '../grammar/layout';
import { layoutText, valueRangeOf } from '../grammar/fieldInfo';
import { grammarTargetAt } from '../grammar/targets';
import { rangeOf } from './ranges';
import { plural } from '../util';

export interface GrammarCompletionOptions {
  readonly snippets: boolean;
  readonly maxBytes: number;
}

const TYPE_DOCS: Record<FieldType, string> = {
  bool: 'One bit of a byte: `name:byte:bool:bit`, bit 7 being the most significant. Renders `true` / `false`.',
  char: 'Characters, one per byte: `name:byte:char:count`. Renders the raw text (no quotes added).',
  float: 'IEEE-754 float: `name:byte:float:32|64[:endianness[:bitOffset]]`.',
  uint: 'Unsigned integer of 1 to 64 bits: `name:byte:uint:bits[:endianness[:bitOffset]]`.',
  int: "Signed (two's complement) integer of 1 to 64 bits: `name:byte:int:bits[:endianness[:bitOffset]]`.",
};

const COMMON_INT_SIZES = [8, 16, 24, 32, 64];

/** Sort keys keep our order (VS Code sorts by sortText, else by label). */
function sortKey(k: number): string {
  return k.toString().padStart(3, '0');
}

function markdown(value: string): { kind: typeof MarkupKind.Markdown; value: string } {
  return { kind: MarkupKind.Markdown, value };
}

export function grammarCompletions(
  document: TextDocument,
  grammar: AnalyzedGrammar,
  offset: number,
  options: GrammarCompletionOptions,
): CompletionItem[] {
  const target = grammarTargetAt(grammar, offset);
  switch (target.kind) {
    case 'field': {
      const range = rangeOf(document, target.part.start, target.part.end);
      const parts = target.field.parts;
      const typeWord = parts[2]?.text;
      const type = isFieldType(typeWord) ? typeWord : undefined;
      const size = parts[3] && /^\d+$/.test(parts[3].text) ? Number(parts[3].text) : undefined;
      switch (target.partIndex) {
        case 1:
          return indexItems(grammar, target.fieldIndex, range, options.maxBytes);
        case 2:
          return typeItems(range);
        case 3:
          return type ? sizeItems(type, range, options.maxBytes) : [];
        case 4:
          return type && type !== 'bool' && type !== 'char' ? endiannessItems(size, range) : [];
        case 5:
          return type && type !== 'bool' && type !== 'char' ? bitOffsetItems(grammar.layout.fields[target.fieldIndex], size, range) : [];
        default:
          return [];
      }
    }
    case 'example':
    case 'exampleName':
      return exampleNameItems(document, grammar, target.example, offset);
    case 'comment':
      return exampleSnippet(document, grammar, target.comment, offset, options);
    case 'none':
      return options.snippets ? newFieldSnippets(document, offset) : [];
  }
}

/** Where an omitted index would point (spec §1.2): after the previous field. */
function nextByteAfter(grammar: AnalyzedGrammar, fieldIndex: number): { byte: number; after?: string } {
  for (let k = fieldIndex - 1; k >= 0; k--) {
    const l = grammar.layout.fields[k];
    if (!l) continue;
    const f = l.field;
    const byte = f.type === 'bool' ? l.byte : f.bitOffset !== undefined ? l.lastByte : l.lastByte + 1;
    return { byte, after: f.name.text };
  }
  return { byte: 0 };
}

function indexItems(grammar: AnalyzedGrammar, fieldIndex: number, range: Range, maxBytes: number): CompletionItem[] {
  const next = nextByteAfter(grammar, fieldIndex);
  const items: CompletionItem[] = [];
  for (let byte = 0; byte < maxBytes; byte++) {
    const isNext = byte === next.byte;
    items.push({
      label: String(byte),
      kind: CompletionItemKind.Value,
      detail: isNext ? (next.after ? `the byte after \`${next.after}\`` : 'the first byte') : `byte ${byte}`,
      documentation: markdown(
        isNext
          ? `An empty index (\`name::type\`) reads the same byte: the cursor follows the previous field.`
          : `Read from byte ${byte} of the frame (0 is the first byte).`,
      ),
      textEdit: { range, newText: String(byte) },
      sortText: isNext ? '000' : sortKey(byte + 1),
      ...(isNext ? { preselect: true } : {}),
    });
  }
  return items;
}

function typeItems(range: Range): CompletionItem[] {
  return FIELD_TYPES.map((type, k) => ({
    label: type,
    kind: CompletionItemKind.Keyword,
    documentation: markdown(TYPE_DOCS[type]),
    textEdit: { range, newText: type },
    sortText: sortKey(k),
  }));
}

function sizeItems(type: FieldType, range: Range, maxBytes: number): CompletionItem[] {
  const item = (value: number, detail: string, doc: string, k: number): CompletionItem => ({
    label: String(value),
    kind: CompletionItemKind.Value,
    detail,
    documentation: markdown(doc),
    textEdit: { range, newText: String(value) },
    sortText: sortKey(k),
  });
  switch (type) {
    case 'bool':
      return [7, 6, 5, 4, 3, 2, 1, 0].map((bit, k) =>
        item(
          bit,
          `bit ${bit}${bit === 7 ? ' (most significant)' : bit === 0 ? ' (least significant)' : ''}`,
          `Reads bit ${bit} of the byte (mask 0x${(1 << bit).toString(16).toUpperCase().padStart(2, '0')}).`,
          k,
        ),
      );
    case 'char':
      return Array.from({ length: maxBytes }, (_, k) =>
        item(k + 1, `${k + 1} byte${k ? 's' : ''}`, `${k + 1} character${k ? 's' : ''}, one per byte.`, k),
      );
    case 'float':
      return [item(32, 'float32', valueRangeOf('float', 32), 0), item(64, 'float64', valueRangeOf('float', 64), 1)];
    default: {
      const sizes = [...COMMON_INT_SIZES, ...Array.from({ length: 64 }, (_, k) => k + 1).filter(n => !COMMON_INT_SIZES.includes(n))];
      return sizes.map((bits, k) =>
        item(bits, `${plural(bits, 'bit')}: ${valueRangeOf(type, bits)}`, `\`${type}:${bits}\` holds ${valueRangeOf(type, bits)}.`, k),
      );
    }
  }
}

function endiannessItems(size: number | undefined, range: Range): CompletionItem[] {
  const items: CompletionItem[] = [
    {
      label: 'big-endian',
      kind: CompletionItemKind.Keyword,
      detail: 'most significant byte first (the default)',
      documentation: markdown('The default: writing it changes nothing. Leave the slot empty (`::`) to reach the bit-offset slot.'),
      textEdit: { range, newText: 'big-endian' },
      sortText: sortKey(0),
    },
  ];
  // little-endian swaps whole bytes: meaningless for 8 bits or less, an error for partial bytes (D9).
  if (size === undefined || (size > 8 && size % 8 === 0)) {
    items.push({
      label: 'little-endian',
      kind: CompletionItemKind.Keyword,
      detail: 'least significant byte first',
      documentation: markdown('Reverses the byte order of the value; the bit length must be a whole number of bytes.'),
      textEdit: { range, newText: 'little-endian' },
      sortText: sortKey(1),
    });
  }
  return items;
}

function bitOffsetItems(layout: FieldLayout | undefined, size: number | undefined, range: Range): CompletionItem[] {
  return [7, 6, 5, 4, 3, 2, 1, 0].map((bit, k) => {
    const where =
      layout && size !== undefined
        ? layoutText({ ...layout, bit, bitLength: size, lastByte: layout.byte + Math.floor((7 - bit + size - 1) / 8) })
        : undefined;
    return {
      label: String(bit),
      kind: CompletionItemKind.Value,
      detail: where ?? `start at bit ${bit}`,
      documentation: markdown(
        `Start reading at bit ${bit} of the first byte (7 = most significant, the default), continuing at bit 7 of the next byte.` +
          " With an explicit bit offset, the next field without an index starts on this field's last byte.",
      ),
      textEdit: { range, newText: String(bit) },
      sortText: sortKey(k),
    };
  });
}

const NAME_CHAR = /[\w#-]/;

/** `# example: HEX => na|` offers the field names, as `name=`. */
function exampleNameItems(document: TextDocument, grammar: AnalyzedGrammar, example: GoldenExample, offset: number): CompletionItem[] {
  const text = grammar.document.text;
  const arrow = text.indexOf('=>', example.hex.end);
  if (arrow < 0 || arrow >= example.token.end || offset < arrow + 2) return [];
  let start = offset;
  while (start > arrow + 2 && NAME_CHAR.test(text[start - 1]!)) start--;
  if (start > arrow + 2 && !/\s/.test(text[start - 1]!)) return [];
  let end = offset;
  while (end < example.token.end && NAME_CHAR.test(text[end]!)) end++;
  const range = rangeOf(document, start, end);
  const written = new Set(example.expectations.map(x => x.name.text));
  return [...grammar.fieldIndexByName.keys()]
    .filter(name => !written.has(name) || text.slice(start, end) === name)
    .map((name, k) => ({
      label: name,
      kind: CompletionItemKind.Field,
      detail: grammar.document.fields[grammar.fieldIndexByName.get(name)!]!.token.text,
      textEdit: { range, newText: text[end] === '=' ? name : `${name}=` },
      sortText: sortKey(k),
    }));
}

/** `# ex|` offers a golden-example line with the frame and the fields to check. */
function exampleSnippet(
  document: TextDocument,
  grammar: AnalyzedGrammar,
  comment: { start: number; end: number; text: string },
  offset: number,
  options: GrammarCompletionOptions,
): CompletionItem[] {
  const typed = comment.text.slice(0, offset - comment.start);
  if (!/^#\s*[A-Z]*$/i.test(typed)) return [];
  const names = [...grammar.fieldIndexByName.keys()].slice(0, 8);
  const pairs = options.snippets ? names.map((n, k) => `${n}=\${${k + 2}:?}`).join(' ') : names.map(n => `${n}=?`).join(' ');
  const hex = options.snippets ? '${1:HEX}' : 'HEX';
  return [
    {
      label: 'example',
      kind: CompletionItemKind.Snippet,
      detail: 'golden example: a frame and the values it must decode to',
      documentation: markdown('Checked on every edit and shown above the line: `# example: C01234 => b1=true i1=4660`.'),
      textEdit: { range: rangeOf(document, comment.start, Math.max(offset, comment.end)), newText: `# example: ${hex} => ${pairs}` },
      ...(options.snippets ? { insertTextFormat: InsertTextFormat.Snippet } : {}),
    },
  ];
}

/** Between fields: a new field of each type. */
function newFieldSnippets(document: TextDocument, offset: number): CompletionItem[] {
  const range = rangeOf(document, offset, offset);
  const bodies: Record<FieldType, string> = {
    bool: '${1:flag}::bool:${2|7,6,5,4,3,2,1,0|}',
    char: '${1:label}::char:${2:4}',
    float: '${1:value}::float:${2|32,64|}',
    uint: '${1:value}::uint:${2|8,16,24,32,4,12|}',
    int: '${1:value}::int:${2|8,16,24,32,4,12|}',
  };
  return FIELD_TYPES.map((type, k) => ({
    label: `${type} field`,
    kind: CompletionItemKind.Snippet,
    documentation: markdown(TYPE_DOCS[type]),
    textEdit: { range, newText: bodies[type] },
    insertTextFormat: InsertTextFormat.Snippet,
    sortText: sortKey(k),
  }));
}
