/**
 * The core's WorkspaceHost inside the language server: open buffers first, else the file on
 * disk (read once, cached until a watched-file event or a close says it may have changed).
 */
import { readFileSync, statSync } from 'fs';
import { RealPaths } from '../hostPaths';
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { dirnameOf, normalizeUri } from '../core/associations';
import { isNetworkUri } from '../core/projectPaths';
import { ChangeJournal, kindOfUri, type DocumentKind, type Settings, type WorkspaceChanges, type WorkspaceHost } from '../core/workspace';
import type { FileIndex } from './fileIndex';
import type { SettingsStore } from './settings';
import type { WorkspaceFolders } from './workspaceFolders';

export class LspWorkspaceHost implements WorkspaceHost {
  /** Disk texts by uri; `null` remembers that the file does not exist. */
  private readonly disk = new Map<string, string | null>();
  /** Bumped when a file's disk text is forgotten, so `versionOf` changes with it. */
  private readonly diskStamps = new Map<string, number>();
  /** Open documents by kind (normalized uris), kept from open and close events rather than scanned per call. */
  private readonly open = new Map<DocumentKind, Set<string>>();
  private readonly lists = new Map<DocumentKind, { files: readonly string[]; merged: readonly string[] }>();
  /** Every text, file or settings change, for the core's incremental indexes. */
  private readonly journal = new ChangeJournal();
  private readonly realPaths = new RealPaths();

  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly files: FileIndex,
    private readonly settingsStore: SettingsStore,
    private readonly folders: WorkspaceFolders,
  ) {
    documents.onDidOpen(({ document }) => this.opened(document.uri, true));
    documents.onDidClose(({ document }) => this.opened(document.uri, false));
    documents.onDidChangeContent(({ document }) => this.journal.changed(document.uri));
    files.onDidChange(uri => (uri === undefined ? this.journal.everythingChanged() : this.journal.changed(uri)));
    settingsStore.onDidChange(() => this.journal.everythingChanged());
  }

  private opened(uri: string, isOpen: boolean): void {
    this.journal.changed(uri);
    const kind = kindOfUri(uri);
    if (!kind) return;
    let set = this.open.get(kind);
    if (!set) this.open.set(kind, (set = new Set()));
    const key = normalizeUri(uri);
    if (isOpen ? set.has(key) : !set.has(key)) return;
    if (isOpen) set.add(key);
    else set.delete(key);
    this.lists.delete(kind);
  }

  changesSince(stamp: number): WorkspaceChanges {
    return this.journal.since(stamp);
  }

  /** Clients send canonical uris, so the plain lookup almost always answers without parsing. */
  private openDocument(uri: string): TextDocument | undefined {
    return this.documents.get(uri) ?? this.documents.get(normalizeUri(uri));
  }

  readText(uri: string): string | undefined {
    const open = this.documents.get(uri);
    if (open) return open.getText();
    const known = this.disk.get(uri);
    if (known !== undefined) return known ?? undefined;
    const key = normalizeUri(uri);
    if (key !== uri) {
      const openByKey = this.documents.get(key);
      if (openByKey) return openByKey.getText();
    }
    let text = this.disk.get(key);
    if (text === undefined) {
      text = readFromDisk(key);
      this.disk.set(key, text);
    }
    return text ?? undefined;
  }

  versionOf(uri: string): number | string | undefined {
    const open = this.openDocument(uri);
    if (open) return open.version;
    return this.readText(uri) === undefined ? undefined : `disk:${this.diskStamps.get(normalizeUri(uri)) ?? 0}`;
  }

  /**
   * Workspace files of a kind, plus open documents of that kind that are not files of the
   * workspace (an unsaved new file). The same array comes back while neither changes, so the
   * core can memoize on it (opening a file that is already indexed changes nothing).
   */
  listFiles(kind: DocumentKind): readonly string[] {
    const files = this.files.list(kind);
    const cached = this.lists.get(kind);
    if (cached && cached.files === files) return cached.merged;
    const extra = [...(this.open.get(kind) ?? [])].filter(uri => !this.files.has(uri));
    const merged = extra.length === 0 ? files : [...files, ...extra];
    this.lists.set(kind, { files, merged });
    return merged;
  }

  settings(uri: string): Settings {
    return this.settingsStore.get(uri).core;
  }

  workspaceFolderOf(uri: string): string | undefined {
    return this.folders.folderOf(uri);
  }

  /** The project is the workspace folder of `fromUri`, else its own folder; symlinks resolved. */
  isInsideProject(uri: string, fromUri: string): boolean {
    const root = URI.parse(this.folders.folderOf(fromUri) ?? dirnameOf(fromUri));
    const target = URI.parse(uri);
    if (root.scheme !== 'file' || target.scheme !== 'file') return root.scheme === target.scheme;
    return this.realPaths.isInside(root.fsPath, target.fsPath);
  }

  /** The file may have changed on disk (watched-file event, document closed): read it again next time. */
  forgetDiskText(uri: string): void {
    // Any file event may be a folder turned into a symlink: resolve again.
    this.realPaths.forget();
    const key = normalizeUri(uri);
    this.journal.changed(key);
    this.disk.delete(key);
    this.diskStamps.set(key, (this.diskStamps.get(key) ?? 0) + 1);
  }
}

/** Larger files are not Sigfox files (the CLI has the same limit): read as missing. */
const MAX_DISK_FILE_BYTES = 10 * 1024 * 1024;

function readFromDisk(uri: string): string | null {
  const parsed = URI.parse(uri);
  // A uri with a host is a UNC path (`//host/share`): Windows would open it over SMB and send
  // the user's credentials, as soon as a template naming it is opened. Never read.
  if (parsed.scheme !== 'file' || isNetworkUri(uri)) return null;
  try {
    // A path in a definition or a setting may name a FIFO (reading blocks the server for good) or
    // a device such as /dev/zero (reading never ends): only regular files of a sane size are read.
    const stats = statSync(parsed.fsPath);
    if (!stats.isFile() || stats.size > MAX_DISK_FILE_BYTES) return null;
    return readFileSync(parsed.fsPath, 'utf8');
  } catch {
    return null;
  }
}
