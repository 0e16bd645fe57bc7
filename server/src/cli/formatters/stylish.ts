import { palette } from '../color';
import { codeOf, oneLine, safeFileName, severityName, span, type Formatter } from './types';
import { plural } from '../../core/util';

/**
 * The default human format (ESLint's "stylish"): each file with problems, one aligned line
 * per problem, then a summary. Coloured only when colour is enabled. Prints nothing when clean.
 */
export const stylish: Formatter = (files, { color }) => {
  const c = palette(color);
  let errors = 0,
    warnings = 0,
    others = 0;
  const blocks: string[] = [];
  for (const file of files) {
    if (file.diagnostics.length === 0) continue;
    const rows = file.diagnostics.map(d => {
      const s = span(d);
      const severity = severityName(d);
      if (severity === 'error') errors++;
      else if (severity === 'warning') warnings++;
      else others++;
      return { where: `${s.line}:${s.column}`, severity, message: oneLine(d.message), code: codeOf(d) };
    });
    // A loop, not Math.max(...rows): a spread of 100,000 rows overflows the stack.
    let whereWidth = 0,
      severityWidth = 0;
    for (const r of rows) {
      whereWidth = Math.max(whereWidth, r.where.length);
      severityWidth = Math.max(severityWidth, r.severity.length);
    }
    const lines = rows.map(r => {
      const sev = r.severity.padEnd(severityWidth);
      const paint = r.severity === 'error' ? c.red : r.severity === 'warning' ? c.yellow : c.blue;
      return `  ${c.dim(r.where.padEnd(whereWidth))}  ${paint(sev)}  ${r.message}  ${c.dim(r.code)}`.trimEnd();
    });
    blocks.push(`${c.underline(safeFileName(file.display))}\n${lines.join('\n')}\n`);
  }
  if (blocks.length === 0) return '';
  const total = errors + warnings + others;
  const parts = [`${plural(errors, 'error')}`, `${plural(warnings, 'warning')}`];
  if (others) parts.push(`${others} info`);
  const summary = `✖ ${plural(total, 'problem')} (${parts.join(', ')})`;
  return `\n${blocks.join('\n')}\n${(errors ? c.red : c.yellow)(c.bold(summary))}\n`;
};
