import { choice, parseCommandArgs } from '../args';
import { API_OPTIONS, checkDeployment, connect, hasChanges, loadDefinitions, makePlan, planJson, renderPlan } from '../deploy';
import { ExitCode } from '../exitCodes';
import { PLAN_HELP } from '../help';
import type { CliIo } from '../io';
import { writeAll } from '../output';

const OPTIONS = {
  ...API_OPTIONS,
  'exit-code': { type: 'boolean' },
  prune: { type: 'boolean' },
  'device-type': { type: 'string' },
  format: { type: 'string', short: 'f' },
} as const;

/**
 * `sigfox-callbacks plan [paths...] [--exit-code] [--prune]`: what apply would do, secrets masked.
 * With --exit-code, as `git diff`: 0 in sync, 1 changes, 2 error. Without it 0 unless an error.
 */
export async function planCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs('plan', args, OPTIONS);
  if (values['help']) {
    await writeAll(io.stdout, PLAN_HELP);
    return ExitCode.Clean;
  }
  const format = choice('plan', 'format', values['format'], ['text', 'json'] as const, 'text');
  const { api, env } = connect(io, values);
  const loaded = await loadDefinitions(positionals, io, env, 'plan', values['device-type'] as string | undefined);
  // A definition with errors is not planned: that is an error for --exit-code too.
  if (typeof loaded === 'number') return values['exit-code'] ? ExitCode.Usage : loaded;
  if (!(await checkDeployment(api, loaded, io))) return values['exit-code'] ? ExitCode.Usage : ExitCode.Problems;
  const { plan, masker } = await makePlan(api, loaded, values['prune'] === true);
  for (const note of loaded.notes) io.stderr.write(`sigfox-callbacks: note: ${note}\n`);
  await writeAll(io.stdout, format === 'json' ? planJson(plan, masker) : renderPlan(plan, masker));
  return values['exit-code'] && hasChanges(plan) ? ExitCode.Problems : ExitCode.Clean;
}
