/**
 * The language server entry: a connection over the transport given on the command line
 * (`--stdio`, `--node-ipc`, `--socket=N`, `--pipe=NAME`, as vscode-languageserver reads them),
 * handed to startServer. The only place where a connection is created at load time.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp';

startServer(createConnection(ProposedFeatures.all));
