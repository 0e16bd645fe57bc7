// Builds the LanguageClient: how to start the server and which documents and files it serves.
import type * as vscode from 'vscode';
import {
  LanguageClient,
  RevealOutputChannelOn,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { SERVER_EXEC_ARGV } from '../../server/src/serverRuntime';
import { CLIENT_ID, CLIENT_NAME, DOCUMENT_SELECTOR, SERVER_DEBUG_PORT, SETTINGS_SECTION } from './config';

export interface ClientDeps {
  /** Absolute path of the bundled server (server/out/main.js). */
  serverModule: string;
  outputChannel: vscode.OutputChannel;
  /** Owned by the caller: they outlive a restart of the client. */
  fileWatchers: vscode.FileSystemWatcher[];
}

export function createClient({ serverModule, outputChannel, fileWatchers }: ClientDeps): LanguageClient {
  // The server is forked with the extension host's Node and talks over node IPC.
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_EXEC_ARGV] } },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: [...SERVER_EXEC_ARGV, '--nolazy', `--inspect=${SERVER_DEBUG_PORT}`] },
    },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    synchronize: { configurationSection: SETTINGS_SECTION, fileEvents: fileWatchers },
    outputChannel,
    // Problems show as diagnostics; the channel opens on demand ("Sigfox: Show Output").
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    diagnosticCollectionName: CLIENT_ID,
  };
  return new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
}
