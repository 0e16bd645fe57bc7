/** Words about a Sigfox template variable, shared by completion and hover. */
import { findVariable, kindLabel, type CallbackKind, type RenderedType, type VariableInfo } from './variables';

/** How Sigfox writes a value of this type into the text. */
export function renderedTypeText(type: RenderedType): string {
  switch (type) {
    case 'string':
      return 'string (inserted without quotes)';
    case 'integer':
      return 'integer';
    case 'float':
      return 'float';
    case 'boolean':
      return 'boolean (true / false)';
    case 'json-object':
      return 'JSON object (inserted as JSON)';
    case 'json-array':
      return 'JSON array (inserted as JSON)';
  }
}

/** Values that JSON needs in quotes: Sigfox inserts strings bare. */
export function needsQuotesInJson(type: RenderedType | undefined): boolean {
  return type === 'string';
}

export function variableMarkdown(variable: VariableInfo, kind: CallbackKind, offeredByKind: boolean): string {
  const lines = [`**{${variable.name}}** — ${renderedTypeText(variable.type)}`, '', variable.description];
  if (variable.deprecated) {
    const replacement = variable.deprecated.replacement;
    lines.push('', `*Deprecated.* ${variable.deprecated.note}${replacement ? ` Use \`{${replacement}}\` instead.` : ''}`);
  }
  if (!offeredByKind) {
    const kinds = findVariable(variable.name)?.kinds.map(kindLabel).join(', ');
    lines.push('', `Not sent by ${kindLabel(kind)} callbacks${kinds ? `; available in ${kinds}` : ''}.`);
  }
  return lines.join('\n');
}
