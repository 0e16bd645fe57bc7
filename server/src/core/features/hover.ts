/**
 * Hover: on a payload field, its type, value range and where its bits sit; on a golden example,
 * the frame decoded; on a template variable, its documentation and rendered type; on
 * `{customData#name}`, the field's definition and layout.
 */
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI, Utils } from 'vscode-uri';
import type { AnalyzedGrammar } from '../grammar/analyze';
import type { GoldenExample } from '../grammar/ast';
import { renderFieldValue } from '../grammar/fieldValue';
import { parseHex } from '../hex';
import { placeholderAtOffset } from '../template/scan';
import { findVariable, kindLabel, resolveKind, variableIn } from '../template/variables';
import { kindOfUri } from '../workspace';
import type { FeatureContext } from './context';
import { fieldMarkdown, layoutText, markdownCode, markdownText } from '../grammar/fieldInfo';
import { fieldNamed, grammarTargetAt } from '../grammar/targets';
import { rangeOf } from './ranges';
import { variableMarkdown } from '../template/variableInfo';
import { plural } from '../util';

function hover(document: TextDocument, start: number, end: number, value: string): Hover {
  return { contents: { kind: MarkupKind.Markdown, value }, range: rangeOf(document, start, end) };
}

export function doHover(context: FeatureContext, document: TextDocument, position: Position): Hover | null {
  const offset = document.offsetAt(position);
  switch (kindOfUri(document.uri)) {
    case 'sfgrammar':
      return grammarHover(document, context.grammarOf(document), offset);
    case 'sftemplate':
      return templateHover(context, document, offset);
    default:
      return null;
  }
}

function grammarHover(document: TextDocument, grammar: AnalyzedGrammar, offset: number): Hover | null {
  const target = grammarTargetAt(grammar, offset);
  switch (target.kind) {
    case 'field':
      return hover(
        document,
        target.field.token.start,
        target.field.token.end,
        fieldMarkdown(target.field, grammar.layout.fields[target.fieldIndex]),
      );
    case 'exampleName': {
      const named = fieldNamed(grammar, target.name.text);
      return named
        ? hover(document, target.name.start, target.name.end, fieldMarkdown(named.field, grammar.layout.fields[named.fieldIndex]))
        : null;
    }
    case 'example':
      return hover(document, target.example.token.start, target.example.token.end, exampleMarkdown(grammar, target.example));
    default:
      return null;
  }
}

/** The example's frame decoded, as a table: what each field reads and where. */
function exampleMarkdown(grammar: AnalyzedGrammar, example: GoldenExample): string {
  const hex = parseHex(example.hex.text);
  if (!hex.ok) return `Frame \`${example.hex.text}\`: ${hex.message}`;
  const frame = grammar.decoder.decode(hex.bytes);
  const rows = ['| field | value | bits |', '|---|---|---|'];
  grammar.document.fields.forEach((field, k) => {
    const value = frame.values[k];
    const layout = grammar.layout.fields[k];
    const shown = value === undefined ? '(has errors)' : renderFieldValue(field, value);
    rows.push(`| ${markdownText(field.name.text)} | ${markdownCode(shown).replace(/\|/g, '\\|')} | ${layout ? layoutText(layout) : ''} |`);
  });
  const warnings = frame.warnings.map(w => `- ${w.message}`);
  return [
    `Frame \`${example.hex.text}\` (${plural(hex.bytes.length, 'byte')}) decodes to:`,
    '',
    ...rows,
    ...(warnings.length ? ['', ...warnings] : []),
  ].join('\n');
}

function templateHover(context: FeatureContext, document: TextDocument, offset: number): Hover | null {
  const placeholder = placeholderAtOffset(document.getText(), offset);
  if (!placeholder) return null;
  const { association, grammar } = context.templateGrammar(document.uri);
  const kind = resolveKind(association.type, association.subtype);
  if (placeholder.kind === 'variable') {
    const offered = variableIn(kind, placeholder.name);
    const variable = offered ?? findVariable(placeholder.name)?.variable;
    if (!variable) return null;
    return hover(document, placeholder.start, placeholder.end, variableMarkdown(variable, kind, offered !== undefined));
  }
  if (!grammar) {
    return hover(
      document,
      placeholder.start,
      placeholder.end,
      `**{customData#${placeholder.name}}** — payload field \`${placeholder.name}\`\n\nNo payload config is associated with this template (${kindLabel(kind)}).`,
    );
  }
  const named = fieldNamed(grammar, placeholder.name);
  if (!named) return null;
  const from =
    association.grammarUri !== undefined
      ? `From \`${Utils.basename(URI.parse(association.grammarUri))}\`.`
      : association.definitionUri !== undefined
        ? `From the inline payloadConfig of \`${Utils.basename(URI.parse(association.definitionUri))}\`.`
        : '';
  return hover(
    document,
    placeholder.start,
    placeholder.end,
    `${fieldMarkdown(named.field, grammar.layout.fields[named.fieldIndex])}\n\n${from}`,
  );
}
