// @ts-check
// The commands and contributions around callback definitions, in a real VS Code: "Copy Payload
// Config as One Line", "Send Test Callback" (against an HTTP server started here, on 127.0.0.1;
// the language server sends, the extension shows), navigation from a definition to the files it
// names, and the JSON schema contribution (documentation from VS Code's JSON extension, without
// repeating our diagnostics). Every wait polls for the event; no fixed sleeps.
'use strict';
const assert = require('assert');
const http = require('http');
const vm = require('vm');
const vscode = require('vscode');
const { workspaceFile, waitFor, positionOf, codeOf, hoverText, labelOf, revert } = require('./helpers');

const ONE_LINE = 'temp::uint:8 humidity::uint:8 lum::uint:8 voltage::uint:16';

/** An HTTP server on 127.0.0.1 answering with `answer()`; records what it receives. */
async function serve(answer) {
  /** @type {{ method: string, url: string, headers: http.IncomingHttpHeaders, body: string }[]} */
  const requests = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', c => chunks.push(c));
    req.on('end', () => {
      requests.push({ method: req.method || '', url: req.url || '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const { status, body } = answer();
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise(resolve => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = /** @type {import('net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${address.port}`,
    requests,
    close: () =>
      new Promise(resolve => {
        server.closeAllConnections();
        server.close(() => resolve(undefined));
      }),
  };
}

async function writeFile(name, text) {
  const uri = workspaceFile(name);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
  return uri;
}

const DEFINITION =
  JSON.stringify(
    {
      channel: 'URL',
      callbackType: 0,
      callbackSubtype: 2,
      payloadConfigFile: 'room.sfgrammar',
      url: 'https://api.example.invalid/rooms/{device}?t={customData#temp}',
      httpMethod: 'POST',
      contentType: 'application/json',
      bodyTemplate: '{"device": "{device}", "temp": {customData#temp}, "voltage": {customData#voltage}}',
    },
    null,
    2,
  ) + '\n';

suite('Sigfox commands and callback definitions in a real VS Code', () => {
  /** @type {vscode.TextDocument} */ let grammar;
  /** @type {vscode.Uri[]} */ const created = [];

  suiteSetup(async () => {
    const ext = vscode.extensions.getExtension('sigfox-callbacks.sigfox-callbacks');
    assert.ok(ext, 'the extension is installed');
    await ext.activate();
    grammar = await vscode.workspace.openTextDocument(workspaceFile('room.sfgrammar'));
    created.push(await writeFile('e2e-send.sfcallback.json', DEFINITION));
  });

  suiteTeardown(async () => {
    await revert(grammar);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of created) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
  });

  test('the commands are registered', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['sigfox.copyPayloadConfigOneLine', 'sigfox.sendTestCallback']) {
      assert.ok(commands.includes(id), `command ${id} is not registered`);
    }
  });

  test('"Copy Payload Config as One Line" copies the canonical one-liner, comments and line breaks gone', async () => {
    await vscode.window.showTextDocument(grammar);
    await vscode.env.clipboard.writeText('before');
    const result = await vscode.commands.executeCommand('sigfox.copyPayloadConfigOneLine');
    assert.deepStrictEqual(result, { text: ONE_LINE, errors: 0 });
    assert.strictEqual(await vscode.env.clipboard.readText(), ONE_LINE);
  });

  test('a payload config with errors is copied anyway (the unsaved buffer), with the error count', async () => {
    const editor = await vscode.window.showTextDocument(grammar);
    const at = positionOf(grammar, 'lum::uint:8');
    await editor.edit(b => b.insert(at, 'humidity::uint:8 '));
    try {
      const result = /** @type {{ text: string, errors: number }} */ (
        await vscode.commands.executeCommand('sigfox.copyPayloadConfigOneLine')
      );
      assert.strictEqual(result.text, 'temp::uint:8 humidity::uint:8 humidity::uint:8 lum::uint:8 voltage::uint:16');
      assert.ok(result.errors >= 1, `expected the duplicate name to count as an error: ${JSON.stringify(result)}`);
      assert.strictEqual(await vscode.env.clipboard.readText(), result.text);
    } finally {
      await revert(grammar);
    }
  });

  test('"Send Test Callback" has the server send the definition for a frame, and reports the answer', async () => {
    let answer = { status: 201, body: { stored: true } };
    const server = await serve(() => answer);
    try {
      const uri = workspaceFile('e2e-send.sfcallback.json');
      const delivered = /** @type {any} */ (
        await vscode.commands.executeCommand('sigfox.sendTestCallback', {
          uri: uri.toString(),
          hex: '1a2b3c0e74',
          url: server.url,
          variables: { device: 'E2E1' },
        })
      );
      assert.ok(delivered && delivered.outcome === 'delivered', `not delivered: ${JSON.stringify(delivered)}`);
      assert.match(delivered.message, /^Delivered: HTTP 201 Created in \d+ ms\.$/);
      assert.strictEqual(server.requests.length, 1);
      assert.strictEqual(server.requests[0].url, '/rooms/E2E1?t=26');
      assert.deepStrictEqual(JSON.parse(server.requests[0].body), { device: 'E2E1', temp: 26, voltage: 3700 });
      assert.strictEqual(delivered.response.status, 201);
      assert.strictEqual(delivered.response.body, '{"stored":true}');
      console.log(`    send: ${delivered.message}`);

      answer = { status: 404, body: { error: 'no such room' } };
      const refused = /** @type {any} */ (
        await vscode.commands.executeCommand('sigfox.sendTestCallback', { uri: uri.toString(), hex: '1a2b3c0e74', url: server.url })
      );
      assert.strictEqual(refused.outcome, 'http-error');
      assert.match(refused.message, /HTTP 404 Not Found/);

      const badFrame = /** @type {any} */ (
        await vscode.commands.executeCommand('sigfox.sendTestCallback', { uri: uri.toString(), hex: 'zz', url: server.url })
      );
      assert.strictEqual(badFrame.outcome, 'not-sent');
      assert.strictEqual(server.requests.length, 2, 'a bad frame is not sent');
    } finally {
      await server.close();
    }
  });

  test('"Export Codec..." writes the platform codec beside the payload config, and it decodes the golden example', async () => {
    const config = workspaceFile('room.sfgrammar');
    for (const [target, file] of [
      ['ts013', 'room.ts013.js'],
      ['helium', 'room.helium.js'],
      ['c', 'room.h'],
    ]) {
      const written = /** @type {vscode.Uri | undefined} */ (await vscode.commands.executeCommand('sigfox.exportCodec', config, target));
      assert.ok(written, `${target}: nothing written`);
      created.push(written);
      assert.strictEqual(written.toString(), workspaceFile(file).toString());
      const code = Buffer.from(await vscode.workspace.fs.readFile(written)).toString('utf8');
      if (target === 'c') {
        assert.match(code, /typedef struct \{[^}]*\} room_t;/);
        continue;
      }
      // Run as the platform runs it: a bare context, the golden example's frame.
      const context = vm.createContext({});
      vm.runInContext(code, context, { timeout: 2000 });
      const call =
        target === 'ts013'
          ? 'decodeUplink({ bytes: [0x1a, 0x2b, 0x3c, 0x0e, 0x74], fPort: 1 }).data'
          : 'Decoder([0x1a, 0x2b, 0x3c, 0x0e, 0x74], 1, {})';
      assert.deepStrictEqual(JSON.parse(vm.runInContext(`JSON.stringify(${call})`, context)), {
        temp: 26,
        humidity: 43,
        lum: 60,
        voltage: 3700,
      });
    }
    const copied = await vscode.commands.executeCommand('sigfox.copyFrame', '1A2B3C0E74');
    assert.strictEqual(copied, '1A2B3C0E74');
    assert.strictEqual(await vscode.env.clipboard.readText(), '1A2B3C0E74');
  });

  test('go to definition and document links lead from payloadConfigFile to the payload config', async () => {
    const definition = await vscode.workspace.openTextDocument(workspaceFile('e2e-send.sfcallback.json'));
    await vscode.window.showTextDocument(definition);
    const pos = positionOf(definition, '"room.sfgrammar"', { offset: 3 });
    const targets = await waitFor('a definition for payloadConfigFile', async () => {
      /** @type {(vscode.Location | vscode.LocationLink)[]} */
      const found = await vscode.commands.executeCommand('vscode.executeDefinitionProvider', definition.uri, pos);
      return found && found.length ? found : undefined;
    });
    const target = 'targetUri' in targets[0] ? targets[0].targetUri : targets[0].uri;
    assert.strictEqual(target.toString(), grammar.uri.toString());
    /** @type {vscode.DocumentLink[]} */
    const links = await vscode.commands.executeCommand('vscode.executeLinkProvider', definition.uri);
    assert.ok(
      links.some(l => l.target && l.target.toString() === grammar.uri.toString()),
      `links: ${JSON.stringify(links.map(l => String(l.target)))}`,
    );
  });

  test('the JSON schema documents every key (completion, hover) without repeating our diagnostics', async () => {
    // An unknown key (our SFC003) and a trailing comma (a syntax error VS Code's JSON extension
    // reports once its schema is applied, which shows it has checked the file).
    const text = '{\n  "callbackType": 0,\n  "bodyTemplat": "x",\n}\n';
    const uri = await writeFile('e2e-schema.sfcallback.json', text);
    created.push(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);

    const hover = await waitFor("the schema's hover on callbackType", async () => {
      const hovers = await vscode.commands.executeCommand(
        'vscode.executeHoverProvider',
        uri,
        positionOf(doc, 'callbackType', { offset: 2 }),
      );
      const t = hoverText(/** @type {vscode.Hover[]} */ (hovers));
      return /API code/.test(t) ? t : undefined;
    });
    console.log(`    schema hover: ${hover.split('\n')[0]}`);

    const inside = positionOf(doc, '"callbackType"');
    /** @type {vscode.CompletionList} */
    const list = await waitFor("completion of the schema's keys", async () => {
      /** @type {vscode.CompletionList} */
      const l = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', uri, inside);
      return l && l.items.some(i => /payloadConfigFile/.test(labelOf(i))) ? l : undefined;
    });
    const item = list.items.find(i => /"?payloadConfigFile"?/.test(labelOf(i)));
    const doc0 = item && item.documentation;
    const documentation = typeof doc0 === 'string' ? doc0 : doc0 ? doc0.value : '';
    assert.match(documentation, /relative/i, `payloadConfigFile is offered without its documentation: ${JSON.stringify(item)}`);

    const all = () => vscode.languages.getDiagnostics(uri);
    await waitFor(
      "our SFC003 and the JSON extension's syntax error",
      () => {
        const d = all();
        return d.some(x => codeOf(x) === 'SFC003') && d.some(x => x.source === 'json') ? d : undefined;
      },
      { events: [vscode.languages.onDidChangeDiagnostics] },
    );
    const fromJson = all().filter(d => d.source === 'json');
    const duplicates = fromJson.filter(d =>
      /bodyTemplat|not allowed|Missing property|Incorrect type|Value is not accepted/i.test(d.message),
    );
    assert.deepStrictEqual(
      duplicates.map(d => d.message),
      [],
      'the JSON extension repeats a problem our server reports',
    );
    console.log(
      `    json extension: ${fromJson.map(d => d.message).join('; ')}; ours: ${all()
        .filter(d => d.source !== 'json')
        .map(codeOf)
        .join(', ')}`,
    );
  });
});
