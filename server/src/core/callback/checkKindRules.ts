/**
 * Rules that tie the callback kind to the rest of the definition: BIDIR answers downlinks, so it
 * needs a URL channel (spec §2.5); DATA_ADVANCED sends a JSON body (spec §2.2); only DATA and
 * DATA_ADVANCED callbacks take a payload config (spec §1.0, §2.6).
 */
import { CUSTOM_DATA_KINDS, acceptsCustomData, kindLabel } from '../template/variables';
import { listOr } from '../suggest';
import type { CallbackDefinition } from './definition';
import type { Reporter } from './reporter';

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
