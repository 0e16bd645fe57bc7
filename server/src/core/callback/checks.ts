/**
 * Every check of a callback definition, as one rule table and one runner (in the manner of
 * css-languageservice's lint.ts and lintRules.ts). The rules' implementations follow the table,
 * one section a rule, with the helpers `build` and the features share (header properties,
 * URL issues, literal secrets, embedded templates).
 */
import { didYouMean, listOr } from '../suggest';
import { type CallbackDefinition, connectorString } from './definition';
import { describeValue, type JsonNode, type JsonProperty, propertiesOf, stringLiteralOf } from './document';
import {
  CONNECTORS,
  DEFINITION_KEYS,
  DEFINITION_KEY_BY_NAME,
  READ_ONLY_API_KEYS,
  type ValueKind,
  CHANNELS,
  CONTENT_TYPES,
  HTTP_METHODS,
} from './keys';
import type { Reporter } from './reporter';
import {
  CALLBACK_TYPES,
  callbackTypeByName,
  type CallbackTypeInfo,
  CUSTOM_DATA_KINDS,
  acceptsCustomData,
  kindLabel,
} from '../template/variables';
import { scanTemplate } from '../template/scan';
import { scanEnvReferences, isWholeEnvReference, envNameFrom, envReference } from './envReference';
import { jsonBodyReason, type TemplateMedium } from '../template/json';
import type { GrammarDocument } from '../grammar/ast';
import type { OffsetEdit, Problem, ProblemData } from '../problem';
import { urlAmbiguity } from '../url';
import { checkRetiredKinds } from './checkDeployment';
import { templateContextOf, validateTemplate, type TemplateContext } from '../template/validate';
import type { JsonStringLiteral } from './jsonString';
import type { DefinitionGrammar } from './references';
import { regionIssue, roleArnIssue } from './aws';
import { checkConnectionString, type AzureService } from './connectionString';
import { validateGrammar } from '../grammar/validate';
import type { DiagnosticCode } from '../diagnosticCodes';
import { checkReferences, resolveReference, type CallbackFileResolver } from './references';

/** What every rule may read: the definition, its payload config (inline or file) and the files it names. */
export interface CheckInput {
  readonly definition: CallbackDefinition;
  readonly grammar: DefinitionGrammar;
  readonly resolver: CallbackFileResolver;
}

/**
 * One row of the table:
 * - `name`: what the rule is about, for readers and tests;
 * - `codes`: the codes it reports (severity and documentation of each are in callback/codes.ts,
 *   the one place a code is defined), or `embedded` when it reports the codes of the payload
 *   config or template validator on text written inside the definition;
 * - `keys`: the definition keys it reads (`*` for every key);
 * - `check`: reports its problems through the reporter.
 * The runner applies the rules in table order; problems are then sorted by offset, so this order
 * only decides between problems at the same place. Adding a rule is adding a row.
 */
export interface CheckRule {
  readonly name: string;
  readonly codes: readonly DiagnosticCode[] | 'embedded';
  readonly keys: readonly string[] | '*';
  readonly check: (input: CheckInput, reporter: Reporter) => void;
}

export const CHECK_RULES: readonly CheckRule[] = [
  {
    name: 'keys',
    codes: ['SFC003', 'SFC004', 'SFC005', 'SFC006', 'SFC014', 'SFC026', 'SFC032'],
    keys: '*',
    check: ({ definition }, reporter) => checkKeys(definition, reporter),
  },
  {
    name: 'kind',
    codes: ['SFC006', 'SFC007', 'SFC008', 'SFC009', 'SFC010'],
    keys: ['callbackType', 'callbackSubtype'],
    check: ({ definition }, reporter) => checkKind(definition, reporter),
  },
  {
    name: 'channel',
    codes: ['SFC006', 'SFC011', 'SFC012', 'SFC013', 'SFC015', 'SFC016', 'SFC034'],
    keys: [
      'channel',
      'url',
      'httpMethod',
      'contentType',
      'bodyTemplate',
      'bodyTemplateFile',
      'linePattern',
      'recipient',
      'message',
      'connector',
    ],
    check: ({ definition }, reporter) => checkChannel(definition, reporter),
  },
  {
    name: 'kind rules',
    codes: ['SFC019', 'SFC020', 'SFC021'],
    keys: ['callbackType', 'callbackSubtype', 'channel', 'httpMethod', 'contentType', 'payloadConfig', 'payloadConfigFile', 'connector'],
    check: ({ definition }, reporter) => checkKindRules(definition, reporter),
  },
  {
    name: 'file references',
    codes: ['SFC017', 'SFC018', 'SFC036'],
    keys: ['payloadConfig', 'payloadConfigFile', 'bodyTemplate', 'bodyTemplateFile'],
    check: ({ definition, resolver }, reporter) => checkReferences(definition, resolver, reporter),
  },
  {
    name: 'inline payload config',
    codes: 'embedded',
    keys: ['payloadConfig'],
    check: ({ grammar }, reporter) => {
      if (grammar.grammar && grammar.embedded?.source === 'inline')
        reporter.embedded(grammar.embedded.literal, validateGrammar(grammar.grammar));
    },
  },
  {
    name: 'headers',
    codes: ['SFC022', 'SFC023', 'SFC024'],
    keys: ['headers'],
    check: ({ definition }, reporter) => checkHeaders(definition, reporter),
  },
  {
    name: 'url',
    codes: ['SFC025'],
    keys: ['url'],
    check: ({ definition }, reporter) => checkUrl(definition, reporter),
  },
  {
    name: 'recipient',
    codes: ['SFC033'],
    keys: ['recipient'],
    check: ({ definition }, reporter) => checkRecipient(definition, reporter),
  },
  {
    name: 'JSON body content type',
    codes: ['SFC035'],
    keys: ['contentType', 'bodyTemplate', 'bodyTemplateFile'],
    check: ({ definition, resolver }, reporter) =>
      checkJsonBodyContentType(definition, resolveReference(definition, 'bodyTemplate', resolver).embedded?.text, reporter),
  },
  {
    name: 'templates',
    codes: 'embedded',
    keys: ['url', 'headers', 'bodyTemplate', 'linePattern', 'subject', 'message'],
    check: ({ definition, grammar }, reporter) => checkTemplates(definition, grammar, reporter),
  },
  {
    name: 'connector',
    codes: ['SFC027', 'SFC030', 'SFC031'],
    keys: ['connector'],
    check: ({ definition }, reporter) => checkConnector(definition, reporter),
  },
  {
    name: 'secrets',
    codes: ['SFC028'],
    keys: ['url', 'headers', 'connector'],
    check: ({ definition }, reporter) => checkSecrets(definition, reporter),
  },
  {
    name: 'env references',
    codes: ['SFC029'],
    keys: '*',
    check: ({ definition }, reporter) => checkEnvReferences(definition, reporter),
  },
  {
    name: 'retired kinds',
    codes: ['SFC037', 'SFC038'],
    keys: ['callbackType', 'callbackSubtype', 'id', 'deviceTypeId'],
    check: ({ definition }, reporter) => checkRetiredKinds(definition, reporter),
  },
];

/** Applies every rule of the table, in order, to a definition whose root is an object. */
export function runChecks(input: CheckInput, reporter: Reporter): void {
  for (const rule of CHECK_RULES) rule.check(input, reporter);
}

// ---- Keys ---------------------------------------------------------------------------------

/**
 * Which keys may appear and with which JSON types: unknown keys (with did-you-mean), duplicates,
 * value types, keys of another channel, and the keys a connector replaces.
 */
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

// ---- Kind ---------------------------------------------------------------------------------

/**
 * `callbackType` and `callbackSubtype` (spec §2.1): API codes, a subtype valid for its type, and
 * the subtypes Sigfox is retiring.
 */
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

// ---- Channel ------------------------------------------------------------------------------

/**
 * Delivery (spec §2.4, §2.6): the channel and what it needs (URL/BATCH_URL: url and httpMethod;
 * EMAIL: recipient), a body only with POST or PUT, the content types Sigfox knows, and a warning
 * when nothing would be sent. A connector replaces the channel and sends a JSON body.
 */
export function checkChannel(definition: CallbackDefinition, reporter: Reporter): void {
  if (definition.connector) {
    checkConnectorBody(definition, reporter);
    return;
  }
  const channelProperty = definition.property('channel');
  if (!channelProperty) {
    if (definition.object && !definition.property('connector')) {
      reporter.at(
        'SFC006',
        definition.object.offset,
        definition.object.offset + 1,
        `The callback needs \`channel\`: ${listOr(CHANNELS, c => `"${c}"`)} (or a \`connector\` for Azure or AWS).`,
      );
    }
    return;
  }
  const channel = definition.string('channel');
  if (channel && !definition.channel) {
    reportNotInList('SFC011', 'channel', channel.value, CHANNELS, definition, reporter);
  }
  const method = definition.string('httpMethod');
  if (method && !definition.httpMethod) {
    reportNotInList('SFC012', 'httpMethod', method.value, HTTP_METHODS, definition, reporter);
  }
  checkContentType(definition, reporter);
  const channelNode = channelProperty.valueNode;
  if (!definition.channel || !channelNode) return;

  const missing = (keys: readonly string[]): string[] => keys.filter(k => !definition.property(k));
  if (definition.channel === 'EMAIL') {
    if (missing(['recipient']).length > 0)
      reporter.onNode('SFC006', channelNode, 'EMAIL callbacks need `recipient`: the email address to send to.');
    if (missing(['message']).length > 0)
      reporter.onNode(
        'SFC016',
        channelNode,
        'This EMAIL callback has no `message`: every email would be empty. Add a message, with variables such as {device} and {data}.',
      );
    return;
  }
  const absent = missing(['url', 'httpMethod']);
  if (absent.length > 0) {
    reporter.onNode(
      'SFC006',
      channelNode,
      `${definition.channel} callbacks need ${absent.map(k => `\`${k}\``).join(' and ')}${absent.includes('httpMethod') ? ' (GET, POST or PUT)' : ''}.`,
    );
  }
  if (definition.channel === 'BATCH_URL') {
    if (!definition.property('linePattern')) {
      reporter.onNode(
        'SFC016',
        channelNode,
        'This BATCH_URL callback has no `linePattern`: each message of a batch would be an empty line. Add one, e.g. "{device};{time};{data}".',
      );
    }
    return;
  }
  checkUrlBody(definition, reporter);
}

function checkUrlBody(definition: CallbackDefinition, reporter: Reporter): void {
  const methodNode = definition.property('httpMethod')?.valueNode;
  const method = definition.httpMethod;
  if (!method || !methodNode) return;
  const bodyKeys = ['bodyTemplate', 'bodyTemplateFile', 'contentType'].map(k => definition.property(k)).filter(p => p !== undefined);
  if (method === 'GET') {
    for (const p of bodyKeys) {
      reporter.onNode(
        'SFC015',
        p.keyNode,
        `A GET request has no body, so \`${p.key}\` is never sent: use POST or PUT, or remove it (with GET, put the variables in the URL's query string).`,
      );
    }
    return;
  }
  if (!definition.property('bodyTemplate') && !definition.property('bodyTemplateFile')) {
    reporter.onNode(
      'SFC016',
      methodNode,
      `This ${method} callback has no \`bodyTemplate\` (or \`bodyTemplateFile\`): Sigfox would send an empty body. Add one, or use GET with the variables in the URL.`,
    );
  }
}

function checkContentType(definition: CallbackDefinition, reporter: Reporter): void {
  const contentType = definition.string('contentType');
  if (!contentType) return;
  if ((CONTENT_TYPES as readonly string[]).includes(contentType.value)) return;
  const base = contentType.value.split(';', 1)[0]!.trim().toLowerCase();
  const same = CONTENT_TYPES.find(c => c === base);
  const suggestions = same ? [same] : didYouMean(contentType.value, CONTENT_TYPES);
  const why = same
    ? `Sigfox takes the bare content type: write "${same}" (it sets the charset itself).`
    : `Sigfox sends bodies as ${listOr(CONTENT_TYPES, c => `"${c}"`)} only.`;
  reporter.at(
    'SFC013',
    contentType.start,
    contentType.end,
    `Content type ${JSON.stringify(contentType.value)} is not one Sigfox offers. ${why}`,
    suggestions.length > 0 ? { replacements: suggestions.map(s => JSON.stringify(s)), fixTitle: `Change to ${suggestions[0]}` } : undefined,
  );
}

function checkConnectorBody(definition: CallbackDefinition, reporter: Reporter): void {
  const connectorKey = definition.property('connector')!.keyNode;
  if (!definition.property('bodyTemplate') && !definition.property('bodyTemplateFile')) {
    reporter.onNode(
      'SFC034',
      connectorKey,
      'A connector sends each message as a JSON document: add a `bodyTemplate` (or `bodyTemplateFile`) such as {"device": "{device}", "data": "{data}"}.',
    );
  }
  const contentType = definition.string('contentType');
  if (contentType && contentType.value !== 'application/json') {
    reporter.at(
      'SFC034',
      contentType.start,
      contentType.end,
      `A connector sends JSON: its content type is "application/json", not ${JSON.stringify(contentType.value)}. Remove \`contentType\` or set it to "application/json".`,
      { replacements: ['"application/json"'], fixTitle: 'Change to application/json' },
    );
  }
}

function reportNotInList(
  code: 'SFC011' | 'SFC012',
  key: string,
  value: string,
  allowed: readonly string[],
  definition: CallbackDefinition,
  reporter: Reporter,
): void {
  const literal = definition.string(key)!;
  const upper = allowed.find(a => a === value.trim().toUpperCase());
  // PATCH is the usual verb for a partial update; Sigfox sends PUT or POST.
  const suggestions = upper
    ? [upper]
    : key === 'httpMethod' && /^patch$/i.test(value.trim())
      ? ['PUT', 'POST']
      : didYouMean(value, allowed);
  reporter.at(
    code,
    literal.start,
    literal.end,
    `\`${key}\` is ${listOr(allowed, a => `"${a}"`)}, not ${JSON.stringify(value)}.${suggestions.length > 0 ? ` Did you mean "${suggestions[0]}"?` : ''}`,
    suggestions.length > 0
      ? { replacements: suggestions.map(s => JSON.stringify(s)), fixTitle: `Change to "${suggestions[0]}"` }
      : undefined,
  );
}

// ---- KindRules ----------------------------------------------------------------------------

/**
 * Rules that tie the callback kind to the rest of the definition: BIDIR answers downlinks, so it
 * needs a URL channel (spec §2.5); DATA_ADVANCED sends a JSON body (spec §2.2); only DATA and
 * DATA_ADVANCED callbacks take a payload config (spec §1.0, §2.6).
 */
export function checkKindRules(definition: CallbackDefinition, reporter: Reporter): void {
  checkBidir(definition, reporter);
  checkDataAdvanced(definition, reporter);
  checkPayloadConfigAllowed(definition, reporter);
}

function checkBidir(definition: CallbackDefinition, reporter: Reporter): void {
  if (definition.subtype !== 'BIDIR') return;
  const why = 'DATA/BIDIR callbacks answer the device with a downlink read from the HTTP response, which only a URL callback receives.';
  if (definition.connector) {
    reporter.onNode(
      'SFC020',
      definition.property('connector')!.keyNode,
      `${why} Use "channel": "URL" instead of a connector, or subtype 2 (UPLINK).`,
    );
    return;
  }
  const channel = definition.string('channel');
  if (channel && definition.channel && definition.channel !== 'URL') {
    reporter.at('SFC020', channel.start, channel.end, `${why} Use "URL", or subtype 2 (UPLINK).`, {
      replacements: ['"URL"'],
      fixTitle: 'Change to "URL"',
    });
  }
}

function checkDataAdvanced(definition: CallbackDefinition, reporter: Reporter): void {
  if (definition.subtype !== 'DATA_ADVANCED' || definition.channel !== 'URL' || definition.connector) return;
  const method = definition.property('httpMethod');
  if (definition.httpMethod === 'GET' && method?.valueNode) {
    reporter.onNode(
      'SFC021',
      method.valueNode,
      'SERVICE/DATA_ADVANCED callbacks send a JSON body, and a GET request has none: use POST or PUT with "contentType": "application/json".',
      { replacements: ['"POST"'], fixTitle: 'Change to "POST"' },
    );
    return;
  }
  const contentType = definition.string('contentType');
  if (contentType) {
    if (contentType.value !== 'application/json') {
      reporter.at(
        'SFC021',
        contentType.start,
        contentType.end,
        `SERVICE/DATA_ADVANCED callbacks send a JSON body: the content type must be "application/json", not ${JSON.stringify(contentType.value)}.`,
        { replacements: ['"application/json"'], fixTitle: 'Change to application/json' },
      );
    }
    return;
  }
  const anchor = definition.property('callbackSubtype')?.valueNode;
  if (anchor && definition.httpMethod) {
    reporter.onNode(
      'SFC021',
      anchor,
      'SERVICE/DATA_ADVANCED callbacks send a JSON body, but without `contentType` Sigfox sends application/x-www-form-urlencoded: add "contentType": "application/json".',
    );
  }
}

function checkPayloadConfigAllowed(definition: CallbackDefinition, reporter: Reporter): void {
  if (!definition.type) return;
  // With an unknown subtype, "any subtype of the type" decides: SERVICE has DATA_ADVANCED.
  if (acceptsCustomData(definition.type, definition.subtype)) return;
  const label = kindLabel({ type: definition.type, ...(definition.subtype ? { subtype: definition.subtype } : {}) });
  for (const key of ['payloadConfig', 'payloadConfigFile']) {
    const p = definition.property(key);
    if (!p) continue;
    reporter.onNode(
      'SFC019',
      p.keyNode,
      `${label} callbacks take no payload config (only ${listOr(CUSTOM_DATA_KINDS.map(kindLabel), k => k)} do), so \`${key}\` would be refused. Remove it.`,
    );
  }
}

// ---- Headers ------------------------------------------------------------------------------

/**
 * Header rules of spec §2.3: variables only in values (never in names), no standard HTTP header
 * but `Authorization`, no header given twice (names ignore case). Values are templates, checked
 * with the other embedded templates.
 */
/** RFC 9110 token characters. */
const TOKEN_RE = /^[!#$%&'*+.^\w`|~-]+$/;

/** Standard request and response headers (IANA permanent registry, the common ones), lower case. */
const STANDARD_HEADERS = new Set([
  'accept',
  'accept-charset',
  'accept-encoding',
  'accept-language',
  'accept-ranges',
  'access-control-allow-origin',
  'age',
  'allow',
  'cache-control',
  'connection',
  'content-disposition',
  'content-encoding',
  'content-language',
  'content-length',
  'content-location',
  'content-md5',
  'content-range',
  'content-type',
  'cookie',
  'date',
  'dnt',
  'etag',
  'expect',
  'expires',
  'forwarded',
  'from',
  'host',
  'if-match',
  'if-modified-since',
  'if-none-match',
  'if-range',
  'if-unmodified-since',
  'keep-alive',
  'last-modified',
  'link',
  'location',
  'max-forwards',
  'origin',
  'pragma',
  'prefer',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'range',
  'referer',
  'retry-after',
  'server',
  'set-cookie',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'user-agent',
  'vary',
  'via',
  'warning',
  'www-authenticate',
]);

/** Where the standard header's job is done by a key of the definition. */
const HANDLED_BY_KEY: Readonly<Record<string, string>> = {
  'content-type': "set the body's content type with the `contentType` key instead",
  host: 'Sigfox takes the host from `url`',
  'content-length': 'Sigfox computes it from the body',
};

export function headerProperties(definition: CallbackDefinition): JsonProperty[] {
  const node = definition.property('headers')?.valueNode;
  return node?.type === 'object' ? propertiesOf(node) : [];
}

export function checkHeaders(definition: CallbackDefinition, reporter: Reporter): void {
  const seen = new Map<string, string>();
  for (const header of headerProperties(definition)) {
    const name = header.key;
    if (header.valueNode) checkValueKind(`headers.${name}`, header.valueNode, 'string', reporter);
    const lower = name.toLowerCase();
    if (name.trim() === '') {
      reporter.onNode('SFC022', header.keyNode, 'A header needs a name: remove this entry or name it, e.g. "X-Api-Key".');
      continue;
    }
    if (scanTemplate(name).placeholders.length > 0 || scanEnvReferences(name).references.length > 0) {
      reporter.onNode(
        'SFC022',
        header.keyNode,
        `Header name ${JSON.stringify(name)} holds a placeholder: Sigfox replaces variables in header values only. Use a fixed name and put the variable in the value.`,
      );
      continue;
    }
    if (!TOKEN_RE.test(name)) {
      const bad = [...name].find(c => !TOKEN_RE.test(c))!;
      reporter.onNode(
        'SFC022',
        header.keyNode,
        `Header name ${JSON.stringify(name)} contains ${bad === ' ' ? 'a space' : JSON.stringify(bad)}, which HTTP does not allow in names (letters, digits and !#$%&'*+.^_\`|~- only).`,
      );
      continue;
    }
    const first = seen.get(lower);
    if (first !== undefined) {
      reporter.onNode(
        'SFC024',
        header.keyNode,
        `Header ${JSON.stringify(name)} is already given${first === name ? '' : ` as ${JSON.stringify(first)}`} (header names ignore case): Sigfox refuses repeated headers. Keep one.`,
      );
      continue;
    }
    seen.set(lower, name);
    if (lower !== 'authorization' && STANDARD_HEADERS.has(lower)) {
      const how = HANDLED_BY_KEY[lower];
      reporter.onNode(
        'SFC023',
        header.keyNode,
        `Sigfox refuses the standard header ${JSON.stringify(name)}: only \`Authorization\` and custom headers (e.g. "X-Api-Key") may be set${how ? `; ${how}` : ''}.`,
        lower === 'content-type' ? contentTypeFix(definition, header) : undefined,
      );
    }
  }
}

/**
 * The fix SFC023 names for a `Content-Type` header: the value moves to the `contentType` key
 * (written just before `headers`), or the header goes when `contentType` is already set.
 */
function contentTypeFix(definition: CallbackDefinition, header: JsonProperty): ProblemData | undefined {
  const text = definition.text;
  const removal = propertyRemoval(text, header);
  const headers = definition.property('headers');
  if (!removal || !headers) return undefined;
  if (definition.property('contentType'))
    return { fixes: [{ title: 'Remove the Content-Type header (`contentType` is already set)', edits: [removal], preferred: true }] };
  const value = header.valueNode;
  if (value?.type !== 'string') return undefined;
  const at = headers.keyNode.offset;
  let lineStart = at;
  while (lineStart > 0 && text[lineStart - 1] !== '\n') lineStart--;
  const indent = text.slice(lineStart, at);
  const separator = /^[ \t]*$/.test(indent) ? `,\n${indent}` : ', ';
  const insert = { start: at, end: at, newText: `"contentType": ${text.slice(value.offset, value.offset + value.length)}${separator}` };
  return { fixes: [{ title: 'Move the Content-Type header to the `contentType` key', edits: [insert, removal], preferred: true }] };
}

/** An edit deleting one property of an object with the comma that separates it from a neighbour. */
function propertyRemoval(text: string, property: JsonProperty): OffsetEdit | undefined {
  const node = property.keyNode.parent;
  if (!node) return undefined;
  const start = node.offset,
    end = node.offset + node.length;
  let after = end;
  while (after < text.length && /\s/.test(text[after]!)) after++;
  if (text[after] === ',') {
    after++;
    while (after < text.length && /\s/.test(text[after]!)) after++;
    return { start, end: after, newText: '' };
  }
  let before = start;
  while (before > 0 && /\s/.test(text[before - 1]!)) before--;
  if (text[before - 1] === ',') return { start: before - 1, end, newText: '' };
  return { start, end, newText: '' };
}

// ---- Values -------------------------------------------------------------------------------

/**
 * The shape of single values: the callback URL (absolute http/https, once placeholders are
 * filled), the EMAIL recipient, and a JSON body sent without its content type.
 */
/** The URL with each placeholder and `${env:...}` replaced by a plain word, as a stand-in for its value. */
function urlStandIn(url: string): string {
  const spans = [
    ...scanTemplate(url).placeholders.map(p => ({ start: p.start, end: p.end })),
    ...scanEnvReferences(url).references.map(r => ({ start: r.start, end: r.end })),
  ].sort((a, b) => a.start - b.start);
  let out = '';
  let pos = 0;
  for (const span of spans) {
    if (span.start < pos) continue;
    out += url.slice(pos, span.start) + 'value';
    pos = span.end;
  }
  return out + url.slice(pos);
}

export interface UrlIssue {
  readonly message: string;
  /** Offsets in the URL; the whole URL when undefined. */
  readonly start?: number;
  readonly end?: number;
  readonly replacement?: string;
}

/** Recent answers of urlIssue by URL: a project's definitions call a few URLs, and reading one parses it twice. */
const recentUrlIssues = new Map<string, UrlIssue | undefined>();
const RECENT_URLS = 64;
const MAX_REMEMBERED_URL = 2048;

/** Why the URL is not one Sigfox can call (absolute http/https with a host), or undefined. */
export function urlIssue(value: string): UrlIssue | undefined {
  if (value.length > MAX_REMEMBERED_URL) return findUrlIssue(value);
  if (recentUrlIssues.has(value)) return recentUrlIssues.get(value);
  const issue = findUrlIssue(value);
  if (recentUrlIssues.size >= RECENT_URLS) recentUrlIssues.delete(recentUrlIssues.keys().next().value!);
  recentUrlIssues.set(value, issue);
  return issue;
}

function findUrlIssue(value: string): UrlIssue | undefined {
  if (isWholeEnvReference(value)) return undefined;
  if (value.trim() === '')
    return { message: 'The callback URL is empty: give the absolute URL Sigfox calls, e.g. "https://example.com/sigfox/{device}".' };
  if (value !== value.trim()) return { message: 'The callback URL starts or ends with white space: remove it.', replacement: value.trim() };
  const space = /\s/.exec(value);
  if (space)
    return {
      message: 'The callback URL contains white space, which is not allowed in a URL: percent-encode it (%20) or remove it.',
      start: space.index,
      end: space.index + 1,
    };
  const scheme = /^([A-Z][A-Z0-9+.-]*):\/\//i.exec(value);
  if (!scheme) {
    const fixed = `https://${value.replace(/^\/+/, '')}`;
    return {
      message: `The callback URL ${JSON.stringify(value)} is not absolute: Sigfox calls an http:// or https:// URL. Write ${JSON.stringify(fixed)}.`,
      replacement: fixed,
    };
  }
  const protocol = scheme[1]!.toLowerCase();
  if (protocol !== 'http' && protocol !== 'https') return { message: `Sigfox calls http:// and https:// URLs only, not ${scheme[1]}://.` };
  let parsed: URL | undefined;
  try {
    parsed = new URL(urlStandIn(value));
  } catch {
    parsed = undefined;
  }
  if (!parsed || parsed.hostname === '') {
    return {
      message: `The callback URL ${JSON.stringify(value)} has no valid host: write it as ${protocol}://<host>/<path>, e.g. "${protocol}://example.com/sigfox".`,
    };
  }
  // Checked, reported and sent with one parser: a URL two readers would send to different hosts is refused.
  const ambiguity = urlAmbiguity(value) ?? urlAmbiguity(urlStandIn(value));
  if (ambiguity) return ambiguity.start < value.length && value.includes('\\') ? ambiguity : { message: ambiguity.message };
  return undefined;
}

export function checkUrl(definition: CallbackDefinition, reporter: Reporter): void {
  const url = definition.string('url');
  if (!url || definition.connector) return;
  const issue = urlIssue(url.value);
  if (!issue) return;
  const data =
    issue.replacement !== undefined ? { replacements: [issue.replacement], fixTitle: `Change to ${issue.replacement}` } : undefined;
  if (issue.start !== undefined && issue.end !== undefined) reporter.inString('SFC025', url, issue.start, issue.end, issue.message, data);
  else
    reporter.at(
      'SFC025',
      url.start,
      url.end,
      issue.message,
      issue.replacement !== undefined
        ? { replacements: [JSON.stringify(issue.replacement)], fixTitle: `Change to ${issue.replacement}` }
        : undefined,
    );
}

const EMAIL_RE = /^[^\s@,;]+@[^\s,;@][^\s,.;@]*\.[^\s,;@]+$/;

export function checkRecipient(definition: CallbackDefinition, reporter: Reporter): void {
  const recipient = definition.string('recipient');
  if (!recipient || definition.channel !== 'EMAIL') return;
  const value = recipient.value;
  if (value.trim() === '') {
    reporter.at(
      'SFC033',
      recipient.start,
      recipient.end,
      'The recipient is empty: give the email address to send to, e.g. "ops@example.com".',
    );
    return;
  }
  let start = 0;
  for (const address of value.split(',')) {
    const trimmed = address.trim();
    const offset = start + address.indexOf(trimmed);
    if (!isWholeEnvReference(trimmed) && !EMAIL_RE.test(trimmed)) {
      reporter.inString(
        'SFC033',
        recipient,
        offset,
        offset + trimmed.length,
        `${JSON.stringify(trimmed)} is not an email address (name@domain); separate several recipients with commas.`,
      );
    }
    start += address.length + 1;
  }
}

/** Spec D14 and §2.4: without `contentType`, Sigfox posts a JSON-looking body as a form. */
export function checkJsonBodyContentType(definition: CallbackDefinition, bodyText: string | undefined, reporter: Reporter): void {
  if (bodyText === undefined || definition.connector || definition.channel !== 'URL' || definition.contentType !== undefined) return;
  if (definition.httpMethod !== 'POST' && definition.httpMethod !== 'PUT') return;
  // SFC021 already asks a DATA_ADVANCED callback for its JSON content type.
  if (definition.subtype === 'DATA_ADVANCED') return;
  if (jsonBodyReason(bodyText, 'body') !== 'starts-like-json') return;
  const key = definition.property('bodyTemplate') ?? definition.property('bodyTemplateFile');
  if (!key) return;
  reporter.onNode(
    'SFC035',
    key.keyNode,
    'This body is JSON, but without `contentType` Sigfox sends it as application/x-www-form-urlencoded and the receiver may not parse it: add "contentType": "application/json".',
  );
}

// ---- Templates ----------------------------------------------------------------------------

/**
 * Every text Sigfox fills with variables (spec §2.3) is checked by the template validator against
 * the callback's type/subtype and payload config: the URL, header values, an inline body, the
 * batch line pattern, the email subject and message. Problems are mapped from the decoded string
 * back onto the file.
 */
export interface EmbeddedTemplate {
  readonly key: string;
  readonly literal: JsonStringLiteral;
  readonly medium: TemplateMedium;
}

/** The template strings written in the definition itself (a body file is checked as its own document). */
export function embeddedTemplates(definition: CallbackDefinition): EmbeddedTemplate[] {
  const out: EmbeddedTemplate[] = [];
  const add = (key: string, literal: JsonStringLiteral | undefined, medium: TemplateMedium): void => {
    if (literal) out.push({ key, literal, medium });
  };
  add('url', definition.string('url'), 'url');
  for (const header of headerProperties(definition)) {
    add(`headers.${header.key}`, stringLiteralOf(definition.text, header.valueNode), 'header');
  }
  add('bodyTemplate', definition.string('bodyTemplate'), 'body');
  add('linePattern', definition.string('linePattern'), 'linePattern');
  add('subject', definition.string('subject'), 'email');
  add('message', definition.string('message'), 'email');
  return out;
}

/** The context the definition gives its templates: the one association rule 1 gives a body file. */
export function templateContext(
  definition: CallbackDefinition,
  grammar: GrammarDocument | undefined,
  medium: TemplateMedium,
): TemplateContext {
  const contentType = definition.connector ? 'application/json' : definition.contentType;
  return templateContextOf(definition.type, definition.subtype, grammar, medium, contentType);
}

export function checkTemplates(definition: CallbackDefinition, grammar: DefinitionGrammar, reporter: Reporter): void {
  for (const template of embeddedTemplates(definition)) {
    const context = templateContext(definition, grammar.grammar?.document, template.medium);
    const text = template.literal.value;
    const problems = adaptTemplateProblems(definition, grammar, text, validateTemplate(text, context));
    reporter.embedded(template.literal, problems);
  }
}

/**
 * Template problems in the words of a callback definition: "no payload config associated" means
 * "this callback has none" here, and nothing at all when its file is unreadable (SFC018 says so);
 * a non-JSON DATA_ADVANCED body is already reported on the content type (SFC021).
 */
export function adaptTemplateProblems(
  definition: CallbackDefinition,
  grammar: DefinitionGrammar,
  text: string,
  problems: readonly Problem[],
): Problem[] {
  const out: Problem[] = [];
  for (const p of problems) {
    if (p.code === 'SFT003') {
      if (grammar.unreadable) continue;
      out.push({
        ...p,
        message: `\`${text.slice(p.start, p.end)}\` reads a payload field, but this callback has no payload config: add \`payloadConfig\` or \`payloadConfigFile\` (fields such as \`temp::uint:8\`).`,
      });
      continue;
    }
    if (p.code === 'SFT012' && definition.contentType !== undefined && definition.contentType !== 'application/json') continue;
    out.push(p);
  }
  return out;
}

// ---- Connector ----------------------------------------------------------------------------

/**
 * Connector fields (spec D15): Azure connection strings part by part (a literal key is reported
 * with the other secrets), and for AWS only what is certain (role ARN and region shapes).
 */
/** The environment variable proposed for a shared access key written in the file. */
export const KEY_ENV_NAMES: Readonly<Record<AzureService, string>> = {
  'iot-hub': 'AZURE_IOT_HUB_KEY',
  'event-hub': 'AZURE_EVENT_HUB_KEY',
};

export function azureServiceOf(type: string | undefined): AzureService | undefined {
  return type === 'azure-iot-hub' ? 'iot-hub' : type === 'azure-event-hub' ? 'event-hub' : undefined;
}

export function checkConnector(definition: CallbackDefinition, reporter: Reporter): void {
  const info = definition.connector?.info;
  if (!info) return;
  const service = azureServiceOf(info.type);
  if (service) {
    const literal = connectorString(definition, 'connectionString');
    if (!literal) return;
    const check = checkConnectionString(literal.value, service);
    for (const issue of check.issues) {
      reporter.inString(
        'SFC027',
        literal,
        issue.start,
        issue.end,
        `In the ${info.label} connection string, ${issue.message}.`,
        issue.replacement ? { replacements: [issue.replacement], fixTitle: `Change to ${issue.replacement}` } : undefined,
      );
    }
    return;
  }
  const roleArn = connectorString(definition, 'roleArn');
  const arnIssue = roleArn ? roleArnIssue(roleArn.value) : undefined;
  if (roleArn && arnIssue) reporter.at('SFC030', roleArn.start, roleArn.end, `${arnIssue}.`);
  const region = connectorString(definition, 'region');
  const badRegion = region ? regionIssue(region.value) : undefined;
  if (region && badRegion) {
    const lower = region.value.toLowerCase().trim();
    reporter.at(
      'SFC031',
      region.start,
      region.end,
      badRegion,
      lower !== region.value && !regionIssue(lower) ? { replacements: [JSON.stringify(lower)] } : undefined,
    );
  }
}

// ---- Secrets ------------------------------------------------------------------------------

/**
 * Secrets written in the file: an `Authorization` credential, a password or key in the URL. Each is
 * a warning whose quick fix replaces the literal with an `${env:NAME}` reference, which `build` and
 * `send` resolve from the environment (spec D15 recommends it); a connector's shared access key
 * likewise.
 */
/** Query parameter names that carry credentials. */
const SECRET_PARAM_RE =
  /^(?:api[-_]?key|key|token|access[-_]?token|auth|auth[-_]?token|secret|client[-_]?secret|password|passwd|pwd|sig|signature)$/i;

/** A secret written literally in a string of the file, with the reference proposed instead. */
export interface LiteralSecret {
  readonly literal: JsonStringLiteral;
  /** Offsets of the secret in the decoded string. */
  readonly start: number;
  readonly end: number;
  /** What holds it, for the message: "The Authorization credential". */
  readonly what: string;
  readonly envName: string;
}

export function findLiteralSecrets(definition: CallbackDefinition): LiteralSecret[] {
  const secrets: LiteralSecret[] = [];
  const host = hostOf(definition.string('url')?.value);
  for (const header of headerProperties(definition)) {
    if (header.key.toLowerCase() !== 'authorization') continue;
    const literal = stringLiteralOf(definition.text, header.valueNode);
    const credential = literal ? authorizationCredential(literal.value) : undefined;
    if (literal && credential && isLiteralText(literal.value.slice(credential.start, credential.end))) {
      secrets.push({ literal, ...credential, what: 'The Authorization credential', envName: envNameFrom(host ?? 'callback', 'token') });
    }
  }
  const url = definition.string('url');
  if (url && !definition.connector) secrets.push(...urlSecrets(url, host));
  const service = azureServiceOf(definition.connector?.info?.type);
  const connectionString = service ? connectorString(definition, 'connectionString') : undefined;
  const key = service && connectionString ? checkConnectionString(connectionString.value, service).literalKey : undefined;
  if (service && connectionString && key) {
    secrets.push({
      literal: connectionString,
      start: key.valueStart,
      end: key.end,
      what: 'The shared access key',
      envName: KEY_ENV_NAMES[service],
    });
  }
  return secrets;
}

export function checkSecrets(definition: CallbackDefinition, reporter: Reporter): void {
  for (const secret of findLiteralSecrets(definition)) {
    const reference = envReference(secret.envName);
    reporter.inString(
      'SFC028',
      secret.literal,
      secret.start,
      secret.end,
      `${secret.what} is written in the file, where anyone with the repository can read it. Reference an environment variable instead: ${reference} (resolved by \`build\` and \`send\`).`,
      { replacements: [reference], fixTitle: `Replace with ${reference}` },
    );
  }
}

/** A template value is literal text when it holds no placeholder and no environment reference. */
export function isLiteralText(text: string): boolean {
  return text.trim() !== '' && scanTemplate(text).placeholders.length === 0 && scanEnvReferences(text).references.length === 0;
}

/** The credential of an Authorization value (after `Bearer`, `Basic`... when there is a scheme). */
export function authorizationCredential(value: string): { start: number; end: number } {
  const scheme = /^\s*[A-Z][\w!#$%&'*+.^`|~-]*\s+(?=\S)/i.exec(value);
  const start = scheme ? scheme[0].length : 0;
  return { start, end: value.trimEnd().length };
}

/** A password in the URL's user info, and credential-named query parameters. */
function urlSecrets(url: JsonStringLiteral, host: string | undefined): LiteralSecret[] {
  const secrets: LiteralSecret[] = [];
  const value = url.value;
  const authority = /^[A-Z][A-Z0-9+.-]*:\/\/([^/?#@]*)@/i.exec(value);
  const colon = authority ? authority[1]!.indexOf(':') : -1;
  if (authority && colon >= 0) {
    const start = value.indexOf('://') + 3 + colon + 1;
    const password = authority[1]!.slice(colon + 1);
    if (isLiteralText(password))
      secrets.push({
        literal: url,
        start,
        end: start + password.length,
        what: 'The password in the URL',
        envName: envNameFrom(host ?? 'callback', 'password'),
      });
  }
  const query = value.indexOf('?');
  if (query < 0) return secrets;
  const fragment = value.indexOf('#', query);
  const end = fragment < 0 ? value.length : fragment;
  let start = query + 1;
  for (const pair of value.slice(query + 1, end).split('&')) {
    const equals = pair.indexOf('=');
    const name = pair.slice(0, Math.max(equals, 0));
    const secret = pair.slice(equals + 1);
    if (equals > 0 && SECRET_PARAM_RE.test(name) && isLiteralText(secret)) {
      const valueStart = start + equals + 1;
      secrets.push({
        literal: url,
        start: valueStart,
        end: valueStart + secret.length,
        what: `The credential in the URL parameter \`${name}\``,
        envName: envNameFrom(host ?? 'callback', name),
      });
    }
    start += pair.length + 1;
  }
  return secrets;
}

function hostOf(url: string | undefined): string | undefined {
  const match = url ? /^[A-Z][A-Z0-9+.-]*:\/\/(?:[^/?#@]*@)?([^/?#:]+)/i.exec(url) : null;
  const host = match?.[1];
  return host && isLiteralText(host) ? host.replace(/^www\./, '') : undefined;
}

// ---- EnvReferences ------------------------------------------------------------------------

/**
 * Every `${env:NAME}` written in any string value of the file must be well-formed: a near miss
 * (`${ENV:X}`, `${env:my key}`, no closing brace) would be sent to Sigfox as literal text.
 */
export function checkEnvReferences(definition: CallbackDefinition, reporter: Reporter): void {
  const visit = (node: JsonNode | undefined): void => {
    if (!node) return;
    if (node.type === 'string') {
      const literal = stringLiteralOf(definition.text, node)!;
      for (const bad of scanEnvReferences(literal.value).malformed) {
        const written = literal.value.slice(bad.start, bad.end);
        reporter.inString(
          'SFC029',
          literal,
          bad.start,
          bad.end,
          `\`${written}\` is not a valid environment reference: ${bad.reason}. Write \`\${env:NAME}\`${bad.intended ? `, here ${bad.intended}` : ''}.`,
          bad.intended ? { replacements: [bad.intended], fixTitle: `Change to ${bad.intended}` } : undefined,
        );
      }
      return;
    }
    if (node.type === 'property') {
      visit(node.children?.[1]);
      return;
    }
    for (const child of node.children ?? []) visit(child);
  };
  visit(definition.document.root);
}
