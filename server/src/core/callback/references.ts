/**
 * The payload config and body template of a definition, inline or in a file next to it
 * (`payloadConfigFile`, `bodyTemplateFile`, relative to the definition). The core never reads
 * files: the host passes a resolver.
 */
import { analyzeGrammar, type AnalyzedGrammar } from '../grammar/analyze';
import type { CallbackDefinition } from './definition';
import type { JsonStringLiteral } from './jsonString';
import type { Reporter } from './reporter';
import { isNetworkPath } from '../projectPaths';

/** Reads the files a definition names. Paths are as written in the definition (relative to it). */
export interface CallbackFileResolver {
  /** The file's text, or undefined when it does not exist or cannot be read. */
  readRelative(path: string): string | undefined;
  /**
   * The payload config of a text, analyzed: a host keeping parsed configs answers from its cache
   * (thousands of definitions naming one config), without one it is analyzed here.
   */
  analyzeGrammar?(text: string, inline: boolean): AnalyzedGrammar;
  /** True when the path leads out of the project or to another machine (never read: SFC036). */
  outside?(path: string): boolean;
}

export interface EmbeddedText {
  /** Where the text comes from. */
  readonly source: 'inline' | 'file';
  readonly text: string;
  /** The string in the definition: the inline value, or the file path. */
  readonly literal: JsonStringLiteral;
  /** The path as written, for a file. */
  readonly path?: string;
}

export interface ResolvedReference {
  /** The text, when given inline or the file could be read. */
  readonly embedded: EmbeddedText | undefined;
  /** A file is named but cannot be read (reported as SFC018). */
  readonly unreadable: boolean;
}

const PAIRS = {
  payloadConfig: { inline: 'payloadConfig', file: 'payloadConfigFile', what: 'payload config' },
  bodyTemplate: { inline: 'bodyTemplate', file: 'bodyTemplateFile', what: 'body template' },
} as const;

export type ReferenceKind = keyof typeof PAIRS;

/** The inline text wins over a file when both are given (SFC017 says to keep one). */
export function resolveReference(definition: CallbackDefinition, kind: ReferenceKind, resolver: CallbackFileResolver): ResolvedReference {
  const pair = PAIRS[kind];
  const inline = definition.string(pair.inline);
  if (inline) return { embedded: { source: 'inline', text: inline.value, literal: inline }, unreadable: false };
  const path = definition.string(pair.file);
  if (!path) return { embedded: undefined, unreadable: false };
  const text = path.value.trim() === '' || isOutside(resolver, path.value) ? undefined : resolver.readRelative(path.value);
  if (text === undefined) return { embedded: undefined, unreadable: true };
  return { embedded: { source: 'file', text, literal: path, path: path.value }, unreadable: false };
}

export function checkReferences(definition: CallbackDefinition, resolver: CallbackFileResolver, reporter: Reporter): void {
  for (const pair of Object.values(PAIRS)) {
    const inline = definition.property(pair.inline);
    const file = definition.property(pair.file);
    if (inline && file) {
      reporter.onNode(
        'SFC017',
        file.keyNode,
        `Both \`${pair.inline}\` and \`${pair.file}\` give the ${pair.what}: keep one (the file, to edit it with highlighting and checks).`,
      );
    }
    const path = definition.string(pair.file);
    if (!path) continue;
    if (path.value.trim() === '') {
      reporter.at(
        'SFC018',
        path.start,
        path.end,
        `\`${pair.file}\` is empty: give the path of the ${pair.what} file, relative to this definition.`,
      );
    } else if (isOutside(resolver, path.value)) {
      reporter.at(
        'SFC036',
        path.start,
        path.end,
        `The ${pair.what} file ${JSON.stringify(path.value)} is outside this project (an absolute path, \`..\` or a symbolic link leading out of it, or a network path): it is not read, and build and send refuse it. Put the file inside the project.`,
      );
    } else if (resolver.readRelative(path.value) === undefined) {
      reporter.at(
        'SFC018',
        path.start,
        path.end,
        `The ${pair.what} file ${JSON.stringify(path.value)} cannot be read: check the path (relative to this definition's folder).`,
      );
    }
  }
}

/** Network paths are refused whatever the host says; the host judges the rest (symlinks need the file system). */
function isOutside(resolver: CallbackFileResolver, path: string): boolean {
  return isNetworkPath(path) || resolver.outside?.(path) === true;
}

export interface DefinitionGrammar {
  readonly grammar: AnalyzedGrammar | undefined;
  readonly embedded: EmbeddedText | undefined;
  /** A payload config file is named but unreadable: placeholders cannot be checked against it. */
  readonly unreadable: boolean;
}

/** The payload config the definition's templates use; an inline one must be canonical (D3). */
export function definitionGrammar(definition: CallbackDefinition, resolver: CallbackFileResolver): DefinitionGrammar {
  const { embedded, unreadable } = resolveReference(definition, 'payloadConfig', resolver);
  const inline = embedded?.source === 'inline';
  const grammar = embedded ? (resolver.analyzeGrammar?.(embedded.text, inline) ?? analyzeGrammar(embedded.text, { inline })) : undefined;
  return { grammar, embedded, unreadable };
}
