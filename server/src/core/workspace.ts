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

/**
 * Bounds of the numeric settings, one table for the server and the CLI (and package.json says
 * the same): a workspace's `.vscode/settings.json` is input, honoured in Restricted Mode too,
 * and grammar completion builds one item per uplink byte.
 */
export const NUMERIC_SETTINGS = {
  maxUplinkBytes: { min: 1, max: 255, default: DEFAULT_SETTINGS.maxUplinkBytes, hint: 'Sigfox: 12' },
  'diagnostics.delayMs': { min: 0, max: 5000, default: 200, hint: 'default 200' },
} as const;

export type NumericSetting = keyof typeof NUMERIC_SETTINGS;

/** Why `value` is not a valid `sigfox.<key>`, or undefined when it is. */
export function numericSettingProblem(key: NumericSetting, value: unknown): string | undefined {
  const { min, max, hint } = NUMERIC_SETTINGS[key];
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return undefined;
  const shown = JSON.stringify(value) ?? String(value);
  return `"sigfox.${key}" must be a whole number from ${min} to ${max} (${hint}), not ${shown.length > 40 ? `${shown.slice(0, 40)}…` : shown}`;
}

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
  /**
   * What changed since `stamp` (0 at first): file texts, files created or deleted, settings.
   * A host that has it lets the core keep its cross-file indexes between lookups; without it
   * they are rebuilt for every lookup (fine for a handful of files).
   */
  changesSince?(stamp: number): WorkspaceChanges;
  /**
   * Whether `uri`, with symlinks resolved, lies inside the project of `fromUri` (its workspace
   * folder, else its own folder). Hosts without a file system may leave it out.
   */
  isInsideProject?(uri: string, fromUri: string): boolean;
  /**
   * Text of a file read only to index associations (a callback definition nobody asked to
   * check). A host may decline one it should not read whole (over MAX_INDEXED_FILE_CHARS, or
   * unreadable) by returning undefined, and say so its own way; without it, readText is used.
   */
  readIndexedText?(uri: string): string | undefined;
}

/**
 * Largest callback definition read to index associations: real ones are a few KB, and one huge
 * malformed file somewhere in the tree must not stall every other file's check. It is named
 * (listed), not parsed; checked itself, it still reports its own errors.
 */
export const MAX_INDEXED_FILE_CHARS = 1024 * 1024;

/** What changed in a workspace since an earlier stamp (see `WorkspaceHost.changesSince`). */
export interface WorkspaceChanges {
  /** Pass it to the next `changesSince` call. */
  readonly stamp: number;
  /** The uris whose text or existence changed; undefined when anything may have (settings, folders, a long gap). */
  readonly uris: readonly string[] | undefined;
}

/**
 * A host's record of changes, so the core's cross-file indexes update in proportion to what
 * changed instead of re-reading the workspace per lookup. Bounded: past `capacity` entries the
 * oldest are dropped, and a reader that far behind is told to rebuild.
 */
export class ChangeJournal {
  private stamp = 0;
  /** Stamp of the last "anything may have changed". */
  private everythingAt = 0;
  /** Stamp of the first entry still kept, minus one. */
  private droppedBefore = 0;
  private entries: { readonly stamp: number; readonly uri: string }[] = [];

  constructor(private readonly capacity = 10_000) {}

  changed(uri: string): void {
    this.entries.push({ stamp: ++this.stamp, uri });
    if (this.entries.length > this.capacity) {
      const dropped = this.entries.length - this.capacity / 2;
      this.droppedBefore = this.entries[dropped - 1]!.stamp;
      this.entries = this.entries.slice(dropped);
    }
  }

  everythingChanged(): void {
    this.everythingAt = ++this.stamp;
    this.droppedBefore = this.stamp;
    this.entries = [];
  }

  since(stamp: number): WorkspaceChanges {
    if (stamp < this.everythingAt || stamp < this.droppedBefore) return { stamp: this.stamp, uris: undefined };
    if (stamp === this.stamp) return { stamp, uris: [] };
    // Entries are in stamp order: the newer ones are at the end.
    let first = this.entries.length;
    while (first > 0 && this.entries[first - 1]!.stamp > stamp) first--;
    return { stamp: this.stamp, uris: [...new Set(this.entries.slice(first).map(e => e.uri))] };
  }
}
