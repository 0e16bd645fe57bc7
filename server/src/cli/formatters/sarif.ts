import { isAbsolute, relative, sep } from 'node:path';
import { URI } from 'vscode-uri';
import { DIAGNOSTIC_CODES, isDiagnosticCode, type CodeInfo } from '../../core/diagnosticCodes';
import { codeOf, severityName, span, type Formatter, type SeverityName } from './types';

const SRCROOT = '%SRCROOT%';

type SarifLevel = 'error' | 'warning' | 'note';

function level(severity: SeverityName | CodeInfo['severity']): SarifLevel {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

/**
 * SARIF 2.1.0 (code scanning): one run, every diagnostic code of the product as a rule
 * (id, name, short description, help text with an example, default level), results located
 * relative to the working directory (`%SRCROOT%`). No helpUri or informationUri: there is no
 * published page to point at, and both are optional in SARIF 2.1.0.
 */
export const sarif: Formatter = (files, { cwd, version }) => {
  const codes = Object.keys(DIAGNOSTIC_CODES) as (keyof typeof DIAGNOSTIC_CODES)[];
  const ruleIndex = new Map<string, number>(codes.map((code, i) => [code, i]));
  const rules = codes.map(code => {
    const info: CodeInfo = DIAGNOSTIC_CODES[code];
    return {
      id: code,
      name: info.name,
      shortDescription: { text: info.summary },
      help: { text: `${info.summary} Example: ${info.example}`, markdown: `${info.summary}\n\nExample: \`${info.example}\`` },
      defaultConfiguration: { level: level(info.severity) },
    };
  });
  const artifacts: { location: { uri: string; uriBaseId?: string } }[] = [];
  const results: unknown[] = [];
  for (const file of files) {
    const location = artifactLocation(file.path, cwd);
    const index = artifacts.push({ location }) - 1;
    for (const d of file.diagnostics) {
      const code = codeOf(d);
      const s = span(d);
      results.push({
        ...(code ? { ruleId: code } : {}),
        ...(isDiagnosticCode(code) ? { ruleIndex: ruleIndex.get(code)! } : {}),
        level: level(severityName(d)),
        message: { text: d.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { ...location, index },
              region: { startLine: s.line, startColumn: s.column, endLine: s.endLine, endColumn: s.endColumn },
            },
          },
        ],
      });
    }
  }
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'sigfox-callbacks', version, rules } },
        originalUriBaseIds: { [SRCROOT]: { uri: `${URI.file(cwd).toString().replace(/\/?$/, '/')}` } },
        artifacts,
        results,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};

/** A path under the working directory as a relative URI reference against %SRCROOT%, else an absolute file URI. */
function artifactLocation(path: string, cwd: string): { uri: string; uriBaseId?: string } {
  const rel = relative(cwd, path);
  if (rel.startsWith('..') || isAbsolute(rel)) return { uri: URI.file(path).toString() };
  return { uri: rel.split(sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}
