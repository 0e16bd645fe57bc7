/**
 * Property: every quick fix the editor offers on a payload config is safe. Applying it changes
 * only the fields its title names (or the diagnosed one), moves no other field's bits, adds no
 * error and no layout warning, and never makes a field cross a byte boundary as a preferred fix
 * unless the config already does; applying preferred fixes over and over stops.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { analyzeGrammar, type AnalyzedGrammar } from '../../server/src/core/grammar/analyze';
import type { FieldLayout } from '../../server/src/core/grammar/layout';
import { validateGrammar } from '../../server/src/core/grammar/validate';
import { codeInfo } from '../../server/src/core/diagnosticCodes';
import { createLanguageService } from '../../server/src/core/languageService';
import type { Problem } from '../../server/src/core/problem';
import { MemoryHost } from './helpers/features';

const LAYOUT_WARNINGS = new Set(['SFG019', 'SFG020', 'SFG027', 'SFG028']);

/** Well-formed fields that exercise the layout: sub-byte sizes, explicit and omitted indexes and bit offsets. */
const layoutField = fc
  .tuple(
    fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined, freq: 2 }),
    fc.constantFrom('bool', 'uint', 'uint', 'int', 'char', 'float'),
    fc.integer({ min: 1, max: 24 }),
    fc.option(fc.integer({ min: 0, max: 7 }), { nil: undefined, freq: 2 }),
    fc.constantFrom('', 'big-endian', 'little-endian'),
  )
  .map(([index, type, n, bit, endian]) => {
    const at = index === undefined ? '' : String(index);
    if (type === 'bool') return `:${at}:bool:${n % 8}`;
    if (type === 'char') return `:${at}:char:${1 + (n % 2)}`;
    const size = type === 'float' ? 32 : n;
    const order = endian === 'little-endian' && size % 8 !== 0 ? '' : endian;
    if (bit !== undefined) return `:${at}:${type}:${size}:${order === 'little-endian' ? '' : order}:${bit}`;
    return order ? `:${at}:${type}:${size}:${order}` : `:${at}:${type}:${size}`;
  });

/** Fields with the mistakes users make, so every kind of grammar fix is offered. */
const brokenField = fc.constantFrom(
  '::UINT:8',
  '::uint8:8',
  '::int16:16',
  '::flot:32',
  '::float:16',
  '::uint:8:little-endian',
  '::uint:32:2',
  '::char:2::3',
  '::bool:7:1',
  '::uint:8:BIG-ENDIAN',
  ':uint:8',
  '::uint:16:little-endian:3',
  '::uint:4::3:9',
);

const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
const grammar = fc
  .array(fc.oneof({ weight: 6, arbitrary: layoutField }, { weight: 1, arbitrary: brokenField }), { minLength: 1, maxLength: 7 })
  .chain(fields =>
    fc
      .tuple(
        fc.constant(fields),
        fc.array(fc.constantFrom(' ', ' ', '\n', '   # note\n'), { minLength: fields.length, maxLength: fields.length }),
      )
      .map(([fs, seps]) => fs.map((f, k) => `${k === 3 ? 'x#y' : names[k]}${f}${seps[k]}`).join('')),
  );

function sameBits(a: FieldLayout | undefined, b: FieldLayout | undefined): boolean {
  return a !== undefined && b !== undefined && a.byte === b.byte && a.bit === b.bit && a.bitLength === b.bitLength;
}

function straddles(l: FieldLayout | undefined): boolean {
  return l !== undefined && l.bit !== 7 && l.lastByte > l.byte;
}

function fieldAt(g: AnalyzedGrammar, offset: number): number {
  return g.document.fields.findIndex(f => f.token.start <= offset && offset < f.token.end);
}

/** `CODE@field` keys of errors and layout warnings; a warning also counts for each field it relates to. */
function findings(g: AnalyzedGrammar): { key: string; fields: number[] }[] {
  return validateGrammar(g)
    .filter((p: Problem) => codeInfo(p.code).severity === 'error' || LAYOUT_WARNINGS.has(p.code))
    .map(p => {
      const field = fieldAt(g, p.start);
      return { key: `${p.code}@${field}`, fields: [field, ...(p.related ?? []).map(r => fieldAt(g, r.start))] };
    });
}

interface Offered {
  readonly diagnostic: Diagnostic;
  readonly action: CodeAction;
}

function offeredFixes(text: string): { document: TextDocument; offered: Offered[] } {
  const host = new MemoryHost({ 'g.sfgrammar': text });
  const service = createLanguageService(host);
  const document = host.document('g.sfgrammar');
  const offered: Offered[] = [];
  for (const diagnostic of service.doValidation(document))
    for (const action of service.getCodeActions(document, diagnostic.range, { diagnostics: [diagnostic] }))
      offered.push({ diagnostic, action });
  return { document, offered };
}

function applied(document: TextDocument, action: CodeAction): string {
  return TextDocument.applyEdits(document, action.edit!.changes![document.uri]!);
}

function checkFix(text: string, document: TextDocument, { diagnostic, action }: Offered): void {
  const before = analyzeGrammar(text);
  const after = analyzeGrammar(applied(document, action));
  const where = `${JSON.stringify(text)}: ${String(diagnostic.code)} "${action.title}" -> ${JSON.stringify(after.document.text)}`;
  assert.equal(after.document.fields.length, before.document.fields.length, `adds or removes a field: ${where}`);
  const target = fieldAt(before, document.offsetAt(diagnostic.range.start));
  const named = new Set([...action.title.matchAll(/`([\w#-]+)[:`]/g)].map(m => m[1]!));
  const targetValid = target >= 0 && before.document.fields[target]!.valid;
  before.document.fields.forEach((f, k) => {
    if (k === target) return;
    // Only what the title says changes.
    if (after.document.fields[k]!.token.text !== f.token.text)
      assert.ok(named.has(f.name.text), `changes \`${f.name.text}\` unannounced: ${where}`);
    // No other field moves. A fix that makes an unreadable field readable lets the cursor pass it, so
    // only the fields before it are pinned then.
    if (before.layout.fields[k] && (targetValid || target < 0 || k < target))
      assert.ok(sameBits(before.layout.fields[k], after.layout.fields[k]), `moves \`${f.name.text}\`: ${where}`);
  });
  // Nothing new: an error or layout warning after the fix was there before, or (fixing an error)
  // concerns the field that was unreadable until now or a field the cursor now reaches differently.
  const was = new Set(findings(before).map(x => x.key));
  for (const x of findings(after)) {
    if (was.has(x.key)) continue;
    assert.ok(!targetValid && target >= 0 && x.fields.some(k => k >= target), `introduces ${x.key}: ${where}`);
  }
  if (action.isPreferred && target >= 0 && straddles(after.layout.fields[target]) && !straddles(before.layout.fields[target])) {
    const already = before.layout.fields.some((l, k) => k !== target && before.document.fields[k]!.valid && straddles(l));
    assert.ok(already, `a preferred fix makes \`${before.document.fields[target]!.name.text}\` cross a byte boundary: ${where}`);
  }
}

test('every offered payload-config quick fix is safe', () => {
  fc.assert(
    fc.property(grammar, text => {
      const { document, offered } = offeredFixes(text);
      for (const o of offered) checkFix(text, document, o);
    }),
    { numRuns: 400 },
  );
});

test('applying preferred fixes repeatedly reaches a fixed point', () => {
  fc.assert(
    fc.property(grammar, text => {
      let current = text;
      for (let step = 0; step < 30; step++) {
        const { document, offered } = offeredFixes(current);
        const preferred = offered.find(o => o.action.isPreferred);
        if (!preferred) return;
        current = applied(document, preferred.action);
      }
      assert.fail(`preferred fixes never settle from ${JSON.stringify(text)}; still fixing ${JSON.stringify(current)}`);
    }),
    { numRuns: 300 },
  );
});
