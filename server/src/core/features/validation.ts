/**
 * Diagnostics of any of our files, one validator per kind of file: payload configs
 * (core/grammar), body templates checked in the context of their association (core/template),
 * callback definitions (core/callback, the files they name read through the host).
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { definitionFileResolver } from '../projectPaths';
import { validateCallback } from '../callback/validate';
import { validateGrammar } from '../grammar/validate';
import { codeInfo } from '../diagnosticCodes';
import { problem, toDiagnostics, type Problem } from '../problem';
import { templateContextOf, validateTemplate } from '../template/validate';
import { kindOfUri, type DocumentKind } from '../workspace';
import type { FeatureContext } from './context';

/**
 * A check prepared for one document: what its result depends on besides the text (compared by
 * identity to reuse a cached result), and the check itself.
 */
interface PreparedCheck {
  /** Undefined: the check reads files as it goes, so its result is never reused. */
  readonly inputs: readonly unknown[] | undefined;
  readonly run: () => Problem[];
}

type Validator = (context: FeatureContext, document: TextDocument) => PreparedCheck;

const validateGrammarDocument: Validator = (context, document) => ({
  inputs: [context.host.settings(document.uri).maxUplinkBytes],
  run: () => validateGrammar(context.grammarOf(document)),
});

const validateTemplateDocument: Validator = (context, document) => {
  const { association, grammar } = context.templateGrammar(document.uri);
  return {
    inputs: [grammar, association.type, association.subtype, association.contentType],
    run: () =>
      validateTemplate(
        document.getText(),
        templateContextOf(association.type, association.subtype, grammar?.document, 'body', association.contentType),
        context.templateScanOf(document),
      ),
  };
};

/**
 * Definitions are small; they read the files they name, so they are checked afresh each time,
 * but the payload config they name is analyzed once per text for all of them.
 */
const validateCallbackDefinitionDocument: Validator = (context, document) => ({
  inputs: undefined,
  run: () => {
    return validateCallback(document.getText(), {
      ...definitionFileResolver(context.host, document.uri),
      analyzeGrammar: (text, inline) => context.grammarOfText(text, inline),
    });
  },
});

const VALIDATORS: Record<DocumentKind, Validator> = {
  sfgrammar: validateGrammarDocument,
  sftemplate: validateTemplateDocument,
  sfcallback: validateCallbackDefinitionDocument,
};

interface CachedProblems {
  readonly text: string;
  readonly inputs: readonly unknown[] | undefined;
  readonly problems: readonly Problem[];
}

/** Problems per uri, reused while the text and the inputs it was checked against are the same. */
export class ProblemCache {
  private readonly entries = new Map<string, CachedProblems>();

  problemsOf(context: FeatureContext, document: TextDocument): readonly Problem[] {
    const kind = kindOfUri(document.uri);
    if (!kind) return [];
    const check = VALIDATORS[kind](context, document);
    const text = document.getText();
    const cached = this.entries.get(document.uri);
    if (cached && check.inputs && cached.text === text && sameInputs(cached.inputs, check.inputs)) return cached.problems;
    const problems = check.run();
    this.entries.set(document.uri, { text, inputs: check.inputs, problems });
    return problems;
  }

  clear(): void {
    this.entries.clear();
  }
}

function sameInputs(a: readonly unknown[] | undefined, b: readonly unknown[]): boolean {
  return a !== undefined && a.length === b.length && a.every((x, k) => x === b[k]);
}

/**
 * Most problems reported for one file, in the editor and the CLI alike: a generated or hostile
 * file can have hundreds of thousands, and their positions, messages and transport would cost
 * hundreds of MB. The rest are counted in one summary problem at the top of the file.
 */
export const MAX_PROBLEMS_PER_FILE = 1000;

const TOO_MANY_PROBLEMS = { sfgrammar: 'SFG900', sftemplate: 'SFT900', sfcallback: 'SFC900' } as const;
const SEVERITY_RANK = { error: 0, warning: 1, info: 2, hint: 3 } as const;

/** The problems to show: all of them, or the first MAX_PROBLEMS_PER_FILE (errors first) and a summary. */
export function capProblems(problems: readonly Problem[], kind: DocumentKind): readonly Problem[] {
  if (problems.length <= MAX_PROBLEMS_PER_FILE) return problems;
  const rank = (p: Problem): number => SEVERITY_RANK[codeInfo(p.code).severity];
  const kept = [...problems]
    .sort((a, b) => rank(a) - rank(b) || a.start - b.start)
    .slice(0, MAX_PROBLEMS_PER_FILE)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const hidden = problems.length - MAX_PROBLEMS_PER_FILE;
  const summary = problem(
    TOO_MANY_PROBLEMS[kind],
    0,
    0,
    `This file has ${problems.length} problems; only the first ${MAX_PROBLEMS_PER_FILE} are shown (errors first) and ${hidden} more are not. Fix these and check again.`,
  );
  return [summary, ...kept];
}

export function validateDocument(context: FeatureContext, cache: ProblemCache, document: TextDocument): Diagnostic[] {
  const kind = kindOfUri(document.uri);
  return kind
    ? toDiagnostics(document, capProblems(cache.problemsOf(context, document), kind), context.host.settings(document.uri).rules)
    : [];
}

/** The contract of the CLI and the glue: diagnostics of a file, read through the host; [] when it does not exist. */
export function validateUri(context: FeatureContext, cache: ProblemCache, uri: string): Diagnostic[] {
  const document = context.documentAt(uri);
  return document ? validateDocument(context, cache, document) : [];
}
