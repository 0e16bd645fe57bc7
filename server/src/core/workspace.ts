/**
 * What the core needs to know about the workspace, injected by the host (the LSP glue or the
 * CLI), so the core itself never touches the file system or an LSP connection.
 */
import type { Rules } from './rules';

export type DocumentKind = 'sfgrammar' | 'sftemplate' | 'sfcallback';

export function kindOfUri(uri: string): DocumentKind | undefined {
  if (uri.endsWith('.sfgrammar')) return 'sfgrammar';
  if (uri.endsWith('.sftemplate')) return 'sftemplate';
  if (uri.endsWith('.sfcallback.json')) return 'sfcallback';
  return undefined;
}

/** One entry of the `sigfox.associations` setting. */
export interface AssociationSetting {
  /** Glob matched against the template path relative to the workspace folder (or absolute). */
  readonly template: string;
  /** Grammar path, relative to the workspace folder (or absolute). */
  readonly grammar?: string;
  /** Callback type name or API code: DATA/SERVICE/ERROR or 0/1/2. */
  readonly type?: string | number;
  /** Callback subtype name or API code: UPLINK/BIDIR/STATUS/... or 0..6. */
  readonly subtype?: string | number;
  readonly contentType?: string;
}

export interface Settings {
  readonly validateEnable: boolean;
  readonly associations: readonly AssociationSetting[];
  readonly maxUplinkBytes: number;
  readonly formatStyle: 'multiline' | 'oneLine';
  /** `sigfox.rules`: a level per diagnostic code, overriding its default severity. */
  readonly rules?: Rules;
}

export const DEFAULT_SETTINGS: Settings = {
  validateEnable: true,
  associations: [],
  maxUplinkBytes: 12,
  formatStyle: 'multiline',
  rules: {},
};

export interface WorkspaceHost {
  /** Text of a document: the open buffer if any, else the file; undefined when it does not exist. */
  readText(uri: string): string | undefined;
  /** Version of the text readText returns (open buffer version, or a file stamp), for caching. */
  versionOf?(uri: string): number | string | undefined;
  /** Every workspace file of these kinds, open or not. */
  listFiles(kind: DocumentKind): readonly string[];
  /** Settings in force for a resource. */
  settings(uri: string): Settings;
  /** Workspace folder uri containing the resource, for relative globs and paths. */
  workspaceFolderOf(uri: string): string | undefined;
}
