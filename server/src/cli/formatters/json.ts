import { codeOf, severityName, span, type Formatter } from './types';

/**
 * `[{ "path", "diagnostics": [{ line, column, endLine, endColumn, severity, code, message }] }]`:
 * every checked file, clean ones with an empty list; positions 1-based, end exclusive.
 */
export const json: Formatter = files => {
  const report = files.map(file => ({
    path: file.display,
    diagnostics: file.diagnostics.map(d => ({ ...span(d), severity: severityName(d), code: codeOf(d), message: d.message })),
  }));
  return `${JSON.stringify(report, null, 2)}\n`;
};
