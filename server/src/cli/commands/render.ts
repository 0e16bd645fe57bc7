import { resolve } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Association } from '../../core/associations';
import { codeInfo, isDiagnosticCode } from '../../core/diagnosticCodes';
import { analyzeGrammar } from '../../core/grammar/analyze';
import { parseHex } from '../../core/hex';
import { createLanguageService } from '../../core/languageService';
import { problem, toDiagnostics, type Problem } from '../../core/problem';
import { parseCommandArgs } from '../args';
import { CliError, UsageError } from '../errors';
import { ExitCode } from '../exitCodes';
import { displayPath, findProjectRoot } from '../fileDiscovery';
import { gnu } from '../formatters/gnu';
import { FsWorkspaceHost, pathOfUri, uriOfPath } from '../fsHost';
import { loadGrammarFile, type GrammarInput } from '../grammarInput';
import { RENDER_HELP } from '../help';
import type { CliIo } from '../io';
import { escapeControls, writeAll } from '../output';
import { readTextFile } from '../textFile';
import { plural } from '../../core/util';

const OPTIONS = {
  template: { type: 'string', short: 't' },
  grammar: { type: 'string', short: 'g' },
  var: { type: 'string', multiple: true },
  'content-type': { type: 'string' },
  strict: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const VARIABLE_NAME = /^[A-Z][\w-]*$/i;

/**
 * `sigfox-callbacks render --template FILE [--grammar FILE] [--var name=value...] HEX`: the
 * body exactly as Sigfox would send it on stdout, problems on stderr. Rendering is the
 * language service's (the editor's preview renders the same bytes); without --grammar the
 * template's association applies (the callback definition naming it, its sibling grammar, the
 * `sigfox.associations` setting).
 */
export async function renderCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs('render', args, OPTIONS);
  if (values['help']) {
    await writeAll(io.stdout, RENDER_HELP);
    return ExitCode.Clean;
  }
  const templateFile = values['template'];
  if (typeof templateFile !== 'string') throw new UsageError('render needs a template: --template FILE.sftemplate', 'render');
  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length === 0
        ? 'render needs the frame to render, in hex (e.g. C01234)'
        : `render takes one frame, got ${positionals.length}: ${positionals.join(' ')}`,
      'render',
    );
  }
  const hexArg = positionals[0]!;
  const hex = parseHex(hexArg);
  if (!hex.ok) throw new CliError(`frame ${JSON.stringify(hexArg)}: ${hex.message}`);
  const variables = parseVariables(values['var'] as string[] | undefined);

  const templatePath = resolve(io.cwd, templateFile);
  // The template's project (its settings, the definitions naming it), wherever render runs from.
  const host = new FsWorkspaceHost(io.cwd, undefined, findProjectRoot([templatePath], io.cwd), false, [templatePath]);
  const { maxUplinkBytes } = host.settings();
  const templateDisplay = displayPath(templatePath, io.cwd);
  const templateText = readTextFile(templatePath, templateDisplay);
  const templateUri = uriOfPath(templatePath);
  const service = createLanguageService(host);

  // The payload config is checked first: a config with errors would decode some fields wrongly or not at all.
  const grammarFile = values['grammar'];
  const grammar =
    typeof grammarFile === 'string'
      ? loadGrammarFile(grammarFile, io.cwd, maxUplinkBytes)
      : associatedGrammar(service.associationOf(templateUri), templateDisplay, io.cwd, maxUplinkBytes);
  let stderr = grammar?.warningsText ?? '';
  if (grammar) {
    for (const w of grammar.grammar.decoder.decode(hex.bytes).warnings) stderr += `${grammar.display}: warning: ${w.message} [${w.code}]\n`;
  }

  const contentType = values['content-type'] as string | undefined;
  const result = service.render({
    template: { uri: templateUri },
    ...(typeof grammarFile === 'string' ? { grammar: { uri: uriOfPath(resolve(io.cwd, grammarFile)) } } : {}),
    hex: hexArg,
    variables,
    ...(contentType !== undefined ? { contentType } : {}),
  });
  if (result.error !== undefined) throw new CliError(`${templateDisplay}: ${result.error}`);
  const representative = result.variables.filter(v => v.origin === 'representative');
  if (representative.length && values['strict'] === true) {
    const names = representative.map(v => v.name);
    throw new CliError(
      `${templateDisplay}: --strict: no value given for ${names.map(n => `{${n}}`).join(', ')}; give ${names.map(n => `--var ${n}=...`).join(' ')}`,
    );
  }

  const problems: Problem[] = result.problems.flatMap(p => (isDiagnosticCode(p.code) ? [problem(p.code, p.offset, p.end, p.message)] : []));
  const diagnostics = toDiagnostics(TextDocument.create(templateUri, 'sftemplate', 1, templateText), problems);
  stderr += gnu([{ path: templatePath, display: templateDisplay, diagnostics }], { cwd: io.cwd, color: false, version: '', env: io.env });
  if (representative.length) {
    stderr += `${templateDisplay}: note: representative values for ${representative.map(v => `{${v.name}}=${v.value}`).join(', ')}; give --var name=value for real ones (--strict refuses to render without them)\n`;
  }
  if (!grammar && result.usedCustomData.length) {
    stderr += `${templateDisplay}: note: no payload config is associated with this template, so {customData#...} stay as written: pass --grammar FILE.sfgrammar, or put ${templateDisplay.replace(/\.sftemplate$/, '.sfgrammar')} beside it\n`;
  }

  // On a terminal, end with a newline so the prompt does not stick to the body; piped, the bytes are exact.
  const trailing = io.stdout.isTTY && !result.text.endsWith('\n') ? '\n' : '';
  // On a terminal, control characters from the template or --var are escaped; piped, the bytes are exact.
  await writeAll(io.stdout, io.stdout.isTTY ? escapeControls(result.text) + trailing : result.text);
  await writeAll(io.stderr, stderr);
  return problems.some(p => codeInfo(p.code).severity === 'error') ? ExitCode.Problems : ExitCode.Clean;
}

/** `--var name=value` (repeatable) as the text Sigfox inserts for `{name}`. */
function parseVariables(specs: readonly string[] | undefined): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const spec of specs ?? []) {
    const eq = spec.indexOf('=');
    const name = eq === -1 ? spec : spec.slice(0, eq);
    if (eq === -1 || !VARIABLE_NAME.test(name)) {
      throw new UsageError(`--var takes name=value, e.g. --var device=1A2B3C; got ${JSON.stringify(spec)}`, 'render');
    }
    if (name === 'data')
      throw new UsageError('--var data=... : {data} is always the frame, as on the Sigfox backend; give the frame as HEX', 'render');
    variables[name] = spec.slice(eq + 1);
  }
  return variables;
}

/** The payload config the template is associated with, checked like --grammar; undefined when none. */
function associatedGrammar(association: Association, templateDisplay: string, cwd: string, maxBytes: number): GrammarInput | undefined {
  if (association.grammarUri !== undefined) {
    const via =
      association.source === 'callbackDefinition' && association.definitionUri
        ? `the callback definition ${displayPath(pathOfUri(association.definitionUri), cwd)}`
        : association.source === 'setting'
          ? 'the sigfox.associations setting'
          : 'its file name';
    try {
      return loadGrammarFile(pathOfUri(association.grammarUri), cwd, maxBytes, association.grammarUri);
    } catch (err) {
      if (err instanceof CliError)
        throw new CliError(`${err.message}\n(${templateDisplay} uses this payload config through ${via}; --grammar FILE uses another)`);
      throw err;
    }
  }
  if (association.inlineGrammarText !== undefined && association.definitionUri !== undefined) {
    const definition = displayPath(pathOfUri(association.definitionUri), cwd);
    const display = `${definition} (payloadConfig)`;
    const grammar = analyzeGrammar(association.inlineGrammarText, { inline: true, maxBytes });
    const errors = grammar.problems.filter(p => codeInfo(p.code).severity === 'error');
    if (errors.length) {
      throw new CliError(
        `${display}: the payload config has ${plural(errors.length, 'error')}, the first: ${errors[0]!.message} (\`sigfox-callbacks check ${definition}\` lists them)`,
      );
    }
    return { path: definition, display, grammar, warningsText: '' };
  }
  return undefined;
}
