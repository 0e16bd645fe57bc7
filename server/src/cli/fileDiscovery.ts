import { existsSync, readdirSync, readFileSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { dirname, isAbsolute, join, normalize, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { kindOfUri } from '../core/workspace';
import { CliError, describeFsError } from './errors';
import { NOT_REGULAR } from './textFile';
import { childOf, isPathInside } from '../hostPaths';

/**
 * Which files `check` looks at: explicit files, directories (walked) and globs, honouring
 * `.gitignore` files on the way, never entering `.git` or `node_modules`, and never looping on
 * symlinks (each real directory is entered once).
 */

const KINDS_TEXT = '.sfgrammar, .sftemplate or .sfcallback.json';
const ALWAYS_SKIPPED = new Set(['.git', 'node_modules']);

/** A relative path already in normal form: no empty, `.` or `..` segment, no trailing separator. */
const NOT_NORMAL = /(?:^|\/)\.{0,2}(?:\/|$)/;

/** `path` relative to `cwd` with `/` separators, as shown to the user. */
export function displayPath(path: string, cwd: string): string {
  // A walked file under cwd (10,000 of them in a check): a slice, where path.relative resolves both.
  if (sep === '/' && path.length > cwd.length + 1 && path.charCodeAt(cwd.length) === 0x2f && path.startsWith(cwd) && cwd !== '/') {
    const rest = path.slice(cwd.length + 1);
    if (!NOT_NORMAL.test(rest) && isAbsolute(cwd) && !NOT_NORMAL.test(cwd.slice(1))) return rest;
  }
  const rel = relative(cwd, path);
  if (rel === '') return '.';
  if (isAbsolute(rel)) return path.split(sep).join('/');
  return rel.split(sep).join('/');
}

interface IgnoreLayer {
  readonly dir: string;
  readonly rules: Ignore;
}

/** Walks directory trees once each; collects every file of the three kinds. */
/** What a walk's answer depends on besides the files: the folders it listed, and where it looked for `.gitignore` and `.git`. */
export interface WalkInputs {
  /** Every folder the walk read, the walked one first. */
  readonly folders: readonly string[];
  /** Files whose presence or content changes the answer: each folder's `.gitignore`, and `.git`/`.gitignore` above the walked one. */
  readonly probes: readonly string[];
}

export class TreeWalker {
  private readonly cache = new Map<string, readonly string[]>();
  private readonly inputs = new Map<string, WalkInputs>();
  /** Files listed from a directory entry that was not a symlink: the tree does not change under one run. */
  private readonly plainFiles = new Set<string>();
  /** Folders entered from a directory entry that was not a symlink. */
  private readonly plainDirs = new Set<string>();

  constructor(private readonly cwd: string) {}

  /** Every Sigfox file under `dir` (absolute), sorted, honouring the `.gitignore` files above and below it. */
  walk(dir: string): readonly string[] {
    const cached = this.cache.get(dir);
    if (cached) return cached;
    let real: string;
    try {
      real = realpathSync(dir);
    } catch (err) {
      throw new CliError(`${displayPath(dir, this.cwd)}: cannot read directory: ${describeFsError(err)}`);
    }
    const out: string[] = [];
    const probes: string[] = [];
    const folders: string[] = [];
    this.walkInto(normalize(dir), real, this.ancestorLayers(dir, probes), out, new Set([real]), folders);
    for (const folder of folders) probes.push(join(folder, '.gitignore'));
    this.cache.set(dir, out);
    this.inputs.set(dir, { folders, probes });
    return out;
  }

  /** What `walk(dir)` read to answer, once it has (for a cache of its answer, see definitionCache). */
  walkInputs(dir: string): WalkInputs | undefined {
    return this.inputs.get(dir);
  }

  /** `real`: `dir` with symlinks resolved (a plain subfolder's is its parent's plus its name). */
  private walkInto(
    dir: string,
    real: string,
    inherited: readonly IgnoreLayer[],
    out: string[],
    visited: Set<string>,
    folders: string[],
  ): void {
    folders.push(dir);
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      throw new CliError(`${displayPath(dir, this.cwd)}: cannot read directory: ${describeFsError(err)}`);
    }
    const ignoreFile = entries.find(entry => entry.name === '.gitignore');
    const layers = withLayer(inherited, dir, !ignoreFile ? 'absent' : ignoreFile.isFile() ? 'file' : 'unknown');
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (ALWAYS_SKIPPED.has(entry.name)) continue;
      let isDir = entry.isDirectory(),
        isFile = entry.isFile();
      const plain = isFile;
      const sigfoxName = kindOfUri(entry.name) !== undefined;
      if (plain && !sigfoxName) continue;
      // `dir` is normalized and an entry name holds no separator: joining is concatenating.
      const full = childOf(dir, entry.name);
      if (entry.isSymbolicLink()) {
        let st: Stats;
        try {
          st = statSync(full);
        } catch {
          continue;
        } // a dangling link: nothing to check there
        isDir = st.isDirectory();
        isFile = st.isFile();
      }
      if (!isDir && !(isFile && sigfoxName)) continue;
      if (isIgnored(layers, full, isDir)) continue;
      if (isDir) {
        let childReal: string;
        if (entry.isDirectory()) childReal = childOf(real, entry.name);
        else {
          try {
            childReal = realpathSync(full);
          } catch {
            continue;
          }
        }
        if (visited.has(childReal)) continue; // symlink loop, or a tree reached twice
        visited.add(childReal);
        if (entry.isDirectory()) this.plainDirs.add(full);
        this.walkInto(full, childReal, layers, out, visited, folders);
      } else {
        out.push(full);
        if (plain) this.plainFiles.add(full);
      }
    }
  }

  /** Whether a walk listed `path` from a directory entry that was a file, not a symlink. */
  isPlainFile(path: string): boolean {
    return this.plainFiles.has(path);
  }

  /** Whether a walk entered `path` from a directory entry that was a folder, not a symlink. */
  isPlainFolder(path: string): boolean {
    return this.plainDirs.has(path);
  }

  /**
   * The Sigfox files directly in each folder from `root` down to `dir` (not below them), as
   * `walk(root)` would list them: `.gitignore` honoured, nothing past an ignored or skipped folder.
   * with the definitions that may name a template, what its association can depend on (see FsWorkspaceHost).
   */
  folderChainFiles(root: string, dir: string): string[] {
    const rel = relative(root, dir);
    if (rel.startsWith('..') || isAbsolute(rel)) return [];
    const steps = rel === '' ? [] : rel.split(sep);
    const out: string[] = [];
    let layers = this.ancestorLayers(root);
    let folder = root;
    for (let i = 0; ; i++) {
      layers = withLayer(layers, folder);
      let entries: Dirent[];
      try {
        entries = readdirSync(folder, { withFileTypes: true });
      } catch (err) {
        throw new CliError(`${displayPath(folder, this.cwd)}: cannot read directory: ${describeFsError(err)}`);
      }
      for (const entry of entries) {
        if (!kindOfUri(entry.name)) continue;
        const full = join(folder, entry.name);
        let isFile = entry.isFile();
        if (entry.isSymbolicLink()) {
          try {
            isFile = statSync(full).isFile();
          } catch {
            continue;
          }
        }
        if (isFile && !isIgnored(layers, full, false)) out.push(full);
      }
      const next = steps[i];
      if (next === undefined) break;
      folder = join(folder, next);
      if (ALWAYS_SKIPPED.has(next) || isIgnored(layers, folder, true)) break;
    }
    return out.sort();
  }

  /** The `.gitignore` layers that apply inside `dir`, from its repository root down to its parent. */
  private ancestorLayers(dir: string, probes?: string[]): IgnoreLayer[] {
    const chain: string[] = [];
    let root: string | undefined;
    for (let d = dir; ; d = dirname(d)) {
      chain.push(d);
      probes?.push(join(d, '.git'));
      if (existsSync(join(d, '.git'))) {
        root = d;
        break;
      }
      if (dirname(d) === d) break;
    }
    if (root === undefined) {
      // Not in a git repository: rules from the working directory down still apply.
      const inCwd = !relative(this.cwd, dir).startsWith('..') && !isAbsolute(relative(this.cwd, dir));
      const top = inCwd ? this.cwd : dir;
      chain.length = chain.indexOf(top) + 1;
    }
    let layers: IgnoreLayer[] = [];
    for (const d of chain.slice(1).reverse()) {
      probes?.push(join(d, '.gitignore'));
      layers = withLayer(layers, d);
    }
    return layers;
  }
}

/**
 * The layers with `dir`'s `.gitignore` added. `listed`: what the folder's own listing said of it
 * (absent, a regular file), which spares a stat per folder; else it is asked.
 */
function withLayer(layers: readonly IgnoreLayer[], dir: string, listed: 'absent' | 'file' | 'unknown' = 'unknown'): IgnoreLayer[] {
  if (listed === 'absent') return layers as IgnoreLayer[];
  let text: string;
  const path = join(dir, '.gitignore');
  // A `.gitignore` that is a FIFO would block the walk: only a regular file is read.
  try {
    text = listed === 'file' || statSync(path).isFile() ? readFileSync(path, 'utf8') : '';
  } catch {
    return layers as IgnoreLayer[];
  }
  if (text === '') return layers as IgnoreLayer[];
  return [...layers, { dir, rules: ignore().add(text) }];
}

function isIgnored(layers: readonly IgnoreLayer[], full: string, isDir: boolean): boolean {
  for (const layer of layers) {
    const rel = relative(layer.dir, full).split(sep).join('/');
    if (rel === '' || rel.startsWith('..')) continue;
    if (layer.rules.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}

/**
 * The project the given paths belong to: the nearest directory at or above all of them holding a
 * `.vscode` folder or a `.git` entry, so that `check /elsewhere/proj/room.sfgrammar` sees that
 * project's settings, templates and callback definitions whatever the working directory. With
 * no such marker: the working directory when every path is inside it, else their common directory.
 */
export function findProjectRoot(paths: readonly string[], cwd: string, pathsAreFolders = false): string {
  // `check` passes the folders of the files it found (a thousand in a large tree): no stat for those.
  const dirs = pathsAreFolders
    ? paths
    : paths.map(p => {
        try {
          return statSync(p).isDirectory() ? p : dirname(p);
        } catch {
          return dirname(p);
        }
      });
  let common = dirs.length ? dirs[0]! : cwd;
  for (const d of dirs.slice(1)) while (!isPathInside(common, d)) common = dirname(common);
  for (let d = common; ; d = dirname(d)) {
    if (existsSync(join(d, '.vscode')) || existsSync(join(d, '.git'))) return d;
    if (dirname(d) === d) break;
  }
  return dirs.every(d => isPathInside(cwd, d)) ? cwd : common;
}

function isGlob(arg: string): boolean {
  return picomatch.scan(arg).isGlob;
}

/**
 * Resolves `check`'s arguments into absolute file paths: argument order, each directory or
 * glob sorted, duplicates dropped. No argument means the working directory. Throws a
 * CliError (exit 2) for a path that does not exist, an explicit file of another kind, and a
 * directory or glob with no Sigfox file in it.
 */
export function discoverFiles(args: readonly string[], cwd: string, walker = new TreeWalker(cwd)): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  const add = (files: readonly string[]): void => {
    for (const f of files)
      if (!seen.has(f)) {
        seen.add(f);
        out.push(f);
      }
  };
  for (const arg of args.length ? args : ['.']) {
    const abs = resolve(cwd, arg);
    let st: Stats | undefined;
    try {
      st = statSync(abs);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' && (err as NodeJS.ErrnoException).code !== 'ENOTDIR') {
        throw new CliError(`${arg}: cannot read: ${describeFsError(err)}`);
      }
    }
    if (st?.isDirectory()) {
      const files = walker.walk(abs);
      if (files.length === 0) {
        throw new CliError(
          `${arg === '.' ? 'the current directory' : arg}: no ${KINDS_TEXT} file in this directory${args.length ? '' : ' (check with no argument looks under the current directory)'}; files ignored by .gitignore are skipped`,
        );
      }
      add(files);
    } else if (st) {
      if (!kindOfUri(abs)) throw new CliError(`${arg}: not a Sigfox file: check reads ${KINDS_TEXT} files`);
      if (!st.isFile()) throw new CliError(`${arg}: ${NOT_REGULAR}`);
      add([abs]);
    } else if (isGlob(arg)) {
      add(expandGlob(arg, cwd, walker));
    } else {
      throw new CliError(`${arg}: no such file or directory`);
    }
  }
  return out;
}

function expandGlob(pattern: string, cwd: string, walker: TreeWalker): string[] {
  const normalised = pattern.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
  const { base } = picomatch.scan(normalised);
  const absolute = isAbsolute(normalised);
  const root = resolve(cwd, base || '.');
  const isMatch = picomatch(normalised, { dot: true });
  let candidates: readonly string[] = [];
  try {
    if (statSync(root).isDirectory()) candidates = walker.walk(root);
  } catch {
    /* base does not exist: no match */
  }
  const matches = candidates.filter(f => isMatch(absolute ? f.split(sep).join('/') : displayPath(f, cwd)));
  if (matches.length === 0)
    throw new CliError(`${pattern}: no ${KINDS_TEXT} file matches this pattern (files ignored by .gitignore are skipped)`);
  return matches;
}
