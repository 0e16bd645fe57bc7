import { writeFileSync } from 'node:fs';
import { applyEdits, findNodeAtLocation, modify, parseTree } from 'jsonc-parser';
import type { DesiredCallback, Step } from '../../core/deploy/plan';
import { ApiError, type SigfoxApi } from '../../deploy/client';
import { parseCommandArgs } from '../args';
import {
  API_OPTIONS,
  checkDeployment,
  connect,
  describeStep,
  hasChanges,
  loadDefinitions,
  makePlan,
  renderPlan,
  type LoadedDefinitions,
  type Masker,
} from '../deploy';
import { CliError } from '../errors';
import { ExitCode } from '../exitCodes';
import { APPLY_HELP } from '../help';
import type { CliIo } from '../io';
import { writeAll } from '../output';

const OPTIONS = {
  ...API_OPTIONS,
  yes: { type: 'boolean', short: 'y' },
  prune: { type: 'boolean' },
  'device-type': { type: 'string' },
} as const;

/**
 * `sigfox-callbacks apply [paths...] [--yes] [--prune]`: shows the plan, asks (or --yes, required
 * without a terminal), then runs it in a safe order: creates, enable/disable, downlink selection,
 * updates, deletes (replaced callbacks and, with --prune, unmanaged ones) last. New ids are
 * written back into their files. A failed step stops the run; what this run created is deleted
 * again and the report says what was done, undone and not done.
 */
export async function applyCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs('apply', args, OPTIONS);
  if (values['help']) {
    await writeAll(io.stdout, APPLY_HELP);
    return ExitCode.Clean;
  }
  const { api, env } = connect(io, values);
  const loaded = await loadDefinitions(positionals, io, env, 'apply', values['device-type'] as string | undefined);
  if (typeof loaded === 'number') return loaded;
  if (!(await checkDeployment(api, loaded, io))) return ExitCode.Problems;
  const { plan, masker } = await makePlan(api, loaded, values['prune'] === true);
  await writeAll(io.stdout, renderPlan(plan, masker));
  if (!hasChanges(plan)) return ExitCode.Clean;
  if (!values['yes']) {
    if (!io.stdin.isTTY) throw new CliError('apply changes the backend: confirm with --yes (no terminal to ask on)');
    await writeAll(io.stdout, 'Apply these changes? [y/N] ');
    const answer = await firstLine(io.stdin);
    if (!/^y(es)?$/i.test(answer.trim())) {
      await writeAll(io.stdout, 'Nothing applied.\n');
      return ExitCode.Clean;
    }
  }
  return runSteps(plan.steps, api, loaded, masker, io);
}

async function runSteps(steps: readonly Step[], api: SigfoxApi, loaded: LoadedDefinitions, masker: Masker, io: CliIo): Promise<ExitCode> {
  const created = new Map<DesiredCallback, string>();
  const done: string[] = [];
  const laterDeletes: { deviceTypeId: string; id: string; what: string }[] = [];
  const idOf = (step: Step & { desired: DesiredCallback }): string =>
    created.get(step.desired) ?? (step as { remote?: { id: string } }).remote!.id;
  const work = steps.filter(s => s.kind !== 'unchanged' && s.kind !== 'unmanaged');
  let index = 0;
  try {
    for (; index < work.length; index++) {
      const step = work[index]!;
      switch (step.kind) {
        case 'create':
        case 'replace': {
          const id = await api.createCallback(step.desired.deviceTypeId, step.body);
          created.set(step.desired, id);
          if (step.kind === 'replace')
            laterDeletes.push({
              deviceTypeId: step.desired.deviceTypeId,
              id: step.remote.id,
              what: `old callback ${step.remote.id} of ${step.desired.source}`,
            });
          done.push(`created callback ${id} for ${step.desired.source}`);
          break;
        }
        case 'enable':
          await api.enableCallback(step.desired.deviceTypeId, idOf(step), step.enabled);
          done.push(`${step.enabled ? 'enabled' : 'disabled'} callback ${idOf(step)} (${step.desired.source})`);
          break;
        case 'downlink':
          await api.selectDownlink(step.desired.deviceTypeId, idOf(step));
          done.push(`selected callback ${idOf(step)} (${step.desired.source}) as the downlink callback`);
          break;
        case 'update':
          await api.updateCallback(step.desired.deviceTypeId, step.remote.id, step.body);
          done.push(`updated callback ${step.remote.id} (${step.desired.source}): ${step.changes.map(c => c.field).join(', ')}`);
          break;
        case 'delete':
          await api.deleteCallback(step.deviceTypeId, step.remote.id);
          done.push(`deleted unmanaged callback ${step.remote.id}`);
          break;
      }
      if (index === work.length - 1 || work[index + 1]!.kind === 'delete') {
        // Replaced callbacks go just before the pruned ones: deletes last.
        while (laterDeletes.length > 0) {
          const d = laterDeletes.shift()!;
          await api.deleteCallback(d.deviceTypeId, d.id);
          done.push(`deleted ${d.what}`);
        }
      }
    }
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    const failed = work[index];
    let report = '';
    if (err.kind === 'bad-request' && failed && 'desired' in failed) report += fieldDiagnostics(err, failed.desired, loaded);
    report += `sigfox-callbacks: apply stopped: ${failed ? describeStep(failed) : 'a step'} failed: ${err.message}\n`;
    report +=
      done.length > 0 ? `Done before the failure:\n${done.map(d => `  ${d}\n`).join('')}` : 'Nothing was done before the failure.\n';
    const undone: string[] = [];
    const notUndone: string[] = [];
    for (const [desired, id] of created) {
      try {
        await api.deleteCallback(desired.deviceTypeId, id);
        undone.push(`deleted callback ${id} created for ${desired.source}`);
      } catch (e) {
        notUndone.push(
          `callback ${id} created for ${desired.source} could not be deleted (${e instanceof Error ? e.message : String(e)}): delete it by hand`,
        );
      }
    }
    if (undone.length > 0) report += `Rolled back:\n${undone.map(d => `  ${d}\n`).join('')}`;
    if (notUndone.length > 0) report += `NOT rolled back:\n${notUndone.map(d => `  ${d}\n`).join('')}`;
    const rest = work.slice(index);
    report += `Not done:\n${rest.map(s => `  ${describeStep(s)}\n`).join('')}${laterDeletes.map(d => `  delete ${d.what}\n`).join('')}`;
    report += 'Updates, enable/disable and downlink changes already made are not undone; run plan to see the state.\n';
    await writeAll(io.stderr, masker.text(report));
    return ExitCode.Usage;
  }
  // New ids go back into their files, formatting kept.
  for (const [desired, id] of created) writeId(loaded, desired, id);
  await writeAll(io.stdout, masker.text(`Applied:\n${done.map(d => `  ${d}\n`).join('')}`));
  return ExitCode.Clean;
}

function writeId(loaded: LoadedDefinitions, desired: DesiredCallback, id: string): void {
  const input = loaded.inputs.get(desired.source);
  if (!input) return;
  const eol = input.text.includes('\r\n') ? '\r\n' : '\n';
  const indent = /\n([ \t]+)"/.exec(input.text)?.[1] ?? '  ';
  const options = { formattingOptions: { insertSpaces: !indent.includes('\t'), tabSize: indent.includes('\t') ? 1 : indent.length, eol } };
  let text = applyEdits(input.text, modify(input.text, ['id'], id, { ...options, getInsertionIndex: () => 0 }));
  if (!/"deviceTypeId"\s*:/.test(text))
    text = applyEdits(text, modify(text, ['deviceTypeId'], desired.deviceTypeId, { ...options, getInsertionIndex: () => 0 }));
  writeFileSync(input.path, text);
}

/** A 400's `errors[].field`, shown at the key of the definition file it comes from. */
function fieldDiagnostics(err: ApiError, desired: DesiredCallback, loaded: LoadedDefinitions): string {
  const input = loaded.inputs.get(desired.source);
  if (!input) return '';
  const tree = parseTree(input.text);
  let out = '';
  for (const e of err.fieldErrors) {
    const field = e.field ?? '';
    const path = field.split('.').filter(Boolean);
    const aliases: Record<string, string> = { payloadConfig: 'payloadConfigFile', bodyTemplate: 'bodyTemplateFile' };
    let node = tree && path.length > 0 ? findNodeAtLocation(tree, path) : undefined;
    if (!node && tree && path[0] && aliases[path[0]]) node = findNodeAtLocation(tree, [aliases[path[0]]!]);
    const offset = node?.parent?.type === 'property' ? node.parent.offset : (node?.offset ?? 0);
    const before = input.text.slice(0, offset);
    const line = before.split('\n').length;
    const col = offset - before.lastIndexOf('\n');
    out += `${input.display}:${line}:${col}: error: the Sigfox API refused ${field || 'the request'}: ${e.message ?? 'bad request'} [API400]\n`;
  }
  return out;
}

function firstLine(input: NodeJS.ReadableStream): Promise<string> {
  return new Promise(resolve => {
    let text = '';
    const onData = (chunk: Buffer | string): void => {
      text += chunk.toString();
      if (text.includes('\n')) done();
    };
    const done = (): void => {
      input.off('data', onData);
      input.off('end', done);
      input.pause();
      resolve(text.split('\n')[0] ?? '');
    };
    input.on('data', onData);
    input.on('end', done);
  });
}
