import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeGrammar } from '../../server/src/core/grammar/analyze';
import { decodedFrameToJson } from '../../server/src/core/grammar/decodeJson';
import { parseHex } from '../../server/src/core/hex';
import { loadVectors } from './helpers/vectors';

/** Vectors longer than a Sigfox frame are parser-level tests; give them room. */
const PARSER_LEVEL_MAX_BYTES = 64;

for (const v of loadVectors()) {
  test(`vector ${v.config} / ${v.hex}`, () => {
    const grammar = analyzeGrammar(v.config, { maxBytes: PARSER_LEVEL_MAX_BYTES });
    assert.deepEqual(
      grammar.problems.filter(p => p.code !== 'SFG019').map(p => p.code),
      [],
      'the config itself is clean',
    );
    const hex = parseHex(v.hex);
    assert.ok(hex.ok);
    const out = JSON.parse(decodedFrameToJson(grammar, grammar.decoder.decode(hex.bytes))) as { fields: Record<string, unknown> };
    for (const [name, expected] of Object.entries(v.expected)) {
      const actual = out.fields[name];
      const field = grammar.document.fields[grammar.fieldIndexByName.get(name)!]!;
      if (field.type === 'float' && field.size === 32 && typeof expected === 'number') {
        // float32 values compared as float32 (the vector stores the widened double).
        assert.equal(Math.fround(actual as number), Math.fround(expected), name);
      } else {
        assert.deepEqual(actual, expected, name);
      }
    }
  });
}
