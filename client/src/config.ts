// Names and static configuration of the client: ids, document selector, watched files.
// The settings themselves (`sigfox.*`) are read by the server (workspace/configuration);
// the client only forwards change notifications for the section.
import * as path from 'path';
import type { DocumentSelector } from 'vscode-languageclient/node';

/** Client id: vscode-languageclient reads the trace level from `${CLIENT_ID}.trace.server`. */
export const CLIENT_ID = 'sigfox';
export const CLIENT_NAME = 'Sigfox Callbacks';
/** Settings section synchronised to the server. */
export const SETTINGS_SECTION = 'sigfox';
/** The one output channel: client messages and the server's console output land here. */
export const OUTPUT_CHANNEL_NAME = 'Sigfox Callbacks';

/** Server bundle, relative to the extension root (see .esbuild.mjs and .vscodeignore). */
export const SERVER_MODULE = path.join('server', 'out', 'main.js');
/** Port for `--inspect` when the extension runs in debug mode (F5 from a development host). */
export const SERVER_DEBUG_PORT = 6010;

export const DOCUMENT_SELECTOR: DocumentSelector = [
  { scheme: 'file', language: 'sfgrammar' },
  { scheme: 'untitled', language: 'sfgrammar' },
  { scheme: 'file', language: 'sftemplate' },
  { scheme: 'untitled', language: 'sftemplate' },
  { scheme: 'file', language: 'json', pattern: '**/*.sfcallback.json' },
];

/** Files whose creation, change or deletion on disk the server must hear about, open or not
 * (a template depends on its grammar and on the callback definitions naming it). */
export const WATCHED_GLOBS: readonly string[] = ['**/*.sfgrammar', '**/*.sftemplate', '**/*.sfcallback.json'];
