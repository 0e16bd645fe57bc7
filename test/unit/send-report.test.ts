/** What "Sigfox: Send Test Callback" writes to the output channel (client/src/sendReport.ts), laid out as the CLI's `send`. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatSendReport } from '../../client/src/sendReport';
import type { SendTestCallbackResponse } from '../../server/src/protocol';

const context = {
  definition: 'callbacks/up.sfcallback.json',
  hex: ' 1a2b ',
  display: (uri: string) => uri.replace('file:///ws/', ''),
  at: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)),
};

test('a delivery: the request, the answer with its time, the BIDIR check, the notes, the verdict', () => {
  const result: SendTestCallbackResponse = {
    outcome: 'delivered',
    message: 'Delivered: HTTP 200 OK in 12 ms, downlink 0102030405060708.',
    request: {
      method: 'POST',
      url: 'http://127.0.0.1:9/up',
      headers: { Authorization: 'Bearer ****' },
      body: '{"t": 26}',
      environmentVariables: ['UP_TOKEN'],
    },
    response: { status: 200, statusText: 'OK', headers: { 'content-type': 'application/json' }, body: '' },
    timeMs: 12,
    bidir: { valid: true, noData: false, downlinkHex: '0102030405060708', problems: [] },
    notes: [{ where: 'body', severity: 'warning', code: 'SFT101', message: 'a value breaks the JSON string' }],
    problems: [
      {
        uri: 'file:///ws/callbacks/up.sfcallback.json',
        range: { start: { line: 2, character: 4 }, end: { line: 2, character: 9 } },
        severity: 'warning',
        code: 'SFC008',
        message: 'literal credential',
      },
    ],
  };
  assert.equal(
    formatSendReport(result, context),
    [
      '[send] callbacks/up.sfcallback.json with the frame 1a2b at 2024-01-02T03:04:05.000Z\n',
      '> POST http://127.0.0.1:9/up\n> Authorization: Bearer ****\n>\n{"t": 26}\nenvironment variables sent: UP_TOKEN\n',
      '< HTTP 200 OK (12 ms)\n< content-type: application/json\n<\n(empty body)\n',
      'BIDIR reply: valid: downlink 0102030405060708 (8 bytes) for the device\n',
      'callbacks/up.sfcallback.json:3:5: warning: literal credential [SFC008]\nrendered body: warning: a value breaks the JSON string [SFT101]\n',
      '✔ Delivered: HTTP 200 OK in 12 ms, downlink 0102030405060708.\n',
    ].join('\n'),
  );
});

test('nothing sent: the problems where they are, and the reason', () => {
  const result: SendTestCallbackResponse = {
    outcome: 'not-sent',
    message: 'The callback definition has 1 error; fix them before sending.',
    notes: [],
    problems: [
      {
        uri: 'file:///ws/callbacks/up.sfcallback.json',
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
        severity: 'error',
        code: 'SFC012',
        message: 'bad method',
      },
    ],
  };
  const text = formatSendReport(result, context);
  assert.ok(!text.includes('> '), 'no request');
  assert.match(
    text,
    /\ncallbacks\/up\.sfcallback\.json:1:1: error: bad method \[SFC012\]\n\n✖ The callback definition has 1 error; fix them before sending\.\n$/,
  );
});
