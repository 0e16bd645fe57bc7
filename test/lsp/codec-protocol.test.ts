/**
 * The codec requests through the real server in-process: `sigfox/encode` (the preview's encode
 * mode), `sigfox/exportCodec` ("Sigfox: Export Codec..."), and the 8-byte check of a `# downlink`
 * payload config in the editor's diagnostics.
 */
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { after, before, describe, it } from 'node:test';
import { EncodeRequest, ExportCodecRequest, type EncodeParams, type EncodeResult, type ExportCodecResult } from '../../server/src/protocol';
import { startInProcess, TempWorkspace, type InProcessServer } from './helpers/inProcess';

const FILES = {
  'room.sfgrammar': '# a room sensor\ntemp::uint:8\nhumidity::uint:8\nlum::uint:8\nvoltage::uint:16\n',
  'settings.sfgrammar': '# downlink\ncmd::uint:8 interval::uint:16:little-endian\n',
  'broken.sfgrammar': 'a::uint:8 a::uint:8\n',
};

describe('codec requests over LSP', () => {
  let workspace: TempWorkspace;
  let server: InProcessServer;
  const encode = (params: EncodeParams): Promise<EncodeResult> => server.client.request(EncodeRequest.method, params);
  const exportCodec = (uri: string, target?: string): Promise<ExportCodecResult> =>
    server.client.request(ExportCodecRequest.method, target === undefined ? { uri } : { uri, target });

  before(async () => {
    workspace = new TempWorkspace(FILES);
    server = await startInProcess({ workspaceFolders: [workspace.uri] });
  });

  after(async () => {
    await server.dispose();
    workspace.dispose();
  });

  it('sigfox/encode: the frame, and the frame decoded again with each field’s bits', async () => {
    const r = await encode({
      grammar: { uri: workspace.uriOf('room.sfgrammar') },
      values: { temp: '30', humidity: '60', lum: '100', voltage: '0x0CE4' },
    });
    assert.equal(r.hex, '1E3C640CE4');
    assert.deepEqual(r.errors, []);
    assert.equal(r.downlink, false);
    assert.deepEqual(
      r.decoded!.fields.map(f => [f.name, f.rendered, f.rawBits]),
      [
        ['temp', '30', '00011110'],
        ['humidity', '60', '00111100'],
        ['lum', '100', '01100100'],
        ['voltage', '3300', '0000110011100100'],
      ],
    );
  });

  it('sigfox/encode: errors name the field and its range; a downlink is 8 bytes', async () => {
    const bad = await encode({ grammar: { uri: workspace.uriOf('room.sfgrammar') }, values: { temp: '300', humidity: 'x' } });
    assert.deepEqual(bad.errors, ['`humidity`=x is not valid: the field is uint:8, an integer 0..255']);
    const range = await encode({
      grammar: { uri: workspace.uriOf('room.sfgrammar') },
      values: { temp: '300', humidity: '1', lum: '1', voltage: '1' },
    });
    assert.deepEqual(range.errors, ['`temp`=300 is out of range: the field is uint:8, an integer 0..255']);
    const downlink = await encode({ grammar: { uri: workspace.uriOf('settings.sfgrammar') }, values: { cmd: '2', interval: '1000' } });
    assert.deepEqual([downlink.hex, downlink.downlink], ['02E8030000000000', true]);
    const broken = await encode({ grammar: { uri: workspace.uriOf('broken.sfgrammar') }, values: { a: '1' } });
    assert.deepEqual(broken.errors, ['The payload config has an error: fix it first.']);
  });

  it('sigfox/exportCodec: the choices, then the codec for the chosen target, named after the config', async () => {
    const uri = workspace.uriOf('room.sfgrammar');
    const choices = await exportCodec(uri);
    assert.deepEqual(
      choices.choices.map(c => [c.target, c.fileName]),
      [
        ['ts013', 'room.ts013.js'],
        ['ttn', 'room.ttn.js'],
        ['chirpstack', 'room.chirpstack.js'],
        ['helium', 'room.helium.js'],
        ['datacake', 'room.datacake.js'],
        ['tagoio', 'room.tagoio.js'],
        ['thingsboard', 'room.thingsboard.js'],
        ['c', 'room.h'],
      ],
    );
    assert.equal(choices.code, undefined);
    const ts013 = await exportCodec(uri, 'ts013');
    assert.equal(ts013.fileName, 'room.ts013.js');
    const context = vm.createContext({});
    vm.runInContext(ts013.code!, context);
    assert.equal(vm.runInContext('decodeUplink({ bytes: [30, 60, 100, 12, 228] }).data.voltage', context), 3300);
    const c = await exportCodec(uri, 'c');
    assert.match(c.code!, /\} room_t;/);
    assert.match((await exportCodec(workspace.uriOf('broken.sfgrammar'), 'c')).error!, /has an error/);
    assert.match((await exportCodec(uri, 'rust')).error!, /Unknown target "rust"/);
  });

  it('a `# downlink` payload config is checked against 8 bytes', async () => {
    const { client } = server;
    const uri = workspace.uriOf('long.sfgrammar');
    await client.open(uri, 'sfgrammar', '# downlink\na::uint:64 b::uint:8');
    const diagnostics = await client.waitForDiagnostics(uri, d => d.length > 0);
    assert.deepEqual(
      diagnostics.map(d => [d.code, d.message]),
      [['SFG020', '`b` reads byte 8, past the 8-byte downlink frame: it will always be null.']],
    );
  });
});
