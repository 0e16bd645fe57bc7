/**
 * Messages between the preview webview (client/media/preview.js) and the extension. The webview
 * asks for actions by name only: it never sends text that the extension would run or open.
 * Pure: no `vscode`.
 */
import type { PreviewModel } from './model';

/** `session`: what the panel follows, kept by the webview (vscode.setState) to restore the panel after a window reload. */
export type ToWebview = { readonly type: 'show'; readonly model: PreviewModel; readonly session?: unknown };

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
  | { readonly type: 'revealProblem'; readonly index: number };

/** The webview is a page: check the shape of what it sends before acting on it. */
export function parseWebviewMessage(raw: unknown): FromWebview | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const m = raw as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
    case 'copyValues':
    case 'copyBody':
    case 'chooseTemplate':
      return { type: m.type };
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
