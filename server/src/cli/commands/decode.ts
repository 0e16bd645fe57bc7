import type { AnalyzedGrammar } from '../../core/grammar/analyze';
import { parseHex } from '../../core/hex';
import { choice, parseCommandArgs } from '../args';
import { CliError, UsageError } from '../errors';
import { ExitCode } from '../exitCodes';
import { compileNdjson, jsonArrayElement, jsonObject, table } from '../frameFormats';
import { loadGrammarFile } from '../grammarInput';
import { DECODE_HELP } from '../help';
import type { CliIo } from '../io';
import { forEachLine, MAX_LINE_BYTES } from '../lineReader';
import { BatchWriter, ByteBatch, escapeControls, writeAll } from '../output';
import { loadSettings } from '../settings';

const FORMATS = ['json', 'ndjson', 'table'] as const;
type DecodeFormat = (typeof FORMATS)[number];

const OPTIONS = {
  grammar: { type: 'string', short: 'g' },
  format: { type: 'string', short: 'f' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Bad stdin lines reported one by one; past this only counted. */
const MAX_REPORTED_LINES = 100;

/** `sigfox-callbacks decode --grammar FILE [HEX...]`: frames from the arguments, or one per stdin line. */
export async function decodeCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs('decode', args, OPTIONS);
  if (values['help']) {
    await writeAll(io.stdout, DECODE_HELP);
    return ExitCode.Clean;
  }
  const format = choice('decode', 'format', values['format'], FORMATS, 'json');
  const grammarFile = values['grammar'];
  if (typeof grammarFile !== 'string') throw new UsageError('decode needs a payload config: --grammar FILE.sfgrammar', 'decode');
  const maxBytes = loadSettings(io.cwd).maxUplinkBytes;
  const input = loadGrammarFile(grammarFile, io.cwd, maxBytes);
  if (input.warningsText) await writeAll(io.stderr, input.warningsText);
  return positionals.length
    ? decodeArguments(input.grammar, positionals, format, maxBytes, io)
    : decodeStdin(input.grammar, format, maxBytes, io);
}

async function decodeArguments(
  grammar: AnalyzedGrammar,
  hexArgs: readonly string[],
  format: DecodeFormat,
  maxBytes: number,
  io: CliIo,
): Promise<ExitCode> {
  const frames: Uint8Array[] = [];
  const bad: string[] = [];
  hexArgs.forEach((arg, i) => {
    const r = parseHex(arg);
    if (r.ok) frames.push(r.bytes);
    else bad.push(`frame ${hexArgs.length > 1 ? `${i + 1} ` : ''}${JSON.stringify(arg)}: ${r.message}`);
  });
  if (bad.length) throw new CliError(bad.join('\n'));
  let out: string;
  switch (format) {
    case 'json':
      out =
        frames.length === 1
          ? `${jsonObject(grammar, grammar.decoder.decode(frames[0]!))}\n`
          : `[\n${frames.map(b => jsonArrayElement(grammar, grammar.decoder.decode(b))).join(',\n')}\n]\n`;
      break;
    case 'ndjson': {
      const line = compileNdjson(grammar, maxBytes);
      const batch = new ByteBatch(io.stdout);
      for (const bytes of frames) line(bytes, batch);
      await batch.end();
      return ExitCode.Clean;
    }
    case 'table':
      out = frames.map(b => table(grammar, grammar.decoder.decode(b), b, frames.length > 1)).join('\n');
      break;
  }
  await writeAll(io.stdout, out);
  return ExitCode.Clean;
}

/**
 * Bulk mode: one frame per line, streamed with flat memory. Blank lines are skipped; a line
 * that is not hex is reported on stderr with its number and the others are still decoded,
 * then the exit code is 2.
 */
async function decodeStdin(grammar: AnalyzedGrammar, format: DecodeFormat, maxBytes: number, io: CliIo): Promise<ExitCode> {
  if (io.stdin.isTTY) {
    io.stderr.write(
      'Reading frames from standard input, one hex frame per line; end with Ctrl-D. (Or pass them as arguments: sigfox-callbacks decode --grammar FILE HEX...)\n',
    );
  }
  const out = new BatchWriter(io.stdout);
  const toBytes = new HexLineReader();
  const ndjson = format === 'ndjson' ? compileNdjson(grammar, maxBytes) : undefined;
  const ndjsonOut = ndjson && new ByteBatch(io.stdout);
  let frames = 0;
  let bad = 0;
  const reportBad = (line: number, message: string): void => {
    bad++;
    if (bad <= MAX_REPORTED_LINES) io.stderr.write(`stdin line ${line}: ${escapeControls(message)}\n`);
  };
  if (format === 'json') out.push('[');

  await forEachLine(io.stdin, (chunk, start, end, line, tooLong) => {
    if (tooLong) {
      reportBad(line, `longer than ${MAX_LINE_BYTES / 1024} KB: not a Sigfox frame (12 bytes = 24 hex digits); skipped`);
      return;
    }
    if (end === start) return;
    let bytes = toBytes.fast(chunk, start, end);
    if (bytes === undefined) {
      const text = chunk.toString('utf8', start, end);
      if (text.trim() === '') return;
      const r = parseHex(text);
      if (!r.ok) {
        reportBad(line, r.message);
        return;
      }
      bytes = r.bytes;
    }
    frames++;
    if (ndjsonOut) {
      ndjson!(bytes, ndjsonOut);
      return ndjsonOut.pending();
    }
    const frame = grammar.decoder.decode(bytes);
    if (format === 'json') return out.push(`${frames === 1 ? '\n' : ',\n'}${jsonArrayElement(grammar, frame)}`);
    return out.push(`${frames === 1 ? '' : '\n'}${table(grammar, frame, bytes, true)}`);
  });

  if (format === 'json') out.push(frames ? '\n]\n' : ']\n');
  await (ndjsonOut ? ndjsonOut.end() : out.end());
  if (bad === 0) return ExitCode.Clean;
  const shown = bad > MAX_REPORTED_LINES ? `the first ${MAX_REPORTED_LINES} are listed above` : 'listed above';
  io.stderr.write(
    `sigfox-callbacks: ${bad} line${bad === 1 ? ' was' : 's were'} not a hex frame (${shown}); the other ${frames} frame${frames === 1 ? ' was' : 's were'} decoded\n`,
  );
  return ExitCode.Usage;
}

/** A byte's value from its two hex digits, indexed by (first digit's code << 8) | second's; -1 if either is not a hex digit. */
function hexPairTable(): Int16Array {
  const pairs = new Int16Array(1 << 16).fill(-1);
  const digits = '0123456789abcdefABCDEF';
  for (const hi of digits) for (const lo of digits) pairs[(hi.charCodeAt(0) << 8) | lo.charCodeAt(0)] = parseInt(hi + lo, 16);
  return pairs;
}

/**
 * Bare hex lines straight from the input bytes into a reused buffer, without making a string;
 * anything else (spaces, a 0x prefix, a bad digit) is left to parseHex, which explains errors.
 */
class HexLineReader {
  private readonly views: Uint8Array[] = [];
  private readonly pairs = hexPairTable();

  constructor(maxReused = 64) {
    const scratch = new Uint8Array(maxReused);
    for (let n = 0; n <= maxReused; n++) this.views.push(scratch.subarray(0, n));
  }

  /** The frame, valid until the next call; undefined when the line is not bare even-length hex. */
  fast(chunk: Buffer, start: number, end: number): Uint8Array | undefined {
    const digits = end - start;
    if (digits & 1) return undefined;
    const n = digits >> 1;
    const out = n < this.views.length ? this.views[n]! : new Uint8Array(n);
    const pairs = this.pairs;
    for (let i = 0, j = start; i < n; i++, j += 2) {
      const byte = pairs[(chunk[j]! << 8) | chunk[j + 1]!]!;
      if (byte < 0) return undefined;
      out[i] = byte;
    }
    return out;
  }
}
