import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CALLBACK_KINDS,
  CALLBACK_TYPES,
  acceptsCustomData,
  callbackSubtypeByCode,
  callbackTypeByCode,
  findVariable,
  kindLabel,
  renderedTypeOfField,
  resolveKind,
  variableIn,
  variablesFor,
} from '../../server/src/core/template/variables';

test('catalogue: the API v2 types and subtypes with their numeric codes (spec §2.1)', () => {
  assert.deepEqual(
    CALLBACK_TYPES.map(t => [t.name, t.code, t.subtypes.map(s => [s.name, s.code])]),
    [
      [
        'DATA',
        0,
        [
          ['UPLINK', 2],
          ['BIDIR', 3],
        ],
      ],
      [
        'SERVICE',
        1,
        [
          ['STATUS', 0],
          ['GEOLOC', 1],
          ['ACKNOWLEDGE', 4],
          ['REPEATER', 5],
          ['DATA_ADVANCED', 6],
        ],
      ],
      ['ERROR', 2, []],
    ],
  );
  assert.equal(callbackTypeByCode(1)?.name, 'SERVICE');
  assert.equal(callbackSubtypeByCode('DATA', 3)?.name, 'BIDIR');
  assert.equal(callbackSubtypeByCode('DATA', 0), undefined, 'STATUS is a SERVICE subtype');
  assert.equal(callbackTypeByCode(7), undefined);
});

test('catalogue: every kind is present and offers time and device', () => {
  assert.deepEqual(CALLBACK_KINDS.map(kindLabel), [
    'DATA/UPLINK',
    'DATA/BIDIR',
    'SERVICE/STATUS',
    'SERVICE/GEOLOC',
    'SERVICE/ACKNOWLEDGE',
    'SERVICE/REPEATER',
    'SERVICE/DATA_ADVANCED',
    'ERROR',
  ]);
  for (const kind of CALLBACK_KINDS) {
    const names = variablesFor(kind.type, kind.subtype).map(v => v.name);
    assert.ok(names.includes('time') && names.includes('device'), kindLabel(kind));
    assert.equal(new Set(names).size, names.length, `no duplicate names in ${kindLabel(kind)}`);
  }
});

test('catalogue: the variables of spec §2.2, per kind, with their rendered types', () => {
  const typesOf = (type: Parameters<typeof variablesFor>[0], subtype?: Parameters<typeof variablesFor>[1]) =>
    Object.fromEntries(variablesFor(type, subtype).map(v => [v.name, v.type]));
  assert.deepEqual(typesOf('DATA', 'UPLINK'), {
    time: 'integer',
    deviceTypeId: 'string',
    device: 'string',
    data: 'string',
    seqNumber: 'integer',
    snr: 'float',
    rssi: 'float',
    station: 'string',
    lqi: 'string', // announced for DATA callbacks, accepted with an SFT013 note
    duplicate: 'boolean',
    avgSnr: 'float',
    lat: 'float',
    lng: 'float',
    signal: 'float',
  });
  assert.deepEqual(typesOf('DATA', 'BIDIR'), { ...typesOf('DATA', 'UPLINK'), ack: 'boolean', longPolling: 'boolean' });
  assert.deepEqual(typesOf('SERVICE', 'DATA_ADVANCED'), {
    device: 'string',
    time: 'integer',
    data: 'string',
    seqNumber: 'integer',
    lqi: 'string',
    linkQuality: 'integer',
    fixedLat: 'float',
    fixedLng: 'float',
    operatorName: 'string',
    countryCode: 'integer',
    duplicates: 'json-array',
    computedLocation: 'json-object',
    deviceTypeId: 'string',
  });
  assert.deepEqual(Object.keys(typesOf('SERVICE', 'STATUS')).sort(), [
    'avgSnr',
    'batt',
    'device',
    'duplicate',
    'lat',
    'lng',
    'rssi',
    'seqNumber',
    'snr',
    'station',
    'temp',
    'time',
  ]);
  assert.deepEqual(typesOf('SERVICE', 'ACKNOWLEDGE'), {
    time: 'integer',
    device: 'string',
    infoCode: 'integer',
    infoMessage: 'string',
    downlinkAck: 'boolean',
    downlinkOverusage: 'boolean',
    duplicate: 'boolean',
    snr: 'float',
    rssi: 'float',
    station: 'string',
    avgSnr: 'float',
    lat: 'float',
    lng: 'float',
  });
  assert.deepEqual(typesOf('SERVICE', 'REPEATER'), {
    time: 'integer',
    device: 'string',
    batt: 'float',
    whitelistDevices: 'integer',
    repeatedMsg: 'integer',
    unwantedDevices: 'integer',
    unwantedMsg: 'integer',
    wrongMsg: 'integer',
    overRegulMsg: 'integer',
  });
  assert.deepEqual(Object.keys(typesOf('SERVICE', 'GEOLOC')).sort(), [
    'device',
    'duplicate',
    'geolocSource',
    'lat',
    'lng',
    'radius',
    'rssi',
    'seqNumber',
    'snr',
    'time',
  ]);
  assert.deepEqual(typesOf('ERROR'), { time: 'integer', device: 'string', info: 'string', severity: 'string' });
});

test('catalogue: every variable has a description; deprecated ones say why, and a replacement is a current variable of the same kind', () => {
  for (const kind of CALLBACK_KINDS) {
    for (const v of variablesFor(kind.type, kind.subtype)) {
      assert.ok(v.description.length > 10, `${kindLabel(kind)} ${v.name}`);
      if (!v.deprecated) continue;
      assert.ok(v.deprecated.note.length > 10);
      if (v.deprecated.replacement) {
        const replacement = variableIn(kind, v.deprecated.replacement);
        assert.ok(replacement && !replacement.deprecated, `${v.name} -> ${v.deprecated.replacement} in ${kindLabel(kind)}`);
      }
    }
  }
});

test('catalogue: the legacy DATA variables are deprecated; `signal` names `snr` as its replacement', () => {
  const uplink = (name: string) => variableIn({ type: 'DATA', subtype: 'UPLINK' }, name);
  for (const name of ['duplicate', 'avgSnr', 'lat', 'lng', 'signal']) assert.ok(uplink(name)?.deprecated, name);
  assert.equal(uplink('signal')?.deprecated?.replacement, 'snr');
  for (const name of ['time', 'device', 'data', 'seqNumber', 'snr', 'rssi', 'station', 'deviceTypeId'])
    assert.equal(uplink(name)?.deprecated, undefined, name);
  // The same names are current where the current docs list them.
  assert.equal(variableIn({ type: 'SERVICE', subtype: 'GEOLOC' }, 'lat')?.deprecated, undefined);
});

test('catalogue: the deprecated subtypes say so', () => {
  const service = CALLBACK_TYPES.find(t => t.name === 'SERVICE');
  assert.ok(service?.subtypes.find(s => s.name === 'STATUS')?.deprecated);
  assert.ok(service?.subtypes.find(s => s.name === 'GEOLOC')?.deprecated);
});

test('findVariable tells "not in this kind" apart from "unknown"', () => {
  assert.deepEqual(findVariable('ack')?.kinds.map(kindLabel), ['DATA/BIDIR']);
  assert.deepEqual(findVariable('infoCode')?.kinds.map(kindLabel), ['SERVICE/ACKNOWLEDGE']);
  assert.equal(findVariable('satInfo'), undefined, 'spec §2.2: not a Sigfox variable');
  assert.equal(findVariable('lineTemplate'), undefined);
  assert.equal(variableIn({ type: 'DATA', subtype: 'UPLINK' }, 'ack'), undefined);
});

test('kinds: defaults, ERROR without subtype, a missing or foreign subtype means any subtype of the type', () => {
  assert.equal(kindLabel(resolveKind()), 'DATA/UPLINK');
  assert.equal(kindLabel(resolveKind(undefined, 'BIDIR')), 'DATA/BIDIR');
  assert.deepEqual(variablesFor(), variablesFor('DATA', 'UPLINK'));
  assert.equal(kindLabel(resolveKind('ERROR', 'UPLINK')), 'ERROR');
  assert.equal(kindLabel(resolveKind('SERVICE')), 'SERVICE');
  assert.equal(kindLabel(resolveKind('DATA', 'STATUS')), 'DATA');
  const anyData = variablesFor('DATA').map(v => v.name);
  assert.ok(anyData.includes('ack') && anyData.includes('device'));
  assert.ok(!variablesFor('DATA').find(v => v.name === 'snr')?.deprecated);
});

test('customData is accepted by the kinds with a payload config (DATA, DATA_ADVANCED)', () => {
  assert.deepEqual(CALLBACK_KINDS.filter(k => acceptsCustomData(k.type, k.subtype)).map(kindLabel), [
    'DATA/UPLINK',
    'DATA/BIDIR',
    'SERVICE/DATA_ADVANCED',
  ]);
  assert.deepEqual((['bool', 'char', 'float', 'uint', 'int'] as const).map(renderedTypeOfField), [
    'boolean',
    'string',
    'float',
    'integer',
    'integer',
  ]);
});
