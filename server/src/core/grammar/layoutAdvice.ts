/**
 * Advice on where fields sit: bits a field skips (D4, SFG019) and bits two fields both read
 * (SFG027 with an explicit byte index, SFG028 when the cursor rules put it there).
 *
 * Reading a whole byte twice is a deployed pattern and stays silent: a `uint:8` and the bools
 * of its byte, a `uint:16` and its two bytes, the same bytes read as two types. Anything else that
 * shares bits is a warning naming the other field.
 *
 * Every quick fix is checked before it is offered: the edited config is laid out again, and the
 * fix is dropped unless every other field keeps its bits (the field after the changed one gets
 * an explicit index when the cursor would move), the problem is gone and nothing new is reported.
 */
import { problem, type OffsetEdit, type Problem, type ProblemFix, type RelatedSpan } from '../problem';
import type { DiagnosticCode } from '../diagnosticCodes';
import { codeInfo } from '../diagnosticCodes';
import type { FieldNode, GrammarDocument } from './ast';
import { coveredMask, layoutGrammar, type FieldLayout, type GrammarLayout, type LayoutOptions } from './layout';
import { parseGrammar, type ParseOptions } from './parse';

export interface AdviceOptions extends ParseOptions, LayoutOptions {}

/** A field's bits as a half-open interval of the frame's MSB-first bit stream (byte 0 bit 7 = 0). */
interface Span {
  readonly layout: FieldLayout;
  readonly start: number;
  readonly end: number;
  /** `\`name\` reads bits 2..0 of byte 5`, made once: a field may be named by many others. */
  reads?: string;
}

/** A finding before its fix is checked: the field to change and the text to write for it. */
interface Finding {
  readonly problem: Problem;
  readonly target: number;
  readonly candidate?: { readonly title: string; readonly newText: string; readonly mayBePreferred: boolean };
}

/** Checking a fix lays the config out again; past this many per document, fixes are not offered. */
const MAX_CHECKED_FIXES = 32;
/** Fields laid out again, summed over the checks of one document: keeps a huge config fast. */
const CHECK_BUDGET_FIELDS = 20_000;
/** Fields compared with each new one in the sweep: only a pathological config has more sharing bits. */
const MAX_ACTIVE = 64;
/**
 * Fields named (and linked) per overlap warning; the others are counted. A real config rarely
 * has a field sharing bits with more; a pathological one (1,000 fields in 12 bytes) would spend
 * its time and memory writing long lists nobody reads.
 */
const MAX_OVERLAPS_PER_FIELD = 3;

/** Layout warnings of a laid-out config, each with the quick fixes that were checked safe. */
export function adviseLayout(
  document: GrammarDocument,
  layout: GrammarLayout,
  otherProblems: readonly Problem[],
  options: AdviceOptions = {},
): Problem[] {
  const findings = findLayoutProblems(document, layout);
  if (findings.length === 0) return [];
  let checked = 0;
  // Each check lays out every field again and re-finds every finding.
  const maxChecks = Math.min(MAX_CHECKED_FIXES, Math.floor(CHECK_BUDGET_FIELDS / (document.fields.length + 20 * findings.length)));
  if (maxChecks === 0) return findings.map(f => f.problem);
  const before = problemKeys(document, [...otherProblems, ...layout.problems, ...findings.map(f => f.problem)]);
  const frameStraddles = layout.fields.some((l, k) => l && document.fields[k]!.valid && straddles(l));
  return findings.map(finding => {
    if (!finding.candidate || checked >= maxChecks) return finding.problem;
    checked++;
    const fix = checkedFix(document, layout, finding, before, frameStraddles, options);
    if (!fix) return finding.problem;
    return { ...finding.problem, data: { ...finding.problem.data, fixes: [fix] } };
  });
}

function findLayoutProblems(document: GrammarDocument, layout: GrammarLayout): Finding[] {
  return [...skippedBits(layout), ...overlaps(document, layout)].sort((a, b) => a.problem.start - b.problem.start);
}

// ---- Skipped bits (D4) ---------------------------------------------------------------------------

/** A sub-byte field followed by one that silently jumps over the rest of its last byte. */
function skippedBits(layout: GrammarLayout): Finding[] {
  const layouts = layout.fields;
  const findings: Finding[] = [];
  const coverage = coverageOfLastBytes(layouts);
  for (let k = 1; k < layouts.length; k++) {
    const prev = layouts[k - 1],
      next = layouts[k];
    if (!prev || !next || next.indexExplicit) continue;
    const pf = prev.field;
    if (pf.type === 'bool' || pf.bitOffset !== undefined) continue;
    const usedInLast = ((7 - prev.bit + prev.bitLength - 1) % 8) + 1;
    if (usedInLast === 8) continue;
    const freeMask = (1 << (8 - usedInLast)) - 1;
    if (((coverage.get(prev.lastByte) ?? 0) & freeMask) === freeMask) continue;
    const freeTop = 7 - usedInLast;
    const nf = next.field;
    const fixed = fieldTextAt(nf, prev.lastByte, freeTop);
    findings.push({
      target: k,
      problem: problem(
        'SFG019',
        nf.token.start,
        nf.token.end,
        `\`${nf.name.text}\` starts at byte ${next.byte}, skipping bits ${freeTop}..0 of byte ${prev.lastByte} left after \`${pf.name.text}\`: a field without an explicit bit offset always advances by whole bytes. ${
          next.bitLength <= freeTop + 1
            ? `To read those bits, write \`${fixed}\` (the quick fix also pins the fields after it, so none moves).`
            : `If those bits are padding, this is fine; \`${fixed}\` would make \`${nf.name.text}\` start there and cross into byte ${prev.lastByte + 1}.`
        }`,
        undefined,
        [{ start: pf.token.start, end: pf.token.end, message: `\`${pf.name.text}\` ends at bit ${freeTop + 1} of byte ${prev.lastByte}` }],
      ),
      candidate: { title: `Read the bits after \`${pf.name.text}\` with \`${fixed}\``, newText: fixed, mayBePreferred: true },
    });
  }
  return findings;
}

/** Bits read in each byte where a sub-byte field ends (the only bytes SFG019 asks about), in one pass. */
function coverageOfLastBytes(layouts: readonly (FieldLayout | undefined)[]): Map<number, number> {
  const coverage = new Map<number, number>();
  for (const l of layouts)
    if (l && l.field.type !== 'bool' && l.field.bitOffset === undefined && (7 - l.bit + l.bitLength) % 8 !== 0) coverage.set(l.lastByte, 0);
  const asked = [...coverage.keys()].sort((a, b) => a - b);
  if (asked.length === 0) return coverage;
  for (const l of layouts) {
    // A field with an error reads nothing on the backend: it hides no skipped bits.
    if (!l || !l.field.valid) continue;
    // Only the asked bytes inside the field (binary search): a long char field never walks all its bytes.
    let low = 0,
      high = asked.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (asked[mid]! < l.byte) low = mid + 1;
      else high = mid;
    }
    for (let k = low; k < asked.length && asked[k]! <= l.lastByte; k++)
      coverage.set(asked[k]!, coverage.get(asked[k]!)! | coveredMask(l, asked[k]!));
  }
  return coverage;
}

// ---- Overlapping bits ------------------------------------------------------------------------------

function overlaps(document: GrammarDocument, layout: GrammarLayout): Finding[] {
  const spans: Span[] = [];
  layout.fields.forEach((l, k) => {
    if (!l || !document.fields[k]!.valid) return;
    const start = l.byte * 8 + (7 - l.bit);
    spans.push({ layout: l, start, end: start + l.bitLength });
  });
  // Most configs lay their fields one after another: in document order, each starts where the
  // ones before it ended, and nothing overlaps (no sort, no sweep).
  let reached = 0,
    inOrder = true;
  for (const span of spans) {
    if (span.start < reached) {
      inOrder = false;
      break;
    }
    reached = span.end;
  }
  if (inOrder) return [];
  // Sweep in frame order; `active` holds the spans that reach past the current start.
  const byStart = [...spans].sort((a, b) => a.start - b.start || a.layout.fieldIndex - b.layout.fieldIndex);
  const shared = new Map<number, Shared>(); // later field (document order) -> earlier fields it shares bits with
  // Compacted in place: a 1,000-field config is swept on every keystroke.
  const active: Span[] = [];
  for (const span of byStart) {
    let kept = 0;
    for (const a of active) if (a.end > span.start) active[kept++] = a;
    active.length = kept;
    if (kept > MAX_ACTIVE) active.splice(0, kept - MAX_ACTIVE);
    for (const other of active) {
      if (isWholeByteAlias(span, other)) continue;
      const otherFirst = other.layout.fieldIndex < span.layout.fieldIndex;
      const earlier = otherFirst ? other : span;
      const later = otherFirst ? span.layout.fieldIndex : other.layout.fieldIndex;
      let entry = shared.get(later);
      if (!entry) shared.set(later, (entry = { named: [], more: 0 }));
      if (entry.named.length < MAX_OVERLAPS_PER_FIELD) insertByFieldIndex(entry.named, earlier);
      else entry.more++;
    }
    active.push(span);
  }
  if (shared.size === 0) return [];
  const spanOf = new Map(spans.map(s => [s.layout.fieldIndex, s]));
  const findings: Finding[] = [];
  for (const [index, { named, more }] of shared) findings.push(overlapFinding(layout, spanOf.get(index)!, named, more));
  return findings;
}

/** The earlier fields a field shares bits with: the first few named (in document order), the others counted. */
interface Shared {
  readonly named: Span[];
  more: number;
}

/** Keeps a short list in document order as it grows (no sort, which allocates, per field). */
function insertByFieldIndex(list: Span[], span: Span): void {
  let k = list.length;
  list.push(span);
  while (k > 0 && list[k - 1]!.layout.fieldIndex > span.layout.fieldIndex) {
    list[k] = list[k - 1]!;
    k--;
  }
  list[k] = span;
}

/**
 * Whole-byte aliasing, read on purpose in deployed configs: a field inside one byte that the
 * other reads entirely (a bool or nibble of a status byte, one byte of a uint:16), or the same
 * whole bytes read twice (a uint:16 and an int:16).
 */
function isWholeByteAlias(a: Span, b: Span): boolean {
  return insideByteReadBy(a, b) || insideByteReadBy(b, a) || (wholeBytes(a) && wholeBytes(b) && a.start === b.start && a.end === b.end);
}

/** `x` lies within one byte that `y` reads entirely. */
function insideByteReadBy(x: Span, y: Span): boolean {
  const k = x.start >> 3;
  return (x.end - 1) >> 3 === k && y.start <= 8 * k && y.end >= 8 * k + 8;
}

function wholeBytes(x: Span): boolean {
  return x.start % 8 === 0 && x.end % 8 === 0;
}

function overlapFinding(layout: GrammarLayout, span: Span, earlier: readonly Span[], more: number): Finding {
  const field = span.layout.field;
  const name = `\`${field.name.text}\``;
  const sharedBits = (o: Span): string => describeBits(Math.max(o.start, span.start), Math.min(o.end, span.end));
  const others = more === 0 ? '' : ` and bits of ${more} more field${more === 1 ? '' : 's'}`;
  const reread =
    earlier.length === 1 && more === 0
      ? `${sharedBits(earlier[0]!)} that \`${earlier[0]!.layout.field.name.text}\` reads`
      : `bits other fields read: ${earlier.map(o => `${sharedBits(o)} (\`${o.layout.field.name.text}\`)`).join(', ')}${others}`;
  const related: RelatedSpan[] = earlier.map(o => ({
    start: o.layout.field.token.start,
    end: o.layout.field.token.end,
    message: (o.reads ??= `\`${o.layout.field.name.text}\` reads ${describeBits(o.start, o.end)}`),
  }));
  const last = earlier.reduce((a, b) => (b.end > a.end ? b : a));
  const resume = last.end;
  const byte = Math.floor(resume / 8),
    bit = 7 - (resume % 8);
  const explicitBit = bit !== 7 || field.bitOffset !== undefined;
  // A bool's bit is its meaning; moving it elsewhere is never certain.
  const newText =
    field.type === 'bool' || (field.type === 'char' && bit !== 7) ? undefined : fieldTextAt(field, byte, explicitBit ? bit : undefined);
  const after = `\`${last.layout.field.name.text}\``;
  let code: DiagnosticCode, message: string;
  if (span.layout.indexExplicit) {
    code = 'SFG027';
    message = `${name} reads ${reread}: one of the two decodes a wrong value. Reading a whole byte twice (a byte and its bools, a uint:16 and its bytes) is fine; sharing part of a field is not.${newText ? ` To read ${name} after ${after}, write \`${newText}\`.` : ''}`;
  } else {
    code = 'SFG028';
    message = `${name} has no byte index, so it starts at byte ${span.layout.byte} (${cursorReason(layout, span.layout)}) and re-reads ${reread}.${newText ? ` To read it after ${after}, write \`${newText}\`.` : ' Give it an explicit byte index.'}`;
  }
  return {
    target: span.layout.fieldIndex,
    problem: problem(code, field.token.start, field.token.end, message, undefined, related),
    // Only a position the cursor chose is certain to be a mistake; an explicit index may be meant.
    candidate: newText
      ? { title: `Read ${name} after ${after} with \`${newText}\``, newText, mayBePreferred: code === 'SFG028' }
      : undefined,
  };
}

/** Why an omitted index points where it does (spec §1.2), from the field that set the cursor. */
function cursorReason(layout: GrammarLayout, l: FieldLayout): string {
  let prev: FieldLayout | undefined;
  for (let k = l.fieldIndex - 1; k >= 0 && !prev; k--) prev = layout.fields[k];
  if (!prev) return 'the first field reads byte 0';
  const p = `\`${prev.field.name.text}\``;
  if (prev.field.type === 'bool') return `a bool never moves the cursor, so it reads the byte of ${p}`;
  if (prev.field.bitOffset !== undefined) return `${p} has an explicit bit offset, which leaves the cursor on its last byte`;
  return `the byte after ${p}`;
}

/**
 * `bits 7..5 of byte 0`, `byte 2`, `bytes 6-7 and bits 7..4 of byte 8`: at most three pieces (a
 * partial first byte, whole bytes, a partial last byte), worked out without visiting each byte,
 * as a `char` field may span billions of them.
 */
export function describeBits(start: number, end: number): string {
  const first = Math.floor(start / 8),
    last = Math.floor((end - 1) / 8);
  if (first === last) {
    const from = start - 8 * first,
      to = end - 8 * first;
    return from === 0 && to === 8 ? `byte ${first}` : partial(first, from, to);
  }
  const pieces: string[] = [];
  let wholeFrom = first,
    wholeTo = last;
  if (start % 8 !== 0) {
    pieces.push(partial(first, start - 8 * first, 8));
    wholeFrom = first + 1;
  }
  const tail = end % 8 !== 0 ? partial(last, 0, end - 8 * last) : undefined;
  if (tail) wholeTo = last - 1;
  if (wholeFrom <= wholeTo) pieces.push(wholeFrom === wholeTo ? `byte ${wholeFrom}` : `bytes ${wholeFrom}-${wholeTo}`);
  if (tail) pieces.push(tail);
  return pieces.join(' and ');
}

/** Bits `from` to `to` (positions inside byte `k`, 0 = bit 7), e.g. `bits 7..4 of byte 2`. */
function partial(k: number, from: number, to: number): string {
  const hi = 7 - from,
    lo = 8 - to;
  return hi === lo ? `bit ${hi} of byte ${k}` : `bits ${hi}..${lo} of byte ${k}`;
}

// ---- Fixes ---------------------------------------------------------------------------------------

/** A field rewritten to start at `byte` (and `bit`, written as the bit offset or a bool's bit). */
export function fieldTextAt(field: FieldNode, byte: number, bit: number | undefined): string {
  const head = `${field.name.text}:${byte}:${field.type}`;
  if (field.type === 'bool') return `${head}:${bit ?? field.size}`;
  if (field.type === 'char') return `${head}:${field.size}`;
  const endian = field.parts[4]?.text ?? '';
  if (bit !== undefined) return `${head}:${field.size}:${endian}:${bit}`;
  return endian ? `${head}:${field.size}:${endian}` : `${head}:${field.size}`;
}

/** Whether a field crosses a byte boundary without starting on one. */
function straddles(l: FieldLayout): boolean {
  return l.bit !== 7 && l.lastByte > l.byte;
}

function checkedFix(
  document: GrammarDocument,
  layout: GrammarLayout,
  finding: Finding,
  before: ReadonlySet<string>,
  frameStraddles: boolean,
  options: AdviceOptions,
): ProblemFix | undefined {
  const { target, candidate } = finding;
  const field = document.fields[target]!;
  const edits: OffsetEdit[] = [{ start: field.token.start, end: field.token.end, newText: candidate!.newText }];
  let title = candidate!.title;
  let after = relayout(document.text, edits, options);
  // The cursor after the changed field may move: pin the next field that follows it where it was.
  const next = nextLaidOut(layout, target);
  if (next && !next.indexExplicit && !sameBits(next, after.layout.fields[next.fieldIndex])) {
    const indexSlot = next.field.parts[1]!;
    edits.push({ start: indexSlot.start, end: indexSlot.end, newText: String(next.byte) });
    title += `, and keep \`${next.field.name.text}\` at byte ${next.byte}`;
    after = relayout(document.text, edits, options);
  }
  if (after.document.fields.length !== document.fields.length) return undefined;
  for (let k = 0; k < document.fields.length; k++) {
    if (k !== target && layout.fields[k] && !sameBits(layout.fields[k], after.layout.fields[k])) return undefined;
  }
  const keysAfter = problemKeys(after.document, after.problems);
  if (keysAfter.has(`${finding.problem.code}@${target}`)) return undefined;
  for (const key of keysAfter) if (!before.has(key)) return undefined;
  const moved = after.layout.fields[target];
  const preferred = candidate!.mayBePreferred && moved !== undefined && (!straddles(moved) || frameStraddles);
  return { title, edits, preferred };
}

function nextLaidOut(layout: GrammarLayout, index: number): FieldLayout | undefined {
  for (let k = index + 1; k < layout.fields.length; k++) if (layout.fields[k]) return layout.fields[k];
  return undefined;
}

function sameBits(a: FieldLayout | undefined, b: FieldLayout | undefined): boolean {
  return a !== undefined && b !== undefined && a.byte === b.byte && a.bit === b.bit && a.bitLength === b.bitLength;
}

function relayout(
  text: string,
  edits: readonly OffsetEdit[],
  options: AdviceOptions,
): { document: GrammarDocument; layout: GrammarLayout; problems: Problem[] } {
  let edited = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) edited = edited.slice(0, e.start) + e.newText + edited.slice(e.end);
  const parsed = parseGrammar(edited, options);
  const layout = layoutGrammar(parsed.document, options);
  const findings = findLayoutProblems(parsed.document, layout).map(f => f.problem);
  return { document: parsed.document, layout, problems: [...parsed.problems, ...layout.problems, ...findings] };
}

/** `CODE@field` for the errors and warnings of a config: what a fix must not add. */
function problemKeys(document: GrammarDocument, problems: readonly Problem[]): Set<string> {
  const keys = new Set<string>();
  for (const p of problems) {
    const severity = codeInfo(p.code).severity;
    if (severity === 'error' || severity === 'warning') keys.add(`${p.code}@${fieldAt(document.fields, p.start)}`);
  }
  return keys;
}

/** Index of the field whose token holds `offset`, or -1 (fields are in document order). */
function fieldAt(fields: readonly FieldNode[], offset: number): number {
  let low = 0,
    high = fields.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const f = fields[mid]!;
    if (offset < f.token.start) high = mid - 1;
    else if (offset >= f.token.end) low = mid + 1;
    else return mid;
  }
  return -1;
}
