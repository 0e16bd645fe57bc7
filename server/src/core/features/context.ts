/**
 * What every feature shares: the host, the association resolver, and the parsed forms of
 * documents cached per uri. An entry is reused while the document's text is unchanged (for an
 * unchanged version it is the very same string, so the check is O(1)): requests never re-parse.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createAssociationResolver, type Association, type AssociationResolver } from '../associations';
import { readCallbackDefinition, type CallbackDefinition } from '../callback/definition';
import { analyzeGrammar, type AnalyzedGrammar } from '../grammar/analyze';
import { jsonSlots, type JsonSlot } from '../template/json';
import { rescanTemplate, scanTemplate, type TemplateScan } from '../template/scan';
import { DEFAULT_SETTINGS, kindOfUri, type WorkspaceHost } from '../workspace';

interface Entry<T> {
  readonly text: string;
  /** Anything else the value depends on (a setting), compared by identity. */
  readonly extraKey: unknown;
  readonly value: T;
}

/** One value per uri, recomputed when the text (or the extra key) changes. */
class TextKeyedCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  get(uri: string, text: string, compute: (text: string) => T, extraKey?: unknown): T {
    const entry = this.entries.get(uri);
    // An unchanged document version hands back the very same string, so this comparison is O(1);
    // comparing text rather than trusting version numbers also covers a buffer re-opened at version 1.
    if (entry && entry.extraKey === extraKey && entry.text === text) return entry.value;
    const value = compute(text);
    this.entries.set(uri, { text, extraKey, value });
    return value;
  }

  /** As `get`, but a changed text is computed from the uri's previous text and value (an incremental update). */
  update(uri: string, text: string, compute: (text: string, previous: { text: string; value: T } | undefined) => T): T {
    const entry = this.entries.get(uri);
    if (entry && entry.text === text) return entry.value;
    const value = compute(text, entry);
    this.entries.set(uri, { text, extraKey: undefined, value });
    return value;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  clear(): void {
    // Clearing allocates a new table even when empty (most caches are, after each file).
    if (this.entries.size > 0) this.entries.clear();
  }
}

/**
 * How many payload config analyses `defaultAnalysis` keeps, and their text size. A check walks a
 * folder's files together, so a few suffice: analyses kept longer outlive the young generation,
 * and a check of 4,000 configs copied and promoted every one of them.
 */
const SHARED_ANALYSES = 16;
const SHARED_ANALYSES_CHARS = 256 * 1024;

const LANGUAGE_IDS = { sfgrammar: 'sfgrammar', sftemplate: 'sftemplate', sfcallback: 'json' } as const;

/** Where a grammar's text lives, to turn grammar offsets into locations in a file. */
export interface GrammarHome {
  /** The `.sfgrammar`, or the callback definition holding the grammar inline. */
  readonly document: TextDocument;
  /** Offset of the grammar's first character in that document (0 for a grammar file). */
  readonly offset: number;
}

/** The grammar a template is associated with, parsed. */
export interface TemplateGrammar {
  readonly association: Association;
  /** Undefined when no grammar is associated, or its file cannot be read. */
  readonly grammar: AnalyzedGrammar | undefined;
  /** Undefined when offsets cannot be mapped to a file (no grammar, or an inline string with escapes). */
  readonly home: GrammarHome | undefined;
}

export class FeatureContext {
  readonly associations: AssociationResolver;
  private readonly grammars = new TextKeyedCache<AnalyzedGrammar>();
  private readonly inlineGrammars = new TextKeyedCache<AnalyzedGrammar>();
  private readonly scans = new TextKeyedCache<TemplateScan>();
  private readonly slots = new TextKeyedCache<readonly JsonSlot[]>();
  private readonly documents = new TextKeyedCache<TextDocument>();
  private readonly definitions = new TextKeyedCache<CallbackDefinition>();
  private recentInline: { readonly text: string; readonly grammar: AnalyzedGrammar } | undefined;
  /**
   * Payload config texts analyzed with the default frame size, most recently used last: a config
   * file and the definitions naming it share one analysis, whichever is checked first.
   */
  private readonly defaultAnalyses = new Map<string, AnalyzedGrammar>();
  private defaultAnalysesChars = 0;

  constructor(readonly host: WorkspaceHost) {
    this.associations = createAssociationResolver(host);
  }

  /**
   * Drops what is cached per file (documents, parsed forms, analyses), of the file just checked
   * and of the files its check read (a template reads its grammar): the CLI checks each file once,
   * and keeping them makes every garbage collection copy them. Analyses shared by text stay, so
   * the next file naming the same payload config does not analyze it again.
   */
  releaseFiles(): void {
    for (const cache of [this.grammars, this.inlineGrammars, this.scans, this.slots, this.documents, this.definitions]) cache.clear();
  }

  /** The current text of a file as a TextDocument (open buffer first), or undefined when it does not exist. */
  documentAt(uri: string): TextDocument | undefined {
    const text = this.host.readText(uri);
    if (text === undefined) {
      this.documents.delete(uri);
      return undefined;
    }
    const version = this.host.versionOf?.(uri);
    const kind = kindOfUri(uri);
    return this.documents.get(uri, text, t =>
      TextDocument.create(uri, kind ? LANGUAGE_IDS[kind] : 'plaintext', typeof version === 'number' ? version : 0, t),
    );
  }

  private maxBytesFor(uri: string): number {
    return this.host.settings(uri).maxUplinkBytes;
  }

  /** The analyzed grammar of an open document. */
  grammarOf(document: TextDocument): AnalyzedGrammar {
    const maxBytes = this.maxBytesFor(document.uri);
    return this.grammars.get(
      document.uri,
      document.getText(),
      text => (maxBytes === DEFAULT_SETTINGS.maxUplinkBytes ? this.defaultAnalysis(text) : analyzeGrammar(text, { maxBytes })),
      maxBytes,
    );
  }

  /** `analyzeGrammar(text)` (whose frame size defaults to the setting's default), shared by text. */
  private defaultAnalysis(text: string): AnalyzedGrammar {
    let grammar = this.defaultAnalyses.get(text);
    if (grammar) this.defaultAnalyses.delete(text);
    else {
      grammar = analyzeGrammar(text);
      this.defaultAnalysesChars += text.length;
    }
    this.defaultAnalyses.set(text, grammar);
    // Bounded by count and by text size (an analysis grows with its text): typing in a large
    // config makes a new text per keystroke, and only the latest few are worth keeping.
    while (
      this.defaultAnalyses.size > 1 &&
      (this.defaultAnalyses.size > SHARED_ANALYSES || this.defaultAnalysesChars > SHARED_ANALYSES_CHARS)
    ) {
      const oldest = this.defaultAnalyses.keys().next().value!;
      this.defaultAnalyses.delete(oldest);
      this.defaultAnalysesChars -= oldest.length;
    }
    return grammar;
  }

  /**
   * A payload config text analyzed with the default options (as callback definitions check the
   * one they name), kept for the few most recent texts: thousands of definitions may name one file.
   */
  grammarOfText(text: string, inline: boolean): AnalyzedGrammar {
    if (!inline) return this.defaultAnalysis(text);
    if (this.recentInline?.text === text) return this.recentInline.grammar;
    const grammar = analyzeGrammar(text, { inline });
    this.recentInline = { text, grammar };
    return grammar;
  }

  /** The analyzed grammar of a file, read through the host; undefined when it does not exist. */
  grammarAt(uri: string): AnalyzedGrammar | undefined {
    const document = this.documentAt(uri);
    return document ? this.grammarOf(document) : undefined;
  }

  /** After a keystroke, only the edited stretch of the template is scanned again. */
  templateScanOf(document: TextDocument): TemplateScan {
    return this.scans.update(document.uri, document.getText(), (text, previous) =>
      previous ? rescanTemplate(previous.text, previous.value, text) : scanTemplate(text),
    );
  }

  /** Where each placeholder sits relative to JSON strings (meaningful for a JSON body). */
  jsonSlotsOf(document: TextDocument): readonly JsonSlot[] {
    const scan = this.templateScanOf(document);
    return this.slots.get(document.uri, document.getText(), text => jsonSlots(text, scan.placeholders));
  }

  associationOf(templateUri: string): Association {
    return this.associations.associationOf(templateUri);
  }

  /** The template's association and its grammar, parsed. */
  templateGrammar(templateUri: string): TemplateGrammar {
    return this.grammarOfAssociation(this.associationOf(templateUri), templateUri);
  }

  /** The grammar the templates written inside a callback definition (url, headers, body...) read. */
  definitionGrammar(definitionUri: string): TemplateGrammar | undefined {
    const association = this.associations.definitionAssociation(definitionUri);
    return association && this.grammarOfAssociation(association, definitionUri);
  }

  /** A callback definition document, read (cached by text). */
  callbackDefinitionOf(document: TextDocument): CallbackDefinition {
    return this.definitions.get(document.uri, document.getText(), readCallbackDefinition);
  }

  /** An association's grammar, parsed; `uri` is the resource whose settings apply. */
  private grammarOfAssociation(association: Association, uri: string): TemplateGrammar {
    if (association.grammarUri !== undefined) {
      const document = this.documentAt(association.grammarUri);
      if (!document) return { association, grammar: undefined, home: undefined };
      return { association, grammar: this.grammarOf(document), home: { document, offset: 0 } };
    }
    if (association.inlineGrammarText !== undefined && association.definitionUri !== undefined) {
      const maxBytes = this.maxBytesFor(uri);
      // Shared by text like a file's (many definitions repeat one inline config).
      const grammar = this.inlineGrammars.get(
        association.definitionUri,
        association.inlineGrammarText,
        text => (maxBytes === DEFAULT_SETTINGS.maxUplinkBytes ? this.defaultAnalysis(text) : analyzeGrammar(text, { maxBytes })),
        maxBytes,
      );
      const definition = association.inlineGrammarOffset !== undefined ? this.documentAt(association.definitionUri) : undefined;
      const home = definition ? { document: definition, offset: association.inlineGrammarOffset! } : undefined;
      return { association, grammar, home };
    }
    return { association, grammar: undefined, home: undefined };
  }

  /** Every template, open or not, whose association uses this grammar file. */
  dependentsOf(grammarUri: string): string[] {
    return this.associations.dependentsOf(grammarUri);
  }
}
