import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeGrammar } from '../../server/src/core/grammar/analyze';
import { validateGrammar } from '../../server/src/core/grammar/validate';
import { renderFieldValue } from '../../server/src/core/grammar/fieldValue';
import { parseHex } from '../../server/src/core/hex';

/** Near-valid configs: real field shapes with every slot drawn from plausible and broken values. */
const nearValidField = fc
  .tuple(
    fc.constantFrom('a', 'temp', 'x_1', 'b-2', '', 'a#b', 'é', 'T'),
    fc.constantFrom('', '0', '1', '3', '11', '12', 'x', '-1', '99999999999'),
    fc.constantFrom('bool', 'char', 'float', 'uint', 'int', 'UINT', 'hex', ''),
    fc.constantFrom('', '0', '1', '4', '7', '8', '12', '16', '32', '48', '53', '64', '65', 'x'),
    fc.option(fc.constantFrom('', 'big-endian', 'little-endian', '2', 'BIG-ENDIAN', 'x'), { nil: undefined }),
    fc.option(fc.constantFrom('', '0', '3', '7', '8', 'x'), { nil: undefined }),
    fc.option(fc.constantFrom('', '1', 'extra'), { nil: undefined }),
  )
  .map(parts => {
    const [name, index, type, size, endian, offset, extra] = parts;
    let s = `${name}:${index}:${type}:${size}`;
    if (endian !== undefined) s += `:${endian}`;
    if (endian !== undefined && offset !== undefined) s += `:${offset}`;
    if (endian !== undefined && offset !== undefined && extra !== undefined) s += `:${extra}`;
    return s;
  });

const separators = fc.constantFrom(' ', '  ', '\t', '\n', ' # comment\n', '\r\n', '\n# example: 0102 => a=1\n');

const nearValidConfig = fc
  .array(fc.tuple(nearValidField, separators), { maxLength: 12 })
  .map(pairs => pairs.map(([f, s]) => f + s).join(''));

const anyConfig = fc.oneof(nearValidConfig, fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 100 }));
const anyFrame = fc.uint8Array({ maxLength: 20 });

test('parse, layout, decode, validate and render never throw, and ranges stay inside the document', () => {
  fc.assert(
    fc.property(anyConfig, anyFrame, fc.boolean(), (text, frame, inline) => {
      const grammar = analyzeGrammar(text, { inline });
      for (const p of validateGrammar(grammar)) {
        assert.ok(p.start >= 0 && p.start <= p.end && p.end <= text.length, `${p.code} [${p.start},${p.end}] outside 0..${text.length}`);
        assert.ok(p.message.length > 0);
      }
      const decoded = grammar.decoder.decode(frame);
      assert.equal(decoded.values.length, grammar.document.fields.length);
      decoded.values.forEach((v, k) => {
        if (v !== undefined) renderFieldValue(grammar.document.fields[k]!, v);
      });
    }),
    { numRuns: 2000 },
  );
});

test("every layout span stays within its field's declared size", () => {
  fc.assert(
    fc.property(nearValidConfig, text => {
      const grammar = analyzeGrammar(text);
      grammar.layout.fields.forEach((l, k) => {
        if (!l) return;
        const f = grammar.document.fields[k]!;
        const declared = f.type === 'bool' ? 1 : f.type === 'char' ? f.size! * 8 : f.size!;
        assert.equal(l.bitLength, declared);
        assert.ok(l.bit >= 0 && l.bit <= 7);
        assert.equal(l.lastByte - l.byte + 1, Math.ceil((7 - l.bit + l.bitLength) / 8), 'bytes touched = bits from the start bit');
        if (f.index !== undefined) assert.equal(l.byte, f.index);
      });
    }),
    { numRuns: 2000 },
  );
});

test('decoded integers lie in the range of their declared width and signedness', () => {
  const intField = fc.tuple(fc.constantFrom('uint', 'int'), fc.integer({ min: 1, max: 64 }), fc.integer({ min: 0, max: 7 }), fc.boolean());
  fc.assert(
    fc.property(fc.array(intField, { minLength: 1, maxLength: 6 }), fc.uint8Array({ minLength: 0, maxLength: 12 }), (fields, frame) => {
      const text = fields.map(([t, n, bit, explicit], k) => `f${k}::${t}:${n}${explicit ? `::${bit}` : ''}`).join(' ');
      const grammar = analyzeGrammar(text);
      grammar.decoder.decode(frame).values.forEach((v, k) => {
        if (v === null || v === undefined) return;
        const [t, n] = fields[k]!;
        const big = BigInt(v);
        const [lo, hi] = t === 'uint' ? [0n, (1n << BigInt(n)) - 1n] : [-(1n << BigInt(n - 1)), (1n << BigInt(n - 1)) - 1n];
        assert.ok(big >= lo && big <= hi, `${text}: f${k}=${big} outside ${lo}..${hi}`);
        if (big >= -(2n ** 53n) + 1n && big <= 2n ** 53n - 1n) assert.equal(typeof v, 'number', 'safe integers are plain numbers');
        else assert.equal(typeof v, 'bigint');
      });
    }),
    { numRuns: 2000 },
  );
});

test('hex parsing round-trips bytes through any case, spacing and 0x prefix, and never throws', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 16 }), fc.boolean(), fc.boolean(), (bytes, upper, spaced) => {
      let hex = Buffer.from(bytes).toString('hex');
      if (upper) hex = hex.toUpperCase();
      if (spaced) hex = hex.replace(/(..)/g, '$1 ');
      const r = parseHex(`0x${hex}`);
      assert.ok(r.ok);
      assert.deepEqual([...r.bytes], [...bytes]);
    }),
  );
  fc.assert(
    fc.property(fc.string(), s => {
      parseHex(s);
    }),
  );
});
