import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { exportCodec, EXPORT_TARGETS, type ExportTarget } from '../../core/codec/export';
import { planCodec } from '../../core/codec/plan';
import { canonicalConfig } from '../../core/grammar/parse';
import { choice, parseCommandArgs } from '../args';
import { CliError, UsageError } from '../errors';
import { ExitCode } from '../exitCodes';
import { displayPath } from '../fileDiscovery';
import { loadGrammarFile } from '../grammarInput';
import { EXPORT_HELP } from '../help';
import type { CliIo } from '../io';
import { writeAll } from '../output';
import { loadSettings } from '../settings';

/** `sigfox-callbacks export --grammar FILE --target TARGET [--name NAME] [--output FILE] [--examples]`. */
export async function exportCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs('export', args, {
    grammar: { type: 'string', short: 'g' },
    target: { type: 'string', short: 't' },
    name: { type: 'string', short: 'n' },
    output: { type: 'string', short: 'o' },
    examples: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values['help']) {
    await writeAll(io.stdout, EXPORT_HELP);
    return ExitCode.Clean;
  }
  if (positionals.length) throw new UsageError(`unexpected argument ${positionals[0]}`, 'export');
  const grammarFile = values['grammar'];
  if (typeof grammarFile !== 'string') throw new UsageError('export needs a payload config: --grammar FILE.sfgrammar', 'export');
  if (values['target'] === undefined) throw new UsageError(`export needs --target, one of ${EXPORT_TARGETS.join(', ')}`, 'export');
  const target: ExportTarget = choice('export', 'target', values['target'], EXPORT_TARGETS, 'ts013');
  const output = values['output'] as string | undefined;
  if (values['examples'] && target !== 'ts013') throw new UsageError('--examples goes with --target ts013 (TS013 examples.json)', 'export');
  if (values['examples'] && output === undefined)
    throw new UsageError('--examples writes examples.json beside the codec: give the codec file with --output', 'export');

  const maxUplinkBytes = loadSettings(io.cwd).maxUplinkBytes;
  const input = loadGrammarFile(grammarFile, io.cwd, maxUplinkBytes);
  if (input.warningsText) await writeAll(io.stderr, input.warningsText);
  const name = (values['name'] as string | undefined) ?? basename(input.path, extname(input.path));
  const plan = planCodec(input.grammar, { maxUplinkBytes });
  const result = exportCodec(input.grammar, plan, target, { name, config: canonicalConfig(input.grammar.document) });
  if (!result.ok) throw new CliError(`cannot export ${input.display}: ${result.error}`);

  if (output === undefined) {
    await writeAll(io.stdout, result.code);
    return ExitCode.Clean;
  }
  const path = resolve(io.cwd, output);
  writeAtomically(path, result.code);
  const written = [displayPath(path, io.cwd)];
  if (values['examples']) {
    const examplesPath = join(dirname(path), 'examples.json');
    writeAtomically(examplesPath, result.examples);
    written.push(displayPath(examplesPath, io.cwd));
  }
  await writeAll(io.stderr, `wrote ${written.join(' and ')}\n`);
  return ExitCode.Clean;
}

/** Nothing half-written: the file appears whole or not at all. */
function writeAtomically(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temporary, text);
    renameSync(temporary, path);
  } catch (err) {
    throw new CliError(`cannot write ${path}: ${(err as Error).message}`);
  }
}
