/** The preview's model builder (client/src/preview/model.ts): display strings from server answers. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildPreviewModel, describePosition, displayValue, valuesAsJson, type PreviewInput } from '../../client/src/preview/model';
import { orderByRecent, pushRecent, MAX_RECENT } from '../../client/src/preview/recent';
import type { DecodedFieldInfo, DecodeResult, RenderResult, WireValue } from '../../server/src/protocol';

const HOSTILE = '</script><img src=x onerror=alert(1)>';

function field(
  name: string,
  type: string,
  value: WireValue,
  rendered: string,
  byte: number,
  bit: number,
  bitLength: number,
  rawBits = '',
): DecodedFieldInfo {
  const lastByte = byte + Math.floor((7 - bit + bitLength - 1) / 8);
  return { name, type, value, rendered, byte, bit, bitLength, lastByte, rawBits };
}

const ROOM: DecodeResult = {
  frameHex: '1A2B3C0E74',
  warnings: [],
  fields: [
    field('temp', 'uint:8', { kind: 'number', value: 26 }, '26', 0, 7, 8, '00011010'),
    field('humidity', 'uint:8', { kind: 'number', value: 43 }, '43', 1, 7, 8, '00101011'),
    field('lum', 'uint:8', { kind: 'number', value: 60 }, '60', 2, 7, 8, '00111100'),
    field('voltage', 'uint:16', { kind: 'number', value: 3700 }, '3700', 3, 7, 16, '0000111001110100'),
  ],
};

const RENDERED: RenderResult = {
  text: '{"device": "1A2B3C", "temp": 26, "x": "{nope}"}',
  isJson: true,
  validJson: true,
  problems: [{ code: 'SFT105', message: 'No value was given for `{nope}`', offset: 38, end: 44 }],
  usedVariables: ['device', 'nope'],
  variables: [
    { name: 'device', value: '1A2B3C', origin: 'given' },
    { name: 'nope', value: '{nope}', origin: 'missing' },
  ],
  usedCustomData: ['temp'],
};

function input(overrides: Partial<PreviewInput> = {}): PreviewInput {
  return {
    version: 7,
    grammarLabel: 'room.sfgrammar',
    decode: ROOM,
    template: {
      label: 'room.sftemplate',
      note: 'associated by its name',
      callbackKind: 'DATA / UPLINK',
      render: RENDERED,
      locate: o => `offset-${o}`,
    },
    ...overrides,
  };
}

describe('preview model', () => {
  it('turns decoded fields into table rows', () => {
    const model = buildPreviewModel(input());
    assert.equal(model.version, 7);
    assert.equal(model.summary, '5 bytes · 4 fields');
    assert.deepEqual(
      model.fields.map(f => [f.name, f.type, f.position, f.size, f.rawBits, f.value, f.colour]),
      [
        ['temp', 'uint:8', 'byte 0', '8 bits', '0001 1010', '26', 0],
        ['humidity', 'uint:8', 'byte 1', '8 bits', '0010 1011', '43', 1],
        ['lum', 'uint:8', 'byte 2', '8 bits', '0011 1100', '60', 2],
        ['voltage', 'uint:16', 'bytes 3–4', '16 bits', '0000 1110 0111 0100', '3700', 3],
      ],
    );
  });

  it('shows the first 64 raw bits of a long field', () => {
    const long = {
      ...ROOM,
      fields: [field('s', 'char:10', { kind: 'string', value: 'x'.repeat(10) }, 'x'.repeat(10), 0, 7, 80, '01'.repeat(40))],
    };
    const [row] = buildPreviewModel(input({ decode: long })).fields;
    assert.equal(row!.rawBits, `${'0101 '.repeat(15)}0101 … (+16 bits)`);
  });

  it('describes where sub-byte and unaligned fields sit', () => {
    assert.equal(describePosition({ byte: 2, bit: 7, bitLength: 1, lastByte: 2 }), 'byte 2, bit 7');
    assert.equal(describePosition({ byte: 0, bit: 5, bitLength: 2, lastByte: 0 }), 'byte 0, bits 5–4');
    assert.equal(describePosition({ byte: 0, bit: 3, bitLength: 12, lastByte: 1 }), 'bytes 0–1, from bit 3');
  });

  it('shows values as Sigfox renders them; strings quoted with controls visible, as text', () => {
    assert.equal(displayValue({ value: { kind: 'number', value: 0.8465958833694458 }, rendered: '0.8465959' }), '0.8465959');
    assert.equal(
      displayValue({ value: { kind: 'bigint', value: '18446744073709551615' }, rendered: '18446744073709551615' }),
      '18446744073709551615',
    );
    assert.equal(displayValue({ value: { kind: 'null', value: null }, rendered: 'null' }), 'null (not in the frame)');
    assert.equal(displayValue({ value: { kind: 'nonFinite', value: 'NaN' }, rendered: 'null' }), 'NaN (sent as null)');
    assert.equal(displayValue({ value: { kind: 'string', value: 'A\u0000"\u0085' }, rendered: '' }), '"A\\u0000\\"\\u0085"');
    assert.equal(displayValue({ value: { kind: 'string', value: HOSTILE }, rendered: HOSTILE }), `"${HOSTILE}"`);
  });

  it('copies values as JSON with exact digits, null for what Sigfox sends as null', () => {
    const fields = [
      field('big', 'uint:64', { kind: 'bigint', value: '18446744073709551615' }, '18446744073709551615', 0, 7, 64),
      field('f', 'float:32', { kind: 'number', value: 0.8465958833694458 }, '0.8465959', 8, 7, 32),
      field('nan', 'float:32', { kind: 'nonFinite', value: 'NaN' }, 'null', 8, 7, 32),
      field('gone', 'uint:8', { kind: 'null', value: null }, 'null', 12, 7, 8),
      field('on', 'bool:7', { kind: 'boolean', value: true }, 'true', 0, 7, 1),
      field('s', 'char:2', { kind: 'string', value: '"<' }, '"<', 0, 7, 16),
      field('on', 'uint:8', { kind: 'number', value: 1 }, '1', 0, 7, 8),
    ];
    const json = valuesAsJson(fields);
    assert.equal(
      json,
      '{\n  "big": 18446744073709551615,\n  "f": 0.8465959,\n  "nan": null,\n  "gone": null,\n  "on": true,\n  "s": "\\"<"\n}',
    );
    assert.doesNotThrow(() => JSON.parse(json));
    assert.equal(valuesAsJson([]), '{}');
  });

  it('marks the body valid, invalid or text, with problems located in the template', () => {
    const valid = buildPreviewModel(input()).body;
    assert.deepEqual(
      [valid.status, valid.statusText, valid.template, valid.callbackKind],
      ['valid-json', 'valid JSON', 'room.sftemplate', 'DATA / UPLINK'],
    );
    assert.deepEqual(valid.problems, [{ code: 'SFT105', message: 'No value was given for `{nope}`', where: 'offset-38' }]);
    const invalid = buildPreviewModel(input({ template: { label: 't', note: '', render: { ...RENDERED, validJson: false } } })).body;
    assert.equal(invalid.status, 'invalid-json');
    assert.equal(invalid.problems[0]!.where, 'offset 38', 'without the template text at hand, the offset');
    const text = buildPreviewModel(
      input({ template: { label: 't', note: '', render: { ...RENDERED, isJson: false, validJson: null } } }),
    ).body;
    assert.equal(text.status, 'text');
  });

  it('says where each used variable came from, as the server says: the frame, the setting, a representative value, or nowhere', () => {
    const render: RenderResult = {
      ...RENDERED,
      usedVariables: ['device', 'time', 'data', 'nope'],
      variables: [
        { name: 'device', value: '1A2B3C', origin: 'given' },
        { name: 'time', value: '0', origin: 'representative' },
        { name: 'data', value: '1a2b3c0e74', origin: 'frame' },
        { name: 'nope', value: '{nope}', origin: 'missing' },
      ],
    };
    const { variables } = buildPreviewModel(input({ template: { label: 't', note: '', render } })).body;
    assert.deepEqual(variables, [
      { name: 'device', value: '1A2B3C', origin: 'setting' },
      { name: 'time', value: '0', origin: 'default' },
      { name: 'data', value: '1a2b3c0e74', origin: 'frame' },
      { name: 'nope', value: '{nope}', origin: 'missing' },
    ]);
  });

  it('shows a render error instead of a body, and explains a missing template', () => {
    const failed = buildPreviewModel(
      input({ template: { label: 't', note: '', render: { ...RENDERED, text: '', error: 'The template x cannot be read' } } }),
    ).body;
    assert.deepEqual([failed.status, failed.text], ['error', 'The template x cannot be read']);
    const none = buildPreviewModel({ ...input(), template: undefined, noTemplateNote: 'No body template uses room.sfgrammar.' }).body;
    assert.deepEqual([none.status, none.note, none.text], ['none', 'No body template uses room.sfgrammar.', '']);
  });

  it('attaches field warnings to their row and lists every warning', () => {
    const decode: DecodeResult = {
      ...ROOM,
      warnings: [
        { code: 'SFG201', message: 'frame too long', field: null },
        { code: 'SFG202', message: 'byte 0x00', field: 'temp' },
      ],
    };
    const model = buildPreviewModel(input({ decode }));
    assert.equal(model.fields[0]!.warning, 'byte 0x00');
    assert.equal(model.fields[1]!.warning, undefined);
    assert.deepEqual(model.warnings, [
      { code: 'SFG201', text: 'frame too long' },
      { code: 'SFG202', text: 'temp: byte 0x00' },
    ]);
  });

  it('carries a decode error', () => {
    const model = buildPreviewModel(
      input({ decode: { fields: [], frameHex: '', warnings: [], error: 'The payload config x cannot be read' } }),
    );
    assert.equal(model.error, 'The payload config x cannot be read');
    assert.equal(model.fields.length, 0);
  });
});

describe('recently used grammars', () => {
  it('orders recent ones first, most recent first, the rest as given', () => {
    assert.deepEqual(orderByRecent(['a', 'b', 'c', 'd'], ['c', 'x', 'a']), ['c', 'a', 'b', 'd']);
  });

  it('moves a used one to the front and stays short', () => {
    assert.deepEqual(pushRecent(['a', 'b', 'c'], 'b'), ['b', 'a', 'c']);
    const long = Array.from({ length: 20 }, (_, i) => String(i));
    assert.equal(pushRecent(long, 'new').length, MAX_RECENT);
  });
});
