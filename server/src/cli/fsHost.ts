import { statSync } from 'node:fs';
import { URI } from 'vscode-uri';
import { kindOfUri, type DocumentKind, type Settings, type WorkspaceHost } from '../core/workspace';
import { displayPath, TreeWalker } from './fileDiscovery';
import { loadSettings } from './settings';
import { readTextFile } from './textFile';

export function uriOfPath(path: string): string {
  return URI.file(path).toString();
}

export function pathOfUri(uri: string): string {
  return URI.parse(uri).fsPath;
}

/**
 * The core's WorkspaceHost over the file system, for the CLI: the workspace folder is the
 * project root (the working directory unless the caller found another, see findProjectRoot);
 * files are read once (UTF-8, with the CLI's checks) and cached; the workspace's files are the
 * Sigfox files under the root, `.gitignore` honoured. Paths are shown relative to `cwd`.
 */
export class FsWorkspaceHost implements WorkspaceHost {
  private readonly texts = new Map<string, string | undefined>();
  private readonly folderUri: string;
  private settingsCache: Settings | undefined;
  private byKind: Map<DocumentKind, string[]> | undefined;

  constructor(
    readonly cwd: string,
    private readonly walker = new TreeWalker(cwd),
    readonly root = cwd,
  ) {
    this.folderUri = uriOfPath(root);
  }

  /**
   * Text of a file, undefined when it does not exist. A file that exists but cannot be read as
   * UTF-8 text throws a CliError naming it (exit 2).
   */
  readText(uri: string): string | undefined {
    if (this.texts.has(uri)) return this.texts.get(uri);
    const path = pathOfUri(uri);
    let text: string | undefined;
    let exists: boolean;
    try {
      exists = statSync(path).isFile();
    } catch {
      exists = false;
    }
    if (exists) text = readTextFile(path, displayPath(path, this.cwd));
    this.texts.set(uri, text);
    return text;
  }

  /** Files do not change during one run. */
  versionOf(uri: string): number | undefined {
    return this.readText(uri) === undefined ? undefined : 1;
  }

  listFiles(kind: DocumentKind): readonly string[] {
    if (!this.byKind) {
      this.byKind = new Map();
      for (const path of this.walker.walk(this.root)) {
        const k = kindOfUri(path)!;
        let list = this.byKind.get(k);
        if (!list) this.byKind.set(k, (list = []));
        list.push(uriOfPath(path));
      }
    }
    return this.byKind.get(kind) ?? [];
  }

  settings(): Settings {
    return (this.settingsCache ??= loadSettings(this.root, this.cwd));
  }

  workspaceFolderOf(): string {
    return this.folderUri;
  }
}
