/**
 * The editor's schema for `*.sfcallback.json` (package.json `jsonValidation`), derived from the
 * strict one at build time (server/scripts/editor-schema.mjs). It must document every key the
 * strict schema documents (hover, completion, enum values with their descriptions) and report
 * nothing at all: every mistake the strict schema catches is an SFC diagnostic of the language
 * server already, and VS Code's JSON extension would otherwise report it a second time.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import picomatch from 'picomatch';
import { EDITOR_SCHEMA_PATH, STRICT_SCHEMA_PATH, editorSchema } from '../../server/scripts/editor-schema.mjs';
import { validateCallback } from '../../server/src/core/callback';
import { codeInfo } from '../../server/src/core/diagnosticCodes';

type Schema = Record<string, any>;

const ROOT = join(__dirname, '..', '..');
const strict = JSON.parse(readFileSync(join(ROOT, STRICT_SCHEMA_PATH), 'utf8')) as Schema;
const editor = editorSchema(strict) as Schema;

function compile(schema: Schema): ReturnType<Ajv['compile']> {
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addVocabulary(['markdownDescription', 'enumDescriptions', 'markdownEnumDescriptions', 'defaultSnippets']);
  return ajv.compile(schema);
}

const BASE = {
  channel: 'URL',
  callbackType: 0,
  callbackSubtype: 2,
  url: 'https://example.com/{device}',
  httpMethod: 'POST',
  contentType: 'application/json',
  bodyTemplate: '{"d": "{device}"}',
};
const AWS = { type: 'aws-iot', roleArn: 'arn:aws:iam::123456789012:role/r', topic: 't', region: 'eu-west-1' };

/** Mistakes the strict schema rejects: the server reports each as an SFC error, the editor schema must not. */
const MISTAKES: Record<string, unknown> = {
  'unknown key': { ...BASE, bodyTemplat: 'x' },
  'value not in the list': { ...BASE, channel: 'HTTP' },
  'wrong type': { ...BASE, sendSni: 'true' },
  'callbackType as a name': { ...BASE, callbackType: 'DATA' },
  'missing key': { ...BASE, url: undefined },
  'no channel, no connector': { ...BASE, channel: undefined },
  'subtype of another type': { ...BASE, callbackSubtype: 6 },
  'keys that do not go together': { ...BASE, payloadConfig: 'a::uint:8', payloadConfigFile: 'seed.sfgrammar' },
  'GET with a body': { ...BASE, httpMethod: 'GET' },
  'placeholder in a header name': { ...BASE, headers: { 'X-{device}': '1' } },
  'header value not a string': { ...BASE, headers: { 'X-Count': 3 } },
  'connector with a URL': { connector: AWS, callbackType: 0, callbackSubtype: 2, bodyTemplate: '{}', url: 'https://example.com' },
  'connector of unknown type': { connector: { type: 'azure' }, callbackType: 0, callbackSubtype: 2, bodyTemplate: '{}' },
  'connector missing a key': { connector: { ...AWS, topic: undefined }, callbackType: 0, callbackSubtype: 2, bodyTemplate: '{}' },
  'connector key of another connector': { connector: { ...AWS, streamName: 's' }, callbackType: 0, callbackSubtype: 2, bodyTemplate: '{}' },
  'not an object': [BASE],
};

const noFiles = { readRelative: (): string | undefined => undefined };

test('the editor schema reports nothing for mistakes the strict schema rejects and the server reports', () => {
  const strictValidate = compile(strict);
  const editorValidate = compile(editor);
  for (const [name, value] of Object.entries(MISTAKES)) {
    const data = JSON.parse(JSON.stringify(value)) as unknown;
    assert.equal(strictValidate(data), false, `${name}: the strict schema should reject it`);
    assert.equal(editorValidate(data), true, `${name}: the editor schema reports ${JSON.stringify(editorValidate.errors)}`);
    const errors = validateCallback(JSON.stringify(value, null, 2), noFiles).filter(p => codeInfo(p.code).severity === 'error');
    assert.ok(
      errors.some(p => p.code.startsWith('SFC')),
      `${name}: the server reports no SFC error, so the strict schema's report would be lost`,
    );
  }
});

test('no keyword that can fail is left, outside the conditions of `if`', () => {
  const VALIDATION = [
    'type',
    'enum',
    'const',
    'required',
    'pattern',
    'propertyNames',
    'not',
    'oneOf',
    'additionalProperties:false',
    'format',
    'minLength',
    'maxLength',
    'minimum',
    'maximum',
  ];
  const found: string[] = [];
  const visit = (node: unknown, path: string, inProperties: boolean): void => {
    if (Array.isArray(node)) {
      node.forEach((n, k) => visit(n, `${path}/${k}`, false));
      return;
    }
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node as Schema)) {
      if (inProperties) {
        visit(value, `${path}/${key}`, false);
        continue;
      }
      if (key === 'if' || key === 'defaultSnippets' || key === 'examples' || key === 'default') continue;
      if (VALIDATION.includes(key) || (key === 'additionalProperties' && value === false)) found.push(`${path}/${key}`);
      if (value === false) found.push(`${path}/${key} (false schema)`);
      visit(value, `${path}/${key}`, key === 'properties' || key === 'patternProperties' || key === 'definitions');
    }
  };
  visit(editor, '#', false);
  assert.deepEqual(found, []);
});

/** Every documented property of the strict schema, as [path, schema], connector branches by their type. */
function documented(schema: Schema): Map<string, Schema> {
  const out = new Map<string, Schema>();
  for (const [key, child] of Object.entries(schema.properties as Schema)) {
    out.set(key, child);
    if (child.additionalProperties && typeof child.additionalProperties === 'object') out.set(`${key}/*`, child.additionalProperties);
    for (const [inner, grandchild] of Object.entries((child.properties ?? {}) as Schema)) out.set(`${key}.${inner}`, grandchild);
    for (const branch of (child.oneOf ?? []) as Schema[]) {
      const tag = branch.properties.type.const as string;
      for (const [inner, grandchild] of Object.entries(branch.properties as Schema)) out.set(`${key}[${tag}].${inner}`, grandchild);
    }
  }
  return out;
}

/** The same places in the editor schema: connector branches are `if type = X then ...`. */
function documentedInEditor(schema: Schema): Map<string, Schema> {
  const out = new Map<string, Schema>();
  for (const [key, child] of Object.entries(schema.properties as Schema)) {
    out.set(key, child);
    if (child.additionalProperties) out.set(`${key}/*`, child.additionalProperties);
    for (const [inner, grandchild] of Object.entries((child.properties ?? {}) as Schema)) out.set(`${key}.${inner}`, grandchild);
    for (const branch of (child.allOf ?? []) as Schema[]) {
      const tag = branch.if.properties.type.const as string;
      for (const [inner, grandchild] of Object.entries(branch.then.properties as Schema)) out.set(`${key}[${tag}].${inner}`, grandchild);
    }
  }
  return out;
}

test('every key keeps its documentation, and each connector its own keys', () => {
  const before = documented(strict);
  const after = documentedInEditor(editor);
  assert.deepEqual([...after.keys()].sort(), [...before.keys()].sort());
  for (const [path, original] of before) {
    const kept = after.get(path)!;
    assert.equal(kept.description, original.description, path);
    assert.equal(kept.markdownDescription, original.markdownDescription, path);
  }
  assert.deepEqual(editor.defaultSnippets, strict.defaultSnippets, 'the whole-file snippets stay');
});

test('enum values become completion snippets with their descriptions; types say what to insert after a key', () => {
  for (const [path, original] of documented(strict)) {
    const snippets = documentedInEditor(editor).get(path)!.defaultSnippets as Schema[] | undefined;
    if (Array.isArray(original.enum)) {
      assert.deepEqual(
        snippets?.map(s => s.body),
        original.enum,
        path,
      );
      assert.deepEqual(
        snippets?.map(s => s.markdownDescription),
        original.markdownEnumDescriptions ?? original.enum.map(() => undefined),
        path,
      );
    } else if (original.type === 'boolean') {
      assert.deepEqual(
        snippets?.map(s => s.body),
        [true, false],
        path,
      );
    } else if (original.type === 'string' && original.const === undefined) {
      assert.deepEqual(
        snippets?.map(s => s.body),
        ['^"$1"'],
        path,
      );
    }
  }
});

test('package.json contributes the editor schema, and the VSIX ships it', () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Schema;
  assert.deepEqual(manifest.contributes.jsonValidation, [{ fileMatch: '*.sfcallback.json', url: `./${EDITOR_SCHEMA_PATH}` }]);
  const rules = readFileSync(join(ROOT, '.vscodeignore'), 'utf8')
    .split('\n')
    .map(l => l.trim())
    .filter(l => l && !l.startsWith('#'));
  // .vscodeignore: the last rule matching a path decides; `!` re-includes.
  const shipped = (path: string): boolean => {
    let included = true;
    for (const rule of rules) {
      const negated = rule.startsWith('!');
      if (picomatch(negated ? rule.slice(1) : rule, { dot: true })(path)) included = negated;
    }
    return included;
  };
  assert.ok(shipped(EDITOR_SCHEMA_PATH), `.vscodeignore leaves out ${EDITOR_SCHEMA_PATH}`);
  assert.ok(shipped(STRICT_SCHEMA_PATH), `.vscodeignore leaves out ${STRICT_SCHEMA_PATH}`);
});

test('the built editor schema is the one derived from the strict schema (npm run build writes it)', () => {
  let built: unknown;
  try {
    built = JSON.parse(readFileSync(join(ROOT, EDITOR_SCHEMA_PATH), 'utf8'));
  } catch (e) {
    assert.fail(`${EDITOR_SCHEMA_PATH} cannot be read (${(e as Error).message}): run \`npm run build\``);
  }
  assert.deepEqual(built, editor, `${EDITOR_SCHEMA_PATH} is stale: run \`npm run build\``);
});
