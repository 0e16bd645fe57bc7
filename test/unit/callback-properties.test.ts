import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DEFINITION_KEYS, buildCallback, decodeJsonString, validateCallback } from '../../server/src/core/callback';
import { isDiagnosticCode } from '../../server/src/core/diagnosticCodes';
import { filesResolver } from './helpers/callback';

const files = filesResolver({
  'seed.sfgrammar': 'temp::uint:8 humidity::uint:8\n# example: 1E3C => temp=30 humidity=60\n',
  'body.sftemplate': '{"t": {customData#temp}, "d": "{device}"}\n',
});

/** Strings that exercise the checks: placeholders, escapes, env references, connection strings, near-misses. */
const text = fc.oneof(
  fc.constantFrom(
    'URL',
    'BATCH_URL',
    'EMAIL',
    'url',
    'GET',
    'POST',
    'PUT',
    'post',
    'application/json',
    'text/plain',
    'application/x-www-form-urlencoded',
    'https://example.com/{device}?t={time}&key=abc',
    'example.com',
    'ftp://x',
    'https://',
    'http://a b',
    '{"d": "{device}", "t": {time}}',
    '{"d": {device},}',
    'temp::uint:8 humidity::uint:8',
    'a::uint:8  b::flot:8',
    '',
    ' ',
    'seed.sfgrammar',
    'body.sftemplate',
    'missing.sfgrammar',
    '${env:KEY}',
    '${env:}',
    '${ENV:x}',
    '${env:a b',
    'Bearer abc',
    'Bearer ${env:T}',
    '{customData#temp}',
    '{customData#}',
    '{ device }',
    'HostName=h.azure-devices.net;SharedAccessKeyName=p;SharedAccessKey=YWJj',
    'HostName=x;HostName=y;;=',
    'Endpoint=sb://abcdef.servicebus.windows.net/;SharedAccessKeyName=p;SharedAccessKey=${env:K}',
    'arn:aws:iam::123456789012:role/r',
    'arn:aws:iam::1:user/u',
    'eu-west-1',
    'EU',
    'azure-iot-hub',
    'azure-event-hub',
    'aws-iot',
    'aws-kinesis',
    'azure',
    'ops@example.com, x',
    'a"b\\c\nd\u00e9\u2028',
    '\u0000\u001f',
  ),
  fc.string({ maxLength: 40 }),
);

const value: fc.Arbitrary<unknown> = fc.letrec(tie => ({
  leaf: fc.oneof(text, fc.integer({ min: -2, max: 8 }), fc.double(), fc.boolean(), fc.constant(null)),
  object: fc.dictionary(
    fc.oneof(
      fc.constantFrom(
        'type',
        'connectionString',
        'roleArn',
        'region',
        'topic',
        'streamName',
        'batch',
        'Authorization',
        'X-Key',
        'x-key',
        'Content-Type',
        'X {device}',
        '',
      ),
      fc.string({ maxLength: 8 }),
    ),
    tie('any'),
    { maxKeys: 5 },
  ),
  any: fc.oneof({ depthSize: 'small' }, tie('leaf'), tie('leaf'), tie('object'), fc.array(tie('leaf'), { maxLength: 3 })),
})).any;

const keyName = fc.oneof(
  fc.constantFrom(...DEFINITION_KEYS.map(k => k.name), 'id', 'bodyTemplat', 'Channel'),
  fc.string({ maxLength: 10 }),
);

const headerName = fc.constantFrom(
  'Authorization',
  'authorization',
  'X-Key',
  'x-key',
  'Content-Type',
  'Host',
  'X {device}',
  'X-${env:A}',
  '',
  'X-Ok',
);
const connectorType = fc.constantFrom('azure-iot-hub', 'azure-event-hub', 'aws-iot', 'aws-kinesis', 'azure', '');
const connectorKey = fc.constantFrom('type', 'connectionString', 'roleArn', 'region', 'topic', 'streamName', 'batch', 'extra');

/** Per key, mostly values of the right shape, so the checks past the value types run too. */
const PLAUSIBLE: Record<string, fc.Arbitrary<unknown>> = {
  channel: fc.constantFrom('URL', 'URL', 'BATCH_URL', 'EMAIL', 'url', 3),
  callbackType: fc.constantFrom(0, 0, 1, 2, 3, 'DATA', '1'),
  callbackSubtype: fc.constantFrom(0, 1, 2, 2, 3, 4, 5, 6, 7, 'UPLINK'),
  httpMethod: fc.constantFrom('GET', 'POST', 'POST', 'PUT', 'PATCH', 'post'),
  contentType: fc.constantFrom(
    'application/json',
    'application/x-www-form-urlencoded',
    'text/plain',
    'application/json; charset=utf-8',
    'text/xml',
  ),
  headers: fc.dictionary(headerName, text, { maxKeys: 4 }),
  connector: fc
    .tuple(connectorType, fc.dictionary(connectorKey, fc.oneof(text, fc.boolean()), { maxKeys: 4 }))
    .map(([type, rest]) => ({ ...rest, type })),
  sendSni: fc.oneof(fc.boolean(), text),
  enabled: fc.boolean(),
  sendDuplicate: fc.boolean(),
  payloadConfigFile: fc.constantFrom('seed.sfgrammar', 'missing.sfgrammar', ''),
  bodyTemplateFile: fc.constantFrom('body.sftemplate', 'missing.sftemplate'),
};

const entry = keyName.chain(key => {
  const plausible = Object.hasOwn(PLAUSIBLE, key) ? PLAUSIBLE[key] : undefined;
  return fc.tuple(fc.constant(key), plausible ? fc.oneof({ weight: 4, arbitrary: plausible }, { weight: 1, arbitrary: value }) : value);
});

/** A few keys of a plausible callback always present, so most samples get past "missing channel". */
const definition = fc
  .tuple(
    fc.subarray([
      ['channel', 'URL'],
      ['callbackType', 0],
      ['callbackSubtype', 2],
      ['url', 'https://example.com/{device}'],
      ['httpMethod', 'POST'],
    ] as [string, unknown][]),
    fc.array(entry, { maxLength: 10 }),
  )
  .map(
    ([base, entries]) => `{${[...base, ...entries].map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v) ?? 'null'}`).join(', ')}}`,
  );

/** Definitions broken in the ways people break JSON: cut short, a stray character, a comment, a trailing comma. */
const damaged = fc
  .tuple(definition, fc.nat(), fc.constantFrom('', ',', '//x\n', '/*', '"', '\\', '}', '{', '\u0007', ' '))
  .map(([t, at, insert]) => {
    const i = t.length === 0 ? 0 : at % (t.length + 1);
    return t.slice(0, i) + insert + t.slice(i);
  });

const anyText = fc.oneof(definition, damaged, fc.string({ maxLength: 200 }));

test('the checks never throw, and every range lies within the document', () => {
  fc.assert(
    fc.property(anyText, t => {
      const problems = validateCallback(t, files);
      for (const p of problems) {
        assert.ok(isDiagnosticCode(p.code), p.code);
        assert.ok(Number.isInteger(p.start) && Number.isInteger(p.end), `${p.code} offsets`);
        assert.ok(p.start >= 0 && p.start <= p.end && p.end <= t.length, `${p.code} [${p.start},${p.end}] outside 0..${t.length} in ${t}`);
        assert.ok(p.message.length > 0);
        const edit = p.data?.edit;
        if (edit) assert.ok(edit.start >= 0 && edit.start <= edit.end && edit.end <= t.length, `${p.code} edit outside the document`);
      }
    }),
    { numRuns: 1500 },
  );
});

test('build never throws: it builds, or refuses with problems', () => {
  fc.assert(
    fc.property(anyText, fc.dictionary(fc.constantFrom('KEY', 'T', 'K'), text), (t, env) => {
      const built = buildCallback(t, files, env);
      if (!built.ok) assert.ok(built.problems.length > 0);
      else assert.equal(typeof built.json, 'object');
    }),
    { numRuns: 500 },
  );
});

test('decodeJsonString inverts JSON.stringify, and its offset map is monotonic within the literal', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 60 }), fc.string({ maxLength: 5 }), (s, prefix) => {
      const raw = prefix + JSON.stringify(s);
      const literal = decodeJsonString(raw, prefix.length, raw.length);
      assert.equal(literal.value, s);
      let previous = literal.rawOffsetOf(0);
      assert.equal(previous, prefix.length + 1);
      for (let i = 1; i <= s.length; i++) {
        const offset = literal.rawOffsetOf(i);
        assert.ok(offset > previous && offset <= raw.length - 1);
        previous = offset;
      }
    }),
  );
});
