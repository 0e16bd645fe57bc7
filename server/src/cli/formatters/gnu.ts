import { codeOf, oneLine, safeFileName, severityName, span, type Formatter } from './types';

/** GNU style, one line per problem: `path:line:col: severity: message [CODE]` (1-based). */
export const gnu: Formatter = files => {
  let out = '';
  for (const file of files) {
    for (const d of file.diagnostics) {
      const s = span(d);
      const severity = severityName(d);
      const code = codeOf(d);
      out += `${safeFileName(file.display)}:${s.line}:${s.column}: ${severity === 'info' || severity === 'hint' ? 'note' : severity}: ${oneLine(d.message)}${code ? ` [${code}]` : ''}\n`;
    }
  }
  return out;
};
