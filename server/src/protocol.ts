/**
 * Custom requests between the extension and the language server, typed once and imported by
 * both sides (vscode-eslint style). Only `vscode-languageserver-protocol` is imported here: it is
 * a dependency of vscode-languageclient and of vscode-languageserver alike. Everything that
 * travels is plain JSON: no bigint, no NaN.
 */
// The message-signature class alone (not the whole protocol package): the client's activation
// bundle imports this file, and vscode-jsonrpc matches request types by their `method`.
import { RequestType } from 'vscode-jsonrpc/lib/common/messages';

/** A document by uri (open buffer first, else the file), or a text given inline. */
export type SourceRef = { readonly uri: string } | { readonly text: string };

// ---- sigfox/decode --------------------------------------------------------------------------

export interface DecodeParams {
  /** The payload config. */
  readonly grammar: SourceRef;
  /** The frame: hex digits, optionally `0x`-prefixed, white space allowed. */
  readonly hex: string;
}

/**
 * A decoded value made JSON-safe: integers past 2^53 travel as decimal strings (`bigint`),
 * NaN / Infinity as `"NaN"`, `"Infinity"`, `"-Infinity"` (`nonFinite`).
 */
export type WireValue =
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'bigint'; readonly value: string }
  | { readonly kind: 'nonFinite'; readonly value: string }
  /** The field does not fit in the frame: null, as on the Sigfox backend. */
  | { readonly kind: 'null'; readonly value: null };

export interface DecodedFieldInfo {
  readonly name: string;
  /** As written: `uint:16`, `bool:7`, `char:4`, `float:32`... */
  readonly type: string;
  readonly value: WireValue;
  /** Exactly what Sigfox puts in place of `{customData#name}`. */
  readonly rendered: string;
  /** First byte read. */
  readonly byte: number;
  /** Bit of the first byte where reading starts (7 = most significant). */
  readonly bit: number;
  readonly bitLength: number;
  /** Last byte touched (inclusive). */
  readonly lastByte: number;
  /** The field's bits as read from the frame, most significant first (`"0110"`); empty when it does not fit. */
  readonly rawBits: string;
}

export interface WireWarning {
  readonly code: string;
  readonly message: string;
  /** The field concerned, or null for the whole frame. */
  readonly field: string | null;
}

export interface DecodeResult {
  /** In grammar order; fields with errors in the payload config are left out (a warning says which). */
  readonly fields: readonly DecodedFieldInfo[];
  /** The frame as upper-case hex, empty when the input is not hex. */
  readonly frameHex: string;
  readonly warnings: readonly WireWarning[];
  /** Set when nothing could be decoded: the hex is invalid (what and where), or the grammar cannot be read. */
  readonly error?: string;
}

export const DecodeRequest = new RequestType<DecodeParams, DecodeResult, void>('sigfox/decode');

// ---- sigfox/render --------------------------------------------------------------------------

export interface RenderParams {
  readonly template: SourceRef;
  /** Defaults to the template's associated grammar when the template is given by uri. */
  readonly grammar?: SourceRef;
  readonly hex: string;
  /**
   * Values of `{device}`, `{time}`... as the text Sigfox would insert, given by the user; the
   * others get the core's representative values, and `{data}` is always the frame.
   */
  readonly variables?: Readonly<Record<string, string>>;
  /** Defaults to the template's association (a callback definition or the setting). */
  readonly contentType?: string;
}

/** A `{name}` placeholder's value: from the frame, given by the user, representative, or none (left as written). */
export interface RenderedVariable {
  readonly name: string;
  readonly value: string;
  readonly origin: 'frame' | 'given' | 'representative' | 'missing';
}

export interface WireProblem {
  readonly code: string;
  readonly message: string;
  /** Offsets in the template. */
  readonly offset: number;
  readonly end: number;
}

export interface RenderResult {
  /** Exactly what Sigfox would send. */
  readonly text: string;
  readonly isJson: boolean;
  /** For a JSON body, whether the rendered text parses; null when the body is not JSON. */
  readonly validJson: boolean | null;
  readonly problems: readonly WireProblem[];
  /** Variable names of the `{name}` placeholders, in first-use order. */
  readonly usedVariables: readonly string[];
  /** The value of each of `usedVariables`, in the same order, and where it came from. */
  readonly variables: readonly RenderedVariable[];
  /** Field names of the `{customData#name}` placeholders, in first-use order. */
  readonly usedCustomData: readonly string[];
  /** Set when nothing could be rendered: invalid hex (what and where), or a document that cannot be read. */
  readonly error?: string;
}

export const RenderRequest = new RequestType<RenderParams, RenderResult, void>('sigfox/render');

// ---- sigfox/association ---------------------------------------------------------------------

export interface AssociationParams {
  /** A body template (`*.sftemplate`) or a payload config (`*.sfgrammar`). */
  readonly uri: string;
}

/** How a template finds its payload config, or which templates use a payload config (design.md, "Files and how they find each other"). */
export interface AssociationResult {
  /** For a template: its payload config, a file (`uri`) or the inline `payloadConfig` of a callback definition (`text`); absent when none is associated. */
  readonly grammar?: SourceRef;
  /** For a template: which rule matched. */
  readonly source?: 'callbackDefinition' | 'siblingGrammar' | 'setting' | 'default';
  /** For a template: the callback definition (rule 1) or the workspace folder whose setting matched (rule 3). */
  readonly definitionUri?: string;
  /** For a template: the callback type and subtype its variables are checked against. */
  readonly type?: string;
  readonly subtype?: string;
  /** For a payload config: the templates whose association uses it, open or not. Empty for a template. */
  readonly templates: readonly string[];
}

export const AssociationRequest = new RequestType<AssociationParams, AssociationResult, void>('sigfox/association');

// ---- sigfox/preview -------------------------------------------------------------------------

export interface PreviewParams {
  /**
   * The payload config; `{ associatedWith }`: the one that template is associated with now (an
   * inline `payloadConfig` then follows the edits of its callback definition).
   */
  readonly grammar: SourceRef | { readonly associatedWith: string };
  /** The template to render; absent: a template whose association uses the grammar file (its sibling first), if any. */
  readonly template?: string;
  readonly hex: string;
  /** As in `sigfox/render`: the user's values; the others are representative, `{data}` is the frame. */
  readonly variables?: Readonly<Record<string, string>>;
}

/** Everything one view of a frame needs, in one round trip: the frame decoded once, rendered, and how the files are associated. */
export interface PreviewResult {
  /** The payload config used (an inline one as its current text); absent when none could be found. */
  readonly grammar?: SourceRef;
  readonly decode: DecodeResult;
  /** The template rendered, and its association; absent when there is none. */
  readonly template?: { readonly uri: string; readonly association: AssociationResult };
  readonly render?: RenderResult;
}

export const PreviewRequest = new RequestType<PreviewParams, PreviewResult, void>('sigfox/preview');

// ---- sigfox/canonicalConfig -----------------------------------------------------------------

export interface CanonicalConfigParams {
  /** A payload config (`*.sfgrammar`): the open buffer, else the file. */
  readonly uri: string;
}

export interface CanonicalConfigResult {
  /** The string Sigfox expects: the fields joined by single spaces, no comments (spec D3). */
  readonly text: string;
  /** How many errors the payload config has (the text is given anyway). */
  readonly errors: number;
  /** Set when the document cannot be read (then `text` is empty). */
  readonly error?: string;
}

export const CanonicalConfigRequest = new RequestType<CanonicalConfigParams, CanonicalConfigResult, void>('sigfox/canonicalConfig');

// ---- sigfox/sendTestCallback ----------------------------------------------------------------

export interface SendTestCallbackParams {
  /** A callback definition (`*.sfcallback.json`): the open buffer, else the file; the files it names likewise. */
  readonly uri: string;
  /** The uplink frame: hex digits, optionally `0x`-prefixed, white space allowed. */
  readonly hex: string;
  /** Send here instead of the definition's URL (scheme, host and port replaced); required for a connector. */
  readonly urlOverride?: string;
  /** Values of `{device}`, `{time}`... as the text Sigfox would insert; the others get representative values. */
  readonly variables?: Readonly<Record<string, string>>;
}

/**
 * How the test delivery went, as Sigfox would count it (the CLI's `send` says the same):
 * `not-sent` when nothing could be sent (bad frame, a definition with errors, no usable URL).
 */
export type SendOutcome = 'delivered' | 'http-error' | 'invalid-downlink-reply' | 'timeout' | 'network-error' | 'not-sent';

/** A problem of the definition or of a file it names, located (0-based line and character). */
export interface WireLocatedProblem {
  readonly uri: string;
  readonly range: {
    readonly start: { readonly line: number; readonly character: number };
    readonly end: { readonly line: number; readonly character: number };
  };
  readonly severity: 'error' | 'warning' | 'info' | 'hint';
  readonly code: string;
  readonly message: string;
}

export interface SendTestCallbackResponse {
  readonly outcome: SendOutcome;
  /** One sentence: the verdict, e.g. "Delivered: HTTP 201 Created in 12 ms." */
  readonly message: string;
  /** The request as sent, secrets masked; absent when nothing was rendered. */
  readonly request?: {
    readonly method: string;
    readonly url: string;
    readonly headers: Readonly<Record<string, string>>;
    readonly body: string | null;
    /** Names of the environment variables whose values were sent (never the values). */
    readonly environmentVariables?: readonly string[];
  };
  /** The answer, secrets masked. */
  readonly response?: {
    readonly status: number;
    readonly statusText: string;
    readonly headers: Readonly<Record<string, string>>;
    readonly body: string;
  };
  readonly timeMs?: number;
  /** For a DATA/BIDIR callback that got an answer: whether it is a valid downlink reply. */
  readonly bidir?: {
    readonly valid: boolean;
    readonly noData: boolean;
    /** The 8 bytes for the device, upper-case hex. */
    readonly downlinkHex: string | null;
    readonly problems: readonly { readonly severity: 'error' | 'warning'; readonly message: string }[];
  };
  /** Problems found while rendering (a value breaking the JSON body...): `where` is url, header:<name>, body or linePattern. */
  readonly notes: readonly { readonly where: string; readonly severity: string; readonly code: string; readonly message: string }[];
  /** For `not-sent` because of the definition: its errors (and warnings); else its warnings. */
  readonly problems: readonly WireLocatedProblem[];
}

export const SendTestCallbackRequest = new RequestType<SendTestCallbackParams, SendTestCallbackResponse, void>('sigfox/sendTestCallback');

// ---- sigfox/deploy --------------------------------------------------------------------------

/**
 * Pull, plan or apply with the Sigfox API v2, run by the server as the CLI would in `folder`.
 * The credentials travel in the request (kept in VS Code's SecretStorage, never in settings) and
 * never come back: the output is the CLI's, secrets masked.
 */
export interface DeployParams {
  readonly command: 'pull' | 'plan' | 'apply';
  /** A local folder (file system path): where pull writes, where plan/apply look for definitions. */
  readonly folder: string;
  readonly deviceTypeId?: string;
  readonly login: string;
  readonly password: string;
  readonly apiUrl?: string;
  readonly prune?: boolean;
  /**
   * Values for `${env:NAME}` in the definitions (the secrets pull replaced), kept by the client in
   * its secret storage; they win over the server's environment.
   */
  readonly env?: Readonly<Record<string, string>>;
}

export interface DeployPlanStep {
  readonly kind: 'create' | 'replace' | 'update' | 'enable' | 'downlink' | 'delete' | 'unmanaged' | 'unchanged';
  readonly title: string;
  readonly source?: string;
  /** Pretty JSON, secrets masked. */
  readonly remote?: string;
  readonly local?: string;
}

export interface DeployResult {
  /** The CLI's exit code (0 done, 1 problems or changes, 2 error). */
  readonly exitCode: number;
  /** stdout then stderr, for the output channel. */
  readonly output: string;
  /**
   * For plan and apply: the `${env:NAME}` the definitions use that have no value (nothing was
   * run); the client asks for them and tries again.
   */
  readonly missingEnvironment?: readonly string[];
  /** For plan: the steps. */
  readonly plan?: { readonly changes: boolean; readonly steps: readonly DeployPlanStep[] };
}

export const DeployRequest = new RequestType<DeployParams, DeployResult, void>('sigfox/deploy');

// ---- sigfox/exportCodec ---------------------------------------------------------------------

export interface ExportCodecParams {
  /** The payload config (`*.sfgrammar`): the open buffer, else the file. */
  readonly uri: string;
  /** Omitted: only the choices are returned, for the client's quick pick. */
  readonly target?: string;
}

export interface ExportCodecChoice {
  readonly target: string;
  readonly label: string;
  /** The file written beside the payload config, e.g. `room.ts013.js`, `room.h`. */
  readonly fileName: string;
}

export interface ExportCodecResult {
  readonly choices: readonly ExportCodecChoice[];
  /** With a target: the generated file's name and text. */
  readonly fileName?: string;
  readonly code?: string;
  /** Why nothing was generated (errors in the config, a frame that does not fit, an unknown target). */
  readonly error?: string;
}

export const ExportCodecRequest = new RequestType<ExportCodecParams, ExportCodecResult, void>('sigfox/exportCodec');

// ---- sigfox/encode --------------------------------------------------------------------------

export interface EncodeParams {
  /** The payload config. */
  readonly grammar: SourceRef;
  /** Field values as typed (`30`, `true`, `0x0CE4`, `"AB"`, `null`); fields left out must be fixed by others sharing their bits. */
  readonly values: Readonly<Record<string, string>>;
  /** Encode an 8-byte downlink even without a `# downlink` line. */
  readonly downlink?: boolean;
}

export interface EncodeResult {
  /** The frame as upper-case hex; empty when a value is wrong. */
  readonly hex: string;
  /** One message per problem, each naming the field and what it takes. */
  readonly errors: readonly string[];
  /** The frame decoded again, with each field's bits (the preview shows them); absent on errors. */
  readonly decoded?: DecodeResult;
  /** Whether the frame is a downlink (8 bytes). */
  readonly downlink: boolean;
}

export const EncodeRequest = new RequestType<EncodeParams, EncodeResult, void>('sigfox/encode');
