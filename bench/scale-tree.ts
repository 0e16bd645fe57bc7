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
 * A differently shaped tree of `files` Sigfox files: about 1,000 small folders (`team/proj` and a
 * `templates` folder in each), a callback definition per template naming it in its `templates`
 * folder, a third with an inline payload config and the others one of 50 shared configs reached
 * through `../../../grammars/`, headers with `${env:...}` references.
 */
export function generateVariedTree(dir: string, files: number): void {
  mkdirSync(join(dir, 'grammars'), { recursive: true });
  let written = 0;
  for (let g = 0; g < 50 && written < files; g++, written++) {
    const fields = Array.from({ length: 6 + (g % 5) }, (_, k) => `v${k}:${k}:uint:8`).join(' ');
    writeFileSync(join(dir, 'grammars', `g${g}.sfgrammar`), `# shared ${g}\n${fields}\n`);
  }
  for (let d = 0; written < files; d++) {
    const folder = join(dir, 'fleet', `team${d % 20}`, `proj${Math.floor(d / 20) % 25}`);
    mkdirSync(join(folder, 'templates'), { recursive: true });
    const placeholders = Array.from({ length: 6 }, (_, k) => `"v${k}": {customData#v${k}}`).join(',\n  ');
    writeFileSync(
      join(folder, 'templates', `cb${d}.sftemplate`),
      `{\n  "device": "{device}",\n  "seq": {seqNumber},\n  "station": "{station}",\n  ${placeholders}\n}\n`,
    );
    if (++written >= files) break;
    const common = {
      channel: 'URL',
      callbackType: 0,
      callbackSubtype: 2,
      contentType: 'application/json',
      bodyTemplateFile: `templates/cb${d}.sftemplate`,
    };
    const definition =
      d % 3 === 0
        ? {
            ...common,
            url: 'https://example.com/s?d={device}',
            httpMethod: 'POST',
            payloadConfig: 'v0::uint:8 v1::uint:8 v2::uint:8 v3::uint:8 v4::uint:8 v5::uint:8',
          }
        : {
            ...common,
            url: 'https://example.com/sigfox',
            httpMethod: 'PUT',
            headers: { 'X-Key': '${env:KEY}' },
            payloadConfigFile: `../../../grammars/g${d % 50}.sfgrammar`,
          };
    writeFileSync(join(folder, `cb${d}.sfcallback.json`), JSON.stringify(definition, null, 2));
    written++;
  }
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
