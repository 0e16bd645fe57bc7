import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pullCallbacks } from '../../core/deploy/pull';
import { parseCommandArgs } from '../args';
import { API_OPTIONS, apiFailure, connect } from '../deploy';
import { ApiError } from '../../deploy/client';
import { CliError, UsageError } from '../errors';
import { ExitCode } from '../exitCodes';
import { displayPath } from '../fileDiscovery';
import { PULL_HELP } from '../help';
import type { CliIo } from '../io';
import { writeAll } from '../output';

const OPTIONS = { ...API_OPTIONS, 'device-type': { type: 'string' }, dir: { type: 'string' } } as const;

/**
 * `sigfox-callbacks pull --device-type ID [--dir DIR]`: one definition (plus .sfgrammar /
 * .sftemplate) per callback of the device type, secrets as `${env:NAME}` (names listed, and
 * written without values to DIR/.env.example). A file already holding a pulled callback's id is
 * overwritten; other files are left alone and their names kept free.
 */
export async function pullCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs('pull', args, OPTIONS);
  if (values['help']) {
    await writeAll(io.stdout, PULL_HELP);
    return ExitCode.Clean;
  }
  if (positionals.length > 0) throw new UsageError(`pull takes no paths (got ${positionals.join(' ')}); use --dir DIR`, 'pull');
  const deviceType = values['device-type'];
  if (typeof deviceType !== 'string' || deviceType === '') throw new UsageError('pull needs the device type: --device-type ID', 'pull');
  const dir = resolve(io.cwd, (values['dir'] as string | undefined) ?? '.');
  const { api } = connect(io, values);
  let remotes;
  try {
    remotes = await api.listCallbacks(deviceType);
  } catch (err) {
    if (err instanceof ApiError && err.kind === 'not-found') throw new CliError(`unknown device type ${deviceType} (the API answered 404)`);
    apiFailure(err);
  }
  // Names already used by files that hold other callbacks stay theirs.
  const existing = existsSync(dir) ? readdirSync(dir) : [];
  const ids = new Set(remotes.map(r => r.id));
  const taken = new Set<string>();
  for (const name of existing.filter(n => n.endsWith('.sfcallback.json'))) {
    let id: unknown;
    try {
      id = (JSON.parse(readFileSync(join(dir, name), 'utf8')) as { id?: unknown }).id;
    } catch {
      id = undefined;
    }
    if (typeof id !== 'string' || !ids.has(id)) taken.add(name.slice(0, -'.sfcallback.json'.length));
  }
  const result = pullCallbacks(deviceType, remotes, taken);
  mkdirSync(dir, { recursive: true });
  let out = '';
  for (const cb of result.callbacks) {
    for (const file of cb.files) writeFileSync(join(dir, file.name), file.text);
    out += `${displayPath(join(dir, cb.files[0]!.name), io.cwd)}  (callback ${cb.id})\n`;
  }
  out += `Pulled ${result.callbacks.length} callback${result.callbacks.length === 1 ? '' : 's'} of device type ${deviceType} into ${displayPath(dir, io.cwd) || '.'}.\n`;
  let err = '';
  for (const s of result.skipped) err += `sigfox-callbacks: warning: callback ${s.id} not written: ${s.reason}\n`;
  err +=
    'sigfox-callbacks: note: connector callbacks (Azure IoT Hub, Azure Event Hub, AWS IoT, AWS Kinesis) cannot be read through the Sigfox API v2 and are not pulled; describe them by hand (a "connector" block) if the device type has any.\n';
  if (result.envNames.length > 0) {
    writeFileSync(
      join(dir, '.env.example'),
      `# Secrets the pulled callbacks reference; set them before plan/apply (values are not pulled).\n${result.envNames.map(n => `${n}=`).join('\n')}\n`,
    );
    out += `Set these environment variables before plan/apply (names written to ${displayPath(join(dir, '.env.example'), io.cwd)}, without values): ${result.envNames.join(', ')}\n`;
  }
  await writeAll(io.stdout, out);
  await writeAll(io.stderr, err);
  return ExitCode.Clean;
}
