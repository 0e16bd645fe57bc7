/**
 * The language server entry: a connection over the transport given on the command line
 * (`--stdio`, `--node-ipc`, `--socket=N`, `--pipe=NAME`, as vscode-languageserver reads them),
 * handed to startServer. The only place where a connection is created at load time.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp';
import { stdioConnection } from './lsp/stdio';

// Over stdio, a malformed header or a closed stdin ends the process (the client restarts it)
// instead of leaving it alive and deaf.
startServer(
  process.argv.includes('--stdio')
    ? stdioConnection(process.stdin, process.stdout, (code, reason) => {
        if (reason) process.stderr.write(`sigfox language server: ${reason}\n`);
        process.exit(code);
      })
    : createConnection(ProposedFeatures.all),
);
