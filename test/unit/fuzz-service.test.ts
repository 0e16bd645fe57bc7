/**
 * Fuzzing every verb of the language service (short run; `node --import tsx bench/fuzz.ts` runs a
 * million cases): a workspace of a payload config, a template and a callback definition, each
 * arbitrary or a mutated real-looking document, and completion, hover, definition, references,
 * prepareRename/rename, code actions for every diagnostic, formatting, inlay hints, code lenses,
 * folding, symbols, decode and render at arbitrary positions (careless ones too). Nothing throws
 * (but a rename refused with its reason; the 500 ms per-call budget is checked by bench/), every range lies inside
 * its document, completion ranges hold the cursor, symbol selections lie in their symbol,
 * formatting keeps every field and comment and is idempotent, no markdown holds a command link.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../../server/src/core/languageService';
import { parseGrammar } from '../../server/src/core/grammar/parse';
import { CALLBACK_SEEDS, GRAMMAR_SEEDS, TEMPLATE_SEEDS, checkServiceCase, serviceCase, type ServiceCase } from './helpers/fuzz';
import { MemoryHost } from './helpers/features';

test('fuzz: every language-service verb at arbitrary positions', () => {
  fc.assert(fc.property(serviceCase, checkServiceCase), { numRuns: 1000 });
});

const base: ServiceCase = {
  grammar: GRAMMAR_SEEDS[0]!,
  template: TEMPLATE_SEEDS[0]!,
  callback: CALLBACK_SEEDS[0]!,
  target: 'grammar',
  offsets: [0, 5, 40],
  rawPositions: [{ line: 99, character: 9999 }],
  newName: 'renamed',
  hex: '1A2B3C0E74',
  settings: { validateEnable: true, associations: [], maxUplinkBytes: 12, formatStyle: 'multiline' },
};

test('the seeds themselves pass every check, in each role', () => {
  for (const target of ['grammar', 'template', 'callback'] as const) {
    for (let k = 0; k < Math.max(GRAMMAR_SEEDS.length, TEMPLATE_SEEDS.length, CALLBACK_SEEDS.length); k++) {
      checkServiceCase({
        ...base,
        target,
        grammar: GRAMMAR_SEEDS[k % GRAMMAR_SEEDS.length]!,
        template: TEMPLATE_SEEDS[k % TEMPLATE_SEEDS.length]!,
        callback: CALLBACK_SEEDS[k % CALLBACK_SEEDS.length]!,
      });
    }
  }
});

// ---- regressions: each one a failure the fuzzer found ---------------------------------------

test('regression: formatting a config with CR line breaks keeps each comment on its own line', () => {
  // Line breaks were counted as `\n` only: after a `\r`, the next comment joined the previous line
  // and became part of it (and a second `# example:` became text of the first).
  const text = 'a::uint:8\r# first\r# example: 01 => a=1\r# example: 02 => a=2\rb::uint:8 # trailing\r';
  const service = createLanguageService(new MemoryHost({ 'cr.sfgrammar': text }));
  const document = TextDocument.create('file:///ws/cr.sfgrammar', 'sfgrammar', 1, text);
  const edits = service.format(document, 'multiline');
  const formatted = TextDocument.applyEdits(document, edits);
  assert.deepEqual(
    parseGrammar(formatted).document.comments.map(c => c.text),
    ['# first', '# example: 01 => a=1', '# example: 02 => a=2', '# trailing'],
  );
  assert.equal(parseGrammar(formatted).document.examples.length, 2);
  checkServiceCase({ ...base, grammar: text });
});

test('regression: a lone surrogate in a path of a callback definition breaks no template and no check', () => {
  // `"payloadConfigFile": "\ud800oom.sfgrammar"` is valid JSON; turning it into a uri threw
  // URIError from every request about every template of the workspace.
  const callback = CALLBACK_SEEDS[0]!
    .replace('"payloadConfigFile": "room.sfgrammar"', '"payloadConfigFile": "\\ud800oom.sfgrammar"')
    .replace('"bodyTemplateFile": "room.sftemplate"', '"bodyTemplateFile": "\\udc00.sftemplate"');
  assert.notEqual(callback, CALLBACK_SEEDS[0]);
  for (const target of ['grammar', 'template', 'callback'] as const) checkServiceCase({ ...base, callback, target });
  const host = new MemoryHost({ 'room.sfcallback.json': callback, 'room.sftemplate': '{"t": {customData#temp}}' });
  const service = createLanguageService(host);
  assert.deepEqual(
    service.validate('file:///ws/room.sfcallback.json').filter(d => d.code === 'SFC018').length,
    2,
    'both paths name no readable file',
  );
  assert.deepEqual(
    service.validate('file:///ws/room.sftemplate').map(d => d.code),
    ['SFT003'],
  );
});
