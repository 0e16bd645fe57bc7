/**
 * The preview's layout in a real browser engine (headless Chromium, as the e2e suite uses): in a
 * side panel about 500 px wide, with long field names, the value column stays in view. Skipped
 * when no Chromium is installed (set CHROMIUM to its path).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { buildShellHtml } from '../../client/src/preview/html';
import { buildPreviewModel } from '../../client/src/preview/model';
import type { DecodedFieldInfo } from '../../server/src/protocol';

const CHROMIUM = process.env['CHROMIUM'] ?? '/usr/bin/chromium';
const ORIGIN = 'https://webview.test';
const MEDIA = join(__dirname, '..', '..', 'client', 'media');

function field(name: string, type: string, value: number, byte: number, bit: number, bitLength: number): DecodedFieldInfo {
  const lastByte = byte + Math.floor((7 - bit + bitLength - 1) / 8);
  return {
    name,
    type,
    value: { kind: 'number', value },
    rendered: String(value),
    byte,
    bit,
    bitLength,
    lastByte,
    rawBits: '0'.repeat(bitLength),
  };
}

const MODEL = buildPreviewModel({
  version: 1,
  grammarLabel: 'devices/environmental-monitor.sfgrammar',
  decode: {
    frameHex: '1A2B3C0E741A2B3C0E741A2B',
    warnings: [],
    fields: [
      field('temperatureCelsiusTimes100', 'int:16:little-endian', -12345, 0, 7, 16),
      field('relativeHumidityPercent', 'uint:8', 43, 2, 7, 8),
      field('batteryVoltageMillivolts', 'uint:16', 3700, 3, 7, 16),
      field('alarmFlag', 'bool', 1, 5, 3, 1),
      field('counterOfMessagesSinceBoot', 'uint:32', 4000000000, 6, 7, 32),
    ],
  },
  noTemplateNote: 'No body template.',
});

describe('preview layout in a narrow side panel', { skip: existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM}` }, () => {
  let browser: Browser;

  before(async () => {
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  });

  after(async () => {
    await browser?.close();
  });

  for (const width of [500, 400]) {
    it(`keeps every value in view at ${width} px`, async () => {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      try {
        const html = buildShellHtml({
          cspSource: ORIGIN,
          nonce: 'test',
          scriptUri: `${ORIGIN}/preview.js`,
          styleUri: `${ORIGIN}/preview.css`,
        });
        await page.route(`${ORIGIN}/**`, route => {
          const name = new URL(route.request().url()).pathname.slice(1);
          if (name === '') return route.fulfill({ contentType: 'text/html', body: html });
          const type = name.endsWith('.css') ? 'text/css' : 'text/javascript';
          return route.fulfill({ contentType: type, body: readFileSync(join(MEDIA, name)) });
        });
        // The webview's host API, with the model as the saved state it shows at once.
        // As a string: a function would be serialised with the test runner's compiled helpers.
        await page.addInitScript(
          `window.acquireVsCodeApi = () => ({ postMessage() {}, setState() {}, getState: () => ({ model: ${JSON.stringify(MODEL)} }) });`,
        );
        await page.goto(`${ORIGIN}/`);
        await page.waitForSelector('#fields tbody tr');
        // The text's own boxes: one per line it takes.
        const cells = (await page.evaluate(`[...document.querySelectorAll('#fields td.value')].map(td => {
          const range = document.createRange();
          range.selectNodeContents(td);
          const rect = range.getBoundingClientRect();
          return { text: td.textContent, left: rect.left, right: rect.right, lines: range.getClientRects().length };
        })`)) as { text: string; left: number; right: number; lines: number }[];
        assert.equal(cells.length, 5);
        for (const cell of cells) {
          assert.ok(cell.right <= width && cell.left >= 0, `${cell.text} at ${cell.left}-${cell.right} is out of a ${width} px panel`);
          assert.equal(cell.lines, 1, `${cell.text} is read whole, on one line`);
        }
      } finally {
        await page.close();
      }
    });
  }
});
