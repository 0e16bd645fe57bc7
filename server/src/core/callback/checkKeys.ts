/**
 * Which keys may appear and with which JSON types: unknown keys (with did-you-mean), duplicates,
 * value types, keys of another channel, and the keys a connector replaces.
 */
import { didYouMean, listOr } from '../suggest';
import type { CallbackDefinition } from './definition';
import { describeValue, type JsonNode, type JsonProperty } from './document';
import { CONNECTORS, DEFINITION_KEYS, DEFINITION_KEY_BY_NAME, READ_ONLY_API_KEYS, type ValueKind } from './keys';
import type { Reporter } from './reporter';

/** Checked by checkKind, with fixes that turn names into API codes. */
const KIND_KEYS = new Set(['callbackType', 'callbackSubtype']);

export function checkKeys(definition: CallbackDefinition, reporter: Reporter): void {
  reportDuplicates(definition.properties, reporter, 'the callback');
  for (const p of definition.properties) {
    const key = DEFINITION_KEY_BY_NAME.get(p.key);
    if (!key) {
      reportUnknownKey(p, reporter);
      continue;
    }
    if (!KIND_KEYS.has(key.name) && p.valueNode) checkValueKind(p.key, p.valueNode, key.kind, reporter);
    if (definition.connector && !key.withConnector) {
      const why =
        key.name === 'channel'
          ? 'the connector replaces the channel'
          : `the connector delivers the callback itself, so \`${key.name}\` does not apply`;
      reporter.onNode('SFC032', p.keyNode, `\`${key.name}\` cannot be combined with \`connector\`: ${why}. Remove one of them.`);
      continue;
    }
    if (definition.channel && key.channels && !key.channels.includes(definition.channel)) {
      const owners = listOr(key.channels);
      reporter.onNode(
        'SFC014',
        p.keyNode,
        `\`${key.name}\` is not used by ${definition.channel} callbacks (only by ${owners}). Remove it, or change \`channel\`.`,
      );
    }
  }
  checkConnectorKeys(definition, reporter);
}

function reportUnknownKey(p: JsonProperty, reporter: Reporter): void {
  const readOnly = READ_ONLY_API_KEYS.get(p.key);
  if (readOnly) {
    reporter.onNode(
      'SFC003',
      p.keyNode,
      `\`${p.key}\` is a read-only field of the Sigfox API (${readOnly}); it cannot be set when creating a callback. Remove it.`,
    );
    return;
  }
  const suggestions = didYouMean(
    p.key,
    DEFINITION_KEYS.map(k => k.name),
  );
  if (suggestions.length > 0) {
    reporter.onNode('SFC003', p.keyNode, `Unknown key \`${p.key}\`: did you mean ${listOr(suggestions)}?`, {
      replacements: suggestions.map(s => JSON.stringify(s)),
      fixTitle: `Rename to ${suggestions[0]}`,
    });
  } else {
    reporter.onNode(
      'SFC003',
      p.keyNode,
      `Unknown key \`${p.key}\`: a callback definition takes ${DEFINITION_KEYS.filter(k => k.name !== '$schema')
        .map(k => k.name)
        .join(', ')}.`,
    );
  }
}

function reportDuplicates(properties: readonly JsonProperty[], reporter: Reporter, where: string): void {
  const seen = new Set<string>();
  for (const p of properties) {
    if (seen.has(p.key)) {
      reporter.onNode(
        'SFC004',
        p.keyNode,
        `\`${p.key}\` is already set in ${where}; JSON readers keep only one of the values. Remove one.`,
      );
    }
    seen.add(p.key);
  }
}

const KIND_WORDS: Readonly<Record<ValueKind, string>> = {
  string: 'a string (in double quotes)',
  integer: 'an integer',
  boolean: '`true` or `false`',
  object: 'an object (`{ ... }`)',
};

/** Whether a JSON value has the kind; reports and returns false when not. */
export function checkValueKind(key: string, node: JsonNode, kind: ValueKind, reporter: Reporter): boolean {
  const ok = kind === 'integer' ? node.type === 'number' && Number.isInteger(node.value) : node.type === kind;
  if (ok) return true;
  let fix: string | undefined;
  if (kind === 'boolean' && node.type === 'string' && /^(true|false)$/i.test(String(node.value))) fix = String(node.value).toLowerCase();
  if (kind === 'string' && (node.type === 'number' || node.type === 'boolean')) fix = JSON.stringify(String(node.value));
  reporter.onNode(
    'SFC005',
    node,
    `\`${key}\` takes ${KIND_WORDS[kind]}, not ${describeValue(node)}.${fix ? ` Write ${fix}.` : ''}`,
    fix ? { replacements: [fix], fixTitle: `Change to ${fix}` } : undefined,
  );
  return false;
}

function checkConnectorKeys(definition: CallbackDefinition, reporter: Reporter): void {
  const connectorProperty = definition.property('connector');
  const node = connectorProperty?.valueNode;
  if (!node || node.type !== 'object') return; // the wrong type is reported with the other value types
  const block = definition.connector!;
  reportDuplicates(block.properties, reporter, 'the connector');
  const typeProperty = block.properties.find(p => p.key === 'type');
  const types = CONNECTORS.map(c => c.type);
  if (!typeProperty) {
    reporter.at('SFC006', node.offset, node.offset + 1, `The connector needs a \`type\`: ${listOr(types, t => `"${t}"`)}.`);
    return;
  }
  const typeNode = typeProperty.valueNode;
  if (!typeNode || !checkValueKind('type', typeNode, 'string', reporter)) return;
  const info = block.info;
  if (!info) {
    const suggestions = didYouMean(String(typeNode.value), types);
    reporter.onNode(
      'SFC026',
      typeNode,
      `Unknown connector type ${JSON.stringify(typeNode.value)}: use ${listOr(types, t => `"${t}"`)}.${suggestions.length > 0 ? ` Did you mean "${suggestions[0]}"?` : ''}`,
      suggestions.length > 0
        ? { replacements: suggestions.map(s => JSON.stringify(s)), fixTitle: `Change to "${suggestions[0]}"` }
        : undefined,
    );
    return;
  }
  for (const p of block.properties) {
    const key = info.keys.find(k => k.name === p.key);
    if (!key) {
      const suggestions = didYouMean(
        p.key,
        info.keys.map(k => k.name),
      );
      reporter.onNode(
        'SFC003',
        p.keyNode,
        `Unknown key \`${p.key}\` for an ${info.label} connector, which takes ${info.keys.map(k => k.name).join(', ')}.${suggestions.length > 0 ? ` Did you mean ${listOr(suggestions)}?` : ''}`,
        suggestions.length > 0 ? { replacements: suggestions.map(s => JSON.stringify(s)) } : undefined,
      );
      continue;
    }
    if (p.valueNode && key.name !== 'type') checkValueKind(p.key, p.valueNode, key.kind, reporter);
  }
  const missing = info.keys.filter(k => k.required && !block.properties.some(p => p.key === k.name));
  if (missing.length > 0) {
    reporter.onNode(
      'SFC006',
      typeNode,
      `An ${info.label} connector needs ${listOr(missing.map(k => k.name))}: ${missing.map(k => `\`${k.name}\` (${k.description})`).join('; ')}.`,
    );
  }
}
