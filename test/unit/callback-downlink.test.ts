import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDownlinkReply, type DownlinkReplyInput } from '../../server/src/core/callback';

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };
const reply = (body: unknown, extra: Partial<DownlinkReplyInput> = {}): ReturnType<typeof checkDownlinkReply> =>
  checkDownlinkReply({
    status: 200,
    headers: JSON_HEADERS,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    deviceId: '1A2B3C',
    ...extra,
  });

function onlyError(result: ReturnType<typeof checkDownlinkReply>): string {
  assert.equal(result.valid, false);
  const errors = result.problems.filter(p => p.severity === 'error');
  assert.equal(errors.length, 1, JSON.stringify(result.problems));
  return errors[0]!.message;
}

test('a downlink for the device is accepted; other devices and extra fields are ignored', () => {
  const result = reply({ '1A2B3C': { downlinkData: 'deadbeef00000001', note: 'x' }, FFFF: { downlinkData: 'zz' } });
  assert.deepEqual(result, { valid: true, problems: [], downlinkHex: 'DEADBEEF00000001' });
});

test('noData must be the boolean true, and not together with downlinkData', () => {
  assert.deepEqual(reply({ '1A2B3C': { noData: true } }), { valid: true, problems: [], noData: true });
  assert.match(onlyError(reply({ '1A2B3C': { noData: 'true' } })), /"noData" must be true \(the boolean\), not "true"/);
  assert.match(onlyError(reply({ '1A2B3C': { noData: true, downlinkData: '0000000000000000' } })), /both "downlinkData" and "noData"/);
});

test('downlinkData is exactly 16 hex digits', () => {
  assert.match(
    onlyError(reply({ '1A2B3C': { downlinkData: '00112233445566778899' } })),
    /has 20 hex digits; a downlink is exactly 8 bytes/,
  );
  assert.match(onlyError(reply({ '1A2B3C': { downlinkData: '00112233445566zz' } })), /is not hexadecimal/);
  assert.match(onlyError(reply({ '1A2B3C': { downlinkData: 1234 } })), /must be a string of 16 hex digits, not 1234/);
});

test('the shape around the entry', () => {
  assert.match(onlyError(reply('[]')), /not an object keyed by device id/);
  assert.match(onlyError(reply({})), /no entry for device "1A2B3C" \(it is empty\)/);
  assert.match(onlyError(reply({ '1A2B3C': '0011223344556677' })), /must be an object such as/);
  assert.match(onlyError(reply({ '1A2B3C': {} })), /neither "downlinkData" nor "noData"/);
  assert.match(onlyError(reply('')), /not JSON .*the body is empty/);
});

test('warnings: a wrong content type, a device key in another case', () => {
  const result = reply({ '1a2b3c': { downlinkData: '0000000000000000' } }, { headers: { 'Content-Type': 'text/plain' } });
  assert.equal(result.valid, true);
  assert.deepEqual(
    result.problems.map(p => p.severity),
    ['warning', 'warning'],
  );
  assert.match(result.problems[0]!.message, /Content-Type is "text\/plain"/);
  assert.match(result.problems[1]!.message, /keyed "1a2b3c" but the device id is "1A2B3C"/);
});

test('with a downlink payload config, the bytes are decoded (64-bit values as exact digits)', () => {
  const result = reply({ '1A2B3C': { downlinkData: 'FFFFFFFFFFFFFFFF' } }, { downlinkGrammarText: 'all::uint:64' });
  assert.deepEqual(result.decoded, { all: '18446744073709551615' });
  const wide = reply({ '1A2B3C': { downlinkData: '0102030405060708' } }, { downlinkGrammarText: 'a::uint:32 b::uint:32 c::uint:8' });
  assert.equal(wide.valid, true);
  assert.deepEqual(wide.decoded, { a: 0x01020304, b: 0x05060708, c: null });
  assert.match(wide.problems[0]!.message, /^The downlink payload config has a problem: `c` reads byte 8, past the 8-byte downlink frame/);
});

test('status codes: 204 is no downlink; any other non-200 is refused', () => {
  assert.deepEqual(checkDownlinkReply({ status: 204, headers: {}, body: '', deviceId: 'A' }), { valid: true, problems: [], noData: true });
  assert.match(
    onlyError(checkDownlinkReply({ status: 500, headers: {}, body: '', deviceId: 'A' })),
    /HTTP 500: Sigfox counts the delivery as failed/,
  );
  assert.match(onlyError(checkDownlinkReply({ status: 301, headers: {}, body: '', deviceId: 'A' })), /HTTP 301/);
});
