/**
 * Fixtures for the language-service tests: an in-memory workspace (a WorkspaceHost over a Map)
 * and `|` cursor markers.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position } from 'vscode-languageserver-types';
import { DEFAULT_SETTINGS, kindOfUri, type DocumentKind, type Settings, type WorkspaceHost } from '../../../server/src/core/workspace';

export const FOLDER = 'file:///ws';

export function uriOf(path: string): string {
  return `${FOLDER}/${path}`;
}

export class MemoryHost implements WorkspaceHost {
  readonly texts = new Map<string, string>();
  currentSettings: Settings = DEFAULT_SETTINGS;

  constructor(files: Record<string, string> = {}) {
    for (const [path, text] of Object.entries(files)) this.set(path, text);
  }

  set(path: string, text: string): string {
    const uri = uriOf(path);
    this.texts.set(uri, text);
    return uri;
  }

  delete(path: string): void {
    this.texts.delete(uriOf(path));
  }

  readText(uri: string): string | undefined {
    return this.texts.get(uri);
  }

  listFiles(kind: DocumentKind): readonly string[] {
    return [...this.texts.keys()].filter(uri => kindOfUri(uri) === kind);
  }

  settings(): Settings {
    return this.currentSettings;
  }

  workspaceFolderOf(uri: string): string | undefined {
    return uri.startsWith(`${FOLDER}/`) ? FOLDER : undefined;
  }

  /** The file as an open document; `version` lets a test bump it. */
  document(path: string, version = 1): TextDocument {
    const uri = uriOf(path);
    const text = this.texts.get(uri);
    if (text === undefined) throw new Error(`no file ${path} in the test workspace`);
    const kind = kindOfUri(uri);
    return TextDocument.create(uri, kind === 'sfcallback' ? 'json' : (kind ?? 'plaintext'), version, text);
  }
}

/** Text without its `|` marker, and the marker's offset. */
export function cursor(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('|');
  if (offset < 0 || marked.indexOf('|', offset + 1) >= 0) throw new Error(`expected exactly one | in ${JSON.stringify(marked)}`);
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

/** Puts a `|`-marked file in the host; returns the open document and the cursor position. */
export function openAt(host: MemoryHost, path: string, marked: string): { document: TextDocument; position: Position; offset: number } {
  const { text, offset } = cursor(marked);
  host.set(path, text);
  const document = host.document(path);
  return { document, position: document.positionAt(offset), offset };
}
