/** A code lens on each golden example of a payload config: ✓ when it decodes as stated, ✗ and what differs when not. */
import type { CodeLens } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { checkExamples, type ExampleResult } from '../grammar/examples';
import { parseHex } from '../hex';
import { kindOfUri } from '../workspace';
import type { FeatureContext } from './context';
import { rangeOf } from './ranges';
import { plural } from '../util';

/** Lenses only show text: an empty command id makes them not clickable. */
const NO_COMMAND = '';

export function getCodeLenses(context: FeatureContext, document: TextDocument): CodeLens[] {
  if (kindOfUri(document.uri) !== 'sfgrammar') return [];
  return checkExamples(context.grammarOf(document)).map(result => ({
    range: rangeOf(document, result.example.token.start, result.example.token.end),
    command: { title: lensTitle(result), command: NO_COMMAND },
  }));
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
