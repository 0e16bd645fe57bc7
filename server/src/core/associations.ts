/**
 * How a body template finds its payload config and its callback type/subtype (design.md,
 * "Files and how they find each other"). First match wins:
 *   1. a `*.sfcallback.json` in the workspace whose `bodyTemplateFile` names the template;
 *   2. the sibling grammar with the same base name (`room.sftemplate` -> `room.sfgrammar`);
 *   3. the setting `sigfox.associations` (template glob -> grammar path, type, subtype);
 *   4. DATA / UPLINK and no grammar.
 * And the reverse: which templates depend on a grammar, which definitions name a file. Pure:
 * every read goes through the host.
 */
import picomatch from 'picomatch';
import { URI, Utils } from 'vscode-uri';
import { readCallbackDefinition } from './callback/definition';
import {
  callbackSubtypeByCode,
  callbackTypeByCode,
  callbackTypeByName,
  isSubtypeOf,
  type CallbackSubtypeName,
  type CallbackTypeName,
} from './template/variables';
import type { AssociationSetting, WorkspaceHost } from './workspace';

export type AssociationSource = 'callbackDefinition' | 'siblingGrammar' | 'setting' | 'default';

export interface Association {
  /** The payload config file, when the grammar is a file. */
  readonly grammarUri?: string;
  /** The payload config written inline (`payloadConfig` of a callback definition). */
  readonly inlineGrammarText?: string;
  /**
   * Offset of the inline grammar's first character in the callback definition file, when the JSON
   * string has no escape sequence (so grammar offsets map one to one onto the file).
   */
  readonly inlineGrammarOffset?: number;
  readonly type: CallbackTypeName;
  /** Undefined when the source names no (valid) subtype: the variables of every subtype of the type apply. */
  readonly subtype: CallbackSubtypeName | undefined;
  readonly contentType?: string;
  /** Which rule matched. */
  readonly source: AssociationSource;
  /** The callback definition (rule 1) or the workspace folder whose setting matched (rule 3). */
  readonly definitionUri?: string;
}

export const DEFAULT_ASSOCIATION: Association = { type: 'DATA', subtype: 'UPLINK', source: 'default' };

/** The parts of a `*.sfcallback.json` that associations need, with uris resolved. */
export interface CallbackDefinitionSummary {
  readonly uri: string;
  readonly bodyTemplateUri?: string;
  /** `payloadConfigFile`, resolved, whether or not an inline `payloadConfig` overrides it. */
  readonly payloadConfigFileUri?: string;
  /** The grammar file the templates use: `payloadConfigFile` unless an inline `payloadConfig` wins. */
  readonly grammarUri?: string;
  readonly inlineGrammarText?: string;
  readonly inlineGrammarOffset?: number;
  readonly type?: CallbackTypeName;
  readonly subtype?: CallbackSubtypeName;
  readonly contentType?: string;
}

export const TEMPLATE_EXTENSION = '.sftemplate';
export const GRAMMAR_EXTENSION = '.sfgrammar';

/** One spelling per resource, so uris from the client, the disk walk and path joins compare equal. */
export function normalizeUri(uri: string): string {
  return URI.parse(uri).toString();
}

/** A lone UTF-16 surrogate half: no file can be named with it, and a uri cannot encode it. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** A path written in a file or a setting, relative to `base` (a folder uri) unless absolute. */
export function resolveRelative(base: string, path: string): string {
  // `"\ud800"` is valid JSON: the path then names no file (U+FFFD), rather than throwing from the uri encoder.
  const slashed = path.replace(LONE_SURROGATE, '\ufffd').replace(/\\/g, '/');
  if (slashed.startsWith('/') || /^[A-Z]:\//i.test(slashed)) return URI.file(slashed).toString();
  return Utils.joinPath(URI.parse(base), slashed).toString();
}

export function dirnameOf(uri: string): string {
  return Utils.dirname(URI.parse(uri)).toString();
}

/** `.../room.sftemplate` -> `.../room.sfgrammar`. */
export function siblingGrammarUri(templateUri: string): string | undefined {
  if (!templateUri.endsWith(TEMPLATE_EXTENSION)) return undefined;
  return templateUri.slice(0, -TEMPLATE_EXTENSION.length) + GRAMMAR_EXTENSION;
}

/** `.../room.sfgrammar` -> `.../room.sftemplate`: the template that would take this grammar by rule 2. */
export function siblingTemplateUri(grammarUri: string): string | undefined {
  if (!grammarUri.endsWith(GRAMMAR_EXTENSION)) return undefined;
  return grammarUri.slice(0, -GRAMMAR_EXTENSION.length) + TEMPLATE_EXTENSION;
}

// ---- callback types from definitions and settings (API codes or names, spec §2.1) -------------

export function parseCallbackType(value: unknown): CallbackTypeName | undefined {
  if (typeof value === 'number') return callbackTypeByCode(value)?.name;
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return callbackTypeByCode(Number(trimmed))?.name;
  return callbackTypeByName(trimmed.toUpperCase())?.name;
}

export function parseCallbackSubtype(type: CallbackTypeName, value: unknown): CallbackSubtypeName | undefined {
  if (typeof value === 'number') return callbackSubtypeByCode(type, value)?.name;
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return callbackSubtypeByCode(type, Number(trimmed))?.name;
  const upper = trimmed.toUpperCase();
  return isSubtypeOf(type, upper) ? upper : undefined;
}

/** Type and subtype from what a file or setting says; DATA/UPLINK when it says nothing. */
function kindFrom(typeValue: unknown, subtypeValue: unknown): { type: CallbackTypeName; subtype: CallbackSubtypeName | undefined } {
  const type = parseCallbackType(typeValue);
  if (type === undefined) return { type: 'DATA', subtype: parseCallbackSubtype('DATA', subtypeValue) ?? 'UPLINK' };
  return { type, subtype: parseCallbackSubtype(type, subtypeValue) };
}

// ---- callback definitions ------------------------------------------------------------------

/**
 * Reads what associations need from a callback definition, with the callback module's own
 * reading of the file (so both agree), tolerant of any JSON error. Beyond it, type and subtype
 * may be written as names (`"DATA"`, `"UPLINK"`); a connector sends JSON (spec D15).
 */
export function summarizeCallbackDefinition(uri: string, text: string): CallbackDefinitionSummary {
  const definition = readCallbackDefinition(text);
  if (!definition.object) return { uri };
  const folder = dirnameOf(uri);
  const bodyTemplateFile = definition.string('bodyTemplateFile')?.value;
  const payloadConfigFile = definition.string('payloadConfigFile')?.value;
  const payloadConfig = definition.string('payloadConfig');
  const type = definition.type ?? parseCallbackType(definition.property('callbackType')?.valueNode?.value);
  const subtype =
    definition.subtype ?? (type ? parseCallbackSubtype(type, definition.property('callbackSubtype')?.valueNode?.value) : undefined);
  const contentType = definition.connector ? 'application/json' : definition.contentType;
  const summary: { -readonly [K in keyof CallbackDefinitionSummary]: CallbackDefinitionSummary[K] } = { uri };
  if (bodyTemplateFile) summary.bodyTemplateUri = resolveRelative(folder, bodyTemplateFile);
  if (payloadConfigFile) summary.payloadConfigFileUri = resolveRelative(folder, payloadConfigFile);
  // The inline text wins when both are given, as the callback checks and `build` read it (SFC017 says to keep one).
  if (payloadConfig) {
    summary.inlineGrammarText = payloadConfig.value;
    if (payloadConfig.verbatim) summary.inlineGrammarOffset = payloadConfig.start + 1;
  } else if (summary.payloadConfigFileUri) {
    summary.grammarUri = summary.payloadConfigFileUri;
  }
  if (type) summary.type = type;
  if (subtype) summary.subtype = subtype;
  if (contentType !== undefined) summary.contentType = contentType;
  return summary;
}

function associationFromDefinition(definition: CallbackDefinitionSummary): Association {
  const kind = definition.type
    ? { type: definition.type, subtype: definition.subtype }
    : { type: DEFAULT_ASSOCIATION.type, subtype: DEFAULT_ASSOCIATION.subtype };
  return {
    ...(definition.grammarUri !== undefined ? { grammarUri: definition.grammarUri } : {}),
    ...(definition.inlineGrammarText !== undefined ? { inlineGrammarText: definition.inlineGrammarText } : {}),
    ...(definition.inlineGrammarOffset !== undefined ? { inlineGrammarOffset: definition.inlineGrammarOffset } : {}),
    ...kind,
    ...(definition.contentType !== undefined ? { contentType: definition.contentType } : {}),
    source: 'callbackDefinition',
    definitionUri: definition.uri,
  };
}

// ---- settings -------------------------------------------------------------------------------

/** Path of `uri` relative to `folderUri`, or undefined when it is not inside the folder. */
export function relativePath(folderUri: string, uri: string): string | undefined {
  const folder = URI.parse(folderUri).path.replace(/\/$/, '');
  const path = URI.parse(uri).path;
  return path.startsWith(folder + '/') ? path.slice(folder.length + 1) : undefined;
}

// ---- the resolver ---------------------------------------------------------------------------

export interface AssociationResolver {
  associationOf(templateUri: string): Association;
  /** Every template (open or not) whose association uses this grammar file. */
  dependentsOf(grammarUri: string): string[];
  /** The callback definitions that name this file as `payloadConfigFile` or `bodyTemplateFile`. */
  definitionsNaming(uri: string): string[];
  /** The template a callback definition names in `bodyTemplateFile`, as it reads now. */
  templateNamedBy(definitionUri: string): string | undefined;
  /** The callback definitions whose own templates (url, headers, body...) read this grammar file's fields. */
  definitionsUsingGrammar(grammarUri: string): string[];
  /** What a callback definition gives the templates written in it: its grammar, type, subtype and content type. */
  definitionAssociation(definitionUri: string): Association | undefined;
}

interface CachedDefinition {
  readonly text: string;
  readonly summary: CallbackDefinitionSummary;
}

interface DefinitionIndex {
  readonly byTemplate: ReadonlyMap<string, CallbackDefinitionSummary>;
  readonly definitions: readonly CallbackDefinitionSummary[];
}

export function createAssociationResolver(host: WorkspaceHost): AssociationResolver {
  const definitionCache = new Map<string, CachedDefinition>();
  const matchers = new Map<string, picomatch.Matcher>();
  let lastIndex: { keys: string; index: DefinitionIndex } | undefined;
  let lastReverse:
    | {
        templates: readonly string[];
        grammars: readonly string[];
        index: DefinitionIndex;
        settings: readonly (readonly AssociationSetting[])[];
        byGrammar: ReadonlyMap<string, readonly string[]>;
      }
    | undefined;

  /** Parsed once per text: an unchanged file hands back the same string, so the check is O(1). */
  function definitionSummary(uri: string): CallbackDefinitionSummary | undefined {
    const text = host.readText(uri);
    if (text === undefined) {
      definitionCache.delete(uri);
      return undefined;
    }
    const cached = definitionCache.get(uri);
    if (cached && cached.text === text) return cached.summary;
    const summary = summarizeCallbackDefinition(normalizeUri(uri), text);
    definitionCache.set(uri, { text, summary });
    return summary;
  }

  /** Template uri -> first definition naming it, rebuilt only when a definition changed. */
  function definitionIndex(): DefinitionIndex {
    const uris = [...host.listFiles('sfcallback')].sort();
    const definitions: CallbackDefinitionSummary[] = [];
    for (const uri of uris) {
      const summary = definitionSummary(uri);
      if (summary) definitions.push(summary);
    }
    if (definitionCache.size > uris.length) {
      const present = new Set(uris);
      for (const uri of definitionCache.keys()) if (!present.has(uri)) definitionCache.delete(uri);
    }
    // The summaries are cached objects: the same objects mean the same index.
    const keys = definitions.map(d => d.uri).join('\n');
    if (lastIndex && lastIndex.keys === keys && lastIndex.index.definitions.every((d, k) => d === definitions[k])) return lastIndex.index;
    const byTemplate = new Map<string, CallbackDefinitionSummary>();
    for (const d of definitions) if (d.bodyTemplateUri && !byTemplate.has(d.bodyTemplateUri)) byTemplate.set(d.bodyTemplateUri, d);
    const index = { byTemplate, definitions };
    lastIndex = { keys, index };
    return index;
  }

  /** Compiled once per glob. A glob without a slash matches the base name in any folder. */
  function matcherFor(glob: string): picomatch.Matcher {
    let matcher = matchers.get(glob);
    if (!matcher) matchers.set(glob, (matcher = picomatch(glob, { dot: true, basename: !glob.includes('/') })));
    return matcher;
  }

  function fromSetting(templateUri: string): Association | undefined {
    const settings = host.settings(templateUri);
    if (settings.associations.length === 0) return undefined;
    const folder = host.workspaceFolderOf(templateUri);
    const relative = folder !== undefined ? relativePath(folder, templateUri) : undefined;
    const absolute = URI.parse(templateUri).path;
    for (const entry of settings.associations) {
      if (!isUsableSetting(entry)) continue;
      const glob = entry.template.replace(/\\/g, '/');
      const isAbsoluteGlob = glob.startsWith('/') || /^[A-Z]:\//i.test(glob);
      const subject = isAbsoluteGlob ? absolute : (relative ?? Utils.basename(URI.parse(templateUri)));
      if (!matcherFor(glob)(subject)) continue;
      const base = folder ?? dirnameOf(templateUri);
      return {
        ...(entry.grammar ? { grammarUri: resolveRelative(base, entry.grammar) } : {}),
        ...kindFrom(entry.type, entry.subtype),
        ...(entry.contentType !== undefined ? { contentType: entry.contentType } : {}),
        source: 'setting',
        ...(folder !== undefined ? { definitionUri: folder } : {}),
      };
    }
    return undefined;
  }

  /**
   * Grammar uri -> the templates using it, over every template of the workspace. Recomputed only
   * when an input changed: the file lists (a host hands back the same array while nothing was
   * added or removed), the definitions, or the associations setting in force for a template.
   * Without it, checking N grammars against N templates costs N² associations.
   */
  function templatesByGrammar(): ReadonlyMap<string, readonly string[]> {
    const templates = host.listFiles('sftemplate');
    const grammars = host.listFiles('sfgrammar');
    const index = definitionIndex();
    const settings = templates.map(t => host.settings(t).associations);
    const last = lastReverse;
    if (
      last &&
      last.templates === templates &&
      last.grammars === grammars &&
      last.index === index &&
      last.settings.every((a, k) => a === settings[k])
    ) {
      return last.byGrammar;
    }
    const byGrammar = new Map<string, string[]>();
    for (const template of templates) {
      const grammarUri = associationWith(index, template).grammarUri;
      if (grammarUri === undefined) continue;
      let list = byGrammar.get(grammarUri);
      if (!list) byGrammar.set(grammarUri, (list = []));
      list.push(template);
    }
    lastReverse = { templates, grammars, index, settings, byGrammar };
    return byGrammar;
  }

  /** `uri` is normalized (the caller's job: listFiles gives normalized uris already). */
  function associationWith(index: DefinitionIndex, uri: string): Association {
    const definition = index.byTemplate.get(uri);
    if (definition) return associationFromDefinition(definition);
    const sibling = siblingGrammarUri(uri);
    if (sibling !== undefined && host.readText(sibling) !== undefined)
      return { ...DEFAULT_ASSOCIATION, grammarUri: sibling, source: 'siblingGrammar' };
    return fromSetting(uri) ?? DEFAULT_ASSOCIATION;
  }

  return {
    associationOf: templateUri => associationWith(definitionIndex(), normalizeUri(templateUri)),
    dependentsOf: grammarUri => [...(templatesByGrammar().get(normalizeUri(grammarUri)) ?? [])],
    definitionsNaming(uri) {
      const target = normalizeUri(uri);
      return definitionIndex()
        .definitions.filter(d => d.payloadConfigFileUri === target || d.bodyTemplateUri === target)
        .map(d => d.uri);
    },
    templateNamedBy: definitionUri => definitionSummary(definitionUri)?.bodyTemplateUri,
    definitionsUsingGrammar(grammarUri) {
      const target = normalizeUri(grammarUri);
      return definitionIndex()
        .definitions.filter(d => d.grammarUri === target)
        .map(d => d.uri);
    },
    definitionAssociation(definitionUri) {
      const summary = definitionSummary(normalizeUri(definitionUri));
      return summary && associationFromDefinition(summary);
    },
  };
}

/** Settings come from users: ignore entries without a template glob rather than fail. */
function isUsableSetting(entry: AssociationSetting): boolean {
  return typeof entry === 'object' && entry !== null && typeof entry.template === 'string' && entry.template.length > 0;
}
