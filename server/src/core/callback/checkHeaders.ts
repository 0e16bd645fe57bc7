/**
 * Header rules of spec §2.3: variables only in values (never in names), no standard HTTP header
 * but `Authorization`, no header given twice (names ignore case). Values are templates, checked
 * with the other embedded templates.
 */
import { scanTemplate } from '../template/scan';
import type { CallbackDefinition } from './definition';
import { propertiesOf, type JsonProperty } from './document';
import { scanEnvReferences } from './envReference';
import type { Reporter } from './reporter';
import type { OffsetEdit, ProblemData } from '../problem';
import { checkValueKind } from './checkKeys';

/** RFC 9110 token characters. */
const TOKEN_RE = /^[!#$%&'*+.^\w`|~-]+$/;

/** Standard request and response headers (IANA permanent registry, the common ones), lower case. */
const STANDARD_HEADERS = new Set([
  'accept',
  'accept-charset',
  'accept-encoding',
  'accept-language',
  'accept-ranges',
  'access-control-allow-origin',
  'age',
  'allow',
  'cache-control',
  'connection',
  'content-disposition',
  'content-encoding',
  'content-language',
  'content-length',
  'content-location',
  'content-md5',
  'content-range',
  'content-type',
  'cookie',
  'date',
  'dnt',
  'etag',
  'expect',
  'expires',
  'forwarded',
  'from',
  'host',
  'if-match',
  'if-modified-since',
  'if-none-match',
  'if-range',
  'if-unmodified-since',
  'keep-alive',
  'last-modified',
  'link',
  'location',
  'max-forwards',
  'origin',
  'pragma',
  'prefer',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'range',
  'referer',
  'retry-after',
  'server',
  'set-cookie',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'user-agent',
  'vary',
  'via',
  'warning',
  'www-authenticate',
]);

/** Where the standard header's job is done by a key of the definition. */
const HANDLED_BY_KEY: Readonly<Record<string, string>> = {
  'content-type': "set the body's content type with the `contentType` key instead",
  host: 'Sigfox takes the host from `url`',
  'content-length': 'Sigfox computes it from the body',
};

export function headerProperties(definition: CallbackDefinition): JsonProperty[] {
  const node = definition.property('headers')?.valueNode;
  return node?.type === 'object' ? propertiesOf(node) : [];
}

export function checkHeaders(definition: CallbackDefinition, reporter: Reporter): void {
  const seen = new Map<string, string>();
  for (const header of headerProperties(definition)) {
    const name = header.key;
    if (header.valueNode) checkValueKind(`headers.${name}`, header.valueNode, 'string', reporter);
    const lower = name.toLowerCase();
    if (name.trim() === '') {
      reporter.onNode('SFC022', header.keyNode, 'A header needs a name: remove this entry or name it, e.g. "X-Api-Key".');
      continue;
    }
    if (scanTemplate(name).placeholders.length > 0 || scanEnvReferences(name).references.length > 0) {
      reporter.onNode(
        'SFC022',
        header.keyNode,
        `Header name ${JSON.stringify(name)} holds a placeholder: Sigfox replaces variables in header values only. Use a fixed name and put the variable in the value.`,
      );
      continue;
    }
    if (!TOKEN_RE.test(name)) {
      const bad = [...name].find(c => !TOKEN_RE.test(c))!;
      reporter.onNode(
        'SFC022',
        header.keyNode,
        `Header name ${JSON.stringify(name)} contains ${bad === ' ' ? 'a space' : JSON.stringify(bad)}, which HTTP does not allow in names (letters, digits and !#$%&'*+.^_\`|~- only).`,
      );
      continue;
    }
    const first = seen.get(lower);
    if (first !== undefined) {
      reporter.onNode(
        'SFC024',
        header.keyNode,
        `Header ${JSON.stringify(name)} is already given${first === name ? '' : ` as ${JSON.stringify(first)}`} (header names ignore case): Sigfox refuses repeated headers. Keep one.`,
      );
      continue;
    }
    seen.set(lower, name);
    if (lower !== 'authorization' && STANDARD_HEADERS.has(lower)) {
      const how = HANDLED_BY_KEY[lower];
      reporter.onNode(
        'SFC023',
        header.keyNode,
        `Sigfox refuses the standard header ${JSON.stringify(name)}: only \`Authorization\` and custom headers (e.g. "X-Api-Key") may be set${how ? `; ${how}` : ''}.`,
        lower === 'content-type' ? contentTypeFix(definition, header) : undefined,
      );
    }
  }
}

/**
 * The fix SFC023 names for a `Content-Type` header: the value moves to the `contentType` key
 * (written just before `headers`), or the header goes when `contentType` is already set.
 */
function contentTypeFix(definition: CallbackDefinition, header: JsonProperty): ProblemData | undefined {
  const text = definition.text;
  const removal = propertyRemoval(text, header);
  const headers = definition.property('headers');
  if (!removal || !headers) return undefined;
  if (definition.property('contentType'))
    return { fixes: [{ title: 'Remove the Content-Type header (`contentType` is already set)', edits: [removal], preferred: true }] };
  const value = header.valueNode;
  if (value?.type !== 'string') return undefined;
  const at = headers.keyNode.offset;
  let lineStart = at;
  while (lineStart > 0 && text[lineStart - 1] !== '\n') lineStart--;
  const indent = text.slice(lineStart, at);
  const separator = /^[ \t]*$/.test(indent) ? `,\n${indent}` : ', ';
  const insert = { start: at, end: at, newText: `"contentType": ${text.slice(value.offset, value.offset + value.length)}${separator}` };
  return { fixes: [{ title: 'Move the Content-Type header to the `contentType` key', edits: [insert, removal], preferred: true }] };
}

/** An edit deleting one property of an object with the comma that separates it from a neighbour. */
function propertyRemoval(text: string, property: JsonProperty): OffsetEdit | undefined {
  const node = property.keyNode.parent;
  if (!node) return undefined;
  const start = node.offset,
    end = node.offset + node.length;
  let after = end;
  while (after < text.length && /\s/.test(text[after]!)) after++;
  if (text[after] === ',') {
    after++;
    while (after < text.length && /\s/.test(text[after]!)) after++;
    return { start, end: after, newText: '' };
  }
  let before = start;
  while (before > 0 && /\s/.test(text[before - 1]!)) before--;
  if (text[before - 1] === ',') return { start: before - 1, end, newText: '' };
  return { start, end, newText: '' };
}
