/** sigfox/deploy, the editor's Pull / Plan / Apply, as the server runs it (against the stand-in). */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { SAMPLE_DEVICE_TYPE } from '../../server/src/deploy/sampleData';
import { startStandIn } from '../../server/src/deploy/standIn';
import { runDeploy } from '../../server/src/lsp/deploy';

test('pull, then plan with per-callback remote and local states, secrets masked and never returned', async () => {
  const standIn = await startStandIn({ login: 'u', password: 'p4ssw0rd-x', deviceTypes: [structuredClone(SAMPLE_DEVICE_TYPE)] });
  const folder = mkdtempSync(join(tmpdir(), 'sigfox-deploy-request-'));
  try {
    const base = { folder, login: 'u', password: 'p4ssw0rd-x', apiUrl: standIn.url };
    const env = { ACME_EXAMPLE_COM_TOKEN: 'dry-run-secret-token', IOT_EXAMPLE_NET_API_KEY: 'dry-run-api-key' };
    const pulled = await runDeploy({ ...base, command: 'pull', deviceTypeId: SAMPLE_DEVICE_TYPE.id }, env);
    assert.equal(pulled.exitCode, 0, pulled.output);
    assert.equal(readdirSync(folder).filter(f => f.endsWith('.sfcallback.json')).length, 4);
    const plan = await runDeploy({ ...base, command: 'plan' }, env);
    assert.equal(plan.exitCode, 0, plan.output);
    assert.equal(plan.plan!.changes, false);
    const uplink = plan.plan!.steps.find(s => s.source === 'acme-example-com-sigfox-uplink-uplink.sfcallback.json')!;
    assert.equal(uplink.kind, 'unchanged');
    assert.match(uplink.remote!, /"Authorization": "Bearer \*\*\*\*"/);
    assert.equal(uplink.remote, uplink.local);
    assert.doesNotMatch(JSON.stringify([pulled, plan]), /dry-run-secret-token|dry-run-api-key|p4ssw0rd-x/);
    const bad = await runDeploy({ ...base, password: 'wrong', command: 'plan' }, env);
    assert.equal(bad.exitCode, 2);
    assert.match(bad.output, /refused the credentials \(401\)/);
  } finally {
    await standIn.close();
    rmSync(folder, { recursive: true, force: true });
  }
});

test('plan and apply name the ${env:NAME} values they lack before calling the API, and take them from params.env', async () => {
  const standIn = await startStandIn({ login: 'u', password: 'p', deviceTypes: [structuredClone(SAMPLE_DEVICE_TYPE)] });
  const folder = mkdtempSync(join(tmpdir(), 'sigfox-deploy-request-'));
  try {
    const base = { folder, login: 'u', password: 'p', apiUrl: standIn.url };
    assert.equal((await runDeploy({ ...base, command: 'pull', deviceTypeId: SAMPLE_DEVICE_TYPE.id }, {})).exitCode, 0);
    const asked = standIn.requests.length;
    for (const command of ['plan', 'apply'] as const) {
      const missing = await runDeploy({ ...base, command, env: { ACME_EXAMPLE_COM_TOKEN: 'secret-1' } }, {});
      assert.equal(missing.exitCode, 1);
      assert.deepEqual(missing.missingEnvironment, ['IOT_EXAMPLE_NET_API_KEY']);
      assert.match(missing.output, /no value for \$\{env:IOT_EXAMPLE_NET_API_KEY\}/);
    }
    assert.equal(standIn.requests.length, asked, 'nothing was sent to the API');
    // The client's values win over the server's environment; the API's own settings are not taken from them.
    const env = {
      ACME_EXAMPLE_COM_TOKEN: 'dry-run-secret-token',
      IOT_EXAMPLE_NET_API_KEY: 'dry-run-api-key',
      SIGFOX_API_URL: 'http://127.0.0.1:9/v2',
    };
    const { apiUrl: _, ...withoutUrl } = base;
    const plan = await runDeploy({ ...withoutUrl, command: 'plan', env }, { ACME_EXAMPLE_COM_TOKEN: 'stale', SIGFOX_API_URL: standIn.url });
    assert.equal(plan.exitCode, 0, plan.output);
    assert.equal(plan.missingEnvironment, undefined);
    assert.equal(plan.plan!.changes, false, 'the pulled secrets, given back, match the backend');
  } finally {
    await standIn.close();
    rmSync(folder, { recursive: true, force: true });
  }
});
