/**
 * Secrets never leave the simulator unmasked: every value read from the environment, every
 * credential written in the definition (Authorization, shared access keys, URL passwords), and
 * every Authorization header value are replaced by `****` in what is returned, wherever they show
 * up (an echo server reflects them in its answer), including their URL- and JSON-encoded forms.
 */

export const MASK = '****';

export class SecretMasker {
  private readonly variants: string[];

  constructor(secrets: Iterable<string>) {
    const all = new Set<string>();
    for (const secret of secrets) {
      if (secret.length === 0) continue;
      all.add(secret);
      all.add(encodeURIComponent(secret));
      all.add(JSON.stringify(secret).slice(1, -1));
    }
    // Longest first, so a secret containing another is masked whole.
    this.variants = [...all].sort((a, b) => b.length - a.length);
  }

  /**
   * For text the simulator did not build (the server's answer, error messages): each secret is
   * masked where it stands as a whole token, not inside a word, so a one-letter value does not
   * mask every `a` of `application/json`. What the simulator sends is masked where the values
   * were substituted (maskedRequest), not here.
   */
  text(value: string): string {
    let out = value;
    for (const secret of this.variants) if (out.includes(secret)) out = maskWholeOccurrences(out, secret);
    return out;
  }

  headers(headers: Readonly<Record<string, string>>): Record<string, string> {
    // fromEntries defines own properties: a `__proto__` header is shown, not dropped.
    return Object.fromEntries(
      Object.entries(headers).map(([name, value]) => [
        name,
        name.toLowerCase() === 'authorization' ? maskAuthorization(value) : this.text(value),
      ]),
    );
  }
}

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && /[\p{L}\p{N}_]/u.test(c);
}

function maskWholeOccurrences(text: string, secret: string): string {
  let out = '';
  let pos = 0;
  for (let at = text.indexOf(secret); at >= 0; at = text.indexOf(secret, at + 1)) {
    if (at < pos) continue;
    const whole =
      !(isWordChar(secret[0]) && isWordChar(text[at - 1])) &&
      !(isWordChar(secret[secret.length - 1]) && isWordChar(text[at + secret.length]));
    if (!whole) continue;
    out += text.slice(pos, at) + MASK;
    pos = at + secret.length;
  }
  return out + text.slice(pos);
}

/** `Bearer abc` -> `Bearer ****`: the scheme helps debugging, the credential stays hidden. */
export function maskAuthorization(value: string): string {
  const scheme = /^\s*([A-Z][\w!#$%&'*+.^`|~-]*)\s+\S/i.exec(value);
  return scheme ? `${scheme[1]} ${MASK}` : MASK;
}

/** The credential part of an Authorization value, to mask it elsewhere too. */
export function authorizationSecret(value: string): string {
  const scheme = /^\s*[A-Z][\w!#$%&'*+.^`|~-]*\s+(?=\S)/i.exec(value);
  return (scheme ? value.slice(scheme[0].length) : value).trim();
}
