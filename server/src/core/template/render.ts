/**
 * Renders a template exactly as Sigfox sends it (spec D10): every placeholder replaced by its
 * value, without escaping. Values that break the result (a `"` inside a JSON string, a space in
 * a URL...) are reported at the placeholder, in template offsets.
 */
import type { FieldType } from '../grammar/ast';
import { renderValue, type DecodedValue } from '../grammar/value';
import { problem, type Problem, type ProblemData } from '../problem';
import type { TemplateCode } from './codes';
import { firstJsonError, isUrlLike, jsonBodyReason, jsonSlots, type JsonSlot, type TemplateMedium } from './json';
import { scanTemplate, type Placeholder, type TemplateScan } from './scan';
import { findVariable, urlUnsafeExampleOf } from './variables';

/** A decoded payload field, as the decoder gives it; kept independent of the decoder's own types. */
export interface CustomDataInput {
  readonly value: DecodedValue;
  readonly type: FieldType;
  /** For float fields: 32 renders the shortest decimal that reads back as the same float32 (spec D7). */
  readonly floatBits?: 32 | 64;
}

export interface RenderInput {
  /** Values of the Sigfox variables (`device`, `time`...), already as the text Sigfox would insert. */
  readonly variables?: Readonly<Record<string, string>>;
  /** Decoded payload fields by name; undefined when no payload config was given. */
  readonly customData?: ReadonlyMap<string, CustomDataInput>;
  /** A body by default. */
  readonly medium?: TemplateMedium;
  readonly contentType?: string;
}

export interface RenderResult {
  /** The exact text Sigfox would send. */
  readonly text: string;
  /** Whether the template is a JSON body (spec D14). */
  readonly isJson: boolean;
  /** For a JSON body, whether the rendered text parses; undefined otherwise. */
  readonly validJson: boolean | undefined;
  /** Offsets are in the template, not in the rendered text. */
  readonly problems: readonly Problem[];
}

/** Where a placeholder's value landed in the rendered text, to map rendered offsets back to the template. */
interface Span {
  readonly placeholder: Placeholder;
  readonly renderedStart: number;
  readonly renderedEnd: number;
}

export function renderTemplate(template: string, input: RenderInput = {}, scan: TemplateScan = scanTemplate(template)): RenderResult {
  const medium = input.medium ?? 'body';
  const { placeholders } = scan;
  const isJson = jsonBodyReason(template, medium, input.contentType) !== undefined;
  const slots = isJson ? jsonSlots(template, placeholders) : undefined;
  const urlLike = isUrlLike(medium, input.contentType);
  const problems: Problem[] = [];
  const report = (code: TemplateCode, p: Placeholder, message: string, data?: ProblemData): void => {
    problems.push(problem(code, p.start, p.end, message, data));
  };

  const parts: string[] = [];
  const spans: Span[] = [];
  let renderedLength = 0;
  let pos = 0;
  for (const [i, p] of placeholders.entries()) {
    const literal = template.slice(pos, p.start);
    parts.push(literal);
    renderedLength += literal.length;
    const value = valueOf(template, p, input, report);
    if (value !== undefined) {
      checkValue(template, p, value, slots?.[i], urlLike, report);
    }
    const inserted = value ?? template.slice(p.start, p.end);
    parts.push(inserted);
    spans.push({ placeholder: p, renderedStart: renderedLength, renderedEnd: renderedLength + inserted.length });
    renderedLength += inserted.length;
    pos = p.end;
  }
  parts.push(template.slice(pos));
  const text = parts.join('');

  let validJson: boolean | undefined;
  if (isJson) {
    const error = firstJsonError(text);
    validJson = error === undefined;
    // A value that breaks a JSON string already explains the invalid result.
    if (error && !problems.some(pr => pr.code === 'SFT101')) {
      const start = toTemplateOffset(spans, error.start);
      const end = Math.max(start, toTemplateOffset(spans, error.end, true));
      const inValue = spans.find(s => error.start >= s.renderedStart && error.start < s.renderedEnd);
      const where = inValue ? ` in the value of \`${template.slice(inValue.placeholder.start, inValue.placeholder.end)}\`` : '';
      problems.push(problem('SFT106', start, end, `The rendered body is not valid JSON${where}: ${error.description}.`));
    }
  }
  problems.sort((a, b) => a.start - b.start);
  return { text, isJson, validJson, problems };
}

type Report = (code: TemplateCode, p: Placeholder, message: string, data?: ProblemData) => void;

/** The text Sigfox inserts for the placeholder, or undefined when no value is known (it then stays as written). */
function valueOf(template: string, p: Placeholder, input: RenderInput, report: Report): string | undefined {
  const written = template.slice(p.start, p.end);
  if (p.kind === 'variable') {
    const variables = input.variables;
    if (variables && Object.prototype.hasOwnProperty.call(variables, p.name)) return variables[p.name];
    report(
      'SFT105',
      p,
      `No value was given for \`${written}\`, so it is left as written. Give one (CLI: \`--var ${p.name}=...\`; preview: the \`sigfox.preview.sampleVariables\` setting).`,
    );
    return undefined;
  }
  const field = input.customData?.get(p.name);
  if (!field) {
    const why = input.customData ? `the payload config has no field \`${p.name}\`` : 'no payload config was given';
    report('SFT105', p, `No decoded value for \`${written}\`: ${why}, so it is left as written.`);
    return undefined;
  }
  if (field.value === null) {
    report(
      'SFT104',
      p,
      `\`${written}\` renders as \`null\`: the field \`${p.name}\` does not fit in this frame (it is too short), as on the Sigfox backend.`,
    );
  } else if (typeof field.value === 'number' && !Number.isFinite(field.value)) {
    report(
      'SFT103',
      p,
      `\`${written}\` renders as \`null\`: the float field \`${p.name}\` decoded to ${String(field.value)}, which Sigfox cannot write as a number.`,
    );
  }
  return renderValue(field.value, field.floatBits ?? 64);
}

/** Spec D10: values are inserted as they are, so report the ones that break their surroundings. */
function checkValue(template: string, p: Placeholder, value: string, slot: JsonSlot | undefined, urlLike: boolean, report: Report): void {
  const written = template.slice(p.start, p.end);
  if (slot?.inString) {
    const breaking = firstJsonBreakingChar(value);
    if (breaking >= 0) {
      report(
        'SFT101',
        p,
        `The value of \`${written}\` (${showValue(value)}) contains ${describeChar(value, breaking)}, which Sigfox inserts without escaping inside a JSON string, so the body sent is not valid JSON.`,
      );
    }
  }
  if (urlLike) {
    const unsafe = firstUrlUnsafeChar(value);
    if (unsafe >= 0) {
      const char = String.fromCodePoint(value.codePointAt(unsafe) ?? 0);
      report(
        'SFT102',
        p,
        `The value of \`${written}\` (${showValue(value)}) contains ${describeChar(value, unsafe)}, which needs percent-encoding (${percentEncode(char)}) in a URL; Sigfox inserts values as they are, so the receiver may read a different value.`,
      );
    } else {
      // A representative value may happen to be safe when real ones are not (infoMessage "No answer").
      const variable = p.kind === 'variable' ? findVariable(p.name)?.variable : undefined;
      const example = variable && urlUnsafeExampleOf(variable);
      if (example)
        report(
          'SFT102',
          p,
          `\`${written}\` renders as ${showValue(value)} here, but it can hold characters that need percent-encoding in a URL (e.g. ${showValue(example)}); Sigfox inserts values as they are, so the receiver may read a different value.`,
        );
    }
  }
}

/** `"`, `\` or a control character: what a JSON string cannot hold unescaped. */
function firstJsonBreakingChar(value: string): number {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x22 || c === 0x5c || c < 0x20) return i;
  }
  return -1;
}

/** Anything outside the RFC 3986 unreserved set may change the meaning of a URL or form value. */
function firstUrlUnsafeChar(value: string): number {
  return value.search(/[^\w\-.~]/);
}

function percentEncode(char: string): string {
  return [...new TextEncoder().encode(char)].map(b => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}

function describeChar(value: string, offset: number): string {
  const c = value.charCodeAt(offset);
  if (c === 0x20) return 'a space';
  if (c === 0x22) return 'a `"`';
  if (c === 0x5c) return 'a `\\`';
  if (c === 0x0a) return 'a line break';
  if (c === 0x09) return 'a tab';
  if (c < 0x20 || c === 0x7f) return `the control character U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
  return `\`${String.fromCodePoint(value.codePointAt(offset) ?? c)}\``;
}

/** The value as a readable, bounded literal (control characters visible). */
function showValue(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

/**
 * A rendered offset as a template offset: inside an inserted value it is the placeholder's
 * start (or end, for the end of a range); in literal text it is shifted by the size changes so far.
 */
function toTemplateOffset(spans: readonly Span[], rendered: number, isEnd = false): number {
  let low = 0;
  let high = spans.length - 1;
  let before: Span | undefined;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const span = spans[mid];
    if (span === undefined) break;
    if (span.renderedStart <= rendered) {
      before = span;
      low = mid + 1;
    } else high = mid - 1;
  }
  if (!before) return rendered;
  if (rendered < before.renderedEnd || (isEnd && rendered === before.renderedEnd)) {
    return isEnd ? before.placeholder.end : before.placeholder.start;
  }
  return before.placeholder.end + (rendered - before.renderedEnd);
}
