/**
 * `npm run deploy:stand-in`: the local stand-in of the Sigfox API v2 with the sample device type,
 * left running so the editor's Pull Callbacks... / Plan / Apply can be tried without an account.
 * Prints one JSON line (url, login, password, deviceTypeId) and serves until stopped (Ctrl+C or
 * SIGTERM). `--port N` picks the port (default: any free one).
 */
import { startStandIn } from '../src/deploy/standIn';
import { SAMPLE_DEVICE_TYPE } from '../src/deploy/sampleData';

async function main(): Promise<void> {
  const at = process.argv.indexOf('--port');
  const port = at >= 0 ? Number(process.argv[at + 1]) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write('deploy:stand-in: --port takes a port number (0-65535)\n');
    process.exit(2);
  }
  // Made-up credentials for a server that only listens on this machine.
  const login = 'stand-in-user';
  const password = 'stand-in-password';
  const standIn = await startStandIn({ login, password, deviceTypes: [SAMPLE_DEVICE_TYPE], port });
  process.stdout.write(`${JSON.stringify({ url: standIn.url, login, password, deviceTypeId: SAMPLE_DEVICE_TYPE.id })}\n`);
  const stop = (): void => void standIn.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
