import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLanguageService } from '../../server/src/core/languageService';
import { MemoryHost, uriOf } from './helpers/features';

describe('sigfox/decode', () => {
  it('decodes with a grammar given as text: values, rendering and where the bits sit', () => {
    const service = createLanguageService(new MemoryHost());
    const result = service.decode({ grammar: { text: 'flag::bool:7 dir::uint:4 st:1:int:4::3' }, hex: '80 a5' });
    assert.equal(result.error, undefined);
    assert.equal(result.frameHex, '80A5');
    assert.deepEqual(
      result.fields.map(f => [f.name, f.type, f.value, f.rendered, f.byte, f.bit, f.bitLength, f.lastByte, f.rawBits]),
      [
        ['flag', 'bool:7', { kind: 'boolean', value: true }, 'true', 0, 7, 1, 0, '1'],
        ['dir', 'uint:4', { kind: 'number', value: 8 }, '8', 0, 7, 4, 0, '1000'],
        ['st', 'int:4::3', { kind: 'number', value: 5 }, '5', 1, 3, 4, 1, '0101'],
      ],
    );
  });

  it('keeps every value JSON-safe: bigint digits, NaN, null, text', () => {
    const service = createLanguageService(new MemoryHost());
    const result = service.decode({
      grammar: { text: 'big::uint:64 f::float:32 s::char:1 late::uint:8' },
      hex: 'FFFFFFFFFFFFFFFF7FC0000041',
    });
    const values = Object.fromEntries(result.fields.map(f => [f.name, f.value]));
    assert.deepEqual(values, {
      big: { kind: 'bigint', value: '18446744073709551615' },
      f: { kind: 'nonFinite', value: 'NaN' },
      s: { kind: 'string', value: 'A' },
      late: { kind: 'null', value: null },
    });
    assert.deepEqual(JSON.parse(JSON.stringify(result)), result, 'survives JSON as is');
    assert.deepEqual(
      result.warnings.map(w => [w.code, w.field]),
      [
        ['SFG101', null],
        ['SFG104', 'f'],
        ['SFG102', 'late'],
      ],
      '13 bytes is a long frame',
    );
    assert.equal(result.fields.find(f => f.name === 'late')!.rawBits, '');
  });

  it('decodes a grammar by uri, leaving out fields with errors (with a warning)', () => {
    const host = new MemoryHost({ 'g.sfgrammar': 'a::uint:8 b::uint:99 c::uint:8' });
    const result = createLanguageService(host).decode({ grammar: { uri: uriOf('g.sfgrammar') }, hex: '0102' });
    assert.deepEqual(
      result.fields.map(f => f.name),
      ['a', 'c'],
    );
    assert.deepEqual(
      result.warnings.map(w => [w.code, w.field]),
      [['SFG012', 'b']],
    );
  });

  it("answers bad hex with parseHex's message, what and where, never a throw", () => {
    const service = createLanguageService(new MemoryHost());
    const result = service.decode({ grammar: { text: 'a::uint:8' }, hex: '0x12G4' });
    assert.deepEqual(result.fields, []);
    assert.match(result.error!, /not a hex digit: 'G' at position 5/);
    assert.match(service.decode({ grammar: { text: 'a::uint:8' }, hex: '123' }).error!, /odd number of hex digits/);
    assert.match(service.decode({ grammar: { uri: uriOf('missing.sfgrammar') }, hex: '12' }).error!, /cannot be read/);
  });
});

describe('sigfox/render', () => {
  const files = {
    'room.sfgrammar': 'temp::int:8 label::char:2',
    'room.sftemplate': '{"device": "{device}", "t": {customData#temp}, "l": "{customData#label}"}',
  };

  it('renders a template by uri with its associated grammar, as Sigfox would send it', () => {
    const service = createLanguageService(new MemoryHost(files));
    const result = service.render({ template: { uri: uriOf('room.sftemplate') }, hex: 'FF4142', variables: { device: '1A2B' } });
    assert.equal(result.text, '{"device": "1A2B", "t": -1, "l": "AB"}');
    assert.equal(result.isJson, true);
    assert.equal(result.validJson, true);
    assert.deepEqual(result.problems, []);
    assert.deepEqual(result.usedVariables, ['device']);
    assert.deepEqual(result.usedCustomData, ['temp', 'label']);
  });

  it('reports what breaks the body, at template offsets', () => {
    const service = createLanguageService(new MemoryHost(files));
    const result = service.render({ template: { uri: uriOf('room.sftemplate') }, hex: 'FF2241', variables: { device: '1A2B' } });
    assert.equal(result.validJson, false);
    const breaking = result.problems.find(p => p.code === 'SFT101')!;
    assert.equal(files['room.sftemplate'].slice(breaking.offset, breaking.end), '{customData#label}');
  });

  it('takes a template and a grammar as text; fills variables from the representative table, and says which', () => {
    const service = createLanguageService(new MemoryHost(), { timeSeconds: () => 1700000000 });
    const result = service.render({
      template: { text: 'v={customData#v}&d={device}&t={time}&x={nope}' },
      grammar: { text: 'v::uint:16' },
      hex: '0102',
    });
    assert.equal(result.text, 'v=258&d=1A2B3C&t=1700000000&x={nope}');
    assert.equal(result.isJson, false);
    assert.equal(result.validJson, null);
    assert.deepEqual(result.variables, [
      { name: 'device', value: '1A2B3C', origin: 'representative' },
      { name: 'time', value: '1700000000', origin: 'representative' },
      { name: 'nope', value: '{nope}', origin: 'missing' },
    ]);
    assert.deepEqual(
      result.problems.map(p => p.code),
      ['SFT105'],
    );
  });

  it('answers bad hex and unreadable documents with an error, never a throw', () => {
    const service = createLanguageService(new MemoryHost(files));
    assert.match(service.render({ template: { uri: uriOf('room.sftemplate') }, hex: 'zz' }).error!, /not a hex digit: 'z' at position 1/);
    assert.match(service.render({ template: { uri: uriOf('nope.sftemplate') }, hex: '00' }).error!, /cannot be read/);
  });
});
