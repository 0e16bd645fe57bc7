/** The bulk NDJSON writer prints, for every frame, exactly what decodedFrameToJson prints. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { compileNdjson } from '../../server/src/cli/frameFormats';
import { analyzeGrammar } from '../../server/src/core/grammar/analyze';
import { decodedFrameToJson } from '../../server/src/core/grammar/decodeJson';

test('ndjson lines equal decodedFrameToJson, warnings included (short frames, NaN, non-printable chars, long frames)', () => {
  const config =
    'alarm:0:bool:7 mode:0:uint:3::5 temp:1:int:12 counter:3:uint:32:little-endian pressure:7:float:32:little-endian code:11:char:1';
  const grammar = analyzeGrammar(config);
  const line = compileNdjson(grammar, 12);
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 0, maxLength: 14 }), bytes => {
      for (let i = 0; i < 70; i++) line(bytes); // past the decoder's switch to generated code too
      assert.equal(line(bytes), `${decodedFrameToJson(grammar, grammar.decoder.decode(bytes))}\n`);
    }),
    { numRuns: 500 },
  );
});
