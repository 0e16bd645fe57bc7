import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanup, ensureBuilt, run, SEED_GRAMMAR, workspace } from './helpers';

before(ensureBuilt);

const BODY = '{"device":"{device}","temp":{customData#temp},"v":{customData#voltage},"data":"{data}"}';

describe('render', () => {
  test('prints exactly the body Sigfox would send: values inserted, no trailing newline when piped', async () => {
    const dir = workspace({ 'room.sftemplate': BODY, 'devices/seed.sfgrammar': SEED_GRAMMAR });
    try {
      const r = await run(
        ['render', '--template', 'room.sftemplate', '--grammar', 'devices/seed.sfgrammar', '--var', 'device=1A2B3C', '1A2B3C0102'],
        { cwd: dir },
      );
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, '{"device":"1A2B3C","temp":26,"v":258,"data":"1a2b3c0102"}');
      assert.equal(r.stderr, '');
    } finally {
      cleanup(dir);
    }
  });

  test('{data} is always the frame (--var data=... is refused); --var is repeatable and keeps "=" in values', async () => {
    const dir = workspace({ 't.sftemplate': '{device}|{data}|{time}' });
    try {
      const r = await run(['render', '-t', 't.sftemplate', '--var', 'device=a=b', '--var', 'time=1700000000', 'C0'], {
        cwd: dir,
      });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, 'a=b|c0|1700000000');
      assert.equal(r.stderr, '', 'every variable was given: no note');
      const data = await run(['render', '-t', 't.sftemplate', '--var', 'data=FFFF', 'C0'], { cwd: dir });
      assert.equal(data.code, 2);
      assert.match(data.stderr, /\{data\} is always the frame/);
    } finally {
      cleanup(dir);
    }
  });

  test('without --grammar the sibling .sfgrammar is used, as in the editor', async () => {
    const dir = workspace({ 'room.sftemplate': BODY, 'room.sfgrammar': SEED_GRAMMAR });
    try {
      const r = await run(['render', '-t', 'room.sftemplate', '--var', 'device=X', '1A2B'], { cwd: dir });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, '{"device":"X","temp":26,"v":null,"data":"1a2b"}');
      assert.match(r.stderr, /^room\.sfgrammar: warning: `voltage` needs bytes 3-4 but the frame has 2 bytes.* \[SFG102\]$/m);
      assert.match(r.stderr, /^room\.sftemplate:1:\d+: note: .*`\{customData#voltage\}` renders as `null`.* \[SFT104\]$/m);
    } finally {
      cleanup(dir);
    }
  });

  test('a callback definition naming the template gives its payload config and content type', async () => {
    const dir = workspace({
      'cb/room.sfcallback.json': JSON.stringify({
        channel: 'URL',
        callbackType: 0,
        callbackSubtype: 2,
        url: 'https://example.com',
        httpMethod: 'POST',
        contentType: 'application/x-www-form-urlencoded',
        payloadConfigFile: 'g.sfgrammar',
        bodyTemplateFile: 'body.sftemplate',
      }),
      'cb/g.sfgrammar': 'name::char:3\n',
      'cb/body.sftemplate': 'n={customData#name}',
    });
    try {
      const r = await run(['render', '-t', 'cb/body.sftemplate', '414220'], { cwd: dir });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, 'n=AB ');
      assert.match(
        r.stderr,
        /^cb\/body\.sftemplate:1:3: warning: .*a space.*percent-encoding.* \[SFT102\]$/m,
        'form bodies need URL-safe values',
      );
    } finally {
      cleanup(dir);
    }
  });

  test('a value that breaks the JSON: the body is still printed, the problem on stderr, exit 1', async () => {
    const dir = workspace({ 'room.sftemplate': BODY, 'room.sfgrammar': SEED_GRAMMAR });
    try {
      const r = await run(['render', '-t', 'room.sftemplate', '--var', 'device=a"b', '1A2B3C0102'], { cwd: dir });
      assert.equal(r.code, 1);
      assert.equal(r.stdout, '{"device":"a"b","temp":26,"v":258,"data":"1a2b3c0102"}');
      assert.match(r.stderr, /^room\.sftemplate:1:12: error: The value of `\{device\}` .* \[SFT101\]$/m);
    } finally {
      cleanup(dir);
    }
  });

  test('no payload config at all: placeholders stay as written, and stderr says how to give one', async () => {
    const dir = workspace({ 'lonely.sftemplate': 'temp={customData#temp}' });
    try {
      const r = await run(['render', '-t', 'lonely.sftemplate', '01'], { cwd: dir });
      assert.equal(r.code, 0);
      assert.equal(r.stdout, 'temp={customData#temp}');
      assert.match(r.stderr, /\[SFT105\]/);
      assert.match(
        r.stderr,
        /no payload config is associated with this template.*--grammar FILE\.sfgrammar, or put lonely\.sfgrammar beside it/,
      );
    } finally {
      cleanup(dir);
    }
  });

  test('usage and input errors exit 2 with nothing on stdout', async () => {
    const dir = workspace({ 'room.sftemplate': BODY, 'room.sfgrammar': SEED_GRAMMAR, 'bad.sfgrammar': 'a::uint:8 a::uint:8' });
    try {
      const cases: [string[], RegExp][] = [
        [['-t', 'room.sftemplate', '1G'], /frame "1G": not a hex digit: 'G' at position 2/],
        [['-t', 'room.sftemplate'], /render needs the frame to render, in hex/],
        [['-t', 'room.sftemplate', '01', '02'], /render takes one frame, got 2/],
        [['01'], /render needs a template: --template FILE\.sftemplate/],
        [['-t', 'nope.sftemplate', '01'], /nope\.sftemplate: cannot read: no such file or directory/],
        [['-t', 'room.sftemplate', '--var', 'device', '01'], /--var takes name=value, e.g\. --var device=1A2B3C; got "device"/],
        [
          ['-t', 'room.sftemplate', '-g', 'bad.sfgrammar', '01'],
          /bad\.sfgrammar: the payload config has 1 error; fix it first:\nbad\.sfgrammar:1:11: error: .*\[SFG005\]/,
        ],
        [['-t', 'room.sftemplate', '--grammer', 'room.sfgrammar', '01'], /unknown option --grammer \(did you mean --grammar\?\)/],
      ];
      for (const [args, pattern] of cases) {
        const r = await run(['render', ...args], { cwd: dir });
        assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
        assert.equal(r.stdout, '', args.join(' '));
        assert.match(r.stderr, pattern);
      }
    } finally {
      cleanup(dir);
    }
  });

  test('an associated grammar with errors names how it was associated', async () => {
    const dir = workspace({ 'room.sftemplate': BODY, 'room.sfgrammar': 'a::uint:8 a::uint:8' });
    try {
      const r = await run(['render', '-t', 'room.sftemplate', '01'], { cwd: dir });
      assert.equal(r.code, 2);
      assert.match(r.stderr, /room\.sftemplate uses this payload config through its file name; --grammar FILE uses another/);
    } finally {
      cleanup(dir);
    }
  });
});

describe('render: one table of representative values', () => {
  test('without --var: the representative values (the same as send and the preview), said on stderr', async () => {
    const dir = workspace({ 't.sftemplate': '{"device": "{device}", "seq": {seqNumber}, "data": "{data}"}' });
    try {
      const r = await run(['render', '-t', 't.sftemplate', 'C0FFEE'], { cwd: dir });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, '{"device": "1A2B3C", "seq": 42, "data": "c0ffee"}');
      assert.match(r.stderr, /^t\.sftemplate: note: representative values for \{device\}=1A2B3C, \{seqNumber\}=42; give --var/m);
    } finally {
      cleanup(dir);
    }
  });

  test('--strict refuses to render with a variable not given, exit 2', async () => {
    const dir = workspace({ 't.sftemplate': '{device}/{time}/{data}' });
    try {
      const refused = await run(['render', '--strict', '-t', 't.sftemplate', 'C0'], { cwd: dir });
      assert.equal(refused.code, 2);
      assert.equal(refused.stdout, '');
      assert.match(refused.stderr, /--strict: no value given for \{device\}, \{time\}/);
      const given = await run(['render', '--strict', '-t', 't.sftemplate', '--var', 'device=D', '--var', 'time=1', 'C0'], { cwd: dir });
      assert.equal(given.code, 0, given.stderr);
      assert.equal(given.stdout, 'D/1/c0');
    } finally {
      cleanup(dir);
    }
  });
});

describe("render: the template's project, from any directory", () => {
  test('a callback definition naming the template is found from another working directory', async () => {
    const dir = workspace({
      'proj/.vscode/settings.json': '{}',
      'proj/devices/room.sfgrammar': 'temp::uint:8\n',
      'proj/callbacks/room.sftemplate': '{"t": {customData#temp}}',
      'proj/callbacks/room.sfcallback.json': JSON.stringify({
        payloadConfigFile: '../devices/room.sfgrammar',
        bodyTemplateFile: 'room.sftemplate',
      }),
      'elsewhere/.keep': '',
    });
    try {
      const r = await run(['render', '-t', '../proj/callbacks/room.sftemplate', '1A'], { cwd: `${dir}/elsewhere` });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, '{"t": 26}');
    } finally {
      cleanup(dir);
    }
  });
});
