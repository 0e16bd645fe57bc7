/**
 * One reading of a callback URL: the WHATWG URL parser, which Node uses to send. A URL that
 * other readers (RFC 3986 tools, Sigfox's backend, a human) would read differently is refused
 * rather than guessed: `http://evil.example\@api.company.example/` is host api.company.example
 * to RFC 3986 and to the eye, but Node sends to evil.example (a backslash is a `/` to WHATWG).
 */

/** Why the URL text is ambiguous, or undefined. The text should already be absolute http(s). */
export function urlAmbiguity(text: string): { message: string; start: number; end: number } | undefined {
  // In the query or the fragment a backslash is a plain character to every reader.
  const queryStart = text.search(/[?#]/);
  const backslash = text.indexOf('\\');
  if (backslash >= 0 && (queryStart < 0 || backslash < queryStart))
    return {
      message:
        'The URL contains a backslash: Node (WHATWG URL) reads it as `/`, other readers as a character, so the host the request goes to is ambiguous. Percent-encode it (%5C) or use `/`.',
      start: backslash,
      end: backslash + 1,
    };
  const scheme = text.indexOf('://');
  if (scheme < 0) return undefined;
  const afterScheme = scheme + 3;
  const rest = text.slice(afterScheme);
  const authorityEnd = rest.search(/[/?#]/);
  const authority = authorityEnd < 0 ? rest : rest.slice(0, authorityEnd);
  const at = authority.indexOf('@');
  if (at >= 0 && authority.indexOf('@', at + 1) >= 0)
    return {
      message:
        'The URL has more than one `@` before its path: readers disagree on where the user info ends and the host begins. Percent-encode `@` in the user info (%40).',
      start: afterScheme,
      end: afterScheme + authority.length,
    };
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return undefined; // not a URL at all: reported as such by the caller
  }
  // RFC 3986 reading: the host is what lies between the user info and the port.
  const hostPart = authority.slice(at + 1).replace(/:\d*$/, '');
  let literal: string;
  try {
    literal = new URL(`${parsed.protocol}//${hostPart}/`).hostname;
  } catch {
    literal = hostPart;
  }
  if (literal !== parsed.hostname)
    return {
      message: `The URL reads as host ${JSON.stringify(literal)} but is sent to ${JSON.stringify(parsed.hostname)}: write it so both readings agree.`,
      start: afterScheme,
      end: afterScheme + authority.length,
    };
  return undefined;
}
