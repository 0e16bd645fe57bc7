/**
 * Lints that only matter once a callback is deployed: the backend's rules on which callbacks may
 * exist, rather than the shape of one request. SERVICE/STATUS is retired (no new ones since
 * September 2026, service ending April 2027); the per-device-type rules (one downlink callback,
 * BIDIR needing the CALLBACK downlink mode) need several files or the API and are checked by
 * `deploymentProblems`, used by plan and apply.
 */
import type { CallbackDefinition } from './definition';
import type { Reporter } from './reporter';

const SERVICE = 1;
const STATUS = 0;
const DATA = 0;
const BIDIR = 3;
/** downlinkMode 1: the device type asks its downlink callback for the answer. */
export const CALLBACK_DOWNLINK_MODE = 1;

export function checkRetiredKinds(definition: CallbackDefinition, reporter: Reporter): void {
  const type = definition.property('callbackType')?.valueNode;
  const subtype = definition.property('callbackSubtype')?.valueNode;
  if (type?.value !== SERVICE || subtype?.value !== STATUS) return;
  const id = definition.property('id')?.valueNode;
  // Only a definition meant for deployment (it names its device type or backend id): a plain one
  // may still be built or sent as a test, and SFC009 already says STATUS is deprecated.
  if (!definition.property('deviceTypeId') && !id) return;
  if (id?.type === 'string' && id.value !== '') {
    reporter.onNode(
      'SFC038',
      subtype,
      'SERVICE/STATUS callbacks stop in April 2027: this one will no longer be called after that date. Plan a replacement (e.g. a DATA callback reading the status from the uplink).',
    );
  } else {
    reporter.onNode(
      'SFC037',
      subtype,
      'The Sigfox backend no longer accepts new SERVICE/STATUS callbacks (since September 2026; the service ends in April 2027): this definition has no `id`, so apply would try to create it and fail.',
    );
  }
}

/** Codes found across definitions and the API by plan/apply, never in one file alone. */
export const DEPLOYMENT_ONLY_CODES: ReadonlySet<string> = new Set(['SFC039', 'SFC040']);

/** What the per-device-type rules look at, for each definition. */
export interface DeployedCallback {
  readonly source: string;
  readonly deviceTypeId: string;
  readonly callbackType?: unknown;
  readonly callbackSubtype?: unknown;
  readonly downlink: boolean;
  /** The backend id, when the file has one. */
  readonly id?: string;
}

export interface DeploymentProblem {
  readonly source: string;
  readonly code: 'SFC037' | 'SFC039' | 'SFC040';
  readonly message: string;
}

/**
 * One downlink callback per device type; a BIDIR callback needs a device type in CALLBACK
 * downlink mode (`downlinkModes`: what the API says, by device type id; unknown ones are skipped).
 */
export function deploymentProblems(
  callbacks: readonly DeployedCallback[],
  downlinkModes: ReadonlyMap<string, number | undefined>,
): DeploymentProblem[] {
  const problems: DeploymentProblem[] = [];
  const byType = new Map<string, DeployedCallback[]>();
  for (const c of callbacks) if (c.downlink) byType.set(c.deviceTypeId, [...(byType.get(c.deviceTypeId) ?? []), c]);
  for (const [deviceTypeId, list] of byType) {
    if (list.length < 2) continue;
    for (const c of list)
      problems.push({
        source: c.source,
        code: 'SFC039',
        message: `device type ${deviceTypeId} has one downlink callback, and ${list.length} definitions set "downlinkHook": true (${list.map(l => l.source).join(', ')}): keep it on one`,
      });
  }
  for (const c of callbacks) {
    if (c.callbackType === SERVICE && c.callbackSubtype === STATUS && !c.id)
      problems.push({
        source: c.source,
        code: 'SFC037',
        message:
          'the Sigfox backend no longer accepts new SERVICE/STATUS callbacks (since September 2026; the service ends in April 2027): this one has no id, so it would be created',
      });
    if (c.callbackType !== DATA || c.callbackSubtype !== BIDIR) continue;
    const mode = downlinkModes.get(c.deviceTypeId);
    if (mode !== undefined && mode !== CALLBACK_DOWNLINK_MODE)
      problems.push({
        source: c.source,
        code: 'SFC040',
        message: `a BIDIR callback answers downlinks only when the device type's downlink mode is CALLBACK (1); device type ${c.deviceTypeId} has downlinkMode ${mode}`,
      });
  }
  return problems;
}
