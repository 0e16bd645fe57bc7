/**
 * pull / plan / apply, through the built CLI, against the local stand-in of the Sigfox API v2
 * (127.0.0.1, port 0). Retries run with no backoff; the timeout test uses a short deadline.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { startStandIn, type StandIn } from '../../server/src/deploy/standIn';
import { SAMPLE_DEVICE_TYPE } from '../../server/src/deploy/sampleData';
import { cleanup, ensureBuilt, run, workspace, type RunResult } from './helpers';

const LOGIN = 'api-user-7c1d';
const PASSWORD = 'api-password-9f3e2a';
const SECRETS = [PASSWORD, 'dry-run-secret-token', 'dry-run-api-key', Buffer.from(`${LOGIN}:${PASSWORD}`).toString('base64')];
const DT = SAMPLE_DEVICE_TYPE.id;
const UPLINK = 'acme-example-com-sigfox-uplink-uplink.sfcallback.json';

let standIn: StandIn;
let dir: string;
const outputs: string[] = [];

function env(extra: Record<string, string> = {}): Record<string, string> {
  return {
    SIGFOX_API_LOGIN: LOGIN,
    SIGFOX_API_PASSWORD: PASSWORD,
    SIGFOX_API_URL: standIn.url,
    SIGFOX_API_BACKOFF_MS: '0',
    // Generous: the machine running the tests may be busy; the timeout test sets its own short deadline.
    SIGFOX_API_TIMEOUT_MS: '15000',
    ACME_EXAMPLE_COM_TOKEN: 'dry-run-secret-token',
    IOT_EXAMPLE_NET_API_KEY: 'dry-run-api-key',
    ...extra,
  };
}

async function cli(args: string[], extra: Record<string, string> = {}): Promise<RunResult> {
  const result = await run(args, { cwd: dir, env: env(extra) });
  outputs.push(result.stdout, result.stderr);
  return result;
}

function read(name: string): string {
  return readFileSync(join(dir, name), 'utf8');
}

function edit(name: string, from: string, to: string): void {
  const text = read(name);
  assert.ok(text.includes(from), `${name} holds ${from}`);
  writeFileSync(join(dir, name), text.replace(from, to));
}

before(() => ensureBuilt());

describe('deploy against the stand-in', () => {
  beforeEach(async () => {
    await standIn?.close();
    standIn = await startStandIn({
      login: LOGIN,
      password: PASSWORD,
      deviceTypes: [structuredClone(SAMPLE_DEVICE_TYPE), { id: 'dt-direct', downlinkMode: 0 }],
    });
    if (dir) cleanup(dir);
    dir = workspace({});
    const pulled = await cli(['pull', '--device-type', DT]);
    assert.equal(pulled.code, 0, pulled.stderr);
  });

  afterEach(() => {
    for (const f of readdirSync(dir)) outputs.push(read(f));
  });

  after(async () => {
    await standIn?.close();
    if (dir) cleanup(dir);
  });

  it('pull writes one definition per callback, files beside it, secrets as env references', () => {
    const files = readdirSync(dir).sort();
    assert.deepEqual(files, [
      '.env.example',
      'acme-example-com-sigfox-uplink-uplink.sfcallback.json',
      'acme-example-com-sigfox-uplink-uplink.sfgrammar',
      'acme-example-com-sigfox-uplink-uplink.sftemplate',
      'batch-example-org-ingest-uplink.sfcallback.json',
      'email-ops-error.sfcallback.json',
      'iot-example-net-downlink-bidir.sfcallback.json',
    ]);
    const uplink = JSON.parse(read(UPLINK)) as Record<string, unknown>;
    assert.equal(uplink['id'], '5730510c7f071f9afd2bb2b1');
    assert.equal(uplink['deviceTypeId'], DT);
    assert.deepEqual(uplink['headers'], { Authorization: 'Bearer ${env:ACME_EXAMPLE_COM_TOKEN}', 'X-Source': 'sigfox' });
    assert.equal(uplink['payloadConfigFile'], './acme-example-com-sigfox-uplink-uplink.sfgrammar');
    const bidir = JSON.parse(read('iot-example-net-downlink-bidir.sfcallback.json')) as Record<string, unknown>;
    assert.equal(bidir['downlinkHook'], true);
    assert.match(String(bidir['url']), /api_key=\$\{env:IOT_EXAMPLE_NET_API_KEY\}$/);
    assert.equal(read('.env.example').includes('ACME_EXAMPLE_COM_TOKEN='), true);
    const batch = JSON.parse(read('batch-example-org-ingest-uplink.sfcallback.json')) as Record<string, unknown>;
    assert.equal(batch['contentType'], undefined, 'fields BATCH_URL does not declare are dropped');
  });

  it('pull says connectors cannot be read, and lists the env names to set', async () => {
    const again = await cli(['pull', '--device-type', DT]);
    assert.match(again.stderr, /connector callbacks .* cannot be read through the Sigfox API v2/);
    assert.match(again.stdout, /ACME_EXAMPLE_COM_TOKEN, IOT_EXAMPLE_NET_API_KEY/);
    assert.deepEqual(readdirSync(dir).length, 7, 'a second pull overwrites the same files');
  });

  it('plan after pull shows no change (exit 0 with --exit-code)', async () => {
    const plan = await cli(['plan', '--exit-code']);
    assert.equal(plan.code, 0, plan.stdout + plan.stderr);
    assert.match(plan.stdout, /No changes/);
  });

  it('plan lists updates field by field, with secrets masked, and exits 1', async () => {
    edit(UPLINK, '"X-Source": "sigfox"', '"X-Source": "sigfox-v2"');
    const plan = await cli(['plan', '--exit-code'], { ACME_EXAMPLE_COM_TOKEN: 'rotated-secret-token' });
    assert.equal(plan.code, 1);
    assert.match(plan.stdout, /~ update acme-example-com-sigfox-uplink-uplink\.sfcallback\.json \(callback 5730510c7f071f9afd2bb2b1\)/);
    assert.match(plan.stdout, /headers: .*"X-Source":"sigfox".* -> .*"X-Source":"sigfox-v2"/);
    assert.doesNotMatch(plan.stdout, /rotated-secret-token|dry-run-secret-token/);
    assert.match(plan.stdout, /Bearer \*\*\*\*/);
  });

  it('apply updates with explicit null to remove a field, then plan is clean', async () => {
    edit(UPLINK, '"sendSni": true,', '');
    edit('email-ops-error.sfcallback.json', '"enabled": false', '"enabled": true');
    const apply = await cli(['apply', '--yes']);
    assert.equal(apply.code, 0, apply.stderr);
    assert.ok(standIn.requests.some(r => r === `PUT /v2/device-types/${DT}/callbacks/5730510c7f071f9afd2bb2b3/enable?enabled=true`));
    const stored = standIn.callbacks(DT).find(c => c['id'] === '5730510c7f071f9afd2bb2b1')!;
    assert.equal(stored['sendSni'], undefined);
    assert.equal((await cli(['plan', '--exit-code'])).code, 0);
  });

  it('a new file is created, enabled, and its id written back with the formatting kept', async () => {
    writeFileSync(
      join(dir, 'new.sfcallback.json'),
      `{\n    "deviceTypeId": "${DT}",\n    "channel": "URL",\n    "callbackType": 0,\n    "callbackSubtype": 2,\n    "url": "https://new.example.com/up",\n    "httpMethod": "GET"\n}\n`,
    );
    const plan = await cli(['plan', '--exit-code']);
    assert.equal(plan.code, 1);
    assert.match(plan.stdout, /\+ create new\.sfcallback\.json/);
    const apply = await cli(['apply', '--yes']);
    assert.equal(apply.code, 0, apply.stderr);
    const text = read('new.sfcallback.json');
    const id = (JSON.parse(text) as { id: string }).id;
    assert.match(text, /^\{\n {4}"id": "[0-9a-f]+",\n {4}"deviceTypeId"/);
    const created = standIn.callbacks(DT).find(c => c['id'] === id)!;
    assert.equal(created['enabled'], true);
    const order = standIn.requests.filter(r => !r.startsWith('GET'));
    assert.deepEqual(order.slice(0, 2), [
      `POST /v2/device-types/${DT}/callbacks`,
      `PUT /v2/device-types/${DT}/callbacks/${id}/enable?enabled=true`,
    ]);
    assert.equal((await cli(['plan', '--exit-code'])).code, 0);
  });

  it('a changed subtype is a replace: create the new one, select downlink, delete the old one last', async () => {
    edit(UPLINK, '"callbackSubtype": 2', '"callbackSubtype": 3');
    edit('iot-example-net-downlink-bidir.sfcallback.json', '"downlinkHook": true', '"downlinkHook": false');
    edit(UPLINK, '"enabled": true', '"enabled": true, "downlinkHook": true');
    const plan = await cli(['plan']);
    assert.match(
      plan.stdout,
      /-\/\+ replace acme-example-com-sigfox-uplink-uplink\.sfcallback\.json \(callback 5730510c7f071f9afd2bb2b1\): callbackSubtype cannot be updated in place/,
    );
    const apply = await cli(['apply', '--yes']);
    assert.equal(apply.code, 0, apply.stderr);
    const writes = standIn.requests.filter(r => !r.startsWith('GET'));
    assert.equal(writes[0], `POST /v2/device-types/${DT}/callbacks`);
    assert.ok(writes.some(r => r.endsWith('/downlink')));
    assert.equal(writes.at(-1), `DELETE /v2/device-types/${DT}/callbacks/5730510c7f071f9afd2bb2b1`);
    const newId = (JSON.parse(read(UPLINK)) as { id: string }).id;
    assert.notEqual(newId, '5730510c7f071f9afd2bb2b1');
    assert.equal(standIn.callbacks(DT).find(c => c['id'] === newId)!['downlinkHook'], true);
  });

  it('unmanaged callbacks are listed, and deleted only with --prune', async () => {
    cleanup(join(dir, 'email-ops-error.sfcallback.json'));
    const plan = await cli(['plan', '--exit-code']);
    assert.equal(plan.code, 0, 'unmanaged alone is not a change');
    assert.match(plan.stdout, /\? unmanaged callback 5730510c7f071f9afd2bb2b3 \(EMAIL ops@example\.com\)/);
    const noPrune = await cli(['apply', '--yes']);
    assert.equal(noPrune.code, 0);
    assert.equal(standIn.callbacks(DT).length, 4);
    const prune = await cli(['apply', '--yes', '--prune']);
    assert.equal(prune.code, 0, prune.stderr);
    assert.equal(standIn.callbacks(DT).length, 3);
  });

  it('429 and 500 are retried with bounded attempts', async () => {
    standIn.inject(429, { method: 'GET' });
    standIn.inject(500, { method: 'GET' });
    const plan = await cli(['plan', '--exit-code']);
    assert.equal(plan.code, 0, plan.stderr);
    standIn.inject(503, { method: 'GET', times: 10 });
    const failed = await cli(['plan'], { SIGFOX_API_ATTEMPTS: '3' });
    assert.equal(failed.code, 2);
    assert.match(failed.stderr, /the API failed \(503\) \(after 3 attempts\)/);
  });

  it('a timeout is retried, then reported in one line', async () => {
    standIn.inject('timeout', { method: 'GET', times: 5 });
    const failed = await cli(['plan'], { SIGFOX_API_ATTEMPTS: '2', SIGFOX_API_TIMEOUT_MS: '300' });
    assert.equal(failed.code, 2);
    assert.match(failed.stderr, /no answer within 300 ms \(after 2 attempts\)/);
  });

  it('a failed step rolls back what the run created and says what was not done', async () => {
    writeFileSync(
      join(dir, 'a-new.sfcallback.json'),
      `{ "deviceTypeId": "${DT}", "channel": "URL", "callbackType": 0, "callbackSubtype": 2, "url": "https://a.example.com/", "httpMethod": "GET" }\n`,
    );
    edit(UPLINK, '"X-Source": "sigfox"', '"X-Source": "changed"');
    standIn.inject(500, { method: 'PUT', pathPart: '5730510c7f071f9afd2bb2b1', times: 10 });
    const apply = await cli(['apply', '--yes'], { SIGFOX_API_ATTEMPTS: '2' });
    assert.equal(apply.code, 2);
    assert.match(apply.stderr, /apply stopped: ~ update acme-example-com-sigfox-uplink-uplink\.sfcallback\.json/);
    assert.match(apply.stderr, /Rolled back:\n {2}deleted callback [0-9a-f]+ created for a-new\.sfcallback\.json/);
    assert.match(apply.stderr, /Not done:\n {2}~ update/);
    assert.equal(standIn.callbacks(DT).length, 4, 'the created callback is gone again');
    assert.doesNotMatch(read('a-new.sfcallback.json'), /"id"/);
  });

  it("a 400's errors[].field is shown at the key in the definition file", async () => {
    writeFileSync(
      join(dir, 'bad.sfcallback.json'),
      `{\n  "deviceTypeId": "${DT}",\n  "channel": "URL",\n  "callbackType": 0,\n  "callbackSubtype": 2,\n  "url": "https://b.example.com/",\n  "httpMethod": "GET"\n}\n`,
    );
    standIn.inject({ errors: [{ type: 'body', field: 'url', message: 'host not allowed' }] }, { method: 'POST' });
    const apply = await cli(['apply', '--yes', 'bad.sfcallback.json']);
    assert.equal(apply.code, 2);
    assert.match(apply.stderr, /^bad\.sfcallback\.json:6:3: error: the Sigfox API refused url: host not allowed \[API400\]$/m);
  });

  it('bad credentials, an unknown device type and a non-loopback http URL: exit 2, one line', async () => {
    const auth = await cli(['plan'], { SIGFOX_API_PASSWORD: 'wrong-password-123' });
    assert.equal(auth.code, 2);
    assert.equal(auth.stderr.trim().split('\n').length, 1);
    assert.match(auth.stderr, /refused the credentials \(401\)/);
    assert.doesNotMatch(auth.stderr, /wrong-password-123/);
    const unknown = await cli(['pull', '--device-type', 'nope']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /^sigfox-callbacks: unknown device type nope/);
    const http = await cli(['plan'], { SIGFOX_API_URL: 'http://api.example.com/v2' });
    assert.equal(http.code, 2);
    assert.match(http.stderr, /plain http:\/\/ only to 127\.0\.0\.1/);
    const none = await cli(['plan'], { SIGFOX_API_LOGIN: '' });
    assert.equal(none.code, 2);
  });

  it('apply without a terminal needs --yes', async () => {
    edit(UPLINK, '"X-Source": "sigfox"', '"X-Source": "other"');
    const apply = await cli(['apply']);
    assert.equal(apply.code, 2);
    assert.match(apply.stderr, /confirm with --yes/);
  });

  it('a definition with errors is not planned', async () => {
    edit(UPLINK, '"httpMethod": "POST"', '"httpMethod": "PATCH"');
    const plan = await cli(['plan', '--exit-code']);
    assert.equal(plan.code, 2);
    assert.match(plan.stderr, /errors: fix them first \(nothing was planned\)/);
  });

  it('one downlink callback per device type, and BIDIR only in CALLBACK downlink mode (SFC039, SFC040)', async () => {
    edit(UPLINK, '"callbackSubtype": 2', '"callbackSubtype": 3, "downlinkHook": true');
    const two = await cli(['plan', '--exit-code']);
    assert.equal(two.code, 2);
    assert.match(
      two.stderr,
      /acme-example-com-sigfox-uplink-uplink\.sfcallback\.json: error: device type .* has one downlink callback.* \[SFC039\]/,
    );
    writeFileSync(
      join(dir, 'direct.sfcallback.json'),
      '{ "deviceTypeId": "dt-direct", "channel": "URL", "callbackType": 0, "callbackSubtype": 3, "url": "https://d.example.com/", "httpMethod": "GET" }\n',
    );
    const direct = await cli(['apply', '--yes', 'direct.sfcallback.json']);
    assert.equal(direct.code, 1);
    assert.match(direct.stderr, /direct\.sfcallback\.json: error: .*downlinkMode 0 \[SFC040\]/);
    assert.equal(standIn.callbacks('dt-direct').length, 0);
  });

  it('no secret is ever printed or written', () => {
    assert.ok(outputs.length > 50);
    for (const secret of SECRETS) {
      for (const text of outputs) assert.ok(!text.includes(secret), `a secret leaked: ${text.slice(0, 200)}`);
    }
  });
});
