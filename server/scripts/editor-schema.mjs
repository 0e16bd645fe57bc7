// @ts-check
/**
 * The editor's schema for `*.sfcallback.json` (package.json `jsonValidation`), derived at build
 * time from the strict one (syntaxes/sfcallback.schema.json, the single source of truth).
 *
 * Why two: VS Code's JSON extension validates a file against its schema, and our server reports
 * the same mistakes as SFC diagnostics (unknown key, missing key, wrong type, value not in the
 * list, keys that do not go together), with the codes, wording and quick fixes the CLI shares.
 * With the strict schema in the editor every such mistake would be reported twice. So the editor
 * gets the same keys with every description (hover, completion), enum values turned into
 * completion snippets with their descriptions, and nothing that can fail: no validation keyword is
 * left. The strict schema stays for `$schema` users, other editors and tests.
 *
 * Used by .esbuild.mjs (writes EDITOR_SCHEMA_PATH) and test/unit/editor-schema.test.ts.
 */
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const STRICT_SCHEMA_PATH = 'syntaxes/sfcallback.schema.json';
/** Relative to the package root; package.json `contributes.jsonValidation` points here. */
export const EDITOR_SCHEMA_PATH = 'schemas/sfcallback.editor.schema.json';

/** Kept as they are: what the editor shows, never reported. */
const ANNOTATIONS = new Set([
  '$schema',
  '$comment',
  'title',
  'description',
  'markdownDescription',
  'default',
  'examples',
  'deprecationMessage',
  'markdownDeprecationMessage',
  'doNotSuggest',
  'suggestSortText',
  'defaultSnippets',
]);

/** Dropped: each can make the JSON extension report a problem that an SFC code already reports. */
const VALIDATION = new Set([
  'type',
  'enum',
  'const',
  'required',
  'pattern',
  'propertyNames',
  'not',
  'format',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'dependencies',
  'dependentRequired',
  'dependentSchemas',
  'contains',
  'errorMessage',
  'patternErrorMessage',
  // Consumed with `enum` (they become the snippets' descriptions).
  'enumDescriptions',
  'markdownEnumDescriptions',
]);

/**
 * @typedef {Record<string, any>} Schema
 * @param {Schema} strict
 * @returns {Schema}
 */
export function editorSchema(strict) {
  const out = lenient(strict, '#');
  if (!out || typeof out !== 'object') throw new Error('the strict schema must be an object');
  return {
    $schema: strict.$schema,
    $id: String(strict.$id ?? '').replace(/syntaxes\/sfcallback\.schema\.json$/, EDITOR_SCHEMA_PATH),
    $comment: `Generated from ${STRICT_SCHEMA_PATH} by server/scripts/editor-schema.mjs: the same keys and documentation, no validation (the language server reports every problem, once). Do not edit.`,
    ...out,
  };
}

/**
 * @param {unknown} node  a schema (object or boolean)
 * @param {string} where  JSON pointer, for errors
 * @param {boolean} [conditional]  inside a `then`/`else`: its enum/const narrow values the
 *   unconditional schema already proposes, so they give no second set of snippets
 * @returns {Schema | undefined}  undefined: nothing left worth keeping
 */
function lenient(node, where, conditional = false) {
  if (node === true || node === false) return undefined;
  if (!node || typeof node !== 'object' || Array.isArray(node)) throw new Error(`${where}: not a schema`);
  /** @type {Schema} */
  const schema = node;
  /** @type {Schema} */
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$id' || key === '$schema') continue;
    if (ANNOTATIONS.has(key)) {
      out[key] = value;
      continue;
    }
    if (VALIDATION.has(key)) continue;
    switch (key) {
      case 'properties':
      case 'patternProperties':
      case 'definitions':
      case '$defs': {
        const children = mapSchemas(value, `${where}/${key}`, conditional);
        if (children) out[key] = children;
        break;
      }
      case 'additionalProperties':
      case 'items': {
        // `additionalProperties: false` is validation; a schema documents the values.
        const child = typeof value === 'object' ? lenient(value, `${where}/${key}`, conditional) : undefined;
        if (child) out[key] = child;
        break;
      }
      case 'allOf':
      case 'anyOf':
      case 'oneOf': {
        const list = /** @type {unknown[]} */ (value);
        const tag = key === 'oneOf' ? discriminator(list) : undefined;
        if (tag) {
          // One branch per value of a tag (each connector `type`): `if tag = value then its keys`,
          // so the editor offers the keys of the branch the file chose, and reports nothing.
          const branches = list
            .map((b, k) => {
              const then = lenient(b, `${where}/${key}/${k}`, true);
              const value = /** @type {Schema} */ (b).properties[tag].const;
              return then && { if: { properties: { [tag]: { const: value } }, required: [tag] }, then };
            })
            .filter(isUseful);
          if (branches.length) out.allOf = [...(out.allOf ?? []), ...branches];
          break;
        }
        // Every branch is valid once lenient, so `oneOf` (exactly one) becomes `anyOf`.
        const branches = list.map((b, k) => lenient(b, `${where}/${key}/${k}`, conditional)).filter(isUseful);
        const into = key === 'allOf' ? 'allOf' : 'anyOf';
        if (branches.length) out[into] = [...(out[into] ?? []), ...branches];
        break;
      }
      case 'if':
      case 'then':
      case 'else':
        break; // below, together
      case '$ref':
        out[key] = value;
        break;
      default:
        throw new Error(
          `${where}: the keyword "${key}" is not known to the editor schema generator; say whether it annotates or validates`,
        );
    }
  }
  // A condition is never reported: kept as written, with what its branches document.
  if (schema.if !== undefined) {
    const then = schema.then === undefined ? undefined : lenient(schema.then, `${where}/then`, true);
    const otherwise = schema.else === undefined ? undefined : lenient(schema.else, `${where}/else`, true);
    if (isUseful(then) || isUseful(otherwise)) {
      out.if = schema.if;
      if (isUseful(then)) out.then = then;
      if (isUseful(otherwise)) out.else = otherwise;
    }
  }
  addValueHints(schema, out, conditional);
  return out;
}

/**
 * The property every branch of a `oneOf` fixes with a `const` (e.g. a connector's `type`).
 * @param {unknown[]} branches
 */
function discriminator(branches) {
  const first = /** @type {Schema} */ (branches[0])?.properties;
  if (!first) return undefined;
  return Object.keys(first).find(k => branches.every(b => /** @type {Schema} */ (b)?.properties?.[k]?.const !== undefined));
}

/**
 * @param {unknown} value
 * @param {string} where
 * @param {boolean} conditional
 */
function mapSchemas(value, where, conditional) {
  /** @type {Schema} */
  const out = {};
  for (const [name, child] of Object.entries(/** @type {Schema} */ (value))) {
    const kept = lenient(child, `${where}/${name}`, conditional);
    if (isUseful(kept)) out[name] = kept;
  }
  return Object.keys(out).length ? out : undefined;
}

/** @param {unknown} schema */
function isUseful(schema) {
  return !!schema && typeof schema === 'object' && Object.keys(schema).length > 0;
}

/**
 * What `type` and `enum` did for completion, without validating: the values to propose (with
 * their descriptions) and what to insert after a key, as snippets.
 * @param {Schema} strict
 * @param {Schema} out
 * @param {boolean} conditional
 */
function addValueHints(strict, out, conditional) {
  if (out.defaultSnippets) return;
  /** @type {Schema[]} */
  let snippets = [];
  if (conditional && (strict.enum !== undefined || strict.const !== undefined)) {
    // Narrows values the unconditional schema proposes already, with their descriptions.
  } else if (Array.isArray(strict.enum)) {
    snippets = strict.enum.map((value, k) => ({
      label: JSON.stringify(value),
      ...(strict.enumDescriptions?.[k] ? { description: strict.enumDescriptions[k] } : {}),
      ...(strict.markdownEnumDescriptions?.[k] ? { markdownDescription: strict.markdownEnumDescriptions[k] } : {}),
      body: snippetBody(value),
    }));
  } else if (strict.const !== undefined) {
    snippets = [{ label: JSON.stringify(strict.const), body: snippetBody(strict.const) }];
  } else if (strict.type === 'boolean') {
    snippets = [
      { label: 'true', body: true },
      { label: 'false', body: false },
    ];
  } else if (strict.type === 'string') {
    snippets = [{ label: '""', body: '^"$1"' }];
  } else if (strict.type === 'object' && !strict.properties) {
    snippets = [{ label: '{}', body: '^{$1}' }];
  }
  if (snippets.length) out.defaultSnippets = snippets;
}

/**
 * A value as a snippet body: strings with snippet syntax are written raw (`^`) and escaped.
 * @param {unknown} value
 */
function snippetBody(value) {
  if (typeof value !== 'string' || !/[$}\\^]/.test(value)) return value;
  return `^${JSON.stringify(value).replace(/[$}]/g, '\\$&')}`;
}

/**
 * Writes the editor schema under `root` (the package root).
 * @param {string} root
 */
export function writeEditorSchema(root) {
  const strict = JSON.parse(readFileSync(join(root, STRICT_SCHEMA_PATH), 'utf8'));
  const target = join(root, EDITOR_SCHEMA_PATH);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, `${JSON.stringify(editorSchema(strict), null, 2)}\n`);
}
