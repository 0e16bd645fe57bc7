/**
 * The Sigfox files of the workspace, open or not: found by walking the workspace folders once
 * at start, then kept up to date from `workspace/didChangeWatchedFiles`.
 */
import { promises as fs, type Dirent } from 'fs';
import * as path from 'path';
import { URI } from 'vscode-uri';
import { normalizeUri } from '../core/associations';
import { kindOfUri, type DocumentKind } from '../core/workspace';

/** Directories never worth walking: dependencies and VCS metadata. */
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.hg', '.svn']);
/** A bound on the walk, so opening a home directory as a workspace cannot stall the server. */
const MAX_ENTRIES = 200_000;

export class FileIndex {
  private readonly byKind = new Map<DocumentKind, Set<string>>();
  /** Arrays handed out, rebuilt only after a change (callers may keep the identity as a cache key). */
  private readonly lists = new Map<DocumentKind, readonly string[]>();
  private readonly listeners: ((uri: string | undefined) => void)[] = [];

  /** Called with the uri added or removed, or undefined after a whole folder was. */
  onDidChange(listener: (uri: string | undefined) => void): void {
    this.listeners.push(listener);
  }

  private changed(uri: string | undefined): void {
    for (const listener of this.listeners) listener(uri);
  }

  add(uri: string): void {
    const normalized = this.insert(uri);
    if (normalized !== undefined) this.changed(normalized);
  }

  /** Adds without telling the listeners; returns the normalized uri when it was new. */
  private insert(uri: string): string | undefined {
    const kind = kindOfUri(uri);
    if (!kind) return undefined;
    const normalized = normalizeUri(uri);
    let set = this.byKind.get(kind);
    if (!set) this.byKind.set(kind, (set = new Set()));
    if (set.has(normalized)) return undefined;
    set.add(normalized);
    this.lists.delete(kind);
    return normalized;
  }

  remove(uri: string): void {
    const kind = kindOfUri(uri);
    const normalized = normalizeUri(uri);
    if (kind && this.byKind.get(kind)?.delete(normalized)) {
      this.lists.delete(kind);
      this.changed(normalized);
    }
  }

  has(uri: string): boolean {
    const kind = kindOfUri(uri);
    const set = kind && this.byKind.get(kind);
    // Clients send canonical uris: the plain lookup almost always answers, without parsing.
    return !!set && (set.has(uri) || set.has(normalizeUri(uri)));
  }

  list(kind: DocumentKind): readonly string[] {
    let list = this.lists.get(kind);
    if (!list) this.lists.set(kind, (list = [...(this.byKind.get(kind) ?? [])]));
    return list;
  }

  /** Adds every Sigfox file under a folder (file scheme only); returns how many were found. */
  async addFolder(folderUri: string, log: (message: string) => void): Promise<number> {
    const root = URI.parse(folderUri);
    if (root.scheme !== 'file') return 0;
    const found = await this.walk(root, log);
    // One notice for the whole folder: a reader rebuilds once rather than per file.
    if (found > 0) this.changed(undefined);
    return found;
  }

  private async walk(root: URI, log: (message: string) => void): Promise<number> {
    let found = 0,
      visited = 0;
    const pending = [root.fsPath];
    while (pending.length > 0) {
      const dir = pending.pop()!;
      let entries: Dirent[];
      try {
        entries = await fs.readdir(dir, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const entry of entries) {
        if (++visited > MAX_ENTRIES) {
          log(`Stopped indexing ${root.fsPath} after ${MAX_ENTRIES} entries; Sigfox files further down are found when opened.`);
          return found;
        }
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (!SKIPPED_DIRECTORIES.has(entry.name)) pending.push(full);
        } else if (entry.isFile()) {
          const uri = URI.file(full).toString();
          if (kindOfUri(uri)) {
            this.insert(uri);
            found++;
          }
        }
      }
    }
    return found;
  }

  removeFolder(folderUri: string): void {
    const prefix = normalizeUri(folderUri).replace(/\/?$/, '/');
    let removed = false;
    for (const [kind, set] of this.byKind) {
      for (const uri of set)
        if (uri.startsWith(prefix)) {
          set.delete(uri);
          this.lists.delete(kind);
          removed = true;
        }
    }
    if (removed) this.changed(undefined);
  }
}
