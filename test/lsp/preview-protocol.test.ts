/**
 * The requests behind the decode preview (server/src/protocol.ts), through the real server
 * in-process: `sigfox/preview` (what the panel asks), and `sigfox/decode`, `sigfox/render` and
 * `sigfox/association` (the commands and other clients). The preview shows exactly
 * what these return, so every case the panel must display is pinned here: bad hex, fields that do
 * not fit, 64-bit integers, float32, and char bytes that look like markup.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AssociationRequest,
  DecodeRequest,
  PreviewRequest,
  RenderRequest,
  type AssociationResult,
  type DecodeParams,
  type DecodeResult,
  type PreviewParams,
  type PreviewResult,
  type RenderParams,
  type RenderResult,
} from '../../server/src/protocol';
import { startInProcess, TempWorkspace, type InProcessServer } from './helpers/inProcess';

const ROOM_GRAMMAR = '# a room sensor\ntemp::uint:8\nhumidity::uint:8\nlum::uint:8\nvoltage::uint:16\n';
const ROOM_TEMPLATE = '{\n  "device": "{device}",\n  "temp": {customData#temp},\n  "voltage": {customData#voltage},\n  "data": "{data}"\n}';
const HOSTILE = '</script><img src=x onerror=alert(1)>';
const hexOf = (text: string): string => Buffer.from(text, 'latin1').toString('hex');

describe('preview requests over LSP', () => {
  let workspace: TempWorkspace;
  let server: InProcessServer;
  const decode = (params: DecodeParams): Promise<DecodeResult> => server.client.request(DecodeRequest.method, params);
  const render = (params: RenderParams): Promise<RenderResult> => server.client.request(RenderRequest.method, params);
  const association = (uri: string): Promise<AssociationResult> => server.client.request(AssociationRequest.method, { uri });

  before(async () => {
    workspace = new TempWorkspace({
      'room.sfgrammar': ROOM_GRAMMAR,
      'room.sftemplate': ROOM_TEMPLATE,
      'shared/any.sftemplate': 'lum={customData#lum}',
      'tag.sfgrammar': `label::char:${HOSTILE.length}`,
      'tag.sftemplate': '{"label": "{customData#label}"}',
      'inline/cb.sfcallback.json': JSON.stringify(
        {
          channel: 'URL',
          url: 'https://example.com/up',
          httpMethod: 'POST',
          callbackType: 0,
          callbackSubtype: 3,
          contentType: 'application/json',
          bodyTemplateFile: 'body.sftemplate',
          payloadConfig: 'flag::bool:7 n::uint:8',
        },
        null,
        2,
      ),
      'inline/body.sftemplate': '{"n": {customData#n}, "flag": {customData#flag}}',
      'lonely.sftemplate': '{"d": "{device}"}',
    });
    server = await startInProcess({
      workspaceFolders: [workspace.uri],
      settings: { associations: [{ template: 'shared/*.sftemplate', grammar: 'room.sfgrammar' }] },
    });
  });

  after(async () => {
    await server.dispose();
    workspace.dispose();
  });

  describe('sigfox/decode', () => {
    it('gives each field its value, bytes, bits and raw bits, in grammar order', async () => {
      const r = await decode({ grammar: { uri: workspace.uriOf('room.sfgrammar') }, hex: '1a2b3c0e74' });
      assert.equal(r.error, undefined);
      assert.equal(r.frameHex, '1A2B3C0E74');
      assert.deepEqual(
        r.fields.map(f => [f.name, f.type, f.value, f.rendered, f.byte, f.bit, f.bitLength, f.lastByte, f.rawBits]),
        [
          ['temp', 'uint:8', { kind: 'number', value: 26 }, '26', 0, 7, 8, 0, '00011010'],
          ['humidity', 'uint:8', { kind: 'number', value: 43 }, '43', 1, 7, 8, 1, '00101011'],
          ['lum', 'uint:8', { kind: 'number', value: 60 }, '60', 2, 7, 8, 2, '00111100'],
          ['voltage', 'uint:16', { kind: 'number', value: 3700 }, '3700', 3, 7, 16, 4, '0000111001110100'],
        ],
      );
      assert.deepEqual(r.warnings, []);
    });

    it('reads the open buffer, not the file, so the preview follows unsaved edits', async () => {
      const uri = workspace.uriOf('room.sfgrammar');
      await server.client.open(uri, 'sfgrammar', ROOM_GRAMMAR);
      await server.client.change(uri, ROOM_GRAMMAR.replace('temp::uint:8', 'temperature::int:8'));
      const r = await decode({ grammar: { uri }, hex: 'ff2b3c0e74' });
      assert.deepEqual(r.fields[0]!.name, 'temperature');
      assert.deepEqual(r.fields[0]!.value, { kind: 'number', value: -1 });
      await server.client.close(uri);
    });

    it('says what is wrong with bad hex and where, and decodes nothing', async () => {
      const grammar = { uri: workspace.uriOf('room.sfgrammar') };
      const badDigit = await decode({ grammar, hex: '1a2g3c' });
      assert.deepEqual(badDigit.fields, []);
      assert.match(badDigit.error!, /not a hex digit: 'g' at position 4/);
      const odd = await decode({ grammar, hex: '1a2b3' });
      assert.match(odd.error!, /odd number of hex digits \(5\)/);
      const copiedFromLog = await decode({ grammar, hex: 'data=1a2b' });
      // `d` and `a` are hex digits: the first that is not is the `t`.
      assert.match(copiedFromLog.error!, /not a hex digit: 't' at position 3/);
    });

    it('accepts white space and a 0x prefix, as a selection from a log may carry', async () => {
      const r = await decode({ grammar: { uri: workspace.uriOf('room.sfgrammar') }, hex: ' 0x1A 2B\t3C 0E74\n' });
      assert.equal(r.error, undefined);
      assert.equal(r.frameHex, '1A2B3C0E74');
    });

    it('gives null, with no raw bits, for fields that do not fit a short frame (D11)', async () => {
      const r = await decode({ grammar: { uri: workspace.uriOf('room.sfgrammar') }, hex: '1a2b' });
      assert.deepEqual(
        r.fields.map(f => [f.name, f.value.kind, f.rawBits]),
        [
          ['temp', 'number', '00011010'],
          ['humidity', 'number', '00101011'],
          ['lum', 'null', ''],
          ['voltage', 'null', ''],
        ],
      );
      // Still placed: the picture draws where they would be.
      assert.deepEqual(
        r.fields.slice(2).map(f => [f.byte, f.lastByte]),
        [
          [2, 2],
          [3, 4],
        ],
      );
    });

    it('sends 64-bit integers past 2^53 as exact decimal digits', async () => {
      const r = await decode({ grammar: { text: 'big::uint:64 neg::int:64' }, hex: 'ffffffffffffffff' + '8000000000000000' });
      assert.deepEqual(
        r.fields.map(f => [f.value, f.rendered]),
        [
          [{ kind: 'bigint', value: '18446744073709551615' }, '18446744073709551615'],
          [{ kind: 'bigint', value: '-9223372036854775808' }, '-9223372036854775808'],
        ],
      );
    });

    it('renders float32 as the shortest decimal that reads back as the same float (D7)', async () => {
      const bytes = Buffer.alloc(4);
      bytes.writeFloatBE(0.8465959);
      const r = await decode({ grammar: { text: 'f::float:32' }, hex: bytes.toString('hex') });
      assert.equal(r.fields[0]!.rendered, '0.8465959');
      assert.equal(r.fields[0]!.value.kind, 'number');
    });

    it('sends NaN as a non-finite value that renders null, with a warning', async () => {
      const r = await decode({ grammar: { text: 'f::float:32' }, hex: '7fc00000' });
      assert.deepEqual(r.fields[0]!.value, { kind: 'nonFinite', value: 'NaN' });
      assert.equal(r.fields[0]!.rendered, 'null');
      assert.ok(
        r.warnings.some(w => w.field === 'f'),
        JSON.stringify(r.warnings),
      );
    });

    it('gives char bytes as text, markup included, unchanged (the panel must show it as text)', async () => {
      const r = await decode({ grammar: { uri: workspace.uriOf('tag.sfgrammar') }, hex: hexOf(HOSTILE) });
      assert.equal(r.error, undefined);
      assert.deepEqual(r.fields[0]!.value, { kind: 'string', value: HOSTILE });
      assert.equal(r.fields[0]!.rendered, HOSTILE);
    });

    it('decodes char bytes outside printable ASCII as Latin-1, with a warning (D6)', async () => {
      const r = await decode({ grammar: { text: 's::char:4' }, hex: '41002ee9' });
      assert.deepEqual(r.fields[0]!.value, { kind: 'string', value: 'A\u0000.\u00e9' });
      assert.ok(
        r.warnings.some(w => w.field === 's'),
        JSON.stringify(r.warnings),
      );
    });

    it('says so when the grammar cannot be read', async () => {
      const r = await decode({ grammar: { uri: workspace.uriOf('missing.sfgrammar') }, hex: '00' });
      assert.match(r.error!, /cannot be read/);
    });
  });

  describe('sigfox/render', () => {
    it('renders the associated template with the frame and the given variables, as valid JSON', async () => {
      const r = await render({
        template: { uri: workspace.uriOf('room.sftemplate') },
        hex: '1a2b3c0e74',
        variables: { device: '1A2B3C', data: '1a2b3c0e74' },
      });
      assert.equal(r.error, undefined);
      assert.equal(r.text, '{\n  "device": "1A2B3C",\n  "temp": 26,\n  "voltage": 3700,\n  "data": "1a2b3c0e74"\n}');
      assert.equal(r.isJson, true);
      assert.equal(r.validJson, true);
      assert.deepEqual(r.problems, []);
      assert.deepEqual(r.usedVariables, ['device', 'data']);
      assert.deepEqual(r.usedCustomData, ['temp', 'voltage']);
    });

    it('renders with an explicitly given grammar (a template the user picked)', async () => {
      const r = await render({
        template: { uri: workspace.uriOf('lonely.sftemplate') },
        grammar: { uri: workspace.uriOf('room.sfgrammar') },
        hex: '1a2b3c0e74',
        variables: { device: 'ABC' },
      });
      assert.equal(r.text, '{"d": "ABC"}');
      assert.equal(r.validJson, true);
    });

    it('inserts a char value as it is, and reports the JSON it breaks (D10)', async () => {
      const value = 'a"b';
      const r = await render({
        template: { uri: workspace.uriOf('tag.sftemplate') },
        grammar: { text: 'label::char:3' },
        hex: hexOf(value),
      });
      assert.equal(r.text, '{"label": "a"b"}');
      assert.equal(r.validJson, false);
      assert.deepEqual(
        r.problems.map(p => p.code),
        ['SFT101'],
      );
      const template = '{"label": "{customData#label}"}';
      assert.equal(template.slice(r.problems[0]!.offset, r.problems[0]!.end), '{customData#label}');
    });

    it('keeps hostile template text and hostile char values exactly (the panel escapes, not the server)', async () => {
      const r = await render({
        template: { text: `${HOSTILE} {customData#label}` },
        grammar: { uri: workspace.uriOf('tag.sfgrammar') },
        hex: hexOf(HOSTILE),
      });
      assert.equal(r.text, `${HOSTILE} ${HOSTILE}`);
      assert.equal(r.isJson, false);
      assert.equal(r.validJson, null);
    });

    it('renders a field that does not fit as null, and says why', async () => {
      const r = await render({ template: { uri: workspace.uriOf('room.sftemplate') }, hex: '1a', variables: { device: 'X', data: '1a' } });
      assert.match(r.text, /"voltage": null/);
      assert.equal(r.validJson, true);
      assert.ok(
        r.problems.some(p => p.code === 'SFT104'),
        JSON.stringify(r.problems),
      );
    });

    it("fills the variables not given from the core's representative values; {data} is always the frame", async () => {
      const r = await render({
        template: { uri: workspace.uriOf('room.sftemplate') },
        hex: '1a2b3c0e74',
        variables: { data: 'ffff' },
      });
      assert.match(r.text, /"device": "1A2B3C"/);
      assert.match(r.text, /"data": "1a2b3c0e74"/);
      assert.deepEqual(r.variables, [
        { name: 'device', value: '1A2B3C', origin: 'representative' },
        { name: 'data', value: '1a2b3c0e74', origin: 'frame' },
      ]);
      assert.ok(!r.problems.some(p => p.code === 'SFT105'), JSON.stringify(r.problems));
    });

    it('answers bad hex with an error and no text', async () => {
      const r = await render({ template: { uri: workspace.uriOf('room.sftemplate') }, hex: 'zz' });
      assert.match(r.error!, /not a hex digit: 'z' at position 1/);
      assert.equal(r.text, '');
    });
  });

  describe('sigfox/preview', () => {
    const preview = (params: PreviewParams): Promise<PreviewResult> => server.client.request(PreviewRequest.method, params);

    it("answers decode, render and association in one round trip, finding the grammar's sibling template", async () => {
      const r = await preview({ grammar: { uri: workspace.uriOf('room.sfgrammar') }, hex: '1a2b3c0e74', variables: { device: 'D1' } });
      assert.equal(r.decode.frameHex, '1A2B3C0E74');
      assert.equal(r.decode.fields.length, 4);
      assert.equal(r.template?.uri, workspace.uriOf('room.sftemplate'));
      assert.equal(r.template?.association.source, 'siblingGrammar');
      assert.equal(r.render?.text, '{\n  "device": "D1",\n  "temp": 26,\n  "voltage": 3700,\n  "data": "1a2b3c0e74"\n}');
      assert.deepEqual(
        r.render?.variables.map(v => [v.name, v.origin]),
        [
          ['device', 'given'],
          ['data', 'frame'],
        ],
      );
    });

    it('renders the same bytes as sigfox/render', async () => {
      const params = { template: { uri: workspace.uriOf('room.sftemplate') }, hex: '1a2b3c0e74' };
      const [one, two] = await Promise.all([
        render(params),
        preview({ grammar: { uri: workspace.uriOf('room.sfgrammar') }, template: workspace.uriOf('room.sftemplate'), hex: params.hex }),
      ]);
      assert.equal(two.render?.text, one.text);
    });

    it('takes the grammar a template is associated with: an inline payloadConfig', async () => {
      const template = workspace.uriOf('inline/body.sftemplate');
      const r = await preview({ grammar: { associatedWith: template }, template, hex: '8005' });
      assert.deepEqual(r.grammar, { text: 'flag::bool:7 n::uint:8' });
      assert.equal(r.render?.text, '{"n": 128, "flag": true}', 'a bool leaves the cursor on its byte');
      assert.deepEqual([r.template?.association.type, r.template?.association.subtype], ['DATA', 'BIDIR']);
    });

    it('bad hex: the decode error, nothing rendered', async () => {
      const r = await preview({ grammar: { uri: workspace.uriOf('room.sfgrammar') }, hex: 'zz' });
      assert.match(r.decode.error!, /not a hex digit/);
      assert.equal(r.render, undefined);
    });

    it('a grammar no template uses: decoded, no template', async () => {
      const r = await preview({ grammar: { text: 'a::uint:8' }, hex: '01' });
      assert.equal(r.decode.fields[0]?.rendered, '1');
      assert.equal(r.template, undefined);
    });
  });

  describe('sigfox/association', () => {
    it('gives a template its sibling grammar and callback kind', async () => {
      const a = await association(workspace.uriOf('room.sftemplate'));
      assert.deepEqual(a, {
        grammar: { uri: workspace.uriOf('room.sfgrammar') },
        source: 'siblingGrammar',
        type: 'DATA',
        subtype: 'UPLINK',
        templates: [],
      });
    });

    it('gives the inline payloadConfig of the callback definition that names the template', async () => {
      const a = await association(workspace.uriOf('inline/body.sftemplate'));
      assert.deepEqual(a.grammar, { text: 'flag::bool:7 n::uint:8' });
      assert.equal(a.source, 'callbackDefinition');
      assert.equal(a.definitionUri, workspace.uriOf('inline/cb.sfcallback.json'));
      assert.deepEqual([a.type, a.subtype], ['DATA', 'BIDIR']);
    });

    it('gives no grammar for a template nothing associates', async () => {
      const a = await association(workspace.uriOf('lonely.sftemplate'));
      assert.equal(a.grammar, undefined);
      assert.equal(a.source, 'default');
    });

    it('lists the templates that use a grammar, by name or by setting', async () => {
      const a = await association(workspace.uriOf('room.sfgrammar'));
      assert.deepEqual([...a.templates].sort(), [workspace.uriOf('room.sftemplate'), workspace.uriOf('shared/any.sftemplate')].sort());
      assert.equal(a.grammar, undefined);
    });
  });
});
