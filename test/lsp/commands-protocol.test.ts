/**
 * The requests behind the editor commands, through the real server in-process:
 * `sigfox/canonicalConfig` ("Copy Payload Config as One Line") and `sigfox/sendTestCallback`
 * ("Send Test Callback": the server sends, against a real HTTP server on 127.0.0.1 started
 * here), plus document links on the files a callback definition names.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DocumentLink } from 'vscode-languageserver-protocol';
import {
  CanonicalConfigRequest,
  SendTestCallbackRequest,
  type CanonicalConfigResult,
  type SendTestCallbackParams,
  type SendTestCallbackResponse,
} from '../../server/src/protocol';
import type { ServerResponse } from 'node:http';
import { json, serve, type Received } from '../helpers/httpServer';
import { startInProcess, TempWorkspace, type InProcessServer } from './helpers/inProcess';

const SECRET = 'lsp-secret-token-5e1f';
const ENV_NAME = 'SIGFOX_LSP_TEST_TOKEN';

const FILES = {
  'room.sfgrammar': '# a room sensor\ntemp::uint:8   # degrees\nhumidity::uint:8\nlum::uint:8\nvoltage::uint:16\n',
  'broken.sfgrammar': 'a::uint:8 a::uint:8\nb::float:16\n',
  'body.sftemplate': '{"device": "{device}", "temp": {customData#temp}, "voltage": {customData#voltage}}',
  'uplink.sfcallback.json': JSON.stringify(
    {
      channel: 'URL',
      callbackType: 0,
      callbackSubtype: 2,
      payloadConfigFile: 'room.sfgrammar',
      url: 'https://api.example.com/up/{device}',
      httpMethod: 'POST',
      contentType: 'application/json',
      bodyTemplateFile: 'body.sftemplate',
      headers: { Authorization: `Bearer \${env:${ENV_NAME}}` },
    },
    null,
    2,
  ),
  'bidir.sfcallback.json': JSON.stringify(
    {
      channel: 'URL',
      callbackType: 0,
      callbackSubtype: 3,
      payloadConfig: 'temp::uint:8',
      url: 'https://downlink.example.com/sigfox?device={device}&ack={ack}',
      httpMethod: 'POST',
      contentType: 'application/json',
      bodyTemplate: '{"device":"{device}","temp":{customData#temp},"ack":{ack}}',
    },
    null,
    2,
  ),
  'bad.sfcallback.json': JSON.stringify(
    { channel: 'URL', callbackType: 0, callbackSubtype: 2, url: 'https://example.com', httpMethod: 'PATCH' },
    null,
    2,
  ),
};

describe('command requests over LSP', () => {
  let workspace: TempWorkspace;
  let server: InProcessServer;
  const canonical = (uri: string): Promise<CanonicalConfigResult> => server.client.request(CanonicalConfigRequest.method, { uri });
  const send = (params: SendTestCallbackParams): Promise<SendTestCallbackResponse> =>
    server.client.request(SendTestCallbackRequest.method, params);

  before(async () => {
    workspace = new TempWorkspace(FILES);
    server = await startInProcess({ workspaceFolders: [workspace.uri], server: { env: { [ENV_NAME]: SECRET }, sendTimeoutMs: 5000 } });
  });

  after(async () => {
    await server.dispose();
    workspace.dispose();
  });

  describe('sigfox/canonicalConfig', () => {
    it('gives the fields joined by one space, without comments, and no error count for a clean config', async () => {
      assert.deepEqual(await canonical(workspace.uriOf('room.sfgrammar')), {
        text: 'temp::uint:8 humidity::uint:8 lum::uint:8 voltage::uint:16',
        errors: 0,
      });
    });

    it('reads the open buffer, not the file', async () => {
      const uri = workspace.uriOf('room.sfgrammar');
      await server.client.open(uri, 'sfgrammar', FILES['room.sfgrammar']);
      await server.client.change(uri, 'temp::int:8\n\n\tlum::uint:8 # edited\n');
      assert.deepEqual(await canonical(uri), { text: 'temp::int:8 lum::uint:8', errors: 0 });
      await server.client.close(uri);
    });

    it('gives the text of a config with errors anyway, with how many', async () => {
      const r = await canonical(workspace.uriOf('broken.sfgrammar'));
      assert.equal(r.text, 'a::uint:8 a::uint:8 b::float:16');
      assert.equal(r.errors, 2, 'a duplicate name (SFG005) and a float of 16 bits (SFG011)');
    });

    it('says why when there is nothing to copy', async () => {
      assert.match((await canonical(workspace.uriOf('missing.sfgrammar'))).error!, /cannot be read/);
      assert.match((await canonical(workspace.uriOf('body.sftemplate'))).error!, /not a payload config/);
    });
  });

  describe('sigfox/sendTestCallback', () => {
    it('sends the callback as Sigfox would, and reports a 2xx answer as delivered', async () => {
      const http = await serve((_req, res) => json(res, 201, { stored: true }));
      try {
        const r = await send({
          uri: workspace.uriOf('uplink.sfcallback.json'),
          hex: '1a2b3c0e74',
          urlOverride: http.url,
          variables: { device: 'ABC123' },
        });
        assert.equal(r.outcome, 'delivered', r.message);
        assert.match(r.message, /^Delivered: HTTP 201 Created in \d+ ms\.$/);
        assert.equal(http.requests.length, 1);
        const [received] = http.requests;
        assert.equal(received!.method, 'POST');
        assert.equal(received!.url, '/up/ABC123');
        assert.equal(received!.headers['authorization'], `Bearer ${SECRET}`, "the real token is sent, from the server's environment");
        assert.deepEqual(JSON.parse(received!.body), { device: 'ABC123', temp: 26, voltage: 3700 });
        assert.deepEqual(r.request, {
          method: 'POST',
          url: `${http.url}/up/ABC123`,
          headers: { Authorization: 'Bearer ****', 'Content-Type': 'application/json' },
          body: received!.body,
          environmentVariables: [ENV_NAME],
        });
        assert.equal(r.response!.status, 201);
        assert.equal(r.response!.statusText, 'Created');
        assert.equal(r.response!.headers['content-type'], 'application/json');
        assert.equal(r.response!.body, '{"stored":true}');
        assert.equal(typeof r.timeMs, 'number');
        assert.equal(r.bidir, undefined, 'an UPLINK callback has no downlink');
      } finally {
        await http.close();
      }
    });

    it('reports a 4xx answer as a failed delivery, with the answer', async () => {
      const http = await serve((_req, res) => json(res, 404, { error: 'no such room' }));
      try {
        const r = await send({ uri: workspace.uriOf('uplink.sfcallback.json'), hex: '1a2b3c0e74', urlOverride: http.url });
        assert.equal(r.outcome, 'http-error');
        assert.equal(r.message, 'The server answered HTTP 404 Not Found: Sigfox counts the delivery as failed and retries it later.');
        assert.equal(r.response!.status, 404);
        assert.equal(r.response!.body, '{"error":"no such room"}');
      } finally {
        await http.close();
      }
    });

    it('never returns a secret, even from a server that echoes it back', async () => {
      const http = await serve((req, res) => json(res, 200, { echoed: req.headers['authorization'], body: req.body }));
      try {
        const r = await send({ uri: workspace.uriOf('uplink.sfcallback.json'), hex: '1a2b3c0e74', urlOverride: http.url });
        assert.equal(r.outcome, 'delivered');
        assert.equal(http.requests[0]!.headers['authorization'], `Bearer ${SECRET}`);
        assert.ok(!JSON.stringify(r).includes(SECRET), `the secret leaked: ${JSON.stringify(r)}`);
        assert.match(r.response!.body, /"echoed":"Bearer \*\*\*\*"/);
      } finally {
        await http.close();
      }
    });

    it('checks a BIDIR answer: a valid downlink reply, then one that is not', async () => {
      let reply: (req: Received, res: ServerResponse) => void = (_req, res) => json(res, 200, { D1: { downlinkData: '0102030405060708' } });
      const http = await serve((req, res) => reply(req, res));
      try {
        const ok = await send({
          uri: workspace.uriOf('bidir.sfcallback.json'),
          hex: '2a',
          urlOverride: http.url,
          variables: { device: 'D1' },
        });
        assert.equal(ok.outcome, 'delivered', ok.message);
        assert.deepEqual(ok.bidir, { valid: true, noData: false, downlinkHex: '0102030405060708', problems: [] });
        assert.match(ok.message, /, downlink 0102030405060708\.$/);
        assert.match(http.requests[0]!.url, /^\/sigfox\?device=D1&ack=/);

        reply = (_req, res) => json(res, 200, { D1: { downlinkData: '0102' } });
        const bad = await send({
          uri: workspace.uriOf('bidir.sfcallback.json'),
          hex: '2a',
          urlOverride: http.url,
          variables: { device: 'D1' },
        });
        assert.equal(bad.outcome, 'invalid-downlink-reply');
        assert.equal(bad.bidir!.valid, false);
        assert.ok(
          bad.bidir!.problems.some(p => p.severity === 'error'),
          JSON.stringify(bad.bidir),
        );
      } finally {
        await http.close();
      }
    });

    it('sends nothing for a bad frame, a bad URL or a definition with errors, and says what to fix where', async () => {
      const http = await serve((_req, res) => json(res, 200, {}));
      try {
        const uri = workspace.uriOf('uplink.sfcallback.json');
        const badHex = await send({ uri, hex: '1a2g', urlOverride: http.url });
        assert.equal(badHex.outcome, 'not-sent');
        assert.match(badHex.message, /not valid hex/);
        const badUrl = await send({ uri, hex: '1a', urlOverride: 'ftp://example.com' });
        assert.equal(badUrl.outcome, 'not-sent');
        assert.match(badUrl.message, /absolute http:\/\/ or https:\/\/ URL/);
        const bad = await send({ uri: workspace.uriOf('bad.sfcallback.json'), hex: '1a', urlOverride: http.url });
        assert.equal(bad.outcome, 'not-sent');
        assert.match(bad.message, /has 1 error/);
        const located = bad.problems.find(p => p.severity === 'error')!;
        assert.equal(located.uri, workspace.uriOf('bad.sfcallback.json'));
        assert.ok(located.code.startsWith('SFC'), located.code);
        assert.ok(located.range.start.line > 0, 'located on the offending line');
        assert.equal(http.requests.length, 0, 'nothing reached the server');
      } finally {
        await http.close();
      }
    });

    it('reads the open buffer of the definition', async () => {
      const http = await serve((_req, res) => json(res, 200, {}));
      try {
        const uri = workspace.uriOf('uplink.sfcallback.json');
        await server.client.open(uri, 'json', FILES['uplink.sfcallback.json']);
        await server.client.change(uri, FILES['uplink.sfcallback.json'].replace('/up/{device}', '/edited/{device}'));
        const r = await send({ uri, hex: '1a2b3c0e74', urlOverride: http.url, variables: { device: 'X' } });
        assert.equal(r.outcome, 'delivered', r.message);
        assert.equal(http.requests[0]!.url, '/edited/X');
        await server.client.close(uri);
      } finally {
        await http.close();
      }
    });
  });

  describe('textDocument/documentLink', () => {
    it('links the files a callback definition names', async () => {
      const uri = workspace.uriOf('uplink.sfcallback.json');
      await server.client.open(uri, 'json', FILES['uplink.sfcallback.json']);
      const links = await server.client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri } });
      assert.deepEqual(links.map(l => l.target).sort(), [workspace.uriOf('body.sftemplate'), workspace.uriOf('room.sfgrammar')]);
      await server.client.close(uri);
    });
  });
});
