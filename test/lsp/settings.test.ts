import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SERVER_SETTINGS, parseSettings } from '../../server/src/lsp/settings';

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
