/**
 * `sigfox.preview.sampleVariables`: the user's values for `{device}`, `{time}`... sent with the
 * preview and Send Test Callback. The server fills the others from the core's one table of
 * representative values; `{data}` is always the frame.
 */
import * as vscode from 'vscode';

export const SAMPLE_VARIABLES_SETTING = 'sigfox.preview.sampleVariables';

/** The setting for a resource, as the text Sigfox inserts; entries of a wrong type are left out. */
export function sampleVariablesSetting(scope: vscode.Uri | undefined): Record<string, string> {
  const setting: unknown = vscode.workspace.getConfiguration(undefined, scope).get(SAMPLE_VARIABLES_SETTING);
  const out: Record<string, string> = {};
  if (!setting || typeof setting !== 'object' || Array.isArray(setting)) return out;
  for (const [name, value] of Object.entries(setting as Record<string, unknown>)) {
    // Numbers, booleans and null are allowed by the setting's schema: Sigfox inserts their text.
    if (typeof value === 'string') out[name] = value;
    else if (typeof value === 'number' || typeof value === 'boolean' || value === null) out[name] = String(value);
  }
  return out;
}
