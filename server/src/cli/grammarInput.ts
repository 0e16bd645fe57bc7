import { resolve } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeGrammar, type AnalyzedGrammar } from '../core/grammar/analyze';
import { toDiagnostics } from '../core/problem';
import { CliError } from './errors';
import { displayPath } from './fileDiscovery';
import { gnu } from './formatters/gnu';
import { uriOfPath } from './fsHost';
import { readTextFile } from './textFile';
import { plural } from '../core/util';

export interface GrammarInput {
  readonly path: string;
  readonly display: string;
  readonly grammar: AnalyzedGrammar;
  /** The payload config's warnings, GNU style, for stderr ('' when none). */
  readonly warningsText: string;
}

/**
 * A payload config given on the command line (`--grammar FILE`), parsed and laid out. Errors in
 * it stop the command (exit 2) with each error listed, since a frame cannot be decoded
 * faithfully by a config Sigfox would reject; warnings are handed back for stderr.
 */
export function loadGrammarFile(file: string, cwd: string, maxBytes: number, uri?: string): GrammarInput {
  const path = resolve(cwd, file);
  const display = displayPath(path, cwd);
  const text = readTextFile(path, display);
  const grammar = analyzeGrammar(text, { maxBytes });
  const document = TextDocument.create(uri ?? uriOfPath(path), 'sfgrammar', 1, text);
  const diagnostics = toDiagnostics(document, grammar.problems);
  const errors = diagnostics.filter(d => d.severity === 1);
  if (errors.length) {
    const listed = gnu([{ path, display, diagnostics: errors }], { cwd, color: false, version: '', env: {} }).trimEnd();
    throw new CliError(
      `${display}: the payload config has ${plural(errors.length, 'error')}; fix ${errors.length === 1 ? 'it' : 'them'} first:\n${listed}`,
    );
  }
  const warnings = diagnostics.filter(d => d.severity !== 1);
  return {
    path,
    display,
    grammar,
    warningsText: gnu([{ path, display, diagnostics: warnings }], { cwd, color: false, version: '', env: {} }),
  };
}
