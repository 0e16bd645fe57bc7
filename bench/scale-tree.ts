// Generated Sigfox workspaces for the scale benchmarks (always under the OS temp dir, never in the repo).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function tempDir(name: string): string {
  return mkdtempSync(join(tmpdir(), `sigfox-bench-${name}-`));
}

function grammarText(d: number): { fields: string[]; text: string } {
  const fields = Array.from({ length: 4 + (d % 6) }, (_, k) => `f${k}::uint:${8 * (1 + (k % 2))}`);
  return { fields, text: `# device ${d}\n# example: ${'00'.repeat(12)} => f0=0\n${fields.join('\n')}\n` };
}

function templateText(fields: readonly string[], extra = ''): string {
  const body = fields.map((f, k) => `"${f.split(':')[0]!}": {customData#f${k}}`).join(', ');
  return `{"device": "{device}", "time": {time}, "data": "{data}", ${body}${extra}}\n`;
}

function definitionText(grammar: string, template: string): string {
  return JSON.stringify(
    {
      channel: 'URL',
      callbackType: 0,
      callbackSubtype: 2,
      url: 'https://example.com/sigfox',
      httpMethod: 'POST',
      contentType: 'application/json',
      payloadConfigFile: grammar,
      bodyTemplateFile: template,
    },
    null,
    2,
  );
}

/**
 * `files` Sigfox files under `dir` in 2-level folders of about 100 files: per device a payload
 * config, a template using it and, for every other device, a callback definition naming both
 * (2.5 files per device). Returns the paths of the templates.
 */
export function generateTree(dir: string, files: number): string[] {
  const templates: string[] = [];
  let written = 0;
  for (let d = 0; written < files; d++) {
    const folder = join(dir, `region${Math.floor(d / 400)}`, `site${Math.floor(d / 40)}`);
    mkdirSync(folder, { recursive: true });
    const { fields, text } = grammarText(d);
    writeFileSync(join(folder, `dev${d}.sfgrammar`), text);
    if (++written >= files) break;
    writeFileSync(join(folder, `dev${d}.sftemplate`), templateText(fields));
    templates.push(join(folder, `dev${d}.sftemplate`));
    if (++written >= files || d % 2) continue;
    writeFileSync(join(folder, `dev${d}.sfcallback.json`), definitionText(`dev${d}.sfgrammar`, `dev${d}.sftemplate`));
    written++;
  }
  return templates;
}

/**
 * One shared grammar with `count` templates depending on it, each named by its own callback
 * definition (`by: 'definition'`) or matched by a settings glob (`by: 'glob'`).
 */
export function generateDependents(dir: string, count: number, by: 'definition' | 'glob'): { grammar: string; templates: string[] } {
  mkdirSync(join(dir, 'common'), { recursive: true });
  const { fields, text } = grammarText(5);
  writeFileSync(join(dir, 'common', 'main.sfgrammar'), text);
  const templates: string[] = [];
  for (let k = 0; k < count; k++) {
    const folder = join(dir, 'callbacks', `group${Math.floor(k / 100)}`);
    mkdirSync(folder, { recursive: true });
    const template = join(folder, `cb${k}.sftemplate`);
    // `extra` is not in the config: every dependent has an error until the config gains it.
    writeFileSync(template, templateText(fields, ', "extra": {customData#extra}'));
    templates.push(template);
    if (by === 'definition')
      writeFileSync(join(folder, `cb${k}.sfcallback.json`), definitionText('../../common/main.sfgrammar', `cb${k}.sftemplate`));
  }
  if (by === 'glob') {
    mkdirSync(join(dir, '.vscode'), { recursive: true });
    writeFileSync(
      join(dir, '.vscode', 'settings.json'),
      JSON.stringify({ 'sigfox.associations': [{ template: 'callbacks/**/*.sftemplate', grammar: 'common/main.sfgrammar' }] }),
    );
  }
  return { grammar: join(dir, 'common', 'main.sfgrammar'), templates };
}
