/**
 * The files a callback definition names (`payloadConfigFile`, `bodyTemplateFile`), as links:
 * go to definition and document links open them. Only files that exist are linked (a missing one
 * is reported as SFC018).
 */
import type { DocumentLink, LocationLink } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { dirnameOf, resolveRelative } from '../associations';
import { kindOfUri } from '../workspace';
import type { FeatureContext } from './context';
import { rangeOf } from './ranges';

const FILE_KEYS = [
  { key: 'payloadConfigFile', what: 'payload config' },
  { key: 'bodyTemplateFile', what: 'body template' },
] as const;

interface FileReference {
  readonly key: string;
  readonly what: string;
  /** The path's characters in the definition, quotes excluded. */
  readonly start: number;
  readonly end: number;
  readonly targetUri: string;
}

function fileReferences(context: FeatureContext, document: TextDocument): FileReference[] {
  if (kindOfUri(document.uri) !== 'sfcallback') return [];
  const definition = context.callbackDefinitionOf(document);
  const folder = dirnameOf(document.uri);
  const out: FileReference[] = [];
  for (const { key, what } of FILE_KEYS) {
    const literal = definition.string(key);
    if (!literal || literal.value.trim() === '') continue;
    const targetUri = resolveRelative(folder, literal.value);
    if (context.host.readText(targetUri) === undefined) continue;
    // The closing quote is missing from an unterminated literal: its end is the content's end.
    const closed = literal.end - literal.start >= 2 && document.getText().charCodeAt(literal.end - 1) === 0x22;
    out.push({ key, what, start: literal.start + 1, end: closed ? literal.end - 1 : literal.end, targetUri });
  }
  return out;
}

/** Go to definition on the value of `payloadConfigFile` / `bodyTemplateFile`: the start of the file. */
export function fileDefinitionAt(context: FeatureContext, document: TextDocument, offset: number): LocationLink[] | undefined {
  const reference = fileReferences(context, document).find(r => offset >= r.start && offset <= r.end);
  if (!reference) return undefined;
  const start = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return [
    {
      originSelectionRange: rangeOf(document, reference.start, reference.end),
      targetUri: reference.targetUri,
      targetRange: start,
      targetSelectionRange: start,
    },
  ];
}

/** Document links on the values of `payloadConfigFile` / `bodyTemplateFile`. */
export function getDocumentLinks(context: FeatureContext, document: TextDocument): DocumentLink[] {
  return fileReferences(context, document).map(r => ({
    range: rangeOf(document, r.start, r.end),
    target: r.targetUri,
    tooltip: `Open the ${r.what} (${r.key})`,
  }));
}
