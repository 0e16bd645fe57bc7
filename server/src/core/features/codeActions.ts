/**
 * Quick fixes from the `data` our diagnostics carry (did-you-mean replacements, quote/unquote a
 * placeholder, D4 explicit index + bit offset, deprecated variable replacement, canonical
 * one-liner...). The data is read from the problems of the document as it is now, matched to the
 * diagnostic by code and range, so a fix never applies offsets computed for an older text.
 * "Fix all" (`source.fixAll.sigfox`, `check --fix`) applies only the preferred fixes.
 */
import {
  CodeActionKind,
  type CodeAction,
  type CodeActionContext,
  type Diagnostic,
  type Range,
  type TextEdit,
} from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SOURCE, type Problem, type ProblemData } from '../problem';
import type { FeatureContext } from './context';
import { rangeOf } from './ranges';
import type { ProblemCache } from './validation';

/** The kind of the "fix all" source action (VS Code runs it for `editor.codeActionsOnSave`: `source.fixAll`). */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.sigfox`;

/** Rounds of "fix all": a fix may reveal another (the next field's index); more rounds than this means fixes that undo each other. */
const MAX_FIX_ROUNDS = 10;

export function getCodeActions(
  context: FeatureContext,
  problems: ProblemCache,
  document: TextDocument,
  _range: Range,
  actionContext: CodeActionContext,
): CodeAction[] {
  // Only on request (the Source Action menu, on save): fixing the whole file is not a lightbulb item.
  if (actionContext.only?.some(kind => FIX_ALL_KIND.startsWith(kind))) {
    const fixed = fixAllText(context, problems, document);
    if (fixed === undefined) return [];
    const edit: TextEdit = { range: rangeOf(document, 0, document.getText().length), newText: fixed };
    return [{ title: 'Fix all auto-fixable Sigfox problems', kind: FIX_ALL_KIND, edit: { changes: { [document.uri]: [edit] } } }];
  }
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

/**
 * The document's text with every preferred fix applied, repeated while a round still changes
 * something (a fix can reveal the next one); undefined when there is nothing to fix. Problems
 * that `sigfox.rules` turns off are not fixed. Fixes whose ranges overlap wait for the next round.
 */
export function fixAllText(context: FeatureContext, cache: ProblemCache, document: TextDocument): string | undefined {
  const rules = context.host.settings(document.uri).rules ?? {};
  let current = document;
  for (let round = 0; round < MAX_FIX_ROUNDS; round++) {
    const edits = cache
      .problemsOf(context, current)
      .filter(p => rules[p.code] !== 'off')
      .flatMap(p => preferredFix(p) ?? [])
      .sort((a, b) => a.start - b.start || a.end - b.end);
    let text = current.getText(),
      cursor = text.length;
    let applied = 0;
    // Right to left, so earlier offsets stay valid; an edit overlapping the one after it is skipped this round.
    for (let k = edits.length - 1; k >= 0; k--) {
      const e = edits[k]!;
      if (e.end > cursor) continue;
      text = text.slice(0, e.start) + e.newText + text.slice(e.end);
      cursor = e.start;
      applied++;
    }
    if (applied === 0 || text === current.getText()) break;
    current = TextDocument.create(current.uri, current.languageId, current.version + 1, text);
  }
  return current === document ? undefined : current.getText();
}

/** The fix "auto fix" may apply without asking: the problem's own edit, or its only replacement. */
function preferredFix(problem: Problem): { start: number; end: number; newText: string } | undefined {
  const data = problem.data;
  if (!data) return undefined;
  if (data.edit) return data.edit;
  if (data.replacements?.length === 1) return { start: problem.start, end: problem.end, newText: data.replacements[0]! };
  return undefined;
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
