/**
 * Every `${env:NAME}` written in any string value of the file must be well-formed: a near miss
 * (`${ENV:X}`, `${env:my key}`, no closing brace) would be sent to Sigfox as literal text.
 */
import type { CallbackDefinition } from './definition';
import { stringLiteralOf, type JsonNode } from './document';
import { scanEnvReferences } from './envReference';
import type { Reporter } from './reporter';

export function checkEnvReferences(definition: CallbackDefinition, reporter: Reporter): void {
  const visit = (node: JsonNode | undefined): void => {
    if (!node) return;
    if (node.type === 'string') {
      const literal = stringLiteralOf(definition.text, node)!;
      for (const bad of scanEnvReferences(literal.value).malformed) {
        const written = literal.value.slice(bad.start, bad.end);
        reporter.inString(
          'SFC029',
          literal,
          bad.start,
          bad.end,
          `\`${written}\` is not a valid environment reference: ${bad.reason}. Write \`\${env:NAME}\`${bad.intended ? `, here ${bad.intended}` : ''}.`,
          bad.intended ? { replacements: [bad.intended], fixTitle: `Change to ${bad.intended}` } : undefined,
        );
      }
      return;
    }
    if (node.type === 'property') {
      visit(node.children?.[1]);
      return;
    }
    for (const child of node.children ?? []) visit(child);
  };
  visit(definition.document.root);
}
