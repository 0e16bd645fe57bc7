/**
 * The Sigfox language service: one factory, an object of verbs (vscode-json-languageservice
 * style), each verb in its own file under `features/`. Input: a TextDocument and a position;
 * output: LSP types. Everything outside the document comes through the injected WorkspaceHost,
 * so the LSP server, the CLI and the tests run the very same code.
 */
import type {
  CodeAction,
  CodeActionContext,
  CodeLens,
  CompletionItem,
  CompletionList,
  Diagnostic,
  DocumentLink,
  DocumentSymbol,
  FoldingRange,
  Hover,
  InlayHint,
  Location,
  LocationLink,
  Position,
  Range,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  AssociationParams,
  AssociationResult,
  CanonicalConfigParams,
  CanonicalConfigResult,
  EncodeParams,
  EncodeResult,
  ExportCodecParams,
  ExportCodecResult,
  DecodeParams,
  DecodeResult,
  PreviewParams,
  PreviewResult,
  RenderParams,
  RenderResult,
} from '../protocol';
import type { Association } from './associations';
import type { AnalyzedGrammar } from './grammar/analyze';
import type { WorkspaceHost } from './workspace';
import { describeAssociation } from './features/association';
import { canonicalConfigOf } from './features/canonical';
import { encodeOf, exportCodecOf } from './features/codec';
import { fixAllText, getCodeActions } from './features/codeActions';
import { getCodeLenses } from './features/codeLens';
import { doComplete, resolveCompletion, type CompletionOptions } from './features/completion';
import { FeatureContext } from './features/context';
import { decodeFrame } from './features/decode';
import { findDefinition } from './features/definition';
import { getDocumentLinks } from './features/fileLinks';
import { getFoldingRanges } from './features/folding';
import { formatDocument, type FormatStyle } from './features/formatting';
import { doHover } from './features/hover';
import { getInlayHints } from './features/inlayHints';
import { findReferences } from './features/references';
import { doRename, prepareRename } from './features/rename';
import { previewFrame } from './features/preview';
import { renderFrame } from './features/render';
import { findDocumentSymbols } from './features/symbols';
import { ProblemCache, validateDocument, validateUri } from './features/validation';

export { RequestRefusedError, isRequestRefused } from './features/errors';
export type { Association } from './associations';

export interface LanguageServiceOptions {
  /** Whether completion may return snippets (`${1:name}`); true unless the client says otherwise. */
  readonly snippets?: boolean;
  /** Whether the client takes `itemDefaults.editRange` in completion lists (default false). */
  readonly completionEditRangeDefault?: boolean;
  /**
   * Epoch seconds rendered for `{time}` unless the user gives one; the editor passes its start
   * time, so a body does not change while the user types. Default: now.
   */
  readonly timeSeconds?: () => number;
}

export interface LanguageService {
  // ---- the contract the CLI and the glue rely on ----
  /** Diagnostics of any of our files (grammar, template, callback definition), its text read through the host. */
  validate(uri: string): Diagnostic[];
  /** Forgets what is cached per file (a one-pass check is done with each file in turn); the next request reads again. */
  releaseFiles(): void;
  /** The parsed, laid-out, compiled payload config of a file (cached by uri + text). */
  analyzeGrammarAt(uri: string): AnalyzedGrammar | undefined;
  /** The grammar, callback type/subtype and content type a template is checked against. */
  associationOf(templateUri: string): Association;
  /** Every template, open or not, whose association uses this grammar file. */
  dependentsOf(grammarUri: string): string[];
  /** The callback definitions naming this file as `payloadConfigFile` or `bodyTemplateFile`. */
  definitionsNaming(uri: string): string[];
  /** The template a callback definition names in `bodyTemplateFile`. */
  templateNamedBy(definitionUri: string): string | undefined;

  // ---- editor features ----
  doValidation(document: TextDocument): Diagnostic[];
  doComplete(document: TextDocument, position: Position): CompletionList;
  /** Fills in what `doComplete` leaves out of long lists (a payload field's documentation). */
  doResolveCompletion(item: CompletionItem): CompletionItem;
  doHover(document: TextDocument, position: Position): Hover | null;
  findDocumentSymbols(document: TextDocument): DocumentSymbol[];
  findDefinition(document: TextDocument, position: Position): LocationLink[];
  findReferences(document: TextDocument, position: Position, includeDeclaration: boolean): Location[];
  /** Throws RequestRefusedError (with the reason) where nothing can be renamed. */
  prepareRename(document: TextDocument, position: Position): { range: Range; placeholder: string };
  /** Throws RequestRefusedError for an invalid or colliding name. */
  doRename(document: TextDocument, position: Position, newName: string): WorkspaceEdit;
  getCodeActions(document: TextDocument, range: Range, context: CodeActionContext): CodeAction[];
  /** The text with every preferred (safe) quick fix applied until none is left; undefined when nothing changes. */
  fixAll(document: TextDocument): string | undefined;
  /** Formats a payload config; the style defaults to the `sigfox.format.style` setting. */
  format(document: TextDocument, style?: FormatStyle): TextEdit[];
  getInlayHints(document: TextDocument, range: Range): InlayHint[];
  getCodeLenses(document: TextDocument): CodeLens[];
  getFoldingRanges(document: TextDocument): FoldingRange[];
  /** Links on the files a callback definition names (`payloadConfigFile`, `bodyTemplateFile`). */
  getDocumentLinks(document: TextDocument): DocumentLink[];

  // ---- custom requests (server/src/protocol.ts) ----
  decode(params: DecodeParams): DecodeResult;
  render(params: RenderParams): RenderResult;
  /** Decode, render and association of one frame in one answer (the preview's one round trip). */
  preview(params: PreviewParams): PreviewResult;
  association(params: AssociationParams): AssociationResult;
  canonicalConfig(params: CanonicalConfigParams): CanonicalConfigResult;
  encode(params: EncodeParams): EncodeResult;
  exportCodec(params: ExportCodecParams): ExportCodecResult;
}

export function createLanguageService(host: WorkspaceHost, options: LanguageServiceOptions = {}): LanguageService {
  const context = new FeatureContext(host);
  const problems = new ProblemCache();
  const completionOptions: CompletionOptions = {
    snippets: options.snippets ?? true,
    itemDefaultsEditRange: options.completionEditRangeDefault ?? false,
  };
  const timeSeconds = options.timeSeconds ?? (() => Math.floor(Date.now() / 1000));
  return {
    validate: uri => validateUri(context, problems, uri),
    releaseFiles: () => {
      context.releaseFiles();
      problems.clear();
    },
    analyzeGrammarAt: uri => context.grammarAt(uri),
    associationOf: templateUri => context.associationOf(templateUri),
    dependentsOf: grammarUri => context.dependentsOf(grammarUri),
    definitionsNaming: uri => context.associations.definitionsNaming(uri),
    templateNamedBy: definitionUri => context.associations.templateNamedBy(definitionUri),

    doValidation: document => validateDocument(context, problems, document),
    doComplete: (document, position) => doComplete(context, document, position, completionOptions),
    doResolveCompletion: item => resolveCompletion(context, item),
    doHover: (document, position) => doHover(context, document, position),
    findDocumentSymbols: document => findDocumentSymbols(context, document),
    findDefinition: (document, position) => findDefinition(context, document, position),
    findReferences: (document, position, includeDeclaration) => findReferences(context, document, position, includeDeclaration),
    prepareRename: (document, position) => prepareRename(context, document, position),
    doRename: (document, position, newName) => doRename(context, document, position, newName),
    getCodeActions: (document, range, actionContext) => getCodeActions(context, problems, document, range, actionContext),
    fixAll: document => fixAllText(context, problems, document),
    format: (document, style) => formatDocument(context, document, style),
    getInlayHints: (document, range) => getInlayHints(context, document, range),
    getCodeLenses: document => getCodeLenses(context, document),
    getFoldingRanges: document => getFoldingRanges(context, document),
    getDocumentLinks: document => getDocumentLinks(context, document),

    decode: params => decodeFrame(context, params),
    render: params => renderFrame(context, params, timeSeconds()),
    preview: params => previewFrame(context, params, timeSeconds()),
    association: params => describeAssociation(context, params),
    canonicalConfig: params => canonicalConfigOf(context, params),
    encode: params => encodeOf(context, params),
    exportCodec: params => exportCodecOf(context, params),
  };
}
