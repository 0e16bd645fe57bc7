/**
 * Quick fixes from the `data` our diagnostics carry (did-you-mean replacements, quote/unquote a
 * placeholder, D4 explicit index + bit offset, deprecated variable replacement, canonical
 * one-liner...). The data is read from the problems of the document as it is now, matched to the
 * diagnostic by code and range, so a fix never applies offsets computed for an older text.
 */
import {
  CodeActionKind,
  type CodeAction,
  type CodeActionContext,
  type Diagnostic,
  type Range,
  type TextEdit,
} from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { SOURCE, type Problem, type ProblemData } from '../problem';
import type { FeatureContext } from './context';
import { rangeOf } from './ranges';
import type { ProblemCache } from './validation';

export function getCodeActions(
  context: FeatureContext,
  problems: ProblemCache,
  document: TextDocument,
  _range: Range,
  actionContext: CodeActionContext,
): CodeAction[] {
  if (actionContext.only && !actionContext.only.some(kind => CodeActionKind.QuickFix.startsWith(kind))) return [];
  const current = problems.problemsOf(context, document);
  const actions: CodeAction[] = [];
  for (const diagnostic of actionContext.diagnostics) {
    if (diagnostic.source !== SOURCE || typeof diagnostic.code !== 'string') continue;
    const problem = matchingProblem(document, current, diagnostic);
    if (problem?.data) for (const fix of fixesFor(document, problem, problem.data, diagnostic)) actions.push(fix);
  }
  return actions;
}

function matchingProblem(document: TextDocument, problems: readonly Problem[], diagnostic: Diagnostic): Problem | undefined {
  const start = document.offsetAt(diagnostic.range.start),
    end = document.offsetAt(diagnostic.range.end);
  return problems.find(p => p.code === diagnostic.code && p.start === start && p.end === end);
}

function fixesFor(document: TextDocument, problem: Problem, data: ProblemData, diagnostic: Diagnostic): CodeAction[] {
  const action = (title: string, edit: TextEdit | TextEdit[], isPreferred: boolean): CodeAction => ({
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred,
    edit: { changes: { [document.uri]: Array.isArray(edit) ? edit : [edit] } },
  });
  if (data.fixes) {
    return data.fixes.map(fix =>
      action(
        fix.title,
        fix.edits.map(e => ({ range: rangeOf(document, e.start, e.end), newText: e.newText })),
        fix.preferred,
      ),
    );
  }
  if (data.edit) {
    const { start, end, newText } = data.edit;
    return [action(data.fixTitle ?? `Change to \`${newText}\``, { range: rangeOf(document, start, end), newText }, true)];
  }
  const replacements = data.replacements ?? [];
  const range = rangeOf(document, problem.start, problem.end);
  return replacements.map((replacement, k) =>
    action(
      // The problem's own title describes its first candidate; the others say what they write.
      k === 0 && data.fixTitle ? data.fixTitle : `Change to \`${replacement}\``,
      { range, newText: replacement },
      // Preferred (applied by "auto fix") only when the fix is unambiguous.
      replacements.length === 1,
    ),
  );
}
