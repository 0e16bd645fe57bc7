import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderTemplate } from '../../server/src/core/template/render';
import { validateTemplate } from '../../server/src/core/template/validate';
import { CALLBACK_TYPES, variablesFor, type CallbackSubtypeName, type CallbackTypeName } from '../../server/src/core/template/variables';
import { createLanguageService } from '../../server/src/core/languageService';
import { MemoryHost } from './helpers/features';

const ack = { type: 'SERVICE', subtype: 'ACKNOWLEDGE' } as const;

/** Which way a message pushes the quotes around its placeholder, if any. */
function quoteAdvice(message: string): 'remove' | 'keep' | undefined {
  if (/remove the quotes/i.test(message)) return 'remove';
  if (/in quotes|breaks (an unquoted|a) JSON number/i.test(message)) return 'keep';
  return undefined;
}

describe('consistent advice on one placeholder', () => {
  it('quoted {avgSnr}: no "remove the quotes" next to "it can render N/A"', () => {
    const problems = validateTemplate('{"snr": "{avgSnr}"}');
    assert.deepEqual(
      problems.map(p => p.code),
      ['SFT005'],
    );
    assert.match(problems[0]!.message, /keep it in quotes/);
  });

  it('no two diagnostics on one placeholder push its quotes both ways, for any variable of any kind', () => {
    for (const info of CALLBACK_TYPES) {
      const type: CallbackTypeName = info.name;
      const subtypes: (CallbackSubtypeName | undefined)[] = info.subtypes.map(s => s.name);
      for (const subtype of subtypes.length > 0 ? subtypes : [undefined]) {
        for (const variable of variablesFor(type, subtype)) {
          for (const body of [`{"v": "{${variable.name}}"}`, `{"v": {${variable.name}}}`]) {
            const advice = new Set(
              validateTemplate(body, { type, ...(subtype ? { subtype } : {}) })
                .map(p => quoteAdvice(p.message))
                .filter(a => a !== undefined),
            );
            assert.ok(advice.size <= 1, `${type}/${subtype ?? ''} ${body}: contradicting advice`);
          }
        }
      }
    }
  });
});

describe('SFT102: values that need URL encoding', () => {
  it('the editor warns on a free-text variable in a URL, not on hexadecimal ids', () => {
    const problems = validateTemplate('https://example.com/ack?dev={device}&msg={infoMessage}', { ...ack, medium: 'url' });
    assert.deepEqual(
      problems.map(p => p.code),
      ['SFT102'],
    );
    assert.match(problems[0]!.message, /\{infoMessage\}.*"No answer"/);
    assert.deepEqual(validateTemplate('{"msg": "{infoMessage}"}', ack), [], 'a JSON body needs no URL encoding');
    assert.equal(
      validateTemplate('msg={infoMessage}', { ...ack, contentType: 'application/x-www-form-urlencoded' })[0]?.code,
      'SFT102',
      'a form body is a query string too',
    );
  });

  it('in a callback definition URL, through the language service', () => {
    const host = new MemoryHost({
      'ack.sfcallback.json': JSON.stringify({
        channel: 'URL',
        callbackType: 1,
        callbackSubtype: 4,
        url: 'https://example.com/ack?msg={infoMessage}',
        httpMethod: 'GET',
      }),
    });
    const service = createLanguageService(host);
    const codes = service.doValidation(host.document('ack.sfcallback.json')).map(d => d.code);
    assert.ok(codes.includes('SFT102'), codes.join(','));
  });

  it('render (and so send and the preview) warns even when the sample value happens to be safe', () => {
    const url = renderTemplate('https://example.com/ack?msg={infoMessage}', { medium: 'url', variables: { infoMessage: 'ACKED' } });
    assert.deepEqual(
      url.problems.map(p => p.code),
      ['SFT102'],
    );
    assert.match(url.problems[0]!.message, /can hold/);
    const spaced = renderTemplate('https://example.com/ack?msg={infoMessage}', { medium: 'url', variables: { infoMessage: 'No answer' } });
    assert.match(spaced.problems[0]!.message, /contains a space/);
    assert.deepEqual(renderTemplate('https://example.com/{device}', { medium: 'url', variables: { device: '1A2B' } }).problems, []);
  });
});

describe('{lqi} in DATA callbacks', () => {
  it('is accepted with an information note, not an error', () => {
    for (const subtype of ['UPLINK', 'BIDIR'] as const) {
      const problems = validateTemplate('{"lqi": "{lqi}"}', { type: 'DATA', subtype });
      assert.deepEqual(
        problems.map(p => p.code),
        ['SFT013'],
      );
      assert.match(problems[0]!.message, /replacement of \{snr\}/);
    }
    assert.deepEqual(validateTemplate('{"lqi": "{lqi}"}', { type: 'SERVICE', subtype: 'DATA_ADVANCED' }), []);
  });
});
