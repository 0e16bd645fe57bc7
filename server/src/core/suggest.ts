/** "Did you mean ...?" over a small list of names (variables, payload fields, keys, options): shared by every part of the core and the CLI. */

/** Edit distance, or `limit + 1` as soon as it is known to exceed `limit` (keeps long names cheap). */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  // Two rows of the distance matrix; `left` and `diagonal` carry the neighbours along the row.
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    let left = i;
    let diagonal = i - 1;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j] ?? limit + 1;
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      left = Math.min(above + 1, left + 1, diagonal + cost);
      current[j] = left;
      diagonal = above;
      if (left < rowMin) rowMin = left;
    }
    if (rowMin > limit) return limit + 1;
    [previous, current] = [current, previous];
  }
  return previous[b.length] ?? limit + 1;
}

/**
 * Beyond this length on both sides, names are not compared by edit distance: its cost is the
 * product of the lengths (a 200,000-character name against another took minutes), and a typo
 * worth pointing out is in a name of reasonable length.
 */
const MAX_COMPARED_LENGTH = 256;

/**
 * The candidates close to `name`, best first: same name in another case, then by edit distance
 * (ignoring case; at most a third of the name's length, at least 1), then names that start with it.
 */
export function didYouMean(name: string, candidates: Iterable<string>, limit = 3): string[] {
  const lower = name.toLowerCase();
  const maxDistance = Math.max(1, Math.floor(name.length / 3));
  const scored: { candidate: string; score: number; order: number }[] = [];
  let order = 0;
  for (const candidate of candidates) {
    order++;
    if (candidate === name) continue;
    const candidateLower = candidate.toLowerCase();
    const distance =
      Math.min(lower.length, candidateLower.length) > MAX_COMPARED_LENGTH
        ? maxDistance + 1
        : editDistance(lower, candidateLower, maxDistance);
    if (distance <= maxDistance) scored.push({ candidate, score: distance, order });
    else if (lower.length >= 3 && candidateLower.startsWith(lower)) scored.push({ candidate, score: maxDistance + 1, order });
  }
  scored.sort((x, y) => x.score - y.score || x.order - y.order);
  const result: string[] = [];
  for (const s of scored) {
    if (!result.includes(s.candidate)) result.push(s.candidate);
    if (result.length === limit) break;
  }
  return result;
}

/** "`a`", "`a` or `b`", "`a`, `b` or `c`". */
export function listOr(items: readonly string[], quote: (item: string) => string = item => `\`${item}\``): string {
  const quoted = items.map(quote);
  return quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}
