/**
 * Regression tests for the security review (issue 15): what a crafted workspace or input can
 * make the CLI write, read, send or print. Special files are made in a temp folder, never /dev.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, createReadStream, lstatSync, mkdtempSync, openSync, writeFileSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt as ensureBundleBuilt } from '../helpers/build';
import { serve } from '../helpers/httpServer';
import { CLI, cleanup, ensureBuilt, ROOT, run, workspace } from './helpers';

before(ensureBuilt);

const DEFINITION = JSON.stringify({
  channel: 'URL',
  callbackType: 0,
  callbackSubtype: 2,
  url: 'https://example.com/up',
  httpMethod: 'POST',
  headers: { Authorization: 'Bearer ${env:TOKEN}' },
  contentType: 'application/json',
  bodyTemplate: '{"d":"{device}"}',
});
const ENV = { TOKEN: 'tok-secret-123' };
const isRoot = process.getuid?.() === 0;
const posix = process.platform !== 'win32';

describe('build --output never replaces a special file', () => {
  test(
    'a device node is written to in place, not replaced (the `-o /dev/null` idiom)',
    { skip: !isRoot && 'mknod needs root' },
    async () => {
      const dir = workspace({ 'a.sfcallback.json': DEFINITION });
      try {
        execFileSync('mknod', [join(dir, 'null'), 'c', '1', '3']);
        const r = await run(['build', 'a.sfcallback.json', '-o', 'null'], { cwd: dir, env: ENV });
        assert.equal(r.code, 0, r.stderr);
        const st = lstatSync(join(dir, 'null'));
        assert.ok(st.isCharacterDevice(), 'still a device node');
        assert.equal(readFileSync(join(dir, 'null'), 'utf8'), '');
      } finally {
        cleanup(dir);
      }
    },
  );

  test('a FIFO gets the build through the pipe and stays a FIFO', { skip: !posix }, async () => {
    const dir = workspace({ 'a.sfcallback.json': DEFINITION });
    try {
      execFileSync('mkfifo', [join(dir, 'pipe')]);
      const chunks: Buffer[] = [];
      const reader = new Promise<void>((resolve, reject) => {
        createReadStream(join(dir, 'pipe'))
          .on('data', (b: Buffer | string) => chunks.push(Buffer.from(b)))
          .on('end', resolve)
          .on('error', reject);
      });
      const r = await run(['build', 'a.sfcallback.json', '-o', 'pipe'], { cwd: dir, env: ENV, timeoutMs: 20_000 });
      await reader;
      assert.equal(r.code, 0, r.stderr);
      assert.ok(lstatSync(join(dir, 'pipe')).isFIFO(), 'still a FIFO');
      assert.equal(JSON.parse(Buffer.concat(chunks).toString('utf8')).url, 'https://example.com/up');
    } finally {
      cleanup(dir);
    }
  });

  test('a symlink stays a link; its target gets the build', { skip: !posix }, async () => {
    const dir = workspace({ 'a.sfcallback.json': DEFINITION, 'real.json': 'old\n' });
    try {
      symlinkSync('real.json', join(dir, 'link.json'));
      const r = await run(['build', 'a.sfcallback.json', '-o', 'link.json'], { cwd: dir, env: ENV });
      assert.equal(r.code, 0, r.stderr);
      assert.ok(lstatSync(join(dir, 'link.json')).isSymbolicLink(), 'the link is kept');
      assert.equal(JSON.parse(readFileSync(join(dir, 'real.json'), 'utf8')).channel, 'URL');
    } finally {
      cleanup(dir);
    }
  });

  test('a dangling symlink and a link to the definition itself are refused', { skip: !posix }, async () => {
    const dir = workspace({ 'a.sfcallback.json': DEFINITION });
    try {
      symlinkSync('nowhere.json', join(dir, 'dangling.json'));
      symlinkSync('a.sfcallback.json', join(dir, 'self.json'));
      const dangling = await run(['build', 'a.sfcallback.json', '-o', 'dangling.json'], { cwd: dir, env: ENV });
      assert.equal(dangling.code, 2);
      assert.match(dangling.stderr, /^sigfox-callbacks: --output dangling\.json: is a symbolic link to a missing file/);
      assert.ok(lstatSync(join(dir, 'dangling.json')).isSymbolicLink());
      const self = await run(['build', 'a.sfcallback.json', '-o', 'self.json'], { cwd: dir, env: ENV });
      assert.equal(self.code, 2);
      assert.equal(readFileSync(join(dir, 'a.sfcallback.json'), 'utf8'), DEFINITION);
    } finally {
      cleanup(dir);
    }
  });

  test('an existing regular file is still replaced atomically, keeping its mode', { skip: !posix }, async () => {
    const dir = workspace({ 'a.sfcallback.json': DEFINITION, 'out.json': 'old\n' });
    try {
      const before = statSync(join(dir, 'out.json'));
      const r = await run(['build', 'a.sfcallback.json', '-o', 'out.json'], { cwd: dir, env: ENV });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(statSync(join(dir, 'out.json')).mode, before.mode);
    } finally {
      cleanup(dir);
    }
  });
});

const SERVER = join(ROOT, 'server', 'out', 'main.js');

function lspFrame(message: object): string {
  const body = JSON.stringify(message);
  return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

/** Spawns a stdio language server, writes `input`, optionally closes stdin; resolves with its exit code and stderr. */
function serverExit(args: string[], input: string, closeStdin: boolean): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.stdout.resume();
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${args.join(' ')} still running 15 s after ${closeStdin ? 'stdin closed' : 'a malformed header'}`));
    }, 15_000);
    child.on('close', code => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
    child.stdin.write(input);
    if (closeStdin) child.stdin.end();
  });
}

describe('the language server over stdio never stays alive but deaf', () => {
  before(() => ensureBundleBuilt(SERVER));
  const initialize = lspFrame({
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { processId: null, rootUri: null, capabilities: {} },
  });
  for (const [name, args] of [
    ['sigfox-callbacks lsp --stdio', [CLI, 'lsp', '--stdio']],
    ['server/out/main.js --stdio', [SERVER, '--stdio']],
  ] as const) {
    test(`${name}: a malformed header ends it with one line on stderr`, async () => {
      const r = await serverExit([...args], `Garbage-Header\r\n\r\n${initialize}`, false);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /malformed message header from the client/);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    });

    test(`${name}: exits when stdin closes after initialize`, async () => {
      const r = await serverExit([...args], `${initialize}${lspFrame({ jsonrpc: '2.0', method: 'initialized', params: {} })}`, true);
      assert.notEqual(r.code, null);
    });
  }
});

describe('a write error on stdout', () => {
  test(
    '(`> /dev/full`, made in a temp folder) exits 2 with one line, no stack trace',
    { skip: !isRoot && 'mknod needs root' },
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'sigfox-full-'));
      try {
        execFileSync('mknod', [join(dir, 'full'), 'c', '1', '7']);
        for (const args of [
          ['--help'],
          ['decode', '--grammar', join(ROOT, 'test', 'examples', 'seed-device', 'seed.sfgrammar'), '--format', 'ndjson'],
        ]) {
          const fd = openSync(join(dir, 'full'), 'w');
          const result = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
            const child = spawn(process.execPath, [CLI, ...args], { stdio: ['pipe', fd, 'pipe'] });
            let stderr = '';
            child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
            child.on('error', reject);
            child.on('close', code => resolve({ code, stderr }));
            child.stdin!.end('0102030405\n'.repeat(1000));
          });
          closeSync(fd);
          assert.equal(result.code, 2, args.join(' '));
          assert.equal(result.stderr, 'sigfox-callbacks: cannot write the output: no space left on device\n', args.join(' '));
        }
      } finally {
        cleanup(dir);
      }
    },
  );
});

describe('output is sanitised for the terminal', () => {
  const ESC = '\x1b';
  test('a newline and ESC in a file name are escaped in gnu, github and stylish; no injected line', { skip: !posix }, async () => {
    const name = `evil\nx.sfgrammar:1:1: error: injected [SFG001]\n${ESC}]0;pwned\x07.sfgrammar`;
    const dir = workspace({ [name]: 'temp::uint:8 temp::uint:8\n' });
    try {
      for (const format of ['gnu', 'github', 'stylish']) {
        const r = await run(['check', '--format', format], { cwd: dir });
        assert.equal(r.code, 1, `${format}: ${r.stderr}`);
        assert.ok(!r.stdout.includes(ESC), `${format}: raw ESC in ${JSON.stringify(r.stdout)}`);
        assert.doesNotMatch(r.stdout, /^x\.sfgrammar:1:1: error: injected/m, format);
        const escapedName = format === 'github' ? 'evil%0Ax.sfgrammar' : 'evil\\nx.sfgrammar';
        assert.ok(r.stdout.includes(escapedName), `${format}: ${JSON.stringify(r.stdout)}`);
      }
    } finally {
      cleanup(dir);
    }
  });

  test('ESC sequences and CR in error messages, frame values and messages are escaped', async () => {
    const dir = workspace({ 'c.sfgrammar': 'name::char:3\n' });
    try {
      const table = await run(['decode', '--grammar', 'c.sfgrammar', '--format', 'table', '1b5b32'], { cwd: dir });
      assert.equal(table.code, 0, table.stderr);
      assert.ok(!table.stdout.includes(ESC), JSON.stringify(table.stdout));
      const missing = await run(['decode', '--grammar', `nope${ESC}[2J\r.sfgrammar`, '00'], { cwd: dir });
      assert.equal(missing.code, 2);
      assert.ok(!missing.stderr.includes(ESC) && !missing.stderr.includes('\r'), JSON.stringify(missing.stderr));
      assert.match(missing.stderr, /nope\\x1b\[2J\\r\.sfgrammar/);
      const stdinLine = await run(['decode', '--grammar', 'c.sfgrammar'], { cwd: dir, input: `zz${ESC}[2J\n` });
      assert.equal(stdinLine.code, 2);
      assert.ok(!stdinLine.stderr.includes(ESC), JSON.stringify(stdinLine.stderr));
    } finally {
      cleanup(dir);
    }
  });
});

describe('send: header values and header names', () => {
  const withHeaders = (headers: Record<string, string>): string =>
    JSON.stringify({
      channel: 'URL',
      callbackType: 0,
      callbackSubtype: 2,
      url: 'https://example.com/up',
      httpMethod: 'POST',
      headers,
      bodyTemplate: 'x',
    });

  test('a CR/LF or non-Latin-1 character in a header value is a clear error (exit 2), not an internal error', async () => {
    const server = await serve((_req, res) => res.end('ok'));
    const dir = workspace({ 'a.sfcallback.json': withHeaders({ 'X-Device': '{device}', 'X-Env': '${env:HDR}' }) });
    try {
      for (const [vars, env] of [
        [['--var', 'device=a\r\nX-Injected: 1'], { HDR: 'ok' }],
        [['--var', 'device=caf\u20ac'], { HDR: 'ok' }],
        [['--var', 'device=ok'], { HDR: 'line\nbreak' }],
      ] as const) {
        const r = await run(['send', 'a.sfcallback.json', '--hex', '01', '--url', server.url, ...vars], { cwd: dir, env });
        assert.equal(r.code, 2, r.stderr);
        assert.match(r.stderr, /^sigfox-callbacks: a\.sfcallback\.json: not sent: The header "X-(Device|Env)" would hold /);
        assert.doesNotMatch(r.stderr, /internal error/);
        assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      }
      assert.equal(server.requests.length, 0, 'nothing sent');
    } finally {
      cleanup(dir);
      await server.close();
    }
  });

  test('a `__proto__` header is sent and shown, not silently dropped', async () => {
    const server = await serve((_req, res) => res.end('ok'));
    // Written as text: in an object literal `__proto__` would set the prototype.
    const dir = workspace({ 'a.sfcallback.json': withHeaders({ 'X-Other': 'o' }).replace('"X-Other"', '"__proto__":"p-value","X-Other"') });
    try {
      const r = await run(['send', 'a.sfcallback.json', '--hex', '01', '--url', server.url, '-f', 'json'], { cwd: dir });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(server.requests.length, 1); // (Node's server drops `__proto__` from req.headers; the report shows what was sent)
      assert.equal((JSON.parse(r.stdout) as { request: { headers: Record<string, string> } }).request.headers['__proto__'], 'p-value');
    } finally {
      cleanup(dir);
      await server.close();
    }
  });
});

describe('input edge cases', () => {
  test('a UTF-8 BOM on stdin is not part of the first frame', async () => {
    const dir = workspace({ 'c.sfgrammar': 'a::uint:8\n' });
    try {
      const r = await run(['decode', '--grammar', 'c.sfgrammar', '--format', 'ndjson'], { cwd: dir, input: '\uFEFF2A\n2B\n' });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout.trim().split('\n').length, 2);
      assert.match(r.stdout, /"a":42/);
    } finally {
      cleanup(dir);
    }
  });

  test('a repeated option is an error, not silently the last value; --var may repeat', async () => {
    const dir = workspace({ 'c.sfgrammar': 'a::uint:8\n' });
    try {
      const r = await run(['decode', '--grammar', 'c.sfgrammar', '--format', 'json', '--format', 'table', '2A'], { cwd: dir });
      assert.equal(r.code, 2);
      assert.match(r.stderr, /^sigfox-callbacks: option --format is given more than once; give it once\n/);
      const grammar = await run(['decode', '-g', 'c.sfgrammar', '--grammar', 'c.sfgrammar', '2A'], { cwd: dir });
      assert.equal(grammar.code, 2);
    } finally {
      cleanup(dir);
    }
  });
});

describe('files a definition names stay inside the project', () => {
  const SECRET_TEXT = 'root:SECRET-SHADOW-LINE';
  const definitionNaming = (path: string): string =>
    JSON.stringify({
      channel: 'URL',
      callbackType: 0,
      callbackSubtype: 2,
      url: 'https://example.com/up',
      httpMethod: 'POST',
      bodyTemplateFile: path,
    });

  for (const [name, path] of [
    ['../', '../outside/secret.sftemplate'],
    ['an absolute path', '<abs>'],
    ['a symlink out of the project', 'link.sftemplate'],
    ['a UNC path', '//evil.example/share/x.sftemplate'],
    ['a backslash UNC path', '\\\\evil.example\\share\\x.sftemplate'],
  ] as const) {
    test(`${name}: SFC036 in check, build and send refuse, the content is never shown or sent`, { skip: !posix }, async () => {
      const root = mkdtempSync(join(tmpdir(), 'sigfox-contain-'));
      const outside = join(root, 'outside', 'secret.sftemplate');
      const project = join(root, 'project');
      const server = await serve((_req, res) => res.end('ok'));
      try {
        execFileSync('mkdir', ['-p', join(root, 'outside'), project]);
        writeFileSync(outside, SECRET_TEXT);
        symlinkSync(outside, join(project, 'link.sftemplate'));
        writeFileSync(join(project, 'a.sfcallback.json'), definitionNaming(path === '<abs>' ? outside : path));
        const check = await run(['check', 'a.sfcallback.json'], { cwd: project });
        assert.equal(check.code, 1, check.stderr);
        assert.match(check.stdout, /SFC036/);
        // The whole tree walked first (a walked symlink is still resolved, never taken as a plain file).
        const tree = await run(['check', '.'], { cwd: project });
        assert.equal(tree.code, 1, tree.stderr);
        assert.match(tree.stdout, /a\.sfcallback\.json[\s\S]*SFC036/);
        const build = await run(['build', 'a.sfcallback.json'], { cwd: project });
        assert.equal(build.code, 1);
        assert.match(build.stderr, /SFC036/);
        const send = await run(['send', 'a.sfcallback.json', '--hex', '01', '--url', server.url], { cwd: project });
        assert.notEqual(send.code, 0);
        assert.equal(server.requests.length, 0, 'nothing sent');
        for (const r of [check, tree, build, send]) assert.ok(!`${r.stdout}${r.stderr}`.includes('SECRET-SHADOW'), 'content never shown');
      } finally {
        cleanup(root);
        await server.close();
      }
    });
  }

  test('a symlink that stays inside the project is fine', { skip: !posix }, async () => {
    const dir = workspace({ 'bodies/real.sftemplate': 'x', 'a.sfcallback.json': definitionNaming('link.sftemplate') });
    try {
      symlinkSync(join(dir, 'bodies', 'real.sftemplate'), join(dir, 'link.sftemplate'));
      const check = await run(['check', 'a.sfcallback.json'], { cwd: dir });
      assert.doesNotMatch(check.stdout, /SFC036|SFC018/);
    } finally {
      cleanup(dir);
    }
  });
});

describe('one URL reading for checking, reporting and sending', () => {
  const withUrl = (url: string): string =>
    JSON.stringify({
      channel: 'URL',
      callbackType: 0,
      callbackSubtype: 2,
      url,
      httpMethod: 'GET',
      headers: { Authorization: 'Bearer ${env:TOKEN}' },
    });

  test('a backslash that would send the credentials to another host is an error; nothing is sent', async () => {
    const server = await serve((_req, res) => res.end('ok'));
    const dir = workspace({ 'a.sfcallback.json': withUrl('http://127.0.0.1\\@api.company.example/api') });
    try {
      const check = await run(['check', 'a.sfcallback.json', '--format', 'gnu'], { cwd: dir });
      assert.equal(check.code, 1);
      assert.match(check.stdout, /backslash.*\[SFC025\]/);
      const send = await run(['send', 'a.sfcallback.json', '--hex', '01'], { cwd: dir, env: ENV });
      assert.equal(send.code, 2);
      assert.equal(server.requests.length, 0);
    } finally {
      cleanup(dir);
      await server.close();
    }
  });

  test('a URL with two `@` in its authority is an error', async () => {
    const dir = workspace({ 'a.sfcallback.json': withUrl('http://a@evil.example@api.example/x') });
    try {
      const check = await run(['check', 'a.sfcallback.json', '--format', 'gnu'], { cwd: dir });
      assert.equal(check.code, 1);
      assert.match(check.stdout, /more than one `@`.*\[SFC025\]/);
    } finally {
      cleanup(dir);
    }
  });
});

describe('secrets are masked where they were substituted, and the names sent are listed', () => {
  test('a one-letter secret masks its own place only, not every `a` (TOK=a)', async () => {
    const server = await serve((req, res) => res.end(`echo ${req.headers['x-key'] ?? ''} application`));
    const dir = workspace({
      'a.sfcallback.json': JSON.stringify({
        channel: 'URL',
        callbackType: 0,
        callbackSubtype: 2,
        url: 'https://example.com/up',
        httpMethod: 'POST',
        headers: { 'X-Key': '${env:TOK}' },
        contentType: 'application/json',
        bodyTemplate: '{"a":"a"}',
      }),
    });
    try {
      const r = await run(['send', 'a.sfcallback.json', '--hex', '01', '--url', server.url], { cwd: dir, env: { TOK: 'a' } });
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /> X-Key: \*\*\*\*\n/);
      assert.match(r.stdout, /> Content-Type: application\/json\n/);
      assert.match(r.stdout, /\{"a":"a"\}/);
      assert.match(r.stdout, /echo \*\*\*\* application/);
      assert.match(r.stdout, /environment variables sent: TOK\n/);
    } finally {
      cleanup(dir);
      await server.close();
    }
  });

  test('values the URL parser rewrites are masked too (a quote sent as %27, an upper-case value in the host)', async () => {
    const server = await serve((_req, res) => res.end('ok'));
    const dir = workspace({
      'a.sfcallback.json': JSON.stringify({
        channel: 'URL',
        callbackType: 0,
        callbackSubtype: 2,
        url: 'http://${env:SUB}.localhost/up?k=${env:KEY}',
        httpMethod: 'GET',
      }),
    });
    try {
      const r = await run(['send', 'a.sfcallback.json', '--hex', '01', '--url', server.url, '-f', 'json'], {
        cwd: dir,
        env: { SUB: 'SeCrEtHoSt', KEY: "it's-secret" },
      });
      const out = JSON.parse(r.stdout) as { request: { url: string; environmentVariables: string[] } };
      assert.doesNotMatch(r.stdout, /secrethost|it%27s-secret|it's-secret/i);
      assert.match(out.request.url, /\?k=\*\*\*\*$/);
      assert.deepEqual(out.request.environmentVariables, ['KEY', 'SUB']);
    } finally {
      cleanup(dir);
      await server.close();
    }
  });
});

describe("a file that cannot be read is that file's error", () => {
  test('a NUL byte in one file: every other file is still checked and reported, then exit 2', async () => {
    const dir = workspace({
      'bad.sfgrammar': Buffer.from([0x61, 0x00, 0x62]),
      'latin1.sftemplate': Buffer.from([0x7b, 0xe9, 0x7d]),
      'dup.sfgrammar': 't::uint:8 t::uint:8\n',
    });
    try {
      const r = await run(['check', '--format', 'gnu'], { cwd: dir });
      assert.equal(r.code, 2);
      assert.match(r.stdout, /^dup\.sfgrammar:1:\d+: error: .*\[SFG005\]$/m);
      assert.match(r.stderr, /bad\.sfgrammar: looks like a binary file/);
      assert.match(r.stderr, /latin1\.sftemplate: not valid UTF-8/);
      assert.match(r.stderr, /2 files could not be read \(listed above\); the others were checked\n$/);
    } finally {
      cleanup(dir);
    }
  });
});
