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

  add(uri: string): void {
    const kind = kindOfUri(uri);
    if (!kind) return;
    const normalized = normalizeUri(uri);
    let set = this.byKind.get(kind);
    if (!set) this.byKind.set(kind, (set = new Set()));
    if (!set.has(normalized)) {
      set.add(normalized);
      this.lists.delete(kind);
    }
  }

  remove(uri: string): void {
    const kind = kindOfUri(uri);
    if (kind && this.byKind.get(kind)?.delete(normalizeUri(uri))) this.lists.delete(kind);
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
            this.add(uri);
            found++;
          }
        }
      }
    }
    return found;
  }

  removeFolder(folderUri: string): void {
    const prefix = normalizeUri(folderUri).replace(/\/?$/, '/');
    for (const [kind, set] of this.byKind) {
      for (const uri of set)
        if (uri.startsWith(prefix)) {
          set.delete(uri);
          this.lists.delete(kind);
        }
    }
  }
}
