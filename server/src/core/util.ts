/**
 * Small text and value helpers shared across the core. Everything here runs in linear time on
 * user-controlled strings (no regular expression that can backtrack).
 */

/** `text` without the leading and trailing characters for which `strip` holds. */
export function trimWhere(text: string, strip: (c: string) => boolean): string {
  let start = 0;
  let end = text.length;
  while (start < end && strip(text[start] as string)) start++;
  while (end > start && strip(text[end - 1] as string)) end--;
  return text.slice(start, end);
}

/** `text` without the trailing characters for which `strip` holds. */
export function trimEndWhere(text: string, strip: (c: string) => boolean): string {
  let end = text.length;
  while (end > 0 && strip(text[end - 1] as string)) end--;
  return text.slice(0, end);
}
