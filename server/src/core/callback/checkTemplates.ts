/**
 * Every text Sigfox fills with variables (spec §2.3) is checked by the template validator against
 * the callback's type/subtype and payload config: the URL, header values, an inline body, the
 * batch line pattern, the email subject and message. Problems are mapped from the decoded string
 * back onto the file.
 */
import type { GrammarDocument } from '../grammar/ast';
import type { Problem } from '../problem';
import type { TemplateMedium } from '../template/json';
import { validateTemplate, type TemplateContext } from '../template/validate';
import type { CallbackDefinition } from './definition';
import { stringLiteralOf } from './document';
import type { JsonStringLiteral } from './jsonString';
import { headerProperties } from './checkHeaders';
import type { DefinitionGrammar } from './references';
import type { Reporter } from './reporter';

export interface EmbeddedTemplate {
  readonly key: string;
  readonly literal: JsonStringLiteral;
  readonly medium: TemplateMedium;
}

/** The template strings written in the definition itself (a body file is checked as its own document). */
export function embeddedTemplates(definition: CallbackDefinition): EmbeddedTemplate[] {
  const out: EmbeddedTemplate[] = [];
  const add = (key: string, literal: JsonStringLiteral | undefined, medium: TemplateMedium): void => {
    if (literal) out.push({ key, literal, medium });
  };
  add('url', definition.string('url'), 'url');
  for (const header of headerProperties(definition)) {
    add(`headers.${header.key}`, stringLiteralOf(definition.text, header.valueNode), 'header');
  }
  add('bodyTemplate', definition.string('bodyTemplate'), 'body');
  add('linePattern', definition.string('linePattern'), 'linePattern');
  add('subject', definition.string('subject'), 'email');
  add('message', definition.string('message'), 'email');
  return out;
}

/** The context the definition gives its templates: the one association rule 1 gives a body file. */
export function templateContext(
  definition: CallbackDefinition,
  grammar: GrammarDocument | undefined,
  medium: TemplateMedium,
): TemplateContext {
  const contentType = definition.connector ? 'application/json' : definition.contentType;
  return {
    ...(definition.type ? { type: definition.type } : {}),
    ...(definition.subtype ? { subtype: definition.subtype } : {}),
    ...(grammar ? { grammar } : {}),
    medium,
    ...(contentType !== undefined ? { contentType } : {}),
  };
}

export function checkTemplates(definition: CallbackDefinition, grammar: DefinitionGrammar, reporter: Reporter): void {
  for (const template of embeddedTemplates(definition)) {
    const context = templateContext(definition, grammar.grammar?.document, template.medium);
    const text = template.literal.value;
    const problems = adaptTemplateProblems(definition, grammar, text, validateTemplate(text, context));
    reporter.embedded(template.literal, problems);
  }
}

/**
 * Template problems in the words of a callback definition: "no payload config associated" means
 * "this callback has none" here, and nothing at all when its file is unreadable (SFC018 says so);
 * a non-JSON DATA_ADVANCED body is already reported on the content type (SFC021).
 */
export function adaptTemplateProblems(
  definition: CallbackDefinition,
  grammar: DefinitionGrammar,
  text: string,
  problems: readonly Problem[],
): Problem[] {
  const out: Problem[] = [];
  for (const p of problems) {
    if (p.code === 'SFT003') {
      if (grammar.unreadable) continue;
      out.push({
        ...p,
        message: `\`${text.slice(p.start, p.end)}\` reads a payload field, but this callback has no payload config: add \`payloadConfig\` or \`payloadConfigFile\` (fields such as \`temp::uint:8\`).`,
      });
      continue;
    }
    if (p.code === 'SFT012' && definition.contentType !== undefined && definition.contentType !== 'application/json') continue;
    out.push(p);
  }
  return out;
}
