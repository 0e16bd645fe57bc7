/**
 * `callbackType` and `callbackSubtype` (spec §2.1): API codes, a subtype valid for its type, and
 * the subtypes Sigfox is retiring.
 */
import { CALLBACK_TYPES, callbackTypeByName, type CallbackTypeInfo } from '../template/variables';
import type { CallbackDefinition } from './definition';
import { describeValue, type JsonNode } from './document';
import type { Reporter } from './reporter';

const TYPE_CODES = CALLBACK_TYPES.map(t => `${t.code} (${t.name})`).join(', ');

function subtypeList(type: CallbackTypeInfo): string {
  return type.subtypes.map(s => `${s.code} ${s.name}`).join(', ');
}

export function checkKind(definition: CallbackDefinition, reporter: Reporter): void {
  const typeProperty = definition.property('callbackType');
  const typeNode = typeProperty?.valueNode;
  if (!typeProperty) {
    if (definition.object)
      reporter.at('SFC006', definition.object.offset, definition.object.offset + 1, `The callback needs \`callbackType\`: ${TYPE_CODES}.`);
    return;
  }
  if (!typeNode) return;
  if (!definition.type) {
    const named =
      typeNode.type === 'string'
        ? (callbackTypeByName(String(typeNode.value).trim().toUpperCase()) ?? codeFromString(String(typeNode.value)))
        : undefined;
    reporter.onNode(
      'SFC007',
      typeNode,
      `\`callbackType\` is the API code ${TYPE_CODES}, not ${describeValue(typeNode)}.${named ? ` Write ${named.code} for ${named.name}.` : ''}`,
      named ? { replacements: [String(named.code)], fixTitle: `Change to ${named.code} (${named.name})` } : undefined,
    );
    return;
  }
  const type = callbackTypeByName(definition.type)!;
  // The API documents no subtype for ERROR callbacks: nothing to check.
  if (type.subtypes.length === 0) return;

  const subtypeProperty = definition.property('callbackSubtype');
  const subtypeNode = subtypeProperty?.valueNode;
  if (!subtypeProperty) {
    reporter.onNode('SFC006', typeNode, `${type.name} callbacks need \`callbackSubtype\`: ${subtypeList(type)}.`);
    return;
  }
  if (!subtypeNode) return;
  const subtype = definition.subtype ? type.subtypes.find(s => s.name === definition.subtype)! : undefined;
  if (!subtype) {
    reportInvalidSubtype(type, subtypeNode, reporter);
    return;
  }
  if (subtype.name === 'GEOLOC') {
    reporter.onNode(
      'SFC010',
      subtypeNode,
      `GEOLOC callbacks can no longer be created (read-only in Sigfox): use 6 (DATA_ADVANCED) and its \`{computedLocation}\` variable.`,
      { replacements: ['6'], fixTitle: 'Change to 6 (DATA_ADVANCED)' },
    );
  } else if (subtype.deprecated) {
    reporter.onNode('SFC009', subtypeNode, `${subtype.name} callbacks are deprecated: ${subtype.deprecated}`);
  }
}

function reportInvalidSubtype(type: CallbackTypeInfo, node: JsonNode, reporter: Reporter): void {
  const valid = subtypeList(type);
  if (node.type === 'string') {
    const word = String(node.value).trim().toUpperCase();
    const named = type.subtypes.find(s => s.name === word || String(s.code) === word);
    reporter.onNode(
      'SFC008',
      node,
      `\`callbackSubtype\` is the API code (${type.name}: ${valid}), not ${describeValue(node)}.${named ? ` Write ${named.code} for ${named.name}.` : ''}`,
      named ? { replacements: [String(named.code)], fixTitle: `Change to ${named.code} (${named.name})` } : undefined,
    );
    return;
  }
  if (node.type === 'number' && Number.isInteger(node.value)) {
    const elsewhere = CALLBACK_TYPES.find(t => t.subtypes.some(s => s.code === node.value));
    const owner = elsewhere?.subtypes.find(s => s.code === node.value);
    const why =
      elsewhere && owner ? ` ${node.value} is ${owner.name}, a subtype of ${elsewhere.name} (callbackType ${elsewhere.code}).` : '';
    reporter.onNode(
      'SFC008',
      node,
      `\`callbackSubtype\` ${node.value} is not a subtype of ${type.name} callbacks, which take ${valid}.${why}`,
    );
    return;
  }
  reporter.onNode('SFC008', node, `\`callbackSubtype\` is an integer API code (${type.name}: ${valid}), not ${describeValue(node)}.`);
}

function codeFromString(value: string): CallbackTypeInfo | undefined {
  return /^\s*\d+\s*$/.test(value) ? CALLBACK_TYPES.find(t => t.code === Number(value)) : undefined;
}
