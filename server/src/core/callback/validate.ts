/**
 * Every check of a `*.sfcallback.json`, in offset-based Problems of that file. Pure: the text in,
 * referenced files through the resolver, no file system, no network.
 *
 * Problems of the referenced files themselves (a payload config or body template file) belong to
 * those files: the language server and `check` report them there, with the context this
 * definition gives them; `validateCallbackWithReferences` returns both, for `build`.
 */
import { validateGrammar } from '../grammar/validate';
import type { Problem } from '../problem';
import { validateTemplate } from '../template/validate';
import { adaptTemplateProblems, runChecks, templateContext } from './checks';
import { readCallbackDefinition, type CallbackDefinition } from './definition';
import { definitionGrammar, resolveReference, type CallbackFileResolver, type DefinitionGrammar } from './references';
import { Reporter } from './reporter';

export interface CallbackValidation {
  readonly definition: CallbackDefinition;
  readonly grammar: DefinitionGrammar;
  /** Problems of the definition file, in document order. */
  readonly problems: readonly Problem[];
}

export function validateCallback(text: string, resolver: CallbackFileResolver): Problem[] {
  return [...analyzeCallback(text, resolver).problems];
}

export function analyzeCallback(text: string, resolver: CallbackFileResolver): CallbackValidation {
  const definition = readCallbackDefinition(text);
  const reporter = new Reporter();
  // A loop, not push(...): a 130 KB definition can hold more syntax problems than the stack has room for arguments.
  for (const p of definition.document.syntaxProblems) reporter.problems.push(p);
  const root = definition.document.root;
  if (!definition.object) {
    if (root)
      reporter.at(
        'SFC002',
        root.offset,
        root.offset + root.length,
        'A callback definition is one JSON object: { "channel": "URL", "callbackType": 0, "callbackSubtype": 2, ... }.',
      );
    return { definition, grammar: { grammar: undefined, embedded: undefined, unreadable: false }, problems: sorted(reporter.problems) };
  }
  const grammar = definitionGrammar(definition, resolver);
  runChecks({ definition, grammar, resolver }, reporter);
  return { definition, grammar, problems: sorted(reporter.problems) };
}

/** A problem of the definition (`path` undefined) or of a file it names (`path` as written in it). */
export interface CallbackProblem extends Problem {
  readonly path?: string;
}

/**
 * The definition's problems plus those of the payload config file and body template file it
 * names, each checked in the context the definition gives it (association rule 1).
 */
export function validateCallbackWithReferences(text: string, resolver: CallbackFileResolver): CallbackProblem[] {
  const analysis = analyzeCallback(text, resolver);
  return [...analysis.problems, ...referencedFileProblems(analysis, resolver)];
}

/** Problems of the payload config file and body template file a definition names. */
export function referencedFileProblems(analysis: CallbackValidation, resolver: CallbackFileResolver): CallbackProblem[] {
  const { definition, grammar } = analysis;
  const out: CallbackProblem[] = [];
  if (!definition.object) return out;
  if (grammar.grammar && grammar.embedded?.source === 'file') {
    for (const p of validateGrammar(grammar.grammar)) out.push({ ...p, path: grammar.embedded.path! });
  }
  const body = resolveReference(definition, 'bodyTemplate', resolver).embedded;
  if (body?.source === 'file') {
    const context = templateContext(definition, grammar.grammar?.document, 'body');
    for (const p of adaptTemplateProblems(definition, grammar, body.text, validateTemplate(body.text, context)))
      out.push({ ...p, path: body.path! });
  }
  return out;
}

function sorted(problems: Problem[]): Problem[] {
  return problems.sort((a, b) => a.start - b.start || a.end - b.end);
}
