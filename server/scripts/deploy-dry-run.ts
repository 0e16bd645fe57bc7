/**
 * `npm run deploy:dry-run`: the whole deploy loop (pull, edit, plan, apply, plan) against the local
 * stand-in of the Sigfox API v2, in a temporary directory, without an account. Prints each
 * command and its output.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStandIn } from '../src/deploy/standIn';
import { SAMPLE_DEVICE_TYPE } from '../src/deploy/sampleData';

const cli = join(__dirname, '..', 'out', 'cli.js');
const login = 'dry-run-user';
const password = 'dry-run-password';

async function main(): Promise<void> {
  const standIn = await startStandIn({ login, password, deviceTypes: [SAMPLE_DEVICE_TYPE] });
  const dir = mkdtempSync(join(tmpdir(), 'sigfox-deploy-dry-run-'));
  const env = {
    ...process.env,
    SIGFOX_API_LOGIN: login,
    SIGFOX_API_PASSWORD: password,
    SIGFOX_API_URL: standIn.url,
    ACME_EXAMPLE_COM_TOKEN: 'dry-run-secret-token',
    IOT_EXAMPLE_NET_API_KEY: 'dry-run-api-key',
  };
  // Asynchronous: the stand-in answers from this same process.
  const run = (...args: string[]): Promise<void> =>
    new Promise(resolve => {
      process.stdout.write(`\n$ sigfox-callbacks ${args.join(' ')}\n`);
      execFile(process.execPath, [cli, ...args], { cwd: dir, env, encoding: 'utf8' }, (err, stdout, stderr) => {
        process.stdout.write(`${stdout}${stderr}(exit ${err ? String(err.code) : 0})\n`);
        resolve();
      });
    });
  try {
    process.stdout.write(`Stand-in at ${standIn.url}, working in ${dir}\n`);
    await run('pull', '--device-type', SAMPLE_DEVICE_TYPE.id);
    await run('plan', '--exit-code');
    const file = join(dir, 'acme-example-com-sigfox-uplink-uplink.sfcallback.json');
    const text = readFileSync(file, 'utf8').replace('"httpMethod": "POST"', '"httpMethod": "PUT"');
    writeFileSync(file, text);
    process.stdout.write(`\n(edited ${file}: httpMethod POST -> PUT)\n`);
    await run('plan', '--exit-code');
    await run('apply', '--yes');
    await run('plan', '--exit-code');
  } finally {
    await standIn.close();
  }
}

void main();
