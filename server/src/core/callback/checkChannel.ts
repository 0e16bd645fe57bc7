/**
 * Delivery (spec §2.4, §2.6): the channel and what it needs (URL/BATCH_URL: url and httpMethod;
 * EMAIL: recipient), a body only with POST or PUT, the content types Sigfox knows, and a warning
 * when nothing would be sent. A connector replaces the channel and sends a JSON body.
 */
import { didYouMean, listOr } from '../suggest';
import type { CallbackDefinition } from './definition';
import { CHANNELS, CONTENT_TYPES, HTTP_METHODS } from './keys';
import type { Reporter } from './reporter';

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
