import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { isInsideFolder } from '../hostPaths';
import { URI } from 'vscode-uri';
import { isNetworkUri } from '../core/projectPaths';
import { kindOfUri, type DocumentKind, type Settings, type WorkspaceChanges, type WorkspaceHost } from '../core/workspace';
import { displayPath, TreeWalker } from './fileDiscovery';
import { loadSettings } from './settings';
import { CliError } from './errors';
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

  /**
   * Files that exist but cannot be read as text, with why (one line each), when the host was
   * made to collect them (`check`): such a file is that file's error, and every other file is
   * still checked. Otherwise reading one throws (exit 2).
   */
  readonly unreadable = new Map<string, string>();

  constructor(
    readonly cwd: string,
    private readonly walker = new TreeWalker(cwd),
    readonly root = cwd,
    private readonly collectUnreadable = false,
  ) {
    this.folderUri = uriOfPath(root);
  }

  /**
   * Text of a file, undefined when it does not exist. A file that exists but cannot be read as
   * UTF-8 text throws a CliError naming it (exit 2).
   */
  readText(uri: string): string | undefined {
    if (this.texts.has(uri)) return this.texts.get(uri);
    // A uri with a host is a UNC path: opening it would reach another machine.
    if (isNetworkUri(uri)) return undefined;
    const path = pathOfUri(uri);
    let text: string | undefined;
    let exists: boolean;
    try {
      exists = statSync(path).isFile();
    } catch {
      exists = false;
    }
    if (exists) {
      try {
        text = readTextFile(path, displayPath(path, this.cwd));
      } catch (err) {
        if (!this.collectUnreadable || !(err instanceof CliError)) throw err;
        this.unreadable.set(uri, err.message);
      }
    }
    this.texts.set(uri, text);
    return text;
  }

  /** Files do not change during one run. */
  versionOf(uri: string): number | undefined {
    return this.readText(uri) === undefined ? undefined : 1;
  }

  /** Nothing changes during one run: the core builds its indexes once. */
  changesSince(): WorkspaceChanges {
    return { stamp: 0, uris: [] };
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

  /** The project is the project root found from the paths given, or the definition's own folder when it lies outside it. */
  isInsideProject(uri: string, fromUri: string): boolean {
    const from = pathOfUri(fromUri);
    const root = isInsideFolder(this.root, from) ? this.root : dirname(from);
    return isInsideFolder(root, pathOfUri(uri));
  }

  settings(): Settings {
    return (this.settingsCache ??= loadSettings(this.root, this.cwd));
  }

  workspaceFolderOf(): string {
    return this.folderUri;
  }
}
