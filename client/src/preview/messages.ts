/**
 * Messages between the preview webview (client/media/preview.js) and the extension. The webview
 * asks for actions by name only: it never sends text that the extension would run or open.
 * Pure: no `vscode`.
 */
import type { DecodeResult } from '../../../server/src/protocol';
import type { PreviewModel } from './model';

export type ToWebview =
  /** `session`: what the panel follows, kept by the webview (vscode.setState) to restore the panel after a window reload. */
  | { readonly type: 'show'; readonly model: PreviewModel; readonly session?: unknown }
  /** The encode form: each field with its current value as text the encoder reads back. */
  | { readonly type: 'encodeForm'; readonly fields: readonly EncodeFormField[] }
  /** The answer to an `encode`: the frame, or what is wrong with the values. */
  | { readonly type: 'encoded'; readonly hex: string; readonly errors: readonly string[] };

export interface EncodeFormField {
  readonly name: string;
  readonly type: string;
  readonly text: string;
}

/** Bounds on what the webview may send with `encode` (it is a page: never trusted). */
export const MAX_ENCODE_FIELDS = 512;
export const MAX_ENCODE_VALUE_LENGTH = 4096;

/** What the webview reports after it has put a model on screen (read by tests through `sigfox.preview.testState`). */
export interface WebviewReport {
  readonly version: number;
  /** The text of each field row's cells, as displayed. */
  readonly rows: readonly (readonly string[])[];
  readonly body: string;
  readonly bodyStatus: string;
  /** `<img>` elements anywhere in the document: a model never creates one. */
  readonly imgCount: number;
  /** Elements inside the panel's own container that could load or run something (script, iframe, img, link...). */
  readonly foreignElementCount: number;
  readonly svgShapeCount: number;
  readonly theme: string;
}

export type FromWebview =
  | { readonly type: 'ready' }
  | { readonly type: 'rendered'; readonly report: WebviewReport }
  | { readonly type: 'copyValues' }
  | { readonly type: 'copyBody' }
  | { readonly type: 'chooseTemplate' }
  | { readonly type: 'revealProblem'; readonly index: number }
  | { readonly type: 'encode'; readonly values: Readonly<Record<string, string>> }
  | { readonly type: 'copyFrame' };

/** The webview is a page: check the shape of what it sends before acting on it. */
export function parseWebviewMessage(raw: unknown): FromWebview | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const m = raw as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
    case 'copyValues':
    case 'copyBody':
    case 'chooseTemplate':
    case 'copyFrame':
      return { type: m.type };
    case 'encode':
      return parseEncodeValues(m.values);
    case 'revealProblem':
      return Number.isInteger(m.index) && (m.index as number) >= 0 ? { type: 'revealProblem', index: m.index as number } : undefined;
    case 'rendered': {
      const r = m.report as Record<string, unknown> | undefined;
      return r && typeof r === 'object' && typeof r.version === 'number'
        ? { type: 'rendered', report: r as unknown as WebviewReport }
        : undefined;
    }
    default:
      return undefined;
  }
}

function parseEncodeValues(raw: unknown): FromWebview | undefined {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const entries = Object.entries(raw as Record<string, unknown>);
  if (entries.length > MAX_ENCODE_FIELDS) return undefined;
  for (const [name, value] of entries)
    if (typeof value !== 'string' || value.length > MAX_ENCODE_VALUE_LENGTH || name.length > MAX_ENCODE_VALUE_LENGTH) return undefined;
  // Own data properties only (a "__proto__" key stays a key, never a prototype).
  return { type: 'encode', values: Object.fromEntries(entries) as Record<string, string> };
}

/**
 * The decoded fields as the encode form shows them: text that `sigfox/encode` reads back as the
 * same value (char JSON-quoted so spaces and control bytes survive, `null` for a field past the frame).
 */
export function encodeFormOf(decoded: DecodeResult): EncodeFormField[] {
  return decoded.fields.map(f => {
    const v = f.value;
    const text = v.kind === 'string' ? JSON.stringify(v.value) : v.kind === 'null' ? 'null' : v.kind === 'nonFinite' ? v.value : f.rendered;
    return { name: f.name, type: f.type, text };
  });
}
