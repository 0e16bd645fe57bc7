import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SERVER_SETTINGS, parseSettings } from '../../server/src/lsp/settings';
import { NUMERIC_SETTINGS, numericSettingProblem } from '../../server/src/core/workspace';

describe('settings from the client', () => {
  it('reads the keys as VS Code nests them, or flat', () => {
    const nested = parseSettings({
      validate: { enable: false },
      maxUplinkBytes: 8,
      format: { style: 'oneLine' },
      diagnostics: { delayMs: 50 },
      associations: [{ template: 'a/*.sftemplate', grammar: 'a.sfgrammar', type: 'SERVICE', subtype: 6 }],
    });
    assert.deepEqual(nested, {
      core: {
        validateEnable: false,
        maxUplinkBytes: 8,
        formatStyle: 'oneLine',
        associations: [{ template: 'a/*.sftemplate', grammar: 'a.sfgrammar', type: 'SERVICE', subtype: 6 }],
        rules: {},
      },
      diagnosticsDelayMs: 50,
      settingProblems: [],
    });
    assert.deepEqual(parseSettings({ 'validate.enable': false, 'format.style': 'oneLine' }).core.formatStyle, 'oneLine');
  });

  it('falls back to the default for anything of the wrong type', () => {
    assert.deepEqual(
      parseSettings({
        validate: { enable: 'no' },
        maxUplinkBytes: -1,
        format: { style: 'pretty' },
        diagnostics: { delayMs: '9' },
        associations: [{ grammar: 'no-template' }, 'x'],
      }),
      { ...DEFAULT_SERVER_SETTINGS, core: { ...DEFAULT_SERVER_SETTINGS.core, associations: [] } },
    );
    assert.equal(parseSettings(null), DEFAULT_SERVER_SETTINGS);
  });

  it("holds a workspace setting to the CLI's bounds (1,000,000 uplink bytes froze completion, 20,000,000 killed the server)", () => {
    for (const bad of [0, 256, 1_000_000, 20_000_000, 1.5, Infinity])
      assert.equal(parseSettings({ maxUplinkBytes: bad }).core.maxUplinkBytes, 12, String(bad));
    assert.equal(parseSettings({ maxUplinkBytes: 255 }).core.maxUplinkBytes, 255);
    assert.equal(parseSettings({ diagnostics: { delayMs: 1e9 } }).diagnosticsDelayMs, 200);
    assert.equal(parseSettings({ diagnostics: { delayMs: 5000 } }).diagnosticsDelayMs, 5000);
    assert.match(numericSettingProblem('maxUplinkBytes', 256)!, /from 1 to 255/);
  });

  it('package.json declares the same bounds as the shared table', () => {
    const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
      contributes: { configuration: { properties: Record<string, { minimum?: number; maximum?: number; default?: unknown }> } };
    };
    for (const [key, bounds] of Object.entries(NUMERIC_SETTINGS)) {
      const declared = manifest.contributes.configuration.properties[`sigfox.${key}`]!;
      assert.deepEqual([declared.minimum, declared.maximum, declared.default], [bounds.min, bounds.max, bounds.default], key);
    }
  });

  it('reads sigfox.rules: valid entries kept (codes in any case), each bad one explained', () => {
    const parsed = parseSettings({ rules: { sft005: 'off', SFG016: 'error', SFG01: 'off', SFT008: 'loud' } });
    assert.deepEqual(parsed.core.rules, { SFT005: 'off', SFG016: 'error' });
    assert.equal(parsed.settingProblems.length, 2);
    assert.match(parsed.settingProblems[0]!, /"SFG01" is not a diagnostic code \(did you mean .*SFG010/);
    assert.match(parsed.settingProblems[1]!, /"SFT008" must be "off", "info", "warning" or "error", not "loud"/);
    assert.deepEqual(parseSettings({ rules: 'off' }).settingProblems, [
      '"sigfox.rules" must be an object of diagnostic code to level, e.g. { "SFT005": "off" }',
    ]);
  });
});
