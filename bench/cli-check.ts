// `sigfox-callbacks check` over 1,000 generated files (budget: < 1.5 s wall), and the CLI's
// start-up time (`--version`). Usage: node --import tsx bench/cli-check.ts [files]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { ensureBuilt, timeCli } from './cli-common';
import { median, report } from './figures';

const FILES = Number(process.argv[2] ?? 1000);
const RUNS = 5;

async function main(): Promise<void> {
  ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'sigfox-bench-check-'));
  try {
    // Per device: a payload config, a JSON body template using it (sibling association) and,
    // for every other device, a callback definition naming both: 2.5 files per device.
    let files = 0;
    for (let d = 0; files < FILES; d++) {
      const folder = join(dir, `site${d % 20}`);
      mkdirSync(folder, { recursive: true });
      const fields = Array.from({ length: 4 + (d % 6) }, (_, k) => `f${k}::uint:${8 * (1 + (k % 2))}`);
      writeFileSync(join(folder, `dev${d}.sfgrammar`), `# device ${d}\n# example: ${'00'.repeat(12)} => f0=0\n${fields.join('\n')}\n`);
      files++;
      if (files >= FILES) break;
      const body = fields.map((f, k) => `"${f.split(':')[0]}": {customData#f${k}}`).join(', ');
      writeFileSync(join(folder, `dev${d}.sftemplate`), `{"device": "{device}", "time": {time}, "data": "{data}", ${body}}\n`);
      files++;
      if (files >= FILES || d % 2) continue;
      writeFileSync(
        join(folder, `dev${d}.sfcallback.json`),
        JSON.stringify(
          {
            channel: 'URL',
            callbackType: 0,
            callbackSubtype: 2,
            url: 'https://example.com/sigfox',
            httpMethod: 'POST',
            contentType: 'application/json',
            payloadConfigFile: `dev${d}.sfgrammar`,
            bodyTemplateFile: `dev${d}.sftemplate`,
          },
          null,
          2,
        ),
      );
      files++;
    }

    const check: number[] = [];
    let problems: number | null = 0;
    for (let r = 0; r < RUNS; r++) {
      const result = await timeCli(['check', '--format', 'json'], { cwd: dir });
      if (result.code === 2 || result.code === 3) throw new Error(`check failed: exit ${result.code}\n${result.stderr}`);
      check.push(result.ms);
      problems = result.code;
    }
    const version: number[] = [];
    for (let r = 0; r < 10; r++) version.push((await timeCli(['--version'])).ms);
    const bare: number[] = [];
    for (let r = 0; r < 10; r++) {
      const start = performance.now();
      await new Promise(resolve => spawn(process.execPath, ['-e', '0']).on('close', resolve));
      bare.push(performance.now() - start);
    }
    console.log(
      `cli check, ${files.toLocaleString('en')} files: median ${(median(check) / 1000).toFixed(2)} s wall, best ${(Math.min(...check) / 1000).toFixed(2)} s (${RUNS} runs, exit ${problems}; budget < 1.5 s)`,
    );
    console.log(
      `cli start-up (--version): median ${median(version).toFixed(0)} ms wall (bare \`node -e 0\` on this machine: ${median(bare).toFixed(0)} ms)`,
    );
    report({
      what: `\`check\` over ${files.toLocaleString('en')} files, wall`,
      value: median(check) / 1000,
      unit: 's',
      ...(FILES === 1000 ? { budget: { max: 1.5 } } : {}),
      note: `median of ${RUNS}`,
    });
    report({
      what: 'CLI start-up (`--version`), wall',
      value: median(version),
      unit: 'ms',
      note: `median of 10; a bare \`node -e 0\` ${median(bare).toFixed(0)} ms`,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
