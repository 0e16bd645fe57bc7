/**
 * The fuzzing harness shared by `test/unit/fuzz-*.test.ts` (a short run in `npm test`) and
 * `bench/fuzz.ts` (the long run): generators of arbitrary and near-valid documents (real-looking
 * documents mutated: characters inserted, deleted, replaced, tokens duplicated, braces and quotes
 * unbalanced, huge numbers, unicode with lone surrogate halves, CRLF and CR line breaks) and the
 * checks run on each case. A check throws an AssertionError naming what broke; every call into
 * the code under test is timed; the long run (bench/fuzz.ts) fails a call past `CALL_BUDGET_MS`.
 * Tests assert behaviour only: a figure depends on the machine, so budgets live in bench/.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  CodeAction,
  CompletionItem,
  Diagnostic,
  DocumentSymbol,
  Hover,
  MarkupContent,
  Position,
  Range,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-types';
import {
  buildCallback,
  checkDownlinkReply,
  renderCallbackRequest,
  validateCallback,
  type CallbackFileResolver,
} from '../../../server/src/core/callback';
import { analyzeGrammar } from '../../../server/src/core/grammar/analyze';
import { parseGrammar } from '../../../server/src/core/grammar/parse';
import { layoutGrammar } from '../../../server/src/core/grammar/layout';
import { compileDecoder } from '../../../server/src/core/grammar/decode';
import { renderFieldValue } from '../../../server/src/core/grammar/fieldValue';
import { validateGrammar } from '../../../server/src/core/grammar/validate';
import { createLanguageService, isRequestRefused, type LanguageService } from '../../../server/src/core/languageService';
import type { Problem } from '../../../server/src/core/problem';
import { renderTemplate, type CustomDataInput } from '../../../server/src/core/template/render';
import { scanTemplate } from '../../../server/src/core/template/scan';
import { validateTemplate, type TemplateContext } from '../../../server/src/core/template/validate';
import { CALLBACK_KINDS } from '../../../server/src/core/template/variables';
import type { Settings } from '../../../server/src/core/workspace';
import { MemoryHost, uriOf } from './features';

/** No single call may take longer than this (a language server must stay responsive): bench/fuzz.ts enforces it. */
export const CALL_BUDGET_MS = 500;

/**
 * Sees every timed call (the long run reports the slowest); `enforceBudget` makes a call past
 * `CALL_BUDGET_MS` a failure, which only the benchmark turns on.
 */
export const callObserver: { onCall?: (what: string, ms: number) => void; enforceBudget?: boolean } = {};

/**
 * Runs `fn`. With `callObserver.enforceBudget`, fails when it takes longer than the budget in wall
 * time and in CPU time, so that a process descheduled on a busy machine is not taken for a slow
 * call, while a slow path (which burns CPU) still is.
 */
export function timed<T>(what: string, fn: () => T): T {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = fn();
  const ms = performance.now() - started;
  callObserver.onCall?.(what, ms);
  if (callObserver.enforceBudget && ms > CALL_BUDGET_MS) {
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    assert.ok(cpuMs <= CALL_BUDGET_MS, `${what} took ${ms.toFixed(0)} ms, ${cpuMs.toFixed(0)} ms of CPU (budget ${CALL_BUDGET_MS} ms)`);
  }
  return result;
}

// ---- real-looking documents ------------------------------------------------------------------

export const GRAMMAR_SEEDS: readonly string[] = [
  'temp::uint:8 humidity::uint:8 lum::uint:8 voltage::uint:16\n# example: 1A2B3C0E74 => temp=26 humidity=43 lum=60 voltage=3700\n',
  '# Room sensor\r\nDirection::uint:4 Status::uint:4   # D4: skips the low nibble\r\nflag:0:bool:7 alarm:0:bool:6\r\n' +
    'pressure:1:float:32:little-endian\r\nlabel::char:4\r\ncounter:5:int:12:big-endian:3\r\nbig::uint:64\r\n# example: C012340000 => flag=true alarm=true label="AB"\r\n',
  'a::uint:8 a::uint:8\nb::UINT:8 c:uint:8 i2::uint:32:2 n::uint:12:little-endian s::char:2::3 b2::bool:7:1 f::float:16 x::hex:8\n',
  'lat::int:32 lng::int:32 alt::uint:16:little-endian\n\n\n# example: 0x01020304 05060708 0900 => lat=16909060 lng=84281096 alt=9\n# example: zz => lat=1\n',
  'v1::float:64 v2::float:32:little-endian:7 b::bool:0 c:11:char:1\r# trailing comment\rnext::int:4',
];

export const TEMPLATE_SEEDS: readonly string[] = [
  '{"device": "{device}", "time": {time}, "temp": {customData#temp}, "hum": {customData#humidity}, "data": "{data}", "seq": {seqNumber}}\n',
  'device={device}&temp={customData#temp}&ack={ack}&lqi={lqi}',
  '[{"d": "{device}", "lqi": "{lqi}", "x": { customData#temp }, "y": {customdata#lum}, "z": {customData#}, "ok": "{customData#voltage}",\r\n "dup": "{duplicates}", "loc": {computedLocation}, "n": "{time}"}]',
  '{\n  "device": {device},\n  "nested": {"a": [1, 2, {"b": "{customData#missing}"}]},\n  "esc": "\\"{data}\\"",\n  "bad": {customData#a-b_c}\n}\n',
  '{ "unterminated": "{device}\n  "x": {snr}, }',
];

export const CALLBACK_SEEDS: readonly string[] = [
  JSON.stringify(
    {
      channel: 'URL',
      callbackType: 0,
      callbackSubtype: 2,
      payloadConfigFile: 'room.sfgrammar',
      url: 'https://iot.example.com/api/v1/rooms/{device}/readings?seq={seqNumber}&key=abc123',
      httpMethod: 'POST',
      headers: { Authorization: 'Bearer ${env:ROOM_API_TOKEN}', 'X-Device-Type': '{deviceTypeId}' },
      sendSni: true,
      contentType: 'application/json',
      bodyTemplateFile: 'room.sftemplate',
    },
    null,
    2,
  ),
  JSON.stringify(
    {
      connector: {
        type: 'azure-iot-hub',
        connectionString: 'HostName=hub.azure-devices.net;SharedAccessKeyName=p;SharedAccessKey=c2VjcmV0',
      },
      callbackType: 0,
      callbackSubtype: 3,
      payloadConfig: 'temp::uint:8 hum::uint:8',
      bodyTemplate: '{"t": {customData#temp}, "d": "{device}"}',
    },
    null,
    2,
  ),
  JSON.stringify({
    connector: { type: 'aws-kinesis', roleArn: 'arn:aws:iam::123456789012:role/sigfox', streamName: 's', region: 'eu-west-1', batch: true },
    callbackType: 1,
    callbackSubtype: 6,
    bodyTemplate: '{"device": "{device}", "loc": {computedLocation}}',
  }),
  JSON.stringify({
    channel: 'BATCH_URL',
    callbackType: 0,
    callbackSubtype: 2,
    url: 'http://user:pa55@example.com/batch',
    httpMethod: 'PUT',
    linePattern: '{device};{time};{customData#temp}',
    payloadConfig: 'temp::uint:8',
  }),
  JSON.stringify({
    channel: 'EMAIL',
    callbackType: 2,
    recipient: 'ops@example.com, ${env:OPS}',
    subject: 'Error {device}',
    message: 'Status {status} {info}',
  }),
  '{\n  "channel": "URL", // comment\n  "callbackType": "DATA", "callbackSubtype": 9,\n  "url": "ftp://x y", "httpMethod": "PATCH",\n  "payloadConfig": "a::uint:8  b::uint:8 # c",\n  "bodyTemplate": "{\\"a\\": {customData#a}, \\"u\\": \\"\\u00e9\\\\{device}\\"}",\n  "headers": {"Authorization": "Basic dXNlcjpwYXNz", "Host": "{device}"},\n}\n',
];

/** Pieces that matter to the parsers, hostile names, huge numbers and awkward unicode. */
const TOKENS: readonly string[] = [
  '{',
  '}',
  '[',
  ']',
  '"',
  "'",
  ':',
  '::',
  ',',
  '#',
  '\\',
  '=',
  '=>',
  '/',
  '*',
  ' ',
  '\t',
  '\n',
  '\r',
  '\r\n',
  '\v',
  '\f',
  'customData#',
  'customdata#',
  '{customData#temp}',
  '{device}',
  '{ device }',
  '{time}',
  '{data}',
  '{computedLocation}',
  'uint',
  'int',
  'bool',
  'char',
  'float',
  'little-endian',
  'big-endian',
  '::uint:8',
  ':0:bool:7',
  '::char:99999999',
  '::float:32',
  '# example: ',
  '# example: 00FF => ',
  'temp=',
  'label="A\\"B"',
  '0x',
  'C0FFEE',
  'zz',
  '99999999999999999999999999',
  '18446744073709551616',
  '9007199254740993',
  '1e400',
  '-0',
  '-1',
  '0.5',
  'NaN',
  'Infinity',
  '1'.repeat(400),
  '${env:ROOM_API_TOKEN}',
  '${env:',
  '${env:a b}',
  '${env:constructor}',
  '${env:__proto__}',
  '${env:toString}',
  'arn:aws:iam::1:role/x',
  'SharedAccessKey=',
  'Bearer ',
  '[x](command:workbench.action.quit)',
  '<a href="command:workbench.action.quit">x</a>',
  '](command:',
  '`',
  '```',
  '**',
  '|',
  '<',
  '>',
  '&',
  '"url": "https://{device}"',
  '"callbackType": 1',
  '"connector": {"type": "aws-iot"}',
  'null',
  'true',
  '__proto__',
  'constructor',
  'toString',
  'é',
  'ü',
  '😀',
  '\u0000',
  '\u001f',
  '\u007f',
  '\u00a0',
  '\u2028',
  '\u2029',
  '\ufeff',
  '\ufffd',
  '\ud800',
  '\udbff',
  '\udc00',
  '\udfff',
  '\ud83d',
  '\ude00',
];

const token = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...TOKENS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 6 }) },
  // Lone and reversed surrogate halves: `unit: 'binary'` never produces them.
  {
    weight: 1,
    arbitrary: fc
      .array(fc.integer({ min: 0xd7fe, max: 0xe001 }), { minLength: 1, maxLength: 3 })
      .map(units => String.fromCharCode(...units)),
  },
);

type Mutation =
  | { readonly op: 'insert'; readonly at: number; readonly text: string }
  | { readonly op: 'delete'; readonly at: number; readonly length: number }
  | { readonly op: 'replace'; readonly at: number; readonly length: number; readonly text: string }
  | { readonly op: 'duplicate'; readonly at: number; readonly length: number; readonly to: number; readonly times: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: token }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ op: fc.constant('replace' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 6 }), text: token }),
  fc.record({
    op: fc.constant('duplicate' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 24 }),
    to: fc.nat(),
    times: fc.integer({ min: 1, max: 40 }),
  }),
);

export function mutate(text: string, mutations: readonly Mutation[]): string {
  let out = text;
  for (const m of mutations) {
    const at = m.at % (out.length + 1);
    switch (m.op) {
      case 'insert':
        out = out.slice(0, at) + m.text + out.slice(at);
        break;
      case 'delete':
        out = out.slice(0, at) + out.slice(at + m.length);
        break;
      case 'replace':
        out = out.slice(0, at) + m.text + out.slice(at + m.length);
        break;
      case 'duplicate': {
        const piece = out.slice(at, at + m.length).repeat(m.times);
        const to = m.to % (out.length + 1);
        out = out.slice(0, to) + piece + out.slice(to);
        break;
      }
    }
  }
  return out;
}

/** A seed mutated a few times, a seed as is, a soup of tokens, or arbitrary text. */
function documentOf(seeds: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .tuple(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 6 }))
        .map(([seed, ms]) => mutate(seed, ms)),
    },
    { weight: 1, arbitrary: fc.constantFrom(...seeds) },
    { weight: 2, arbitrary: fc.array(token, { maxLength: 60 }).map(parts => parts.join('')) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  );
}

export const grammarText = documentOf(GRAMMAR_SEEDS);
export const templateText = documentOf(TEMPLATE_SEEDS);
export const callbackText = documentOf(CALLBACK_SEEDS);
export const anyFrame = fc.oneof(fc.uint8Array({ maxLength: 14 }), fc.uint8Array({ maxLength: 200 }));
const hexText = fc.oneof(
  anyFrame.map(bytes => Buffer.from(bytes).toString('hex')),
  fc.constantFrom('', '0x1A2B3C0E74', '1a 2b 3c', 'zz', '1', 'C01234\n', '\ud800'),
  fc.string({ maxLength: 30 }),
);

// ---- invariants ------------------------------------------------------------------------------

const lineLengthCache = new Map<string, readonly number[]>();

/** The length of each line without its line break, as LSP positions count them. */
function lineLengths(text: string): readonly number[] {
  let lengths = lineLengthCache.get(text);
  if (!lengths) {
    if (lineLengthCache.size > 8) lineLengthCache.clear();
    lineLengthCache.set(text, (lengths = text.split(/\r\n|\r|\n/).map(line => line.length)));
  }
  return lengths;
}

export function assertPosition(text: string, p: Position, what: string): void {
  const lengths = lineLengths(text);
  assert.ok(Number.isInteger(p.line) && Number.isInteger(p.character), `${what}: non-integer position ${JSON.stringify(p)}`);
  assert.ok(p.line >= 0 && p.line < lengths.length, `${what}: line ${p.line} outside 0..${lengths.length - 1}`);
  assert.ok(
    p.character >= 0 && p.character <= lengths[p.line]!,
    `${what}: character ${p.character} outside 0..${lengths[p.line]} on line ${p.line}`,
  );
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

export function assertRange(text: string, r: Range, what: string): void {
  assertPosition(text, r.start, `${what} start`);
  assertPosition(text, r.end, `${what} end`);
  assert.ok(before(r.start, r.end), `${what}: start ${JSON.stringify(r.start)} after end ${JSON.stringify(r.end)}`);
}

function contains(outer: Range, inner: Range): boolean {
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

export function assertProblems(problems: readonly Problem[], text: string, what: string): void {
  for (const p of problems) {
    assert.ok(
      Number.isInteger(p.start) && Number.isInteger(p.end) && p.start >= 0 && p.start <= p.end && p.end <= text.length,
      `${what}: ${p.code} [${p.start}, ${p.end}] outside [0, ${text.length}]`,
    );
    assert.ok(p.message.length > 0, `${what}: ${p.code} has no message`);
    const edit = p.data?.edit;
    if (edit)
      assert.ok(
        edit.start >= 0 && edit.start <= edit.end && edit.end <= text.length,
        `${what}: ${p.code} fix [${edit.start}, ${edit.end}] outside the text`,
      );
  }
}

/** The markdown a renderer treats as prose: fenced code blocks and code spans are shown literally. */
export function markdownProse(markdown: string): string {
  const kept: string[] = [];
  let fence: { char: string; length: number } | undefined;
  for (const line of markdown.split(/\r\n|\r|\n/)) {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (marker && marker[1]![0] === fence.char && marker[1]!.length >= fence.length && line.trim() === marker[1]) fence = undefined;
      continue;
    }
    if (marker && !(marker[1]![0] === '`' && line.slice(marker[0].length).includes('`'))) {
      fence = { char: marker[1]![0]!, length: marker[1]!.length };
      continue;
    }
    kept.push(line);
  }
  return kept.join('\n').replace(/(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g, '');
}

/** Markdown shown by the editor must never hold a link (inline, reference, autolink or HTML) that runs a command. */
export function assertNoCommandLink(markdown: string, what: string): void {
  const prose = markdownProse(markdown).replace(/\\[!-/:-@[-`{-~]/g, '');
  for (const link of [
    /\]\(\s*(?:<\s*)?command:/i,
    /<a\b[^>]+\bhref\s*=\s*(?:["']\s*)?command:/i,
    /<command:/i,
    /^ {0,3}\[[^\]]+\]:\s*<?command:/im,
  ]) {
    assert.doesNotMatch(prose, link, `${what} holds a command link: ${markdown}`);
  }
}

function markdownOf(contents: Hover['contents'] | CompletionItem['documentation']): string {
  if (contents === undefined) return '';
  if (typeof contents === 'string') return contents;
  if (Array.isArray(contents)) return contents.map(c => (typeof c === 'string' ? c : c.value)).join('\n');
  return (contents as MarkupContent).value;
}

/** Applying the edits succeeds (no overlap) and gives a text; each range lies inside the document. */
function applyEdits(text: string, edits: readonly TextEdit[], what: string): string {
  edits.forEach((e, k) => assertRange(text, e.range, `${what} edit ${k}`));
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'plaintext', 1, text), [...edits]);
}

function assertWorkspaceEdit(host: MemoryHost, edit: WorkspaceEdit | null | undefined, what: string): void {
  if (!edit) return;
  assert.equal(edit.documentChanges, undefined, `${what}: documentChanges are not produced`);
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
    const text = host.texts.get(uri);
    assert.ok(text !== undefined, `${what}: edit of ${uri}, which is not in the workspace`);
    applyEdits(text, edits, `${what} ${uri}`);
  }
}

/** Formatting keeps every field token, in order, and every comment. */
function assertFormatKeepsEverything(before: string, after: string, what: string): void {
  const a = parseGrammar(before).document,
    b = parseGrammar(after).document;
  assert.deepEqual(
    b.fields.map(f => f.token.text),
    a.fields.map(f => f.token.text),
    `${what}: the fields changed`,
  );
  assert.deepEqual(
    b.comments.map(c => c.text),
    a.comments.map(c => c.text),
    `${what}: a comment was lost or merged`,
  );
}

// ---- a language-service case: a workspace of three files, every verb at arbitrary positions --

export interface ServiceCase {
  readonly grammar: string;
  readonly template: string;
  readonly callback: string;
  /** Which of the three is the open document under test. */
  readonly target: 'grammar' | 'template' | 'callback';
  /** Cursor offsets (taken modulo the length + 1) and raw positions a careless client may send. */
  readonly offsets: readonly number[];
  readonly rawPositions: readonly Position[];
  readonly newName: string;
  readonly hex: string;
  readonly settings: Settings;
}

const settings: fc.Arbitrary<Settings> = fc.record({
  validateEnable: fc.constant(true),
  associations: fc.constantFrom(
    [],
    [{ template: '**/*.sftemplate', grammar: 'room.sfgrammar', type: 'SERVICE', subtype: 'DATA_ADVANCED' }],
    [{ template: '[', grammar: '../../etc/x.sfgrammar', type: 7 }],
  ),
  maxUplinkBytes: fc.constantFrom(12, 8, 1, 255),
  formatStyle: fc.constantFrom('multiline' as const, 'oneLine' as const),
});

export const serviceCase: fc.Arbitrary<ServiceCase> = fc.record({
  grammar: grammarText,
  template: templateText,
  callback: callbackText,
  target: fc.constantFrom('grammar' as const, 'template' as const, 'callback' as const),
  offsets: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
  rawPositions: fc.array(fc.record({ line: fc.oneof(fc.nat(3), fc.nat()), character: fc.oneof(fc.nat(40), fc.nat()) }), { maxLength: 1 }),
  newName: fc.oneof(fc.constantFrom('renamed', 'temp', 'a#b', '', 'x y', '{device}', 'é'), fc.string({ maxLength: 8 })),
  hex: hexText,
  settings,
});

export const PATHS = { grammar: 'room.sfgrammar', template: 'room.sftemplate', callback: 'room.sfcallback.json' } as const;

export function serviceFor(c: ServiceCase): { host: MemoryHost; service: LanguageService; document: TextDocument } {
  const host = new MemoryHost({ [PATHS.grammar]: c.grammar, [PATHS.template]: c.template, [PATHS.callback]: c.callback });
  host.currentSettings = c.settings;
  const service = createLanguageService(host);
  return { host, service, document: host.document(PATHS[c.target]) };
}

/** Every verb of the language service on one case; throws on the first broken invariant. */
export function checkServiceCase(c: ServiceCase): void {
  const { host, service, document } = serviceFor(c);
  const text = document.getText();
  const uri = document.uri;
  const textOf = (u: string): string => {
    const t = host.texts.get(u);
    assert.ok(t !== undefined, `a location in ${u}, which is not in the workspace`);
    return t;
  };

  const whole: Range = { start: { line: 0, character: 0 }, end: document.positionAt(text.length) };
  const diagnostics: Diagnostic[] = timed('doValidation', () => service.doValidation(document));
  diagnostics.forEach((d, k) => assertRange(text, d.range, `diagnostic ${k} ${String(d.code)}`));
  for (const other of Object.values(PATHS)) {
    const u = uriOf(other);
    timed(`validate ${other}`, () => service.validate(u)).forEach((d, k) => assertRange(textOf(u), d.range, `diagnostic ${k} of ${other}`));
  }

  // Every diagnostic's fixes at once (as "fix all" asks), then a few one by one at their range (as the light bulb does).
  const everyFix: CodeAction[] = timed('getCodeActions (every diagnostic)', () =>
    service.getCodeActions(
      document,
      { start: { line: 0, character: 0 }, end: document.positionAt(text.length) },
      { diagnostics, only: ['quickfix'] },
    ),
  );
  for (const d of diagnostics.slice(0, 4))
    everyFix.push(...timed(`getCodeActions ${String(d.code)}`, () => service.getCodeActions(document, d.range, { diagnostics: [d] })));
  for (const a of everyFix) assertWorkspaceEdit(host, a.edit, `code action "${a.title}"`);
  assert.deepEqual(
    timed('getCodeActions (only refactor)', () => service.getCodeActions(document, whole, { diagnostics, only: ['refactor'] })),
    [],
  );

  const positions: Position[] = [...c.offsets.map(o => document.positionAt(o % (text.length + 1))), ...c.rawPositions];
  for (const position of positions) {
    const at = `at ${JSON.stringify(position)}`;
    const valid = position.line < document.lineCount;
    const list = timed(`doComplete ${at}`, () => service.doComplete(document, position));
    for (const item of list.items) {
      const edit = item.textEdit;
      if (edit && 'range' in edit) {
        assertRange(text, edit.range, `completion "${item.label}" ${at}`);
        assert.equal(edit.range.start.line, edit.range.end.line, `completion "${item.label}" ${at}: a multi-line range`);
        if (valid)
          assert.ok(
            contains(edit.range, {
              start: document.positionAt(document.offsetAt(position)),
              end: document.positionAt(document.offsetAt(position)),
            }),
            `completion "${item.label}" ${at}: range ${JSON.stringify(edit.range)} does not contain the cursor`,
          );
      }
      const resolved = timed('doResolveCompletion', () => service.doResolveCompletion(item));
      assertNoCommandLink(markdownOf(resolved.documentation), `completion "${item.label}" documentation`);
    }

    const hover = timed(`doHover ${at}`, () => service.doHover(document, position));
    if (hover) {
      if (hover.range) assertRange(text, hover.range, `hover ${at}`);
      assertNoCommandLink(markdownOf(hover.contents), `hover ${at}`);
    }

    for (const link of timed(`findDefinition ${at}`, () => service.findDefinition(document, position))) {
      if (link.originSelectionRange) assertRange(text, link.originSelectionRange, `definition origin ${at}`);
      const target = textOf(link.targetUri);
      assertRange(target, link.targetRange, `definition target ${at}`);
      assertRange(target, link.targetSelectionRange, `definition selection ${at}`);
      assert.ok(contains(link.targetRange, link.targetSelectionRange), `definition ${at}: selection outside the target range`);
    }
    for (const includeDeclaration of [true, false]) {
      for (const location of timed(`findReferences ${at}`, () => service.findReferences(document, position, includeDeclaration))) {
        assertRange(textOf(location.uri), location.range, `reference ${at}`);
      }
    }

    let renamable = true;
    try {
      const prepared = timed(`prepareRename ${at}`, () => service.prepareRename(document, position));
      assertRange(text, prepared.range, `prepareRename ${at}`);
    } catch (e) {
      if (!isRequestRefused(e)) throw e;
      renamable = false;
    }
    for (const newName of [c.newName, 'fuzzRenamed']) {
      try {
        const edit = timed(`doRename ${at}`, () => service.doRename(document, position, newName));
        assert.ok(renamable, `doRename ${at} succeeded where prepareRename refused`);
        assertWorkspaceEdit(host, edit, `rename to ${JSON.stringify(newName)} ${at}`);
      } catch (e) {
        if (!isRequestRefused(e)) throw e;
      }
    }
    const end = position.line < document.lineCount ? document.positionAt(document.offsetAt(position) + 40) : position;
    for (const hint of timed(`getInlayHints ${at}`, () => service.getInlayHints(document, { start: position, end })))
      assertPosition(text, hint.position, `inlay hint ${at}`);
  }

  for (const hint of timed('getInlayHints (whole document)', () => service.getInlayHints(document, whole)))
    assertPosition(text, hint.position, 'inlay hint');

  for (const style of ['multiline', 'oneLine'] as const) {
    const edits = timed(`format ${style}`, () => service.format(document, style));
    const formatted = applyEdits(text, edits, `format ${style}`);
    if (c.target === 'grammar') {
      assertFormatKeepsEverything(text, formatted, `format ${style}`);
      const again = createLanguageService(new MemoryHost({ [PATHS.grammar]: formatted }));
      const twice = applyEdits(
        formatted,
        again.format(TextDocument.create(uri, 'sfgrammar', 2, formatted), style),
        `format ${style} twice`,
      );
      assert.equal(twice, formatted, `format ${style} is not idempotent`);
    }
  }

  for (const lens of timed('getCodeLenses', () => service.getCodeLenses(document))) assertRange(text, lens.range, 'code lens');
  for (const link of timed('getDocumentLinks', () => service.getDocumentLinks(document))) {
    assertRange(text, link.range, 'document link');
    // A link opens a file of the workspace, never runs a command.
    if (link.target !== undefined) assert.match(link.target, /^file:/, `document link target ${link.target}`);
  }
  const lineCount = lineLengths(text).length;
  for (const f of timed('getFoldingRanges', () => service.getFoldingRanges(document))) {
    assert.ok(
      f.startLine >= 0 && f.startLine <= f.endLine && f.endLine < lineCount,
      `folding range ${f.startLine}-${f.endLine} outside 0..${lineCount - 1}`,
    );
  }
  const walk = (symbols: readonly DocumentSymbol[]): void => {
    for (const s of symbols) {
      assertRange(text, s.range, `symbol ${s.name}`);
      assertRange(text, s.selectionRange, `symbol ${s.name} selection`);
      assert.ok(
        contains(s.range, s.selectionRange),
        `symbol ${JSON.stringify(s.name)}: selectionRange ${JSON.stringify(s.selectionRange)} outside range ${JSON.stringify(s.range)}`,
      );
      assert.ok(s.name.length > 0, 'a symbol without a name');
      walk(s.children ?? []);
    }
  };
  walk(timed('findDocumentSymbols', () => service.findDocumentSymbols(document)));

  const decoded = timed('decode (uri)', () => service.decode({ grammar: { uri: uriOf(PATHS.grammar) }, hex: c.hex }));
  JSON.stringify(decoded);
  timed('decode (text)', () => service.decode({ grammar: { text: c.grammar }, hex: c.hex }));
  const rendered = timed('render (uri)', () =>
    service.render({ template: { uri: uriOf(PATHS.template) }, hex: c.hex, variables: { device: '1A2B3C', toString: 'x' } }),
  );
  for (const p of rendered.problems)
    assert.ok(p.offset >= 0 && p.offset <= p.end && p.end <= c.template.length, `render problem ${p.code} outside the template`);
  timed('render (text)', () =>
    service.render({
      template: { text: c.template },
      grammar: { text: c.grammar },
      hex: c.hex,
      contentType: 'application/x-www-form-urlencoded',
    }),
  );
  JSON.stringify(timed('association', () => service.association({ uri })));
  JSON.stringify(timed('canonicalConfig', () => service.canonicalConfig({ uri: uriOf(PATHS.grammar) })));
}

// ---- core cases: grammar, template and callback functions on their own -----------------------

export interface GrammarCase {
  readonly text: string;
  readonly frame: Uint8Array;
  readonly inline: boolean;
  readonly maxBytes: number;
}

export const grammarCase: fc.Arbitrary<GrammarCase> = fc.record({
  text: grammarText,
  frame: anyFrame,
  inline: fc.boolean(),
  maxBytes: fc.constantFrom(12, 8, 1),
});

export function checkGrammarCase(c: GrammarCase): void {
  const parsed = timed('parseGrammar', () => parseGrammar(c.text, { inline: c.inline }));
  assertProblems(parsed.problems, c.text, 'parseGrammar');
  for (const f of parsed.document.fields) {
    assert.equal(c.text.slice(f.token.start, f.token.end), f.token.text, 'a field token is not its text');
    for (const p of f.parts) assert.ok(p.start >= f.token.start && p.end <= f.token.end, 'a part outside its field');
  }
  const layout = timed('layoutGrammar', () => layoutGrammar(parsed.document, { maxBytes: c.maxBytes }));
  assertProblems(layout.problems, c.text, 'layoutGrammar');
  const decoder = timed('compileDecoder', () => compileDecoder(parsed.document.fields, layout, { maxBytes: c.maxBytes }));
  const frame = timed('decode', () => decoder.decode(c.frame));
  assert.equal(frame.values.length, parsed.document.fields.length);
  frame.values.forEach((v, k) => {
    if (v !== undefined) timed('renderFieldValue', () => renderFieldValue(parsed.document.fields[k]!, v));
  });
  const grammar = timed('analyzeGrammar', () => analyzeGrammar(c.text, { inline: c.inline, maxBytes: c.maxBytes }));
  assertProblems(
    timed('validateGrammar', () => validateGrammar(grammar)),
    c.text,
    'validateGrammar',
  );
}

export interface TemplateCase {
  readonly text: string;
  readonly context: TemplateContext;
  readonly grammar: string;
  readonly frame: Uint8Array;
  readonly variables: Record<string, string>;
  readonly withCustomData: boolean;
}

export const templateCase: fc.Arbitrary<TemplateCase> = fc.record({
  text: templateText,
  context: fc
    .record({
      kind: fc.constantFrom(...CALLBACK_KINDS),
      medium: fc.constantFrom('body' as const, 'url' as const, 'header' as const, 'linePattern' as const, 'email' as const),
      contentType: fc.constantFrom(
        undefined,
        'application/json',
        'text/plain',
        'application/x-www-form-urlencoded',
        'APPLICATION/JSON; charset=utf-8',
        '',
      ),
      withGrammar: fc.boolean(),
    })
    .map(({ kind, withGrammar, ...rest }) => ({
      type: kind.type,
      subtype: kind.subtype,
      ...rest,
      ...(withGrammar ? { grammar: parseGrammar(GRAMMAR_SEEDS[0]!).document } : {}),
    })),
  grammar: grammarText,
  frame: anyFrame,
  variables: fc.dictionary(
    fc.constantFrom('device', 'time', 'data', 'seqNumber', 'lqi', '__proto__', 'toString'),
    fc.oneof(fc.constantFrom('1A2B', '"', '\\', '\n', ' a b', '{device}', '😀', '\ud800'), fc.string({ maxLength: 6 })),
  ),
  withCustomData: fc.boolean(),
});

export function checkTemplateCase(c: TemplateCase): void {
  const scan = timed('scanTemplate', () => scanTemplate(c.text));
  let previousEnd = 0;
  for (const p of scan.placeholders) {
    assert.ok(p.start >= previousEnd && p.start < p.end && p.end <= c.text.length, 'placeholders out of order or outside the text');
    assert.equal(c.text.slice(p.nameStart, p.nameEnd), p.name);
    previousEnd = p.end;
  }
  for (const l of scan.lookalikes) assert.ok(l.start >= 0 && l.start < l.end && l.end <= c.text.length, 'a lookalike outside the text');
  assertProblems(
    timed('validateTemplate', () => validateTemplate(c.text, c.context, scan)),
    c.text,
    'validateTemplate',
  );
  let customData: Map<string, CustomDataInput> | undefined;
  if (c.withCustomData) {
    const grammar = analyzeGrammar(c.grammar);
    const values = grammar.decoder.decode(c.frame).values;
    customData = new Map();
    for (const [name, k] of grammar.fieldIndexByName) {
      const field = grammar.document.fields[k]!;
      const v = values[k];
      if (v !== undefined && field.type)
        customData.set(name, { value: v, type: field.type, floatBits: field.type === 'float' && field.size === 32 ? 32 : 64 });
    }
  }
  const rendered = timed('renderTemplate', () =>
    renderTemplate(
      c.text,
      {
        variables: c.variables,
        ...(customData ? { customData } : {}),
        ...(c.context.medium ? { medium: c.context.medium } : {}),
        ...(c.context.contentType !== undefined ? { contentType: c.context.contentType } : {}),
      },
      scan,
    ),
  );
  assertProblems(rendered.problems, c.text, 'renderTemplate');
  // Literal text outside placeholders is sent as written (spec D10: nothing escaped, nothing lost).
  let pos = 0,
    literal = '';
  for (const p of scan.placeholders) {
    literal += c.text.slice(pos, p.start);
    pos = p.end;
  }
  literal += c.text.slice(pos);
  if (scan.placeholders.length === 0) assert.equal(rendered.text, c.text, 'a template without placeholders renders as written');
  assert.ok(rendered.text.length >= literal.length, 'rendering lost literal text');
}

export interface CallbackCase {
  readonly text: string;
  readonly grammar: string;
  readonly template: string;
  readonly env: Record<string, string>;
  readonly frame: Uint8Array;
  readonly reply: { readonly status: number; readonly body: string; readonly contentType: string };
}

export const callbackCase: fc.Arbitrary<CallbackCase> = fc.record({
  text: callbackText,
  grammar: grammarText,
  template: templateText,
  env: fc.dictionary(
    fc.constantFrom('ROOM_API_TOKEN', 'OPS', 'AZURE_IOT_HUB_KEY', 'URL', '__proto__'),
    fc.oneof(fc.constantFrom('tok', 'ops@example.com', 'ftp://x', '', ' ', '${env:OPS}', '\ud800'), fc.string({ maxLength: 8 })),
  ),
  frame: anyFrame,
  reply: fc.record({
    status: fc.constantFrom(200, 204, 202, 400, 500, 0, 999),
    body: fc.oneof(
      fc.constantFrom(
        '',
        '{}',
        '{"1A2B3C": {"downlinkData": "0102030405060708"}}',
        '{"1A2B3C": {"noData": true}}',
        '{"1A2B3C": {"downlinkData": 1}}',
        '[1]',
        'null',
        '{"__proto__": {"downlinkData": "00"}}',
      ),
      fc.string({ maxLength: 40 }),
    ),
    contentType: fc.constantFrom('application/json', 'text/plain', ''),
  }),
});

export function checkCallbackCase(c: CallbackCase): void {
  const resolver: CallbackFileResolver = {
    readRelative: path => (path === 'room.sfgrammar' ? c.grammar : path === 'room.sftemplate' ? c.template : undefined),
  };
  assertProblems(
    timed('validateCallback', () => validateCallback(c.text, resolver)),
    c.text,
    'validateCallback',
  );
  const built = timed('buildCallback', () => buildCallback(c.text, resolver, c.env));
  if (!built.ok) {
    assertProblems(
      built.problems.filter(p => p.path === undefined),
      c.text,
      'buildCallback',
    );
    assert.ok(built.problems.length > 0, 'a refused build says why');
    return;
  }
  JSON.stringify(built.json);
  for (const secret of built.callback.secretValues)
    assert.equal(typeof secret, 'string', `a secret that is not a string: ${String(secret)}`);
  assert.doesNotMatch(JSON.stringify(built.json), /\[native code\]|\[object Object\]/, 'a value from Object.prototype was built in');
  const rendering = timed('renderCallbackRequest', () =>
    renderCallbackRequest(built.callback, { frame: c.frame, timeSeconds: 1_700_000_000, urlOverride: 'http://127.0.0.1:9' }),
  );
  if (rendering.ok) JSON.stringify(rendering.request);
  timed('checkDownlinkReply', () =>
    checkDownlinkReply({
      status: c.reply.status,
      headers: c.reply.contentType ? { 'Content-Type': c.reply.contentType } : {},
      body: c.reply.body,
      deviceId: '1A2B3C',
      downlinkGrammarText: c.grammar,
    }),
  );
}
