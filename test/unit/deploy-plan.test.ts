/** The pure side of deploy: normalisation, the plan, pull's files, and the deployment lints. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateCallback } from '../../server/src/core/callback';
import { deploymentProblems } from '../../server/src/core/callback/checkDeployment';
import { hasChanges, normalise, planChanges, type DesiredCallback, type RemoteCallback } from '../../server/src/core/deploy/plan';
import { pullCallbacks } from '../../server/src/core/deploy/pull';

const resolver = { readRelative: () => undefined };
const codes = (text: string): string[] => validateCallback(text, resolver).map(p => String(p.code));

const REMOTE: RemoteCallback = {
  id: 'a1',
  channel: 'URL',
  callbackType: 0,
  callbackSubtype: 2,
  enabled: true,
  dead: false,
  downlinkHook: false,
  url: 'https://x.example.com/u',
  httpMethod: 'POST',
  sendSni: false,
  headers: { 'X-A': '1' },
};

function desired(body: Record<string, unknown>, extra: Partial<DesiredCallback> = {}): DesiredCallback {
  return { source: 'a.sfcallback.json', deviceTypeId: 'dt', id: 'a1', body, ...extra };
}

describe('normalise', () => {
  it('absent, null, "" and {} are the same; read-only and other-channel fields are dropped', () => {
    assert.deepEqual(normalise({ ...REMOTE, bodyTemplate: '', payloadConfig: null, linePattern: 'x' }), {
      channel: 'URL',
      callbackType: 0,
      callbackSubtype: 2,
      url: 'https://x.example.com/u',
      httpMethod: 'POST',
      headers: { 'X-A': '1' },
    });
    assert.deepEqual(normalise({ channel: 'URL', headers: {}, payloadConfig: ' a::uint:8\n  b::uint:8 ' }), {
      channel: 'URL',
      payloadConfig: 'a::uint:8 b::uint:8',
    });
  });
});

describe('planChanges', () => {
  const remote = new Map([['dt', [REMOTE, { id: 'z9', channel: 'EMAIL', callbackType: 2, recipient: 'a@b.c' }]]]);

  it('in sync: only unchanged and unmanaged', () => {
    const plan = planChanges([desired({ ...REMOTE, id: undefined, enabled: undefined })], remote);
    assert.equal(hasChanges(plan), false);
    assert.deepEqual(
      plan.steps.map(s => s.kind),
      ['unchanged', 'unmanaged'],
    );
  });

  it('a removed field is updated with an explicit null, channel always sent', () => {
    const plan = planChanges(
      [desired({ channel: 'URL', callbackType: 0, callbackSubtype: 2, url: REMOTE['url'], httpMethod: 'POST' })],
      remote,
    );
    const update = plan.steps.find(s => s.kind === 'update');
    assert.ok(update && update.kind === 'update');
    assert.deepEqual(update.body, { channel: 'URL', headers: null });
  });

  it('order: create, replace, enable, downlink, update, delete', () => {
    const plan = planChanges(
      [
        desired(
          { channel: 'URL', callbackType: 0, callbackSubtype: 2, url: 'https://y.example.com', httpMethod: 'GET' },
          { id: undefined, source: 'b' },
        ),
        desired({ ...REMOTE, callbackSubtype: 3 }, { downlink: true }),
      ],
      remote,
      { prune: true },
    );
    assert.deepEqual(
      plan.steps.map(s => s.kind),
      ['create', 'replace', 'enable', 'enable', 'downlink', 'delete'],
    );
  });

  it('a file without id matches a backend callback by what it does', () => {
    const plan = planChanges([desired({ ...REMOTE, httpMethod: 'PUT' }, { id: undefined })], remote);
    assert.equal(plan.steps[0]!.kind, 'update');
  });

  it('a file whose id is gone is created again, with a note', () => {
    const plan = planChanges([desired({ ...REMOTE }, { id: 'gone' })], remote);
    assert.equal(plan.steps[0]!.kind, 'create');
    assert.match(plan.notes[0]!, /gone is not in device type dt any more/);
  });
});

describe('pullCallbacks', () => {
  it('names are stable and collision-free; credentials become env references, values never in the text', () => {
    const twin = { ...REMOTE, id: 'a2', headers: { Authorization: 'Bearer s3cr3t-value', 'x-api-key': 'k3y-value' } };
    const result = pullCallbacks('dt', [twin, REMOTE], new Set(['x-example-com-u-uplink']));
    assert.deepEqual(
      result.callbacks.map(c => c.stem),
      ['x-example-com-u-uplink-2', 'x-example-com-u-uplink-3'],
    );
    const text = result.callbacks.flatMap(c => c.files.map(f => f.text)).join('\n');
    assert.doesNotMatch(text, /s3cr3t-value|k3y-value/);
    assert.match(text, /"Authorization": "Bearer \$\{env:X_EXAMPLE_COM_TOKEN\}"/);
    assert.deepEqual(result.envNames, ['X_EXAMPLE_COM_TOKEN', 'X_EXAMPLE_COM_X_API_KEY']);
  });

  it('a DATA e-mail callback listed without a subtype (as in the API example) is pulled as UPLINK, valid and in sync', () => {
    const email: RemoteCallback = {
      id: 'm1',
      channel: 'EMAIL',
      callbackType: 0,
      enabled: true,
      recipient: 'ops@example.com',
      message: 'x {data}',
    };
    const pulled = pullCallbacks('dt', [email]).callbacks[0]!;
    const text = pulled.files.find(f => f.name.endsWith('.sfcallback.json'))!.text;
    const definition = JSON.parse(text) as Record<string, unknown>;
    assert.equal(definition['callbackSubtype'], 2);
    assert.deepEqual(codes(text), []);
    const plan = planChanges([desired(definition, { id: 'm1' })], new Map([['dt', [email]]]));
    assert.equal(hasChanges(plan), false);
  });

  it('a read-only GEOLOC callback is reported and left unmanaged, not written as a file no plan accepts', () => {
    const geoloc = { id: 'g', channel: 'URL', callbackType: 1, callbackSubtype: 1, url: 'https://x.example.com/geo', httpMethod: 'GET' };
    const result = pullCallbacks('dt', [geoloc, REMOTE]);
    assert.deepEqual(
      result.callbacks.map(c => c.id),
      ['a1'],
    );
    assert.match(result.skipped[0]!.reason, /GEOLOC.*read-only.*DATA_ADVANCED/);
  });

  it('an unknown channel is reported, not dropped silently', () => {
    const result = pullCallbacks('dt', [{ id: 'q', channel: 'SMS' }]);
    assert.equal(result.callbacks.length, 0);
    assert.match(result.skipped[0]!.reason, /SMS/);
  });
});

describe('deployment lints', () => {
  const status = '"channel": "EMAIL", "callbackType": 1, "callbackSubtype": 0, "recipient": "a@example.com"';

  it('a new SERVICE/STATUS callback is an error, an existing one a warning with the date', () => {
    assert.ok(codes(`{ "deviceTypeId": "dt", ${status} }`).includes('SFC037'));
    assert.ok(!codes(`{ ${status} }`).includes('SFC037'), 'a plain definition (no deviceTypeId, no id) keeps only SFC009');
    const existing = validateCallback(`{ "id": "abc", ${status} }`, resolver).find(p => p.code === 'SFC038');
    assert.match(existing!.message, /April 2027/);
  });

  it('id, deviceTypeId and downlinkHook are keys of a definition', () => {
    const text =
      '{ "id": "a", "deviceTypeId": "b", "downlinkHook": true, "channel": "URL", "callbackType": 0, "callbackSubtype": 3, "url": "https://a.example.com", "httpMethod": "GET" }';
    assert.deepEqual(
      codes(text).filter(c => c === 'SFC003'),
      [],
    );
  });

  it('one downlink callback per device type; BIDIR needs the CALLBACK downlink mode', () => {
    const problems = deploymentProblems(
      [
        { source: 'a', deviceTypeId: 'dt', callbackType: 0, callbackSubtype: 3, downlink: true },
        { source: 'b', deviceTypeId: 'dt', callbackType: 0, callbackSubtype: 3, downlink: true },
        { source: 'c', deviceTypeId: 'other', callbackType: 0, callbackSubtype: 3, downlink: false },
        { source: 'd', deviceTypeId: 'dt', callbackType: 1, callbackSubtype: 0, downlink: false },
        { source: 'e', deviceTypeId: 'dt', callbackType: 1, callbackSubtype: 0, downlink: false, id: 'kept' },
      ],
      new Map([
        ['dt', 1],
        ['other', 0],
      ]),
    );
    assert.deepEqual(
      problems.map(p => `${p.source} ${p.code}`),
      ['a SFC039', 'b SFC039', 'c SFC040', 'd SFC037'],
    );
  });
});
