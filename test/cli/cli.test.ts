import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { main } from '../../server/src/cli/main';
import { CLI, cleanup, ensureBuilt, ROOT, run, SEED_GRAMMAR, workspace } from './helpers';

before(ensureBuilt);

describe('the command line itself', () => {
  test('--version prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-v']) {
      const r = await run([flag]);
      assert.equal(r.code, 0);
      assert.equal(r.stdout, `${version}\n`);
    }
  });

  test('--help lists every command; no command is a usage error (exit 2) that still shows the help', async () => {
    const help = await run(['--help']);
    assert.equal(help.code, 0);
    for (const command of ['check', 'decode', 'render', 'build', 'lsp']) assert.match(help.stdout, new RegExp(`^  ${command} `, 'm'));
    const none = await run([]);
    assert.equal(none.code, 2);
    assert.equal(none.stdout, help.stdout);
    const perCommand = await run(['help', 'decode']);
    assert.equal(perCommand.code, 0);
    assert.match(perCommand.stdout, /^Usage: sigfox-callbacks decode/);
  });

  test('an unknown command or option exits 2 with the list of commands and a usage hint', async () => {
    const r = await run(['chek']);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(
      r.stderr,
      'sigfox-callbacks: unknown command "chek"; the commands are check, decode, render, build, send, encode, reply, export, lsp, pull, plan, apply\nRun `sigfox-callbacks --help` for usage.\n',
    );
    const option = await run(['--frobnicate']);
    assert.equal(option.code, 2);
    assert.match(option.stderr, /unknown option --frobnicate/);
  });

  test('every command has its own --help, exit 0, with ${env:NAME} written as users type it', async () => {
    const commands = ['check', 'decode', 'render', 'build', 'send', 'encode', 'reply', 'export', 'lsp', 'pull', 'plan', 'apply'];
    for (const command of commands) {
      const r = await run([command, '--help']);
      assert.equal(r.code, 0, command);
      assert.match(r.stdout, new RegExp(`^Usage: sigfox-callbacks ${command}`), command);
      assert.doesNotMatch(r.stdout, /\\\$/, `${command} --help shows an escaped \\$`);
    }
  });

  test('a closed stdout (| head) ends the command quietly', async () => {
    const dir = workspace({ 'seed.sfgrammar': SEED_GRAMMAR });
    try {
      const child = spawn(process.execPath, [CLI, 'decode', '-g', 'seed.sfgrammar', '-f', 'ndjson'], {
        cwd: dir,
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (b: Buffer) => {
        stderr += b.toString();
      });
      child.stdin.on('error', () => undefined);
      child.stdout.once('data', () => child.stdout.destroy());
      Readable.from(
        (function* () {
          for (let i = 0; i < 300_000; i++) yield '1A2B3C0102\n';
        })(),
      ).pipe(child.stdin);
      const code = await new Promise<number | null>(resolve => child.on('close', resolve));
      assert.equal(code, 0);
      assert.equal(stderr, '');
    } finally {
      cleanup(dir);
    }
  });
});

describe('build', () => {
  test('checks its argument and input before building (exit 2)', async () => {
    const dir = workspace({ 'a.sfcallback.json': '{"channel":"URL"}', 'g.sfgrammar': SEED_GRAMMAR });
    try {
      const none = await run(['build'], { cwd: dir });
      assert.equal(none.code, 2);
      assert.match(none.stderr, /build takes one callback definition/);
      const wrongKind = await run(['build', 'g.sfgrammar'], { cwd: dir });
      assert.equal(wrongKind.code, 2);
      assert.match(wrongKind.stderr, /build takes a callback definition \(\*\.sfcallback\.json\)/);
      const missing = await run(['build', 'nope.sfcallback.json'], { cwd: dir });
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /nope\.sfcallback\.json: cannot read: no such file or directory/);
    } finally {
      cleanup(dir);
    }
  });
});

describe('lsp', () => {
  test('lsp --stdio answers initialize as a language server and exits 0 after shutdown/exit', async () => {
    const dir = workspace({ 'room.sfgrammar': SEED_GRAMMAR });
    try {
      const child = spawn(process.execPath, [CLI, 'lsp', '--stdio'], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
      const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
      connection.listen();
      const result = (await connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: null,
        capabilities: {},
        workspaceFolders: null,
      })) as { capabilities: Record<string, unknown> };
      assert.ok(result.capabilities['textDocumentSync'] !== undefined, JSON.stringify(result));
      assert.ok(result.capabilities['hoverProvider'], 'the server of server/src/lsp, not a stand-in');
      connection.sendNotification('initialized', {});
      await connection.sendRequest('shutdown');
      const closed = new Promise<number | null>(resolve => child.on('close', resolve));
      await connection.sendNotification('exit');
      assert.equal(await closed, 0);
      connection.dispose();
    } finally {
      cleanup(dir);
    }
  });

  test('lsp needs --stdio', async () => {
    const r = await run(['lsp']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /lsp needs a transport: --stdio/);
  });
});

describe('internal errors (in process: no user input reaches this path)', () => {
  const io = (env: NodeJS.ProcessEnv) => {
    const out = new PassThrough(),
      err = new PassThrough();
    let stderr = '';
    err.on('data', (b: Buffer) => {
      stderr += b.toString();
    });
    return { io: { cwd: ROOT, env, stdin: Readable.from([]), stdout: out, stderr: err }, stderr: () => stderr };
  };
  // An environment that fails when the report is formatted: a stand-in for a bug anywhere below main().
  const broken = (debug?: string) =>
    new Proxy(
      {},
      {
        get: (_, key) => {
          if (key === 'SIGFOX_CALLBACKS_DEBUG') return debug;
          throw new TypeError('boom');
        },
      },
    ) as NodeJS.ProcessEnv;

  test('exit 3, a short report that asks for a bug report, no stack trace', async () => {
    const t = io(broken());
    const code = await main(['check', 'test/cli/fixtures'], t.io);
    assert.equal(code, 3);
    assert.match(
      t.stderr(),
      /^sigfox-callbacks: internal error: boom\nThis is a bug in sigfox-callbacks .*SIGFOX_CALLBACKS_DEBUG=1 prints the stack trace/,
    );
    assert.doesNotMatch(t.stderr(), /\n\s+at /);
  });

  test('SIGFOX_CALLBACKS_DEBUG=1 adds the stack trace', async () => {
    const t = io(broken('1'));
    assert.equal(await main(['check', 'test/cli/fixtures'], t.io), 3);
    assert.match(t.stderr(), /internal error: boom\nTypeError: boom\n\s+at /);
  });
});
