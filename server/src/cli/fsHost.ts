import { statSync } from 'node:fs';
import { basename, dirname, sep } from 'node:path';
import { RealPaths } from '../hostPaths';
import { URI } from 'vscode-uri';
import { isNetworkUri } from '../core/projectPaths';
import { plainFileUriPath } from '../core/associations';
import {
  kindOfUri,
  MAX_INDEXED_FILE_CHARS,
  type DocumentKind,
  type Settings,
  type WorkspaceChanges,
  type WorkspaceHost,
} from '../core/workspace';
import { displayPath, TreeWalker } from './fileDiscovery';
import { definitionsThatMayName } from './definitionCache';
import { loadSettings } from './settings';
import { CliError } from './errors';
import { readTextFile, readTextFileIfRegular } from './textFile';

/**
 * An absolute POSIX path of characters a file uri keeps as they are (letters, digits, `-._~/`):
 * its uri is `file://` + the path, and back (a check converts each of 10,000 paths several
 * times; vscode-uri parses with a regular expression and encodes character by character).
 */
const PLAIN_PATH = /^\/(?!\/)[\w\-.~/]*$/;

export function uriOfPath(path: string): string {
  if (sep === '/' && PLAIN_PATH.test(path)) return `file://${path}`;
  return URI.file(path).toString();
}

export function pathOfUri(uri: string): string {
  if (sep === '/') {
    const path = plainFileUriPath(uri);
    if (path !== undefined) return path;
  }
  return URI.parse(uri).fsPath;
}

/**
 * The core's WorkspaceHost over the file system, for the CLI: the workspace folder is the
 * project root (the working directory unless the caller found another, see findProjectRoot);
 * files are read once (UTF-8, with the CLI's checks) and cached; the workspace's files are the
 * Sigfox files under the root, `.gitignore` honoured. Paths are shown relative to `cwd`.
 *
 * With a `scope` (the templates being checked), only what their associations can depend on is
 * read, so a pre-commit hook in a large repository reads a handful of files, with the answers a
 * whole-tree listing gives:
 * - payload configs and templates are listed from the folders on each template's chain up to the
 *   root only (a sibling grammar is read by path; a `sigfox.associations` glob is matched against
 *   the template's own path relative to the root, so it needs no listing of the other files);
 * - callback definitions in those folders are listed; one elsewhere (it may name the template as
 *   `../x/t.sftemplate`) is listed only when its bytes contain a given template's file name, or a
 *   `\u` escape that could spell it: a file that cannot name the template is never parsed, and
 *   one over the size limit is not even read. Which definitions name which template is kept
 *   between runs (definitionCache), so an unchanged tree is neither walked nor read again.
 * Checking a payload config needs every template that uses it, so callers pass no scope then.
 */
export class FsWorkspaceHost implements WorkspaceHost {
  private readonly texts = new Map<string, string | undefined>();
  private readonly folderUri: string;
  /** One run of the CLI: folders resolved once, walked files known (the tree does not change under a check). */
  private readonly realPaths = new RealPaths(
    Number.POSITIVE_INFINITY,
    undefined,
    path => this.walker.isPlainFile(path) || this.walker.isPlainFolder(path),
  );
  /** Whether each definition asking is inside the project root (asked once per file it names). */
  private readonly insideRoot = new Map<string, boolean>();
  private settingsCache: Settings | undefined;
  private byKind: Map<DocumentKind, string[]> | undefined;

  /**
   * Files that exist but cannot be read as text, with why (one line each), when the host was
   * made to collect them (`check`): such a file is that file's error, and every other file is
   * still checked. Otherwise reading one throws (exit 2).
   */
  readonly unreadable = new Map<string, string>();

  /**
   * Files read only for the association index that were not read (too large, or unreadable),
   * with why: notes, not errors, as such a file is no file being checked.
   */
  readonly notIndexed = new Map<string, string>();

  constructor(
    readonly cwd: string,
    private readonly walker = new TreeWalker(cwd),
    readonly root = cwd,
    private readonly collectUnreadable = false,
    private readonly scope?: readonly string[],
    /** Where a scoped check keeps its index of which definitions name which template (see definitionCache). */
    private readonly definitionIndex?: string,
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
    try {
      text = readTextFileIfRegular(path, () => displayPath(path, this.cwd), this.walker.isPlainFile(path));
    } catch (err) {
      if (!this.collectUnreadable || !(err instanceof CliError)) throw err;
      this.unreadable.set(uri, err.message);
    }
    this.texts.set(uri, text);
    return text;
  }

  /**
   * A callback definition read only for the association index: one over the size limit is not
   * read at all, and one that cannot be read as text is skipped; both with a note, not an error.
   */
  readIndexedText(uri: string): string | undefined {
    if (this.texts.has(uri) || this.unreadable.has(uri)) return this.texts.get(uri);
    if (this.notIndexed.has(uri) || isNetworkUri(uri)) return undefined;
    const path = pathOfUri(uri);
    const shown = displayPath(path, this.cwd);
    let size: number;
    try {
      const st = statSync(path);
      if (!st.isFile()) return undefined;
      size = st.size;
    } catch {
      return undefined;
    }
    // Characters never outnumber UTF-8 bytes, so this byte test never skips a file the core would index.
    if (size > MAX_INDEXED_FILE_CHARS) {
      const mb = (size / 1024 / 1024).toFixed(1);
      this.notIndexed.set(
        uri,
        `${shown}: ${mb} MB, over the ${MAX_INDEXED_FILE_CHARS / 1024 / 1024} MB limit for files read only for associations; not read (check it directly to see its own errors)`,
      );
      return undefined;
    }
    let text: string;
    try {
      text = readTextFile(path, shown);
    } catch (err) {
      if (!(err instanceof CliError)) throw err;
      this.notIndexed.set(uri, `${err.message}; not read for associations`);
      return undefined;
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
      const paths = this.scope ? this.scopedFiles(this.scope) : this.walker.walk(this.root);
      for (const path of paths) {
        const k = kindOfUri(path)!;
        let list = this.byKind.get(k);
        if (!list) this.byKind.set(k, (list = []));
        list.push(uriOfPath(path));
      }
    }
    return this.byKind.get(kind) ?? [];
  }

  /** The files of the scope's folder chains, and the definitions elsewhere that may name a scope template (see the class). */
  private scopedFiles(scope: readonly string[]): string[] {
    const seen = new Set<string>();
    for (const folder of new Set(scope.map(template => dirname(template))))
      for (const path of this.walker.folderChainFiles(this.root, folder)) seen.add(path);
    const names = [...new Set(scope.map(template => basename(template)))];
    for (const path of definitionsThatMayName(this.root, this.cwd, this.walker, names, seen, this.definitionIndex)) seen.add(path);
    return [...seen].sort();
  }

  /** The project is the project root found from the paths given, or the definition's own folder when it lies outside it. */
  isInsideProject(uri: string, fromUri: string): boolean {
    const from = pathOfUri(fromUri);
    let fromInside = this.insideRoot.get(from);
    if (fromInside === undefined) this.insideRoot.set(from, (fromInside = this.realPaths.isInside(this.root, from)));
    const root = fromInside ? this.root : dirname(from);
    return this.realPaths.isInside(root, pathOfUri(uri));
  }

  settings(): Settings {
    return (this.settingsCache ??= loadSettings(this.root, this.cwd));
  }

  workspaceFolderOf(): string {
    return this.folderUri;
  }
}
