/**
 * Which files a callback definition may name: files of its project only. A definition is input
 * (cloned repositories, pull requests), and `send` POSTs what it names, so `../../etc/shadow`,
 * an absolute path, a symlink out of the project or a network path (`//host/share`, which
 * Windows opens over SMB, sending the user's NTLM credentials) must never be read.
 */
import { dirnameOf, resolveRelative } from './associations';
import type { CallbackFileResolver } from './callback/references';
import type { WorkspaceHost } from './workspace';

/** `//host/share/x`, `\\host\share\x`, `\\?\UNC\...`, `file://host/...`: a path on another machine. */
export function isNetworkPath(path: string): boolean {
  const p = path.trim();
  return /^[/\\]{2}/.test(p) || /^file:\/\/(?!\/)/i.test(p);
}

/** Whether a file uri is a network location (a uri with a host: what a UNC path becomes). */
export function isNetworkUri(uri: string): boolean {
  return /^file:\/\/[^/]/i.test(uri);
}

/**
 * The resolver for the files `definitionUri` names: relative to it, and only inside its project
 * (the host decides, after resolving symlinks); anything else reads as nothing and is `outside`.
 */
export function definitionFileResolver(host: WorkspaceHost, definitionUri: string): CallbackFileResolver {
  const folder = dirnameOf(definitionUri);
  // One check asks about the same path several times (each rule that reads it); the answer costs
  // the host file-system lookups, and a resolver lives for one check only.
  const answers = new Map<string, boolean>();
  const outside = (path: string): boolean => {
    let answer = answers.get(path);
    if (answer === undefined) {
      const uri = resolveRelative(folder, path);
      answer = isNetworkPath(path) || isNetworkUri(uri) || host.isInsideProject?.(uri, definitionUri) === false;
      answers.set(path, answer);
    }
    return answer;
  };
  return {
    readRelative: path => (outside(path) ? undefined : host.readText(resolveRelative(folder, path))),
    outside,
  };
}
