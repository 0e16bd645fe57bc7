import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeJsonString, validateCallback, validateCallbackWithReferences } from '../../server/src/core/callback';
import { filesResolver, marked, urlCallback } from './helpers/callback';

/** The problems with this code, and the text each covers. */
function covered(text: string, code: string, files: Record<string, string> = {}): string[] {
  return validateCallback(text, filesResolver(files))
    .filter(p => p.code === code)
    .map(p => text.slice(p.start, p.end));
}

test('decodeJsonString maps every decoded character back to the escape that wrote it', () => {
  const raw = '"a\\"b\\u00e9\\n{x}"';
  const literal = decodeJsonString(raw, 0, raw.length);
  assert.equal(literal.value, 'a"bé\n{x}');
  assert.equal(literal.verbatim, false);
  const starts = [...literal.value].map((_, i) => raw.slice(literal.rawOffsetOf(i), literal.rawOffsetOf(i + 1)));
  assert.deepEqual(starts, ['a', '\\"', 'b', '\\u00e9', '\\n', '{', 'x', '}']);
  assert.equal(literal.rawOffsetOf(literal.value.length), raw.length - 1, 'the end maps to the closing quote');
  const plain = decodeJsonString('"abc"', 0, 5);
  assert.equal(plain.verbatim, true);
  assert.equal(plain.rawOffsetOf(1), 2);
  // An escape in a later string of the same text does not make this one escaped.
  const first = decodeJsonString('"ab" "c\\n"', 0, 4);
  assert.deepEqual([first.value, first.verbatim, first.rawOffsetOf(0), first.rawOffsetOf(2), first.rawOffsetOf(9)], ['ab', true, 1, 3, 3]);
});

test('a template problem after escapes lands on the characters written in the file', () => {
  const { text, start, end } = marked(
    urlCallback().replace('{\\"device\\": \\"{device}\\"}', '{\\"caf\\u00e9\\": \\"a\\\\\\"b\\", \\"d\\": \\"{⟦devise⟧}\\"}'),
  );
  const problems = validateCallback(text, filesResolver()).filter(p => p.code === 'SFT001');
  assert.equal(problems.length, 1, JSON.stringify(validateCallback(text, filesResolver())));
  assert.deepEqual([problems[0]!.start, problems[0]!.end], [start, end]);
  assert.match(problems[0]!.message, /`\{devise\}` is not a Sigfox variable.*`\{device\}`/);
});

test('quick-fix texts from a template are JSON-escaped for the string they go into', () => {
  const text = urlCallback().replace('{\\"device\\": \\"{device}\\"}', '{\\"device\\": {device}}');
  const [p] = validateCallback(text, filesResolver()).filter(x => x.code === 'SFT007');
  assert.ok(p);
  assert.equal(text.slice(p.start, p.end), '{device}');
  assert.deepEqual(p.data?.replacements, ['\\"{device}\\"']);
  assert.deepEqual(p.data?.edit, { start: p.start, end: p.end, newText: '\\"{device}\\"' });
  // Applying the fix gives a definition without the problem.
  const fixed = text.slice(0, p.start) + p.data.edit.newText + text.slice(p.end);
  assert.deepEqual(
    validateCallback(fixed, filesResolver()).map(x => x.code),
    [],
  );
});

test('an inline payload config is checked as a canonical grammar, problems mapped into its string', () => {
  const { text, start, end } = marked(urlCallback('"payloadConfig": "t\\u0065mp::uint:8 x::⟦flot⟧:8"'));
  const [p] = validateCallback(text, filesResolver()).filter(x => x.code === 'SFG007');
  assert.ok(p);
  assert.deepEqual([p.start, p.end], [start, end]);
  assert.match(p.message, /did you mean `float`/);
  assert.deepEqual(covered(urlCallback('"payloadConfig": "a::uint:8  b::uint:8"'), 'SFG022'), ['a::uint:8  b::uint:8']);
});

test('{customData#...} is checked against the inline or file payload config', () => {
  const body = (expr: string): string => urlCallback().replace('{\\"device\\": \\"{device}\\"}', `{\\"t\\": ${expr}}`);
  assert.deepEqual(covered(body('{customData#tmp}').replace('"httpMethod"', '"payloadConfig": "temp::uint:8", "httpMethod"'), 'SFT002'), [
    'tmp',
  ]);
  assert.deepEqual(
    covered(body('{customData#tmp}').replace('"httpMethod"', '"payloadConfigFile": "seed.sfgrammar", "httpMethod"'), 'SFT002', {
      'seed.sfgrammar': 'temp::uint:8\n',
    }),
    ['tmp'],
  );
  assert.deepEqual(
    covered(body('{customData#temp}').replace('"httpMethod"', '"payloadConfig": "temp::uint:8", "httpMethod"'), 'SFT002'),
    [],
  );
});

test('without a payload config, {customData#...} says to add one; with an unreadable file, only the file error is reported', () => {
  const body = urlCallback().replace('{\\"device\\": \\"{device}\\"}', '{\\"t\\": {customData#temp}}');
  const [p] = validateCallback(body, filesResolver()).filter(x => x.code === 'SFT003');
  assert.ok(p);
  assert.match(
    p.message,
    /`\{customData#temp\}` reads a payload field, but this callback has no payload config: add `payloadConfig` or `payloadConfigFile`/,
  );
  const missingFile = body.replace('"httpMethod"', '"payloadConfigFile": "gone.sfgrammar", "httpMethod"');
  assert.deepEqual(
    validateCallback(missingFile, filesResolver()).map(x => x.code),
    ['SFC018'],
  );
});

test('variables are checked in the URL, header values, line pattern and email texts, against the subtype', () => {
  assert.deepEqual(covered(urlCallback().replace('/sigfox/{device}', '/sigfox/{device}?ack={ack}'), 'SFT004'), ['ack']);
  assert.deepEqual(covered(urlCallback('"headers": { "X-Ack": "{ack}" }'), 'SFT004'), ['ack']);
  assert.deepEqual(
    covered(urlCallback('"headers": { "X-Ack": "{ack}" }').replace('"callbackSubtype": 2', '"callbackSubtype": 3'), 'SFT004'),
    [],
  );
  const batch =
    '{ "channel": "BATCH_URL", "callbackType": 0, "callbackSubtype": 2, "url": "https://example.com/b", "httpMethod": "POST", "linePattern": "{device};{tiem}" }';
  assert.deepEqual(covered(batch, 'SFT001'), ['tiem']);
  const email =
    '{ "channel": "EMAIL", "callbackType": 2, "recipient": "ops@example.com", "subject": "{device} {seqNumber}", "message": "{info}" }';
  assert.deepEqual(covered(email, 'SFT004'), ['seqNumber']);
});

test('a body template file is checked in the context the definition gives it, reported with its path', () => {
  const definition = (subtype: number): string =>
    `{ "channel": "URL", "callbackType": 0, "callbackSubtype": ${subtype}, "url": "https://example.com/x", "httpMethod": "POST", "contentType": "application/json", "payloadConfigFile": "seed.sfgrammar", "bodyTemplateFile": "body.sftemplate" }`;
  const files = filesResolver({
    'seed.sfgrammar': 'temp::uint:8\n',
    'body.sftemplate': '{"ack": {ack}, "t": {customData#temp}, "x": {customData#nope}}\n',
  });
  const uplink = validateCallbackWithReferences(definition(2), files).map(p => `${p.path ?? ''} ${p.code}`);
  assert.deepEqual(uplink, ['body.sftemplate SFT004', 'body.sftemplate SFT002']);
  const bidir = validateCallbackWithReferences(definition(3), files).map(p => `${p.path ?? ''} ${p.code}`);
  assert.deepEqual(bidir, ['body.sftemplate SFT002']);
  // The definition alone is clean: the file's problems belong to the file.
  assert.deepEqual(validateCallback(definition(2), files), []);
});

test('a DATA_ADVANCED body is reported once when the content type is not JSON', () => {
  const text = urlCallback()
    .replace('"callbackType": 0', '"callbackType": 1')
    .replace('"callbackSubtype": 2', '"callbackSubtype": 6')
    .replace('"contentType": "application/json"', '"contentType": "text/plain"')
    .replace('{\\"device\\": \\"{device}\\"}', 'device={device}');
  assert.deepEqual(
    validateCallback(text, filesResolver()).map(p => p.code),
    ['SFC021'],
  );
});

test('JSON syntax errors are exact, and the other checks still run', () => {
  const text =
    '{ "channel": "URL", /* note */ "callbackType": 0, "callbackSubtype": 2, "url": "https://example.com", "httpMethod": "GET", "sendSni": "yes" }';
  const problems = validateCallback(text, filesResolver());
  assert.deepEqual(
    problems.map(p => [p.code, text.slice(p.start, p.end)]),
    [
      ['SFC001', '/* note */'],
      ['SFC005', '"yes"'],
    ],
  );
  assert.match(problems[0]!.message, /comments/);
});
