import type { CallbackFileResolver } from '../../../server/src/core/callback';

/** `⟦` and `⟧` mark the range a problem must cover; returns the text without them and the range. */
export function marked(source: string): { text: string; start: number; end: number } {
  const start = source.indexOf('⟦');
  const end = source.indexOf('⟧') - 1;
  if (start < 0 || end < start) throw new Error(`no ⟦range⟧ in ${source}`);
  return { text: source.replace('⟦', '').replace('⟧', ''), start, end };
}

/** A resolver over in-memory files, by path as written in the definition. */
export function filesResolver(files: Readonly<Record<string, string>> = {}): CallbackFileResolver {
  return { readRelative: path => (Object.prototype.hasOwnProperty.call(files, path) ? files[path] : undefined) };
}

/** A minimal valid DATA/UPLINK URL callback, with extra keys spliced in. */
export function urlCallback(extra = '', overrides: { method?: string; body?: boolean } = {}): string {
  const method = overrides.method ?? 'POST';
  const body = overrides.body ?? method !== 'GET';
  return `{
  "channel": "URL",
  "callbackType": 0,
  "callbackSubtype": 2,
  "url": "https://example.com/sigfox/{device}",
  "httpMethod": "${method}"${body ? ',\n  "contentType": "application/json",\n  "bodyTemplate": "{\\"device\\": \\"{device}\\"}"' : ''}${extra ? `,\n  ${extra}` : ''}
}`;
}
