/**
 * The rule a long completion list is cut by. A list longer than COMPLETION_FILTER_THRESHOLD is
 * filtered by the word typed so far, cut to COMPLETION_LIST_LIMIT items and marked incomplete, so
 * the client asks again as the word grows: a 1,000-field payload config would otherwise send every
 * field (over 300 KB) per keystroke. Short lists (the 64 integer widths) go out whole, for the
 * client to filter.
 */
export const COMPLETION_FILTER_THRESHOLD = 100;
export const COMPLETION_LIST_LIMIT = 50;

/**
 * Whether the client would show an item whose filter text (already lower case) is `lowerText`
 * for `lowerTyped`: it holds the typed characters in order. Looser than any client's fuzzy match,
 * so no item a client would show is dropped.
 */
export function mayMatch(lowerText: string, lowerTyped: string): boolean {
  let at = 0;
  for (const c of lowerTyped) {
    at = lowerText.indexOf(c, at) + 1;
    if (at === 0) return false;
  }
  return true;
}
