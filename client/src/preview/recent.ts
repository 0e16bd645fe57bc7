/** Most-recently-used ordering for the grammar quick pick. Pure: no `vscode`. */

export const MAX_RECENT = 10;

/** `candidates` with the recently used ones first (most recent first), the rest in their given order. */
export function orderByRecent(candidates: readonly string[], recent: readonly string[]): string[] {
  const rank = new Map(recent.map((uri, i) => [uri, i]));
  const used = candidates.filter(c => rank.has(c)).sort((a, b) => rank.get(a)! - rank.get(b)!);
  return [...used, ...candidates.filter(c => !rank.has(c))];
}

/** The recent list after using `uri`: it moves to the front; the list stays short. */
export function pushRecent(recent: readonly string[], uri: string): string[] {
  return [uri, ...recent.filter(r => r !== uri)].slice(0, MAX_RECENT);
}
