import { encodeFrame, valueFromText } from '../../core/codec/encode';
import { planCodec, type CodecPlan } from '../../core/codec/plan';
import { DOWNLINK_BYTES } from '../../core/grammar/analyze';
import type { DecodedValue } from '../../core/grammar/value';
import { toHex } from '../../core/hex';
import { parseCommandArgs } from '../args';
import { CliError, UsageError } from '../errors';
import { ExitCode } from '../exitCodes';
import { loadGrammarFile } from '../grammarInput';
import { ENCODE_HELP, REPLY_HELP } from '../help';
import type { CliIo } from '../io';
import { writeAll } from '../output';
import { loadSettings } from '../settings';

/** `sigfox-callbacks encode --grammar FILE [--downlink] name=value...`: the frame as hex. */
export async function encodeCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs('encode', args, {
    grammar: { type: 'string', short: 'g' },
    downlink: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values['help']) {
    await writeAll(io.stdout, ENCODE_HELP);
    return ExitCode.Clean;
  }
  const frame = await encodeFromArguments('encode', values['grammar'], values['downlink'] === true, positionals, io);
  await writeAll(io.stdout, `${frame}\n`);
  return ExitCode.Clean;
}

/** `sigfox-callbacks reply --device ID --grammar FILE name=value...`: the BIDIR answer a server gives. */
export async function replyCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs('reply', args, {
    device: { type: 'string', short: 'd' },
    grammar: { type: 'string', short: 'g' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values['help']) {
    await writeAll(io.stdout, REPLY_HELP);
    return ExitCode.Clean;
  }
  const device = values['device'];
  if (typeof device !== 'string' || device === '')
    throw new UsageError('reply needs the device id the answer is for: --device ID', 'reply');
  const frame = await encodeFromArguments('reply', values['grammar'], true, positionals, io);
  await writeAll(io.stdout, `${JSON.stringify({ [device]: { downlinkData: frame } })}\n`);
  return ExitCode.Clean;
}

async function encodeFromArguments(
  command: string,
  grammarFile: unknown,
  downlink: boolean,
  assignments: readonly string[],
  io: CliIo,
): Promise<string> {
  if (typeof grammarFile !== 'string') throw new UsageError(`${command} needs a payload config: --grammar FILE.sfgrammar`, command);
  const maxUplinkBytes = loadSettings(io.cwd).maxUplinkBytes;
  const input = loadGrammarFile(grammarFile, io.cwd, downlink ? DOWNLINK_BYTES : maxUplinkBytes);
  if (input.warningsText) await writeAll(io.stderr, input.warningsText);
  const plan = planCodec(input.grammar, { maxUplinkBytes, downlink });
  const result = encodeFrame(plan, parseAssignments(command, plan, assignments));
  if (!result.ok) {
    const n = result.errors.length;
    throw new CliError(
      `cannot encode a frame with ${input.display}: ${n === 1 ? result.errors[0] : `${n} problems:\n${result.errors.map(e => `  ${e}`).join('\n')}`}`,
    );
  }
  for (const warning of result.warnings) await writeAll(io.stderr, `sigfox-callbacks: warning: ${warning}\n`);
  return toHex(result.bytes);
}

/** `name=value` arguments as typed values; text that is not the field's type is an error naming the field. */
function parseAssignments(command: string, plan: CodecPlan, assignments: readonly string[]): Map<string, DecodedValue> {
  if (assignments.length === 0)
    throw new UsageError(`${command} needs a value for each field, e.g. ${plan.fields.map(f => `${f.name}=...`).join(' ')}`, command);
  const values = new Map<string, DecodedValue>();
  const errors: string[] = [];
  for (const arg of assignments) {
    const eq = arg.indexOf('=');
    if (eq <= 0) throw new UsageError(`expected name=value, got ${JSON.stringify(arg)}`, command);
    const name = arg.slice(0, eq);
    if (values.has(name)) throw new UsageError(`\`${name}\` is given twice`, command);
    const field = plan.fields.find(f => f.name === name);
    // An unknown name is kept so the encoder reports it with the names it knows.
    const value = field ? valueFromText(field, arg.slice(eq + 1)) : null;
    if (value !== null && typeof value === 'object' && 'error' in value) errors.push(value.error);
    else values.set(name, value);
  }
  if (errors.length) throw new CliError(errors.join('\n'));
  return values;
}
