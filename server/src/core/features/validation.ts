/**
 * Diagnostics of any of our files, one validator per kind of file: payload configs
 * (core/grammar), body templates checked in the context of their association (core/template),
 * callback definitions (core/callback, the files they name read through the host).
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { dirnameOf, resolveRelative } from '../associations';
import { validateCallback } from '../callback/validate';
import { validateGrammar } from '../grammar/validate';
import { toDiagnostics, type Problem } from '../problem';
import { validateTemplate } from '../template/validate';
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
        {
          type: association.type,
          ...(association.subtype !== undefined ? { subtype: association.subtype } : {}),
          ...(grammar !== undefined ? { grammar: grammar.document } : {}),
          ...(association.contentType !== undefined ? { contentType: association.contentType } : {}),
          medium: 'body',
        },
        context.templateScanOf(document),
      ),
  };
};

/** Definitions are small; they read the files they name, so they are checked afresh each time. */
const validateCallbackDefinitionDocument: Validator = (context, document) => ({
  inputs: undefined,
  run: () => {
    const folder = dirnameOf(document.uri);
    return validateCallback(document.getText(), { readRelative: path => context.host.readText(resolveRelative(folder, path)) });
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
}

function sameInputs(a: readonly unknown[] | undefined, b: readonly unknown[]): boolean {
  return a !== undefined && a.length === b.length && a.every((x, k) => x === b[k]);
}

export function validateDocument(context: FeatureContext, cache: ProblemCache, document: TextDocument): Diagnostic[] {
  return toDiagnostics(document, cache.problemsOf(context, document), context.host.settings(document.uri).rules);
}

/** The contract of the CLI and the glue: diagnostics of a file, read through the host; [] when it does not exist. */
export function validateUri(context: FeatureContext, cache: ProblemCache, uri: string): Diagnostic[] {
  const document = context.documentAt(uri);
  return document ? validateDocument(context, cache, document) : [];
}
