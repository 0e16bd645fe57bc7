import { isAbsolute, relative, sep } from 'node:path';
import { escapeControls } from '../output';
import { codeOf, severityName, span, type Formatter } from './types';

/**
 * GitHub Actions workflow commands, shown as annotations on the pull request:
 * `::error file=...,line=...,col=...,endLine=...,endColumn=...,title=CODE::message`. Paths are
 * relative to `GITHUB_WORKSPACE` (the checkout) when set, else to the working directory.
 */
export const github: Formatter = (files, { cwd, env }) => {
  const root = env['GITHUB_WORKSPACE'] || cwd;
  let out = '';
  for (const file of files) {
    const rel = relative(root, file.path);
    const path = (isAbsolute(rel) ? file.path : rel).split(sep).join('/');
    for (const d of file.diagnostics) {
      const s = span(d);
      const severity = severityName(d);
      const command = severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'notice';
      const props = [
        `file=${escapeProperty(path)}`,
        `line=${s.line}`,
        `col=${s.column}`,
        `endLine=${s.endLine}`,
        `endColumn=${s.endColumn}`,
      ];
      const code = codeOf(d);
      if (code) props.push(`title=${escapeProperty(code)}`);
      out += `::${command} ${props.join(',')}::${escapeData(d.message)}\n`;
    }
  }
  return out;
};

/** Escaping of a workflow command's message (actions/toolkit `escapeData`). */
export function escapeData(s: string): string {
  return escapeControls(s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

/** Escaping of a workflow command's property value (actions/toolkit `escapeProperty`). */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
