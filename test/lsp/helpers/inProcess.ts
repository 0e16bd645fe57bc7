/**
 * The server in-process: startServer on one end of two paired streams, a TestClient on the
 * other; and a throwaway workspace folder on disk (the server reads unopened files from disk).
 */
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { createMessageConnection, StreamMessageReader as ClientReader, StreamMessageWriter as ClientWriter } from 'vscode-jsonrpc/node';
import { createConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { startServer, type StartServerOptions } from '../../../server/src/lsp';
import { TestClient, type ClientOptions } from './client';

export class TempWorkspace {
  readonly root: string;
  readonly uri: string;

  constructor(files: Record<string, string> = {}) {
    this.root = mkdtempSync(join(tmpdir(), 'sigfox-lsp-'));
    this.uri = URI.file(this.root).toString();
    for (const [path, text] of Object.entries(files)) this.write(path, text);
  }

  uriOf(path: string): string {
    return URI.file(join(this.root, path)).toString();
  }

  write(path: string, text: string): string {
    const full = join(this.root, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
    return this.uriOf(path);
  }

  remove(path: string): string {
    unlinkSync(join(this.root, path));
    return this.uriOf(path);
  }

  rename(from: string, to: string): void {
    renameSync(join(this.root, from), join(this.root, to));
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

export interface InProcessServer {
  readonly client: TestClient;
  dispose(): Promise<void>;
}

export async function startInProcess(
  options: ClientOptions & { server?: StartServerOptions; initialize?: boolean } = {},
): Promise<InProcessServer> {
  const clientToServer = new PassThrough();
  const serverToClient = new PassThrough();
  const serverConnection = createConnection(new StreamMessageReader(clientToServer), new StreamMessageWriter(serverToClient));
  const server = startServer(serverConnection, { routeConsole: false, ...options.server });
  const client = new TestClient(createMessageConnection(new ClientReader(serverToClient), new ClientWriter(clientToServer)), options);
  if (options.initialize !== false) {
    await client.initialize();
    // The workspace is indexed once initialized: wait for it, so file-based rules are in force.
    if (options.workspaceFolders?.length) await client.waitForLog(/indexed \d+ Sigfox file/);
  }
  return {
    client,
    async dispose() {
      // `shutdown` only: the `exit` notification would end the test process itself.
      await client.request('shutdown', null).catch(() => undefined);
      server.dispose();
      client.connection.dispose();
      serverConnection.dispose();
      clientToServer.end();
      serverToClient.end();
    },
  };
}
