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
import { MAX_JSON_DEPTH, nestingDepthExceeds } from './template/json';
import { kindOfUri, MAX_INDEXED_FILE_CHARS, type AssociationSetting, type DocumentKind, type WorkspaceHost } from './workspace';
import type { Mutable } from './util';

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

/**
 * A file uri of characters vscode-uri keeps as they are (letters, digits, `-._~/`): already in
 * its one spelling. Without empty, `.` or `..` segments (a plain path), joins and parents are
 * string operations: a check does them tens of thousands of times, and vscode-uri parses with
 * a regular expression and encodes character by character.
 */
const SIMPLE_FILE_URI = /^file:\/\/\/(?!\/|[A-Za-z]:)[\w\-.~/]*$/;
const UNUSUAL_SEGMENT = /(?:^|\/)\.{0,2}(?:\/|$)/;
const SIMPLE_RELATIVE_PATH = /^[\w\-.~/]+$/;
const EMPTY_SEGMENT = /^\/|\/\/|\/$/;

/** The path of a simple file uri without unusual segments (`/a/b`), else undefined. */
export function plainFileUriPath(uri: string): string | undefined {
  return SIMPLE_FILE_URI.test(uri) && !UNUSUAL_SEGMENT.test(uri.slice(8)) ? uri.slice(7) : undefined;
}

/** One spelling per resource, so uris from the client, the disk walk and path joins compare equal. */
export function normalizeUri(uri: string): string {
  if (SIMPLE_FILE_URI.test(uri)) return uri;
  return URI.parse(uri).toString();
}

/** A lone UTF-16 surrogate half: no file can be named with it, and a uri cannot encode it. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** A path written in a file or a setting, relative to `base` (a folder uri) unless absolute. */
export function resolveRelative(base: string, path: string): string {
  // `"\ud800"` is valid JSON: the path then names no file (U+FFFD), rather than throwing from the uri encoder.
  const slashed = path.replace(LONE_SURROGATE, '\ufffd').replace(/\\/g, '/');
  if (slashed.startsWith('/') || /^[A-Z]:\//i.test(slashed)) return URI.file(slashed).toString();
  const basePath = SIMPLE_RELATIVE_PATH.test(slashed) && !EMPTY_SEGMENT.test(slashed) ? plainFileUriPath(base) : undefined;
  if (basePath !== undefined) {
    if (!UNUSUAL_SEGMENT.test(slashed)) return `${base}/${slashed}`;
    // `..` and `.` walked as path.posix.join walks them (`..` at the root stays there).
    const parts = basePath === '/' ? [] : basePath.slice(1).split('/');
    for (const segment of slashed.split('/')) {
      if (segment === '..') parts.pop();
      else if (segment !== '.') parts.push(segment);
    }
    return `file:///${parts.join('/')}`;
  }
  return Utils.joinPath(URI.parse(base), slashed).toString();
}

export function dirnameOf(uri: string): string {
  if (plainFileUriPath(uri) !== undefined) {
    const slash = uri.lastIndexOf('/');
    return slash === 7 ? 'file:///' : uri.slice(0, slash);
  }
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
  const top = plainTopLevel(text) ?? treeTopLevel(text);
  if (!top) return { uri };
  const folder = dirnameOf(uri);
  const bodyTemplateFile = top.string('bodyTemplateFile')?.value;
  const payloadConfigFile = top.string('payloadConfigFile')?.value;
  const payloadConfig = top.string('payloadConfig');
  const type = parseCallbackType(top.scalar('callbackType'));
  const subtype = type ? parseCallbackSubtype(type, top.scalar('callbackSubtype')) : undefined;
  const contentType = top.isObject('connector') ? 'application/json' : top.string('contentType')?.value;
  const summary: Mutable<CallbackDefinitionSummary> = { uri };
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

/**
 * The `bodyTemplateFile` a callback definition names, as written (decoded), read as the summary
 * reads it; undefined when it names none. For the CLI's index of which definition names which template.
 */
export function bodyTemplateFileOf(text: string): string | undefined {
  return (plainTopLevel(text) ?? treeTopLevel(text))?.string('bodyTemplateFile')?.value || undefined;
}

/** The top-level properties of a definition a summary reads (the first of each name, as the callback checks read them). */
interface TopLevel {
  string(key: string): { readonly value: string; readonly start: number; readonly verbatim: boolean } | undefined;
  /** A string, number, boolean or null value; undefined for an object, an array or no such property. */
  scalar(key: string): unknown;
  isObject(key: string): boolean;
}

/** The keys a summary reads, as written in JSON. */
const SUMMARY_KEYS = [
  'bodyTemplateFile',
  'payloadConfigFile',
  'payloadConfig',
  'callbackType',
  'callbackSubtype',
  'contentType',
  'connector',
].map(key => `"${key}"`);

/** Through the tolerant JSON tree the callback checks use: any file, broken or not. Undefined when the root is no object. */
function treeTopLevel(text: string): TopLevel | undefined {
  const definition = readCallbackDefinition(text);
  if (!definition.object) return undefined;
  return {
    string: key => definition.string(key),
    scalar: key => definition.property(key)?.valueNode?.value as unknown,
    isObject: key => definition.property(key)?.valueNode?.type === 'object',
  };
}

/**
 * Through JSON.parse, for the files that say the same either way (nearly all, and indexing reads
 * every definition of the workspace): valid JSON without a backslash (every string is its raw
 * text), each key read at most once (the first property is the only one) and no deeper than the
 * tree reads (a deeper file has no root there). Else null: read the tree.
 */
function plainTopLevel(text: string): TopLevel | undefined | null {
  if (text.includes('\\') || nestingDepthExceeds(text, MAX_JSON_DEPTH) >= 0) return null;
  for (const key of SUMMARY_KEYS) {
    const at = text.indexOf(key);
    if (at !== -1 && text.indexOf(key, at + key.length) !== -1) return null;
  }
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof root !== 'object' || root === null || Array.isArray(root)) return undefined;
  const own = (key: string): unknown => (Object.hasOwn(root, key) ? (root as Record<string, unknown>)[key] : undefined);
  return {
    string: key => {
      const value = own(key);
      if (typeof value !== 'string') return undefined;
      // The key is written once (checked above): its value's opening quote follows it past `:` and white space.
      let start = text.indexOf(`"${key}"`) + key.length + 2;
      while (text.charCodeAt(start) !== 0x22) start++;
      return { value, start, verbatim: true };
    },
    scalar: key => {
      const value = own(key);
      return typeof value === 'object' && value !== null ? undefined : value;
    },
    isObject: key => {
      const value = own(key);
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    },
  };
}

function associationFromDefinition(definition: CallbackDefinitionSummary): Association {
  const kind = definition.type
    ? { type: definition.type, subtype: definition.subtype }
    : { type: DEFAULT_ASSOCIATION.type, subtype: DEFAULT_ASSOCIATION.subtype };
  // Assigned, not spread from conditional literals: made on every association asked for.
  const association: Mutable<Association> = { ...kind, source: 'callbackDefinition', definitionUri: definition.uri };
  if (definition.grammarUri !== undefined) association.grammarUri = definition.grammarUri;
  if (definition.inlineGrammarText !== undefined) association.inlineGrammarText = definition.inlineGrammarText;
  if (definition.inlineGrammarOffset !== undefined) association.inlineGrammarOffset = definition.inlineGrammarOffset;
  if (definition.contentType !== undefined) association.contentType = definition.contentType;
  return association;
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

/** Adds `uri` to the sorted list under `key` (lists stay short: the definitions naming one file). */
function addSorted(map: Map<string, string[]>, key: string, uri: string): void {
  const list = map.get(key);
  if (!list) {
    map.set(key, [uri]);
    return;
  }
  let at = list.length;
  while (at > 0 && list[at - 1]! > uri) at--;
  if (list[at - 1] !== uri) list.splice(at, 0, uri);
}

function removeSorted(map: Map<string, string[]>, key: string, uri: string): void {
  const list = map.get(key);
  const at = list ? list.indexOf(uri) : -1;
  if (at < 0) return;
  if (list!.length === 1) map.delete(key);
  else list!.splice(at, 1);
}

/** A file list as a set, rebuilt only when the host hands out a new list. */
class ListedFiles {
  private list: readonly string[] | undefined;
  private set = new Set<string>();

  constructor(
    private readonly host: WorkspaceHost,
    private readonly kind: DocumentKind,
  ) {}

  has(uri: string): boolean {
    const list = this.host.listFiles(this.kind);
    if (list !== this.list) {
      this.list = list;
      this.set = new Set(list);
    }
    return this.set.has(uri);
  }
}

/**
 * Answers from indexes built once per workspace state: the definitions by the files they name,
 * and (built on first use) the templates by the grammar they use. When the host keeps a change
 * journal (`changesSince`) a change updates only the entries it can affect; without one, every
 * lookup rebuilds them.
 */
export function createAssociationResolver(host: WorkspaceHost): AssociationResolver {
  const definitionCache = new Map<string, CachedDefinition>();
  const matchers = new Map<string, picomatch.Matcher>();
  const listedDefinitions = new ListedFiles(host, 'sfcallback');
  const listedTemplates = new ListedFiles(host, 'sftemplate');
  let stamp = 0;
  let built = false;
  /** The workspace's callback definitions (listed and readable), by uri. */
  const definitions = new Map<string, CallbackDefinitionSummary>();
  /** Template uri -> the definitions naming it in `bodyTemplateFile`, sorted: the first one wins. */
  const namersOfTemplate = new Map<string, string[]>();
  /** File uri -> the definitions naming it as `payloadConfigFile` or `bodyTemplateFile`, sorted. */
  const namersOfFile = new Map<string, string[]>();
  /** Grammar file uri -> the definitions whose own templates read it, sorted. */
  const usersOfGrammar = new Map<string, string[]>();
  /** Template -> the grammar file it uses, and the reverse; undefined until `dependentsOf` needs it. */
  let reverse: { grammarOf: Map<string, string>; byGrammar: Map<string, Set<string>> } | undefined;

  /** Parsed once per text: an unchanged file hands back the same string, so the check is O(1). */
  function definitionSummary(uri: string): CallbackDefinitionSummary | undefined {
    return summaryOf(uri, host.readText(uri));
  }

  /**
   * A listed definition, read only for the indexes: one the host declines, or over the size
   * limit, is named (it exists) but gives no association rather than being parsed.
   */
  function indexedDefinitionSummary(uri: string): CallbackDefinitionSummary | undefined {
    const text = host.readIndexedText ? host.readIndexedText(uri) : host.readText(uri);
    if (text !== undefined && text.length > MAX_INDEXED_FILE_CHARS) {
      definitionCache.delete(uri);
      return { uri: normalizeUri(uri) };
    }
    return summaryOf(uri, text);
  }

  function summaryOf(uri: string, text: string | undefined): CallbackDefinitionSummary | undefined {
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

  function indexDefinition(summary: CallbackDefinitionSummary): void {
    definitions.set(summary.uri, summary);
    if (summary.bodyTemplateUri !== undefined) {
      addSorted(namersOfTemplate, summary.bodyTemplateUri, summary.uri);
      addSorted(namersOfFile, summary.bodyTemplateUri, summary.uri);
    }
    if (summary.payloadConfigFileUri !== undefined) addSorted(namersOfFile, summary.payloadConfigFileUri, summary.uri);
    if (summary.grammarUri !== undefined) addSorted(usersOfGrammar, summary.grammarUri, summary.uri);
  }

  function unindexDefinition(summary: CallbackDefinitionSummary): void {
    definitions.delete(summary.uri);
    if (summary.bodyTemplateUri !== undefined) {
      removeSorted(namersOfTemplate, summary.bodyTemplateUri, summary.uri);
      removeSorted(namersOfFile, summary.bodyTemplateUri, summary.uri);
    }
    if (summary.payloadConfigFileUri !== undefined) removeSorted(namersOfFile, summary.payloadConfigFileUri, summary.uri);
    if (summary.grammarUri !== undefined) removeSorted(usersOfGrammar, summary.grammarUri, summary.uri);
  }

  function rebuild(): void {
    definitions.clear();
    namersOfTemplate.clear();
    namersOfFile.clear();
    usersOfGrammar.clear();
    const uris = host.listFiles('sfcallback');
    // In uri order, each definition lands at the end of the sorted lists it joins.
    for (const uri of [...uris].sort()) {
      const summary = indexedDefinitionSummary(uri);
      if (summary) indexDefinition(summary);
    }
    if (definitionCache.size > uris.length) {
      const present = new Set(uris);
      for (const uri of definitionCache.keys()) if (!present.has(uri)) definitionCache.delete(uri);
    }
    reverse = undefined;
    built = true;
  }

  /** Brings the indexes up to date with the host: per changed file when it says which, else from scratch. */
  function sync(): void {
    const changes = host.changesSince?.(stamp);
    if (!changes || changes.uris === undefined || !built) {
      if (changes) stamp = changes.stamp;
      rebuild();
      return;
    }
    stamp = changes.stamp;
    if (changes.uris.length === 0) return;
    const templates = new Set<string>();
    for (const changed of changes.uris) {
      const uri = normalizeUri(changed);
      const kind = kindOfUri(uri);
      if (kind === 'sfcallback') {
        const before = definitions.get(uri);
        const after = listedDefinitions.has(uri) ? indexedDefinitionSummary(uri) : undefined;
        if (before === after) continue;
        if (before) unindexDefinition(before);
        if (after) indexDefinition(after);
        if (before?.bodyTemplateUri !== undefined) templates.add(before.bodyTemplateUri);
        if (after?.bodyTemplateUri !== undefined) templates.add(after.bodyTemplateUri);
      } else if (kind === 'sfgrammar') {
        // A grammar appearing or going away changes its sibling template's association (rule 2).
        const sibling = siblingTemplateUri(uri);
        if (sibling !== undefined) templates.add(sibling);
      } else if (kind === 'sftemplate') {
        templates.add(uri);
      }
    }
    if (reverse) for (const template of templates) reindexTemplate(template);
  }

  function reverseIndex(): NonNullable<typeof reverse> {
    if (!reverse) {
      reverse = { grammarOf: new Map(), byGrammar: new Map() };
      for (const template of host.listFiles('sftemplate')) reindexTemplate(template);
    }
    return reverse;
  }

  function reindexTemplate(template: string): void {
    const { grammarOf, byGrammar } = reverse!;
    const before = grammarOf.get(template);
    const after = listedTemplates.has(template) ? associationWith(template).grammarUri : undefined;
    if (before === after) return;
    if (before !== undefined) {
      grammarOf.delete(template);
      const set = byGrammar.get(before);
      set?.delete(template);
      if (set?.size === 0) byGrammar.delete(before);
    }
    if (after !== undefined) {
      grammarOf.set(template, after);
      let set = byGrammar.get(after);
      if (!set) byGrammar.set(after, (set = new Set()));
      set.add(template);
    }
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

  /** `uri` is normalized (the caller's job: listFiles gives normalized uris already); the indexes are in sync. */
  function associationWith(uri: string): Association {
    const namer = namersOfTemplate.get(uri)?.[0];
    const definition = namer !== undefined ? definitions.get(namer) : undefined;
    if (definition) return associationFromDefinition(definition);
    const sibling = siblingGrammarUri(uri);
    if (sibling !== undefined && host.readText(sibling) !== undefined)
      return { ...DEFAULT_ASSOCIATION, grammarUri: sibling, source: 'siblingGrammar' };
    return fromSetting(uri) ?? DEFAULT_ASSOCIATION;
  }

  return {
    associationOf(templateUri) {
      sync();
      return associationWith(normalizeUri(templateUri));
    },
    dependentsOf(grammarUri) {
      sync();
      return [...(reverseIndex().byGrammar.get(normalizeUri(grammarUri)) ?? [])];
    },
    definitionsNaming(uri) {
      sync();
      return [...(namersOfFile.get(normalizeUri(uri)) ?? [])];
    },
    templateNamedBy: definitionUri => definitionSummary(definitionUri)?.bodyTemplateUri,
    definitionsUsingGrammar(grammarUri) {
      sync();
      return [...(usersOfGrammar.get(normalizeUri(grammarUri)) ?? [])];
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
