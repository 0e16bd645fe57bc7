/** The workspace folders the client opened, to scope settings and relative paths per file. */
import { normalizeUri } from '../core/associations';

export class WorkspaceFolders {
  private folders: string[] = [];
  /** Asked for every file of the workspace on each settings lookup: worth remembering. */
  private readonly memo = new Map<string, string | undefined>();

  set(folders: readonly string[]): void {
    this.folders = folders.map(normalizeUri);
    this.memo.clear();
  }

  get list(): readonly string[] {
    return this.folders;
  }

  /** The innermost folder containing the resource, if any. */
  folderOf(uri: string): string | undefined {
    if (this.memo.has(uri)) return this.memo.get(uri);
    const folder = this.innermostFolderOf(uri);
    this.memo.set(uri, folder);
    return folder;
  }

  private innermostFolderOf(uri: string): string | undefined {
    const normalized = normalizeUri(uri);
    let best: string | undefined;
    for (const folder of this.folders) {
      const prefix = folder.endsWith('/') ? folder : `${folder}/`;
      if (normalized.startsWith(prefix) && (!best || folder.length > best.length)) best = folder;
    }
    return best;
  }
}
