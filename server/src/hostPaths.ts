/**
 * Project containment on the local file system, for the hosts (CLI and language server) that
 * implement WorkspaceHost.isInsideProject: paths compared after resolving symlinks.
 */
import { lstatSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';

/**
 * Resolves symlinks with the folders' resolutions remembered: a burst of checks (a grammar edit
 * re-checking 3,000 definitions) asks about the same few folders thousands of times, and
 * resolving one path component by component is an lstat per component. Only the last component
 * is looked at each time, so a file replaced by a symlink is seen at once; folders are forgotten
 * after `ttlMs` and on `forget()` (the server calls it on every watched-file event).
 */
export class RealPaths {
  private readonly folders = new Map<string, string>();
  private filledAt = 0;

  constructor(
    private readonly ttlMs = 2000,
    private readonly clock: () => number = () => performance.now(),
    /** Files and folders the host already knows are not symlinks (a walk's directory entries said so): no lstat. */
    private readonly knownPlain: (path: string) => boolean = () => false,
  ) {}

  /** The path with symlinks resolved; for a missing file, its nearest existing folder resolved. */
  of(path: string): string {
    const parent = dirname(path);
    if (parent === path) return path;
    const known = this.known(path);
    if (known !== undefined) return known;
    // The folder is resolved and normalized, and a base name holds no separator: concatenated.
    if (this.knownPlain(path)) return childOf(this.folder(parent), basename(path));
    try {
      if (lstatSync(path).isSymbolicLink()) return realpathSync.native(path);
    } catch {
      // Missing: resolved through its folder, as an existing file would be.
    }
    return join(this.folder(parent), basename(path));
  }

  /** Whether `path` is the folder `root` or inside it, both with symlinks resolved. */
  isInside(root: string, path: string): boolean {
    return isPathInside(this.folder(root), this.of(path));
  }

  forget(): void {
    this.folders.clear();
  }

  /** A folder resolved before (the project root is asked about on every call). */
  private known(path: string): string | undefined {
    if (this.ttlMs === Number.POSITIVE_INFINITY) return this.folders.get(path);
    const now = this.clock();
    if (now - this.filledAt > this.ttlMs) {
      this.folders.clear();
      this.filledAt = now;
    }
    return this.folders.get(path);
  }

  private folder(path: string): string {
    let real = this.known(path);
    if (real === undefined) {
      real = this.of(path);
      this.folders.set(path, real);
    }
    return real;
  }
}

/** `name` (no separator in it) inside the normalized absolute `folder`, as path.join gives it. */
export function childOf(folder: string, name: string): string {
  return folder.endsWith(sep) ? folder + name : folder + sep + name;
}

/** Whether the absolute `path` is the folder `dir` or inside it. */
export function isPathInside(dir: string, path: string): boolean {
  // Normalized paths (asked for every file every definition names): a prefix up to a separator
  // says inside without path.relative; anything else is left to it (case-insensitive on Windows).
  if (path.startsWith(dir) && (path.length === dir.length || path[dir.length] === sep || dir.endsWith(sep))) return true;
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}
