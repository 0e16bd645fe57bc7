/** The LSP glue: `startServer(connection)` for the entry (main.ts), the CLI (`lsp --stdio`) and the tests. */
export { startServer, type RunningServer, type StartServerOptions } from './server';
