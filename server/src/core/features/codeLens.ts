/** A code lens on each golden example of a payload config: ✓ when it decodes as stated, ✗ and what differs when not. */
import type { CodeLens } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { checkExamples, type ExampleResult } from '../grammar/examples';
import { parseHex, toHex } from '../hex';
import { kindOfUri } from '../workspace';
import type { FeatureContext } from './context';
import { rangeOf } from './ranges';
import { plural } from '../util';

/** The verdict lens only shows text: an empty command id makes it not clickable. */
const NO_COMMAND = '';

/** The client command that copies a frame (its only argument, upper-case hex) to the clipboard. */
export const COPY_FRAME_COMMAND = 'sigfox.copyFrame';

/** On each golden example: its verdict, and a lens that copies the example's frame (for a device or `send --hex`). */
export function getCodeLenses(context: FeatureContext, document: TextDocument): CodeLens[] {
  if (kindOfUri(document.uri) !== 'sfgrammar') return [];
  return checkExamples(context.grammarOf(document)).flatMap(result => {
    const range = rangeOf(document, result.example.token.start, result.example.token.end);
    const lenses: CodeLens[] = [{ range, command: { title: lensTitle(result), command: NO_COMMAND } }];
    const hex = parseHex(result.example.hex.text);
    if (hex.ok && hex.bytes.length > 0)
      lenses.push({ range, command: { title: 'Copy frame', command: COPY_FRAME_COMMAND, arguments: [toHex(hex.bytes)] } });
    return lenses;
  });
}

export function lensTitle(result: ExampleResult): string {
  if (result.passed) {
    const checked = result.example.expectations.length;
    return checked === 0 ? '✓ decodes (no values stated)' : `✓ pass (${plural(checked, 'value')})`;
  }
  if (result.mismatches.length === 0) {
    const hex = parseHex(result.example.hex.text);
    return `✗ fail: ${hex.ok ? 'the frame cannot be checked' : hex.message}`;
  }
  return `✗ fail: ${result.mismatches.map(m => `${m.name} = ${m.actual}, expected ${m.expected}`).join('; ')}`;
}
