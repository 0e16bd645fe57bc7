/**
 * Tolerant parse of a `*.sfcallback.json`: the JSON tree (even with syntax errors, so the other
 * checks still run) and each syntax error with its exact range. The file is real JSON, as the
 * Sigfox API reads it: comments and trailing commas are errors.
 */
import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { problem, type Problem } from '../problem';
import { MAX_JSON_DEPTH, nestingDepthExceeds } from '../template/json';
import { decodeJsonString, type JsonStringLiteral } from './jsonString';
import { JSON_SCAN_ERROR_WORDING, previousNonBlank } from '../util';

export type { Node as JsonNode } from 'jsonc-parser';

export interface DefinitionDocument {
  readonly text: string;
  /** The root value, whatever its type; undefined for an empty file. */
  readonly root: JsonNode | undefined;
  readonly syntaxProblems: readonly Problem[];
}

export interface JsonProperty {
  readonly key: string;
  readonly keyNode: JsonNode;
  /** Undefined when the value is missing (`"url":` at the end of the file). */
  readonly valueNode: JsonNode | undefined;
}

export function parseDefinitionDocument(text: string): DefinitionDocument {
  // jsonc-parser recurses once per level: a file nested deeper than it can take is reported, not parsed.
  const tooDeep = nestingDepthExceeds(text, MAX_JSON_DEPTH);
  if (tooDeep >= 0) {
    return {
      text,
      root: undefined,
      syntaxProblems: [
        problem(
          'SFC001',
          tooDeep,
          tooDeep + 1,
          `Invalid JSON: nested more than ${MAX_JSON_DEPTH} levels deep here; a callback definition is one flat object.`,
        ),
      ],
    };
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const problems: Problem[] = [];
  let lastOffset = -1;
  for (const error of errors) {
    // One mistake can yield several errors at the same place; the first says it best.
    if (error.offset === lastOffset) continue;
    lastOffset = error.offset;
    problems.push(describeSyntaxError(text, error));
  }
  return { text, root, syntaxProblems: problems };
}

/** The properties of an object node, in file order, duplicates included. */
export function propertiesOf(object: JsonNode | undefined): JsonProperty[] {
  if (!object || object.type !== 'object' || !object.children) return [];
  const out: JsonProperty[] = [];
  for (const property of object.children) {
    const keyNode = property.children?.[0];
    if (!keyNode || keyNode.type !== 'string') continue;
    out.push({ key: String(keyNode.value), keyNode, valueNode: property.children?.[1] });
  }
  return out;
}

/** The first property of that name (a later duplicate is reported, never used). */
export function propertyOf(object: JsonNode | undefined, key: string): JsonProperty | undefined {
  return propertiesOf(object).find(p => p.key === key);
}

export function stringLiteralOf(text: string, node: JsonNode | undefined): JsonStringLiteral | undefined {
  return node?.type === 'string' ? decodeJsonString(text, node.offset, node.offset + node.length) : undefined;
}

/** How a value is described in messages: "the number 3", "an object"... */
export function describeValue(node: JsonNode): string {
  switch (node.type) {
    case 'string':
      return `the string ${JSON.stringify(node.value)}`;
    case 'number':
      return `the number ${String(node.value)}`;
    case 'boolean':
      return `\`${String(node.value)}\``;
    case 'null':
      return '`null`';
    case 'array':
      return 'an array';
    case 'object':
      return 'an object';
    default:
      return 'this value';
  }
}

function describeSyntaxError(text: string, error: ParseError): Problem {
  const start = Math.min(error.offset, text.length);
  const end = Math.min(start + Math.max(error.length, 0), text.length);
  const at = (message: string, s = start, e = end): Problem => problem('SFC001', s, e, `Invalid JSON: ${message}.`);
  // The message names the fix: removing the comma is all there is to do.
  const trailingComma = (message: string): Problem =>
    problem('SFC001', previous, previous + 1, `Invalid JSON: ${message}.`, {
      edit: { start: previous, end: previous + 1, newText: '' },
      fixTitle: 'Remove the trailing comma',
    });
  const previous = previousNonBlank(text, start);
  const afterComma = previous >= 0 && text[previous] === ',' && (text[start] === '}' || text[start] === ']');
  const code = printParseErrorCode(error.error);
  // Wording both JSON readers (definitions and template bodies) share.
  const shared = JSON_SCAN_ERROR_WORDING[code];
  if (shared) return at(shared);
  switch (code) {
    case 'InvalidCommentToken':
    case 'UnexpectedEndOfComment':
      return at('JSON does not allow comments; remove it (describe the callback in a neighbouring README instead)');
    case 'PropertyNameExpected':
      return afterComma
        ? trailingComma('JSON allows no comma after the last property; remove this `,`')
        : at('a property name in double quotes is expected here');
    case 'ValueExpected':
      if (afterComma) return trailingComma('JSON allows no comma after the last element; remove this `,`');
      return start >= text.length ? at('the file ends where a value is expected') : at('a value is expected here');
    case 'ColonExpected':
      return at('a `:` is expected after the property name');
    case 'CommaExpected':
      return at('a `,` is missing before this property or value');
    case 'CloseBraceExpected':
      return at('a `}` is missing to close the object');
    case 'CloseBracketExpected':
      return at('a `]` is missing to close the array');
    case 'EndOfFileExpected':
      return at('nothing may follow the end of the object');
    case 'InvalidSymbol':
      return at(`unexpected ${describeChar(text, start)} (strings and property names take double quotes)`);
    case 'InvalidNumberFormat':
      return at('this number is malformed');
    case 'InvalidCharacter':
      return at('a string holds a raw control character (a line break or tab inside quotes); write it escaped, e.g. \\n or \\t');
    default:
      return at('this is not valid JSON');
  }
}

function describeChar(text: string, offset: number): string {
  if (offset >= text.length) return 'end of file';
  const c = text.charCodeAt(offset);
  if (c < 0x20) return `control character U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
  return `\`${String.fromCodePoint(text.codePointAt(offset) ?? c)}\``;
}
