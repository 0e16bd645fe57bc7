/**
 * Real-looking callbacks of one device type, for the stand-in in the dry run and the tests: URL
 * with a payload config, a JSON body and an Authorization header, BATCH_URL, EMAIL, and a BIDIR
 * URL callback selected for downlink with a key in its query string.
 */
import type { StandInDeviceType } from './standIn';

export const SAMPLE_DEVICE_TYPE: StandInDeviceType = {
  id: '5f1e2d3c4b5a69788796a5b4',
  name: 'Room sensors',
  downlinkMode: 1,
  callbacks: [
    {
      id: '5730510c7f071f9afd2bb2b1',
      channel: 'URL',
      callbackType: 0,
      callbackSubtype: 2,
      payloadConfig: 'temperature::int:16:little-endian humidity::uint:8',
      enabled: true,
      dead: false,
      downlinkHook: false,
      url: 'https://acme.example.com/sigfox/uplink',
      httpMethod: 'POST',
      sendSni: true,
      headers: { Authorization: 'Bearer dry-run-secret-token', 'X-Source': 'sigfox' },
      bodyTemplate: '{"device":"{device}","time":{time},"temperature":{customData#temperature}}',
      contentType: 'application/json',
    },
    {
      id: '5730510c7f071f9afd2bb2b2',
      channel: 'BATCH_URL',
      callbackType: 0,
      callbackSubtype: 2,
      enabled: true,
      dead: false,
      url: 'https://batch.example.org/ingest',
      httpMethod: 'POST',
      linePattern: '{device};{time};{data}',
      // Undeclared fields the API's example returns for BATCH_URL: tolerated.
      contentType: 'text/plain',
      sendSni: false,
      downlinkHook: false,
    },
    {
      id: '5730510c7f071f9afd2bb2b3',
      channel: 'EMAIL',
      callbackType: 2,
      enabled: false,
      dead: false,
      recipient: 'ops@example.com',
      subject: 'Sigfox error on {device}',
      message: 'Error at {time}: {info}',
    },
    {
      id: '5730510c7f071f9afd2bb2b4',
      channel: 'URL',
      callbackType: 0,
      callbackSubtype: 3,
      enabled: true,
      dead: true,
      downlinkHook: true,
      url: 'https://iot.example.net/downlink?id={device}&time={time}&api_key=dry-run-api-key',
      httpMethod: 'GET',
    },
  ],
};
