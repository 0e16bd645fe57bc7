/** The bulk NDJSON writer prints, for every frame, exactly what decodedFrameToJson prints. */
import assert from 'node:assert/strict';
import { PassThrough, type Writable } from 'node:stream';
import { test } from 'node:test';
import fc from 'fast-check';
import { compileNdjson } from '../../server/src/cli/frameFormats';
import { ByteBatch } from '../../server/src/cli/output';
import { analyzeGrammar } from '../../server/src/core/grammar/analyze';
import { decodedFrameToJson } from '../../server/src/core/grammar/decodeJson';

/** A stream that keeps what it is given, at once. */
function collector(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = { write: (chunk: Uint8Array) => chunks.push(Buffer.from(chunk)) > 0, writableNeedDrain: false } as unknown as Writable;
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

const CONFIGS = [
  'alarm:0:bool:7 mode:0:uint:3::5 temp:1:int:12 counter:3:uint:32:little-endian pressure:7:float:32:little-endian code:11:char:1',
  // Exact integers past 2^53, negative ones, a char of several characters (quotes, backslashes), a float:64.
  'big::uint:64 small::int:8 word::char:3',
  'count:0:uint:16:little-endian level:2:int:32 ratio:6:float:32 tag:10:char:2',
  'x::float:64 n::int:8 wide::int:24',
  // Fields read by reader closures, not inline expressions: a float at a bit offset, a wide little-endian, a long char.
  'a:0:uint:4::7 f:0:float:32::3 w:5:uint:48:little-endian',
  'e:0:int:40::6 s:6:char:6',
];

for (const config of CONFIGS) {
  test(`ndjson lines equal decodedFrameToJson, warnings included: ${config}`, async () => {
    const grammar = analyzeGrammar(config);
    assert.deepEqual(
      grammar.problems.map(p => `${p.code} ${p.message}`),
      [],
    );
    const line = compileNdjson(grammar, 12);
    // Past the decoder's switch to generated code, in batches smaller than a line and larger.
    for (const batchBytes of [8, 1 << 16]) {
      const frames = fc.sample(fc.uint8Array({ minLength: 0, maxLength: 14 }), { numRuns: 600, seed: batchBytes });
      frames.push(Uint8Array.from([0x7f, 0xc0, 0, 0, 0x22, 0x5c, 0x41, 0x7f, 0xff, 0xff, 0xff, 0xff]));
      // Printable chars JSON escapes: a quote and a backslash at every position.
      for (const fill of [0x22, 0x5c, 0x41]) frames.push(new Uint8Array(12).fill(fill).map((b, i) => (i % 3 === 1 ? 0x5c : b)));
      // Infinities (float:32 and float:64, either byte order, either sign) at every offset.
      for (const pattern of [
        [0x7f, 0x80, 0, 0],
        [0, 0, 0x80, 0xff],
        [0xff, 0xf0, 0, 0, 0, 0, 0, 0],
        [0x7f, 0xf0, 0, 0, 0, 0, 0, 0],
      ])
        for (let at = 0; at + pattern.length <= 12; at++) frames.push(new Uint8Array(12).fill(0).map((_, i) => pattern[i - at] ?? 0));
      // Every byte in a char: control characters (\n, \u0001...), DEL, Latin-1.
      for (let c = 0; c < 256; c++) frames.push(new Uint8Array(12).fill(c));
      const { stream, text } = collector();
      const out = new ByteBatch(stream, batchBytes);
      for (const bytes of frames) line(bytes, out);
      await out.end();
      const expected = frames.map(bytes => `${decodedFrameToJson(grammar, grammar.decoder.decode(bytes))}\n`).join('');
      assert.equal(text(), expected);
    }
  });
}

test('a field decoded but not printed (a second field of the same name) still has its warnings listed', async () => {
  const grammar = analyzeGrammar('code::char:1 code::char:1 level::float:32');
  assert.deepEqual(
    grammar.problems.map(p => p.code),
    ['SFG005'],
  );
  const line = compileNdjson(grammar, 12);
  const frames = [Uint8Array.from([0x41, 0x01, 0, 0, 0, 0]), Uint8Array.from([0x41, 0x42, 0x7f, 0xc0, 0, 0]), Uint8Array.from([0x41])];
  for (let i = 0; i < 100; i++) frames.push(Uint8Array.from([0x41 + (i % 3), i, 0x3f, 0x80, 0, 0])); // past the switch to generated code
  const { stream, text } = collector();
  const out = new ByteBatch(stream);
  for (const bytes of frames) line(bytes, out);
  await out.end();
  assert.equal(text(), frames.map(bytes => `${decodedFrameToJson(grammar, grammar.decoder.decode(bytes))}\n`).join(''));
  assert.match(text().split('\n')[0]!, /"field":"code","message":"`code` holds byte 0x01 at character 1/);
});

test('a stream that hands chunks on (a PassThrough, no file descriptor) gets chunks no later batch writes over', async () => {
  const stream = new PassThrough({ highWaterMark: 1 << 30 });
  const out = new ByteBatch(stream, 64);
  let expected = '';
  for (let i = 0; i < 2000; i++) {
    const text = `line ${i} ${'x'.repeat(i % 50)}\n`;
    expected += text;
    out.text(text);
    await out.pending();
    // Let the stream call back for what it was given.
    if (i % 100 === 0) await new Promise(resolve => setImmediate(resolve));
  }
  await out.end();
  stream.end();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  assert.equal(Buffer.concat(chunks).toString('utf8'), expected);
});
