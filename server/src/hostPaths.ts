/**
 * Project containment on the local file system, for the hosts (CLI and language server) that
 * implement WorkspaceHost.isInsideProject: paths compared after resolving symlinks.
 */
import { realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';

/** The path with symlinks resolved; for a missing file, its nearest existing folder resolved. */
export function realPathOf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    const parent = dirname(path);
    return parent === path ? path : join(realPathOf(parent), basename(path));
  }
}

/** Whether `path` is `root` or inside it, both with symlinks resolved. */
export function isInsideFolder(root: string, path: string): boolean {
  const rel = relative(realPathOf(root), realPathOf(path));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}
