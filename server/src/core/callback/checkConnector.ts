/**
 * Connector fields (spec D15): Azure connection strings part by part (a literal key is reported
 * with the other secrets), and for AWS only what is certain (role ARN and region shapes).
 */
import { regionIssue, roleArnIssue } from './aws';
import { checkConnectionString, type AzureService } from './connectionString';
import { connectorString, type CallbackDefinition } from './definition';
import type { Reporter } from './reporter';

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
