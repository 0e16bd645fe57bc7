/**
 * Checks a template against the variable catalogue, the associated payload config and, for JSON
 * bodies, JSON syntax (spec D13, D14). Pure: text and context in, offset-based Problems out.
 */
import type { FieldNode, GrammarDocument } from '../grammar/ast';
import { problem, type Problem, type ProblemData } from '../problem';
import type { TemplateCode } from './codes';
import {
  firstJsonError,
  isUrlLike,
  jsonBodyReason,
  jsonSlots,
  skipJsonWhitespace,
  type JsonBodyReason,
  type JsonSlot,
  type TemplateMedium,
} from './json';
import { CUSTOM_DATA_PREFIX, scanTemplate, type Placeholder, type PlaceholderLookalike, type TemplateScan } from './scan';
import { didYouMean, listOr } from '../suggest';
import type { Mutable } from '../util';
import {
  CUSTOM_DATA_KINDS,
  acceptsCustomData,
  findVariable,
  kindLabel,
  renderedTypeOfField,
  resolveKind,
  variableIn,
  variablesFor,
  type CallbackKind,
  type CallbackSubtypeName,
  type CallbackTypeName,
  type RenderedType,
  type VariableInfo,
  urlUnsafeExampleOf,
} from './variables';

export interface TemplateContext {
  /** Callback type; DATA/UPLINK when omitted. A missing or foreign subtype means "any subtype of the type". */
  readonly type?: CallbackTypeName;
  readonly subtype?: CallbackSubtypeName;
  /** The associated payload config; undefined when none is associated. */
  readonly grammar?: GrammarDocument;
  /** Where the template is used; a body by default. */
  readonly medium?: TemplateMedium;
  readonly contentType?: string;
}

/**
 * A context from parts that may be missing, leaving those out (its properties are optional, not
 * undefined). Filled in property by property: one is made for every template checked.
 */
export function templateContextOf(
  type: CallbackTypeName | undefined,
  subtype: CallbackSubtypeName | undefined,
  grammar: GrammarDocument | undefined,
  medium: TemplateMedium,
  contentType: string | undefined,
): TemplateContext {
  const context: Mutable<TemplateContext> = { medium };
  if (type !== undefined) context.type = type;
  if (subtype !== undefined) context.subtype = subtype;
  if (grammar !== undefined) context.grammar = grammar;
  if (contentType !== undefined) context.contentType = contentType;
  return context;
}

export function validateTemplate(text: string, context: TemplateContext = {}, scan: TemplateScan = scanTemplate(text)): Problem[] {
  const validation = new Validation(text, context);
  const types = scan.placeholders.map(p => validation.checkPlaceholder(p));
  for (const lookalike of scan.lookalikes) validation.checkLookalike(lookalike);
  validation.checkBody(scan.placeholders, types);
  return validation.problems.sort((a, b) => a.start - b.start);
}

/** The rendered type of a placeholder, or undefined when unknown (unknown name, no payload config...). */
type ValueType = RenderedType | undefined;

const ASSOCIATE_GRAMMAR_HELP =
  'Associate one: name this template in the `bodyTemplateFile` of a *.sfcallback.json that has a payload config, ' +
  'put a .sfgrammar file with the same base name next to it, or map it in the `sigfox.associations` setting.';

class Validation {
  readonly problems: Problem[] = [];
  private readonly kind: CallbackKind;
  private readonly kindName: string;
  private readonly fields: ReadonlyMap<string, FieldNode> | undefined;
  private readonly takesCustomData: boolean;
  /** Advice per unknown name: a misspelling is usually repeated, and did-you-mean is the costly part. */
  private readonly unknownNameAdvice = new Map<string, { message: string; data: ProblemData | undefined }>();
  /** The catalogue entry of each placeholder naming a variable of this kind. */
  private readonly variableOf = new Map<Placeholder, VariableInfo>();
  /** A URL, or a form body (its values end up in a query string): values need percent-encoding. */
  private readonly urlLike: boolean;

  constructor(
    private readonly text: string,
    private readonly context: TemplateContext,
  ) {
    this.kind = resolveKind(context.type, context.subtype);
    this.kindName = kindLabel(this.kind);
    this.fields = context.grammar ? fieldsByName(context.grammar) : undefined;
    this.takesCustomData = acceptsCustomData(this.kind.type, this.kind.subtype);
    this.urlLike = isUrlLike(context.medium ?? 'body', context.contentType);
  }

  checkPlaceholder(p: Placeholder): ValueType {
    return p.kind === 'variable' ? this.checkVariable(p) : this.checkCustomData(p);
  }

  private checkVariable(p: Placeholder): ValueType {
    const variable = variableIn(this.kind, p.name);
    if (variable) {
      this.variableOf.set(p, variable);
      if (variable.undocumented)
        this.report(
          'SFT013',
          p.nameStart,
          p.nameEnd,
          `\`{${p.name}}\` is not in the ${this.kindName} documentation yet. ${variable.undocumented}`,
        );
      const unsafe = this.urlLike ? urlUnsafeExampleOf(variable) : undefined;
      if (unsafe !== undefined)
        this.report(
          'SFT102',
          p.start,
          p.end,
          `\`{${p.name}}\` can hold characters that need percent-encoding in a URL (e.g. ${JSON.stringify(unsafe)}); Sigfox inserts values as they are, so the receiver may read a different value. Send it in a JSON body instead, or make sure the receiver accepts it unencoded.`,
        );
      const deprecation = variable.deprecated;
      if (deprecation) {
        const replacement = deprecation.replacement;
        this.report(
          'SFT005',
          p.nameStart,
          p.nameEnd,
          `\`{${p.name}}\` is deprecated. ${deprecation.note}${replacement ? ` Use \`{${replacement}}\` instead.` : ''}`,
          replacement ? { replacements: [replacement], fixTitle: `Replace with {${replacement}}` } : undefined,
        );
      }
      return variable.type;
    }
    const elsewhere = findVariable(p.name);
    if (elsewhere) {
      const field = this.payloadFieldNamed(p.name);
      this.report(
        'SFT004',
        p.nameStart,
        p.nameEnd,
        `\`{${p.name}}\` is not sent by ${this.kindName} callbacks; it exists in ${listOr(elsewhere.kinds.map(kindLabel), k => k)} callbacks. ` +
          (field ? `To insert the payload field \`${p.name}\`, write \`{${field}}\`.` : 'Remove it or change the callback type.'),
        field ? { replacements: [field], fixTitle: `Replace with {${field}}` } : undefined,
      );
      return elsewhere.variable.type;
    }
    this.reportUnknownVariable(p);
    return undefined;
  }

  private reportUnknownVariable(p: Placeholder): void {
    let advice = this.unknownNameAdvice.get(p.name);
    if (!advice) {
      advice = this.adviseUnknownVariable(p.name);
      this.unknownNameAdvice.set(p.name, advice);
    }
    this.report('SFT001', p.nameStart, p.nameEnd, advice.message, advice.data);
  }

  private adviseUnknownVariable(name: string): { message: string; data: ProblemData | undefined } {
    const start = `\`{${name}}\` is not a Sigfox variable, so Sigfox would send it as written.`;
    if (name.toLowerCase() === 'customdata') {
      const fields = this.fields ? [...this.fields.keys()].slice(0, 5) : [];
      return {
        message: `${start} To insert a payload field, write \`{customData#<field name>}\`.`,
        data: fields.length > 0 ? { replacements: fields.map(f => CUSTOM_DATA_PREFIX + f) } : undefined,
      };
    }
    const field = this.payloadFieldNamed(name);
    if (field) {
      return {
        message: `${start} The payload config has a field \`${name}\`: write \`{${field}}\` to insert it.`,
        data: { replacements: [field], fixTitle: `Replace with {${field}}` },
      };
    }
    const offered = variablesFor(this.kind.type, this.kind.subtype);
    const suggestions = didYouMean(
      name,
      offered.map(v => v.name),
    );
    if (suggestions.length > 0) {
      return {
        message: `${start} Did you mean ${listOr(suggestions, s => `\`{${s}}\``)}?`,
        data: { replacements: suggestions, fixTitle: `Replace with {${suggestions[0]}}` },
      };
    }
    const current = offered.filter(v => !v.deprecated).map(v => `{${v.name}}`);
    return { message: `${start} ${this.kindName} callbacks offer: ${current.join(', ')}.`, data: undefined };
  }

  /** `customData#name` when the payload config has a field of this name and the kind can insert it. */
  private payloadFieldNamed(name: string): string | undefined {
    return this.fields?.has(name) && this.takesCustomData ? CUSTOM_DATA_PREFIX + name : undefined;
  }

  private checkCustomData(p: Placeholder): ValueType {
    const field = this.fields?.get(p.name);
    const type = field?.type ? renderedTypeOfField(field.type) : undefined;
    if (!this.takesCustomData) {
      this.report(
        'SFT004',
        p.start,
        p.end,
        `\`{customData#${p.name}}\` inserts a payload field, but ${this.kindName} callbacks have no payload config; ` +
          `only ${listOr(CUSTOM_DATA_KINDS.map(kindLabel), k => k)} callbacks do.`,
      );
      return type;
    }
    if (!this.fields) {
      this.report(
        'SFT003',
        p.start,
        p.end,
        `\`{customData#${p.name}}\` reads the payload field \`${p.name}\`, but no payload config is associated with this template, so the name cannot be checked. ${ASSOCIATE_GRAMMAR_HELP}`,
      );
      return undefined;
    }
    if (!field) {
      const suggestions = didYouMean(p.name, this.fields.keys());
      const hint =
        suggestions.length > 0
          ? ` Did you mean ${listOr(suggestions)}?`
          : this.fields.size > 0
            ? ` Its fields are: ${[...this.fields.keys()].slice(0, 20).join(', ')}.`
            : ' It has no fields.';
      this.report(
        'SFT002',
        p.nameStart,
        p.nameEnd,
        `The payload config has no field \`${p.name}\`.${hint}`,
        suggestions.length > 0 ? { replacements: suggestions, fixTitle: `Replace with ${suggestions[0]}` } : undefined,
      );
      return undefined;
    }
    return type;
  }

  checkLookalike(l: PlaceholderLookalike): void {
    const written = this.text.slice(l.start, l.end);
    if (l.issue === 'invalid-custom-data-name') {
      const name = l.content.slice(CUSTOM_DATA_PREFIX.length);
      if (name === '') {
        const fields = this.fields ? [...this.fields.keys()].slice(0, 5) : [];
        this.report(
          'SFT010',
          l.start,
          l.end,
          '`{customData#}` has no field name, so Sigfox sends it as literal text. Write `{customData#<field name>}`.',
          fields.length > 0 ? { replacements: fields.map(f => `{${CUSTOM_DATA_PREFIX}${f}}`) } : undefined,
        );
        return;
      }
      const start = `\`${written}\` is sent as literal text: \`${name}\` is not a valid field name (letters, digits, \`_\` and \`-\` only).`;
      if (this.fields?.has(name)) {
        this.report(
          'SFT010',
          l.start,
          l.end,
          `${start} The payload config field \`${name}\` can never be inserted: rename it with letters, digits, \`_\` and \`-\` only.`,
        );
        return;
      }
      const suggestions = this.fields ? didYouMean(name, this.fields.keys()) : [];
      this.report(
        'SFT010',
        l.start,
        l.end,
        `${start}${suggestions.length > 0 ? ` Did you mean ${listOr(suggestions, s => `\`{customData#${s}}\``)}?` : ' Probably a typo.'}`,
        suggestions.length > 0 ? { replacements: suggestions.map(s => `{${CUSTOM_DATA_PREFIX}${s}}`) } : undefined,
      );
      return;
    }
    const intended = l.intended;
    if (!intended) return;
    // `{ foo }` is worth a warning only when `foo` would be a placeholder worth having.
    const isCustomData = intended.startsWith(`{${CUSTOM_DATA_PREFIX}`);
    if (!isCustomData && !findVariable(intended.slice(1, -1))) return;
    const why = l.issue === 'spaced' ? 'because of the spaces inside the braces' : 'because `customData` is case-sensitive';
    this.report('SFT011', l.start, l.end, `\`${written}\` is sent as literal text ${why}. Write \`${intended}\`.`, {
      replacements: [intended],
      fixTitle: `Replace with ${intended}`,
    });
  }

  checkBody(placeholders: readonly Placeholder[], types: readonly ValueType[]): void {
    const medium = this.context.medium ?? 'body';
    const reason = jsonBodyReason(this.text, medium, this.context.contentType);
    if (reason) {
      this.checkJson(placeholders, types, reason);
    } else if (medium === 'body' && this.kind.type === 'SERVICE' && this.kind.subtype === 'DATA_ADVANCED') {
      this.reportDataAdvancedNotJson();
    }
  }

  private reportDataAdvancedNotJson(): void {
    const first = skipJsonWhitespace(this.text, 0);
    if (first >= this.text.length) return;
    const lineEnd = this.text.slice(first).search(/[\r\n]/);
    const contentType = this.context.contentType?.trim();
    this.report(
      'SFT012',
      first,
      lineEnd < 0 ? this.text.length : first + lineEnd,
      `SERVICE/DATA_ADVANCED callbacks need a JSON body, but this body is not JSON${contentType ? ` (content type ${contentType})` : ''}. ` +
        'Write a JSON object such as {"device": "{device}", "data": "{data}"} and use the content type application/json.',
    );
  }

  /**
   * Type checks per placeholder, then a parse of a virtual document of the same length where each
   * placeholder is replaced by a JSON stand-in of its type, so every error offset is exact.
   */
  private checkJson(placeholders: readonly Placeholder[], types: readonly ValueType[], reason: JsonBodyReason): void {
    const slots = jsonSlots(this.text, placeholders);
    const parts: string[] = [];
    let pos = 0;
    for (const [i, p] of placeholders.entries()) {
      // `types` and `slots` hold one entry per placeholder; a type is undefined when unknown.
      const type = types[i];
      const slot = slots[i];
      if (slot === undefined) continue;
      this.checkJsonSlot(p, type, slot);
      parts.push(this.text.slice(pos, p.start), standIn(type, p.end - p.start, slot.inString));
      pos = p.end;
    }
    parts.push(this.text.slice(pos));
    const error = firstJsonError(parts.join(''));
    if (!error) return;
    const why =
      reason === 'content-type'
        ? 'Its content type is application/json'
        : `It is treated as JSON because it starts with \`${this.text[skipJsonWhitespace(this.text, 0)]}\` (give it a text content type if it is not meant to be JSON)`;
    this.report(
      'SFT006',
      error.start,
      error.end,
      `This body is not valid JSON once its placeholders are replaced by values: ${error.description}. ${why}, and Sigfox refuses to save a JSON body that does not parse.`,
    );
  }

  private checkJsonSlot(p: Placeholder, type: ValueType, slot: JsonSlot): void {
    if (!slot.inString) {
      if (type === 'string') {
        const written = this.text.slice(p.start, p.end);
        const quoted = `"${written}"`;
        this.report(
          'SFT007',
          p.start,
          p.end,
          `\`${written}\` is a text value and Sigfox inserts it without quotes, so the JSON breaks. Put it in quotes: ${quoted}.`,
          { replacements: [quoted], edit: { start: p.start, end: p.end, newText: quoted }, fixTitle: `Put ${written} in quotes` },
        );
      }
      return;
    }
    const stringEnd = p.end + 1;
    const written = this.text.slice(p.start, p.end);
    if (type === 'json-object' || type === 'json-array') {
      const what = type === 'json-object' ? 'a JSON object' : 'a JSON array';
      if (slot.wholeString) {
        this.report(
          'SFT009',
          slot.stringStart,
          stringEnd,
          `\`${written}\` is inserted as ${what}; inside quotes its own quotes end the string and the JSON breaks. Remove the quotes around it.`,
          { replacements: [written], edit: { start: slot.stringStart, end: stringEnd, newText: written }, fixTitle: 'Remove the quotes' },
        );
      } else {
        this.report(
          'SFT009',
          p.start,
          p.end,
          `\`${written}\` is inserted as ${what}; inside a JSON string its own quotes end the string and the JSON breaks. Move it out of the string, as a value of its own.`,
        );
      }
      return;
    }
    // A number that can render as text (avgSnr's `N/A`) is safer quoted: no "remove the quotes" advice.
    if (
      (type === 'integer' || type === 'float' || type === 'boolean') &&
      slot.wholeString &&
      !slot.isKey &&
      !this.variableOf.get(p)?.textFallback
    ) {
      const what = type === 'boolean' ? 'true/false value' : 'number';
      this.report(
        'SFT008',
        slot.stringStart,
        stringEnd,
        `\`${written}\` is a ${what}, but the quotes make it a JSON string. Remove the quotes to send it as a ${what}.`,
        { replacements: [written], edit: { start: slot.stringStart, end: stringEnd, newText: written }, fixTitle: 'Remove the quotes' },
      );
    }
  }

  private report(code: TemplateCode, start: number, end: number, message: string, data?: ProblemData): void {
    this.problems.push(problem(code, start, end, message, data));
  }
}

function fieldsByName(grammar: GrammarDocument): Map<string, FieldNode> {
  const fields = new Map<string, FieldNode>();
  // The first field of a name wins: a duplicate can never be referenced (spec D12).
  for (const field of grammar.fields) if (!fields.has(field.name.text)) fields.set(field.name.text, field);
  return fields;
}

/**
 * JSON text of exactly `length` characters standing for a value of `type`: inside a string any
 * letters do; outside, a literal of the type (a string literal for text, so that a missing quote
 * is reported once, by SFT007, and not again as a syntax error). Numbers are digits only, so two
 * adjacent number placeholders still form one number, as they would once rendered.
 */
function standIn(type: ValueType, length: number, inString: boolean): string {
  if (length > MAX_CACHED_STAND_IN) return makeStandIn(type, length, inString);
  const key = `${inString ? 'in' : type}:${length}`;
  let text = STAND_INS.get(key);
  if (text === undefined) {
    text = makeStandIn(type, length, inString);
    STAND_INS.set(key, text);
  }
  return text;
}

/** Stand-ins by type and length: a large template has thousands of placeholders but few distinct lengths. */
const STAND_INS = new Map<string, string>();
const MAX_CACHED_STAND_IN = 64;

function makeStandIn(type: ValueType, length: number, inString: boolean): string {
  if (inString) return 'x'.repeat(length);
  switch (type) {
    case 'string':
      return `"${'x'.repeat(length - 2)}"`;
    case 'boolean':
      return length >= 4 ? 'true'.padEnd(length) : '1'.padEnd(length, '0');
    case 'json-object':
      return '{}'.padEnd(length);
    case 'json-array':
      return '[]'.padEnd(length);
    // integer, float, and unknown types (already reported): a number is the least surprising value.
    default:
      return '1'.padEnd(length, '0');
  }
}
