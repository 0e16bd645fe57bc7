/**
 * Which callback definitions may name a template, remembered between runs. A pre-commit `check`
 * of one template must still find a definition anywhere in the project that names it
 * (`"bodyTemplateFile": "../bodies/t.sftemplate"`): without this index that is a walk of the whole
 * tree and a read of every definition, as long as the check itself in a large repository.
 *
 * The index lives in the user's cache folder (never in the project), one file per project, and is
 * trusted only where nothing can have changed since it was written:
 * - the walk's list of definitions, while every folder it read has the same modification and
 *   change times and inode, and every `.gitignore` (and `.git` above the root) it looked at is
 *   unchanged, present or absent alike;
 * - what a definition names, while its size, times and inode are unchanged.
 * A stamp whose change is less than RACY_MS older than the run is never stored (a later edit in the
 * same timestamp tick would look unchanged, and a folder changed while the walk ran would keep its
 * old listing), so a file edited just before or during a run is read again by the next one.
 * What a definition names is read as the association index reads it (bodyTemplateFileOf: escapes,
 * duplicate keys and broken JSON alike). Anything unexpected in the index file (another version,
 * another project, a bad shape) means no index.
 */
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { bodyTemplateFileOf } from '../core/associations';
import { kindOfUri, MAX_INDEXED_FILE_CHARS } from '../core/workspace';
import { cacheFolder, pruneCache, saveToCache } from './cacheFolder';
import type { TreeWalker } from './fileDiscovery';
import { VERSION } from './version';

/** Timestamps this close to the moment they were read may hide a second change in the same tick (1 s file systems included). */
const RACY_MS = 3000;
const FORMAT = 1;
/** Projects whose index is kept: a few hundred KB each at 10,000 files. */
const KEPT_INDEXES = 64;
/** An index larger than this is not read (a project of 100,000 definitions writes about 20 MB). */
const MAX_INDEX_BYTES = 64 * 1024 * 1024;

/** Modification time, change time (ms, sub-ms precision), inode and size: what a change moves. */
type Stamp = readonly [mtimeMs: number, ctimeMs: number, ino: number, size: number];
/** The bodyTemplateFile a definition names, as written ([] when none). */
type Names = readonly string[];

interface IndexFile {
  readonly format: number;
  readonly version: string;
  readonly root: string;
  readonly cwd: string;
  /** The walk, when all of it was old enough to trust. */
  readonly walk?: {
    readonly stamps: readonly (readonly [string, Stamp | null])[];
    readonly definitions: readonly string[];
  };
  readonly definitions: Readonly<Record<string, readonly [Stamp, Names]>>;
}

/** Where the index of `root` is kept (see cacheFolder), or undefined for none. */
export function definitionCacheFile(env: NodeJS.ProcessEnv, root: string, cwd: string): string | undefined {
  const dir = cacheFolder(env);
  if (dir === undefined) return undefined;
  const key = createHash('sha256').update(`${root}\0${cwd}`).digest('hex').slice(0, 20);
  return join(dir, `definitions-${key}.json`);
}

/**
 * The callback definitions under `root`, outside `skip`, whose `bodyTemplateFile` may name one of
 * the file names `names` (sorted as the walk lists them); with `indexFile`, through the index.
 */
export function definitionsThatMayName(
  root: string,
  cwd: string,
  walker: TreeWalker,
  names: readonly string[],
  skip: ReadonlySet<string>,
  indexFile: string | undefined,
): string[] {
  // A change during this run (after the walk read a folder, before its stamp) is at most this old.
  const startedAt = Date.now();
  const index = indexFile === undefined ? undefined : loadIndex(indexFile, root, cwd);
  let definitions =
    index?.walk && index.walk.stamps.every(([path, stamp]) => sameStamp(stampAt(path, true), stamp)) ? index.walk.definitions : undefined;
  let walk: IndexFile['walk'] | undefined = definitions && index?.walk;
  let changed = indexFile !== undefined && index === undefined;
  if (!definitions) {
    definitions = walker.walk(root).filter(path => kindOfUri(path) === 'sfcallback');
    walk = walkStamps(walker.walkInputs(root), definitions, startedAt);
    changed = true;
  }
  const entries: Record<string, readonly [Stamp, Names]> = {};
  const out: string[] = [];
  for (const path of definitions) {
    const stamp = stampAt(path);
    if (stamp === null) continue; // gone, or not a file: it names nothing
    const cached = index?.definitions[path];
    let named: Names | undefined;
    if (cached && sameStamp(stamp, cached[0])) named = cached[1];
    else {
      changed = true;
      named = namesIn(path, stamp);
    }
    if (named === undefined) continue; // unreadable or too large: never indexed
    if (isSettled(stamp, startedAt)) entries[path] = [stamp, named];
    else changed = true;
    if (skip.has(path)) continue;
    if (named.some(value => names.some(name => value.includes(name)))) out.push(path);
  }
  if (changed && indexFile !== undefined) {
    const index: IndexFile = { format: FORMAT, version: VERSION, root, cwd, ...(walk ? { walk } : {}), definitions: entries };
    // One index per project (and working folder): the least recently written go past KEPT_INDEXES.
    if (saveToCache(indexFile, JSON.stringify(index)))
      pruneCache(dirname(indexFile), name => /^definitions-.*\.json$/.test(name), KEPT_INDEXES);
  }
  return out;
}

/** The walk's stamps, or undefined when one of them is too recent to trust. */
function walkStamps(
  inputs: ReturnType<TreeWalker['walkInputs']>,
  definitions: readonly string[],
  startedAt: number,
): IndexFile['walk'] | undefined {
  if (!inputs) return undefined;
  const stamps: (readonly [string, Stamp | null])[] = [];
  for (const path of [...inputs.folders, ...inputs.probes]) {
    const stamp = stampAt(path, true);
    if (stamp !== null && !isSettled(stamp, startedAt)) return undefined;
    stamps.push([path, stamp]);
  }
  return { stamps, definitions };
}

/** The stamp of a file (of anything, with `any`), null when there is none. */
function stampAt(path: string, any = false): Stamp | null {
  try {
    const st = statSync(path);
    if (!any && !st.isFile()) return null;
    return [st.mtimeMs, st.ctimeMs, st.ino, st.size];
  } catch {
    return null;
  }
}

function sameStamp(a: Stamp | null, b: Stamp | null): boolean {
  if (a === null || b === null) return a === b;
  return a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3];
}

/**
 * Whether a change recorded by this stamp is old enough that a later one would move it: older than
 * RACY_MS before this run started (a folder is stamped after the walk read it, and a change in
 * between must not be taken for the state the walk saw).
 */
function isSettled(stamp: Stamp, startedAt: number): boolean {
  return Math.max(stamp[0], stamp[1]) < startedAt - RACY_MS;
}

/** What a definition names (see Names); undefined when it cannot be read or is too large to index. */
function namesIn(path: string, stamp: Stamp): Names | undefined {
  if (stamp[3] > MAX_INDEXED_FILE_CHARS) return undefined;
  const bytes = readSmall(path);
  if (bytes === undefined) return undefined;
  const template = bodyTemplateFileOf(bytes.toString('utf8'));
  return template === undefined ? [] : [template];
}

let scratch = Buffer.allocUnsafe(64 * 1024);

/**
 * A regular file's bytes (in a buffer reused by the next call), undefined when it is not one, is
 * over the index limit or cannot be read. One non-blocking open: a file swapped for a FIFO since
 * the walk must not hang the check.
 */
function readSmall(path: string): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const st = fstatSync(fd);
    if (!st.isFile() || st.size > MAX_INDEXED_FILE_CHARS) return undefined;
    if (st.size > scratch.length) scratch = Buffer.allocUnsafe(st.size);
    return scratch.subarray(0, readSync(fd, scratch, 0, st.size, 0));
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function loadIndex(file: string, root: string, cwd: string): IndexFile | undefined {
  try {
    if (statSync(file).size > MAX_INDEX_BYTES) return undefined;
    const index = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return isIndexFile(index) && index.format === FORMAT && index.version === VERSION && index.root === root && index.cwd === cwd
      ? index
      : undefined;
  } catch {
    return undefined;
  }
}

function isIndexFile(value: unknown): value is IndexFile {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<IndexFile>;
  if (typeof v.definitions !== 'object' || v.definitions === null || Array.isArray(v.definitions)) return false;
  for (const entry of Object.values(v.definitions)) {
    if (!Array.isArray(entry) || entry.length !== 2 || !isStamp(entry[0])) return false;
    const names: unknown = entry[1];
    if (!Array.isArray(names) || !names.every(n => typeof n === 'string')) return false;
  }
  if (v.walk === undefined) return true;
  return (
    typeof v.walk === 'object' &&
    v.walk !== null &&
    Array.isArray(v.walk.definitions) &&
    v.walk.definitions.every(p => typeof p === 'string') &&
    Array.isArray(v.walk.stamps) &&
    v.walk.stamps.every(s => Array.isArray(s) && s.length === 2 && typeof s[0] === 'string' && (s[1] === null || isStamp(s[1])))
  );
}

function isStamp(value: unknown): value is Stamp {
  return Array.isArray(value) && value.length === 4 && value.every(n => typeof n === 'number');
}
