/**
 * The CLI on hostile file systems and inputs, beyond what check.test.ts covers (missing paths,
 * empty directories, binary, non-UTF-8 and 10 MB files, unknown options, walked symlink loops):
 * FIFOs and devices (nothing may hang), symlink loops and dangling links named explicitly,
 * /proc files, permission errors (real ones: as root, the CLI runs as `nobody`), and inputs that
 * once crashed the core (exit 3). Every one exits 2 (or 1 for problems found in a file) with one
 * clear line and no stack trace, never 3.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { checkedPaths, CLI, cleanup, ensureBuilt, run, SEED_GRAMMAR, workspace, type RunResult } from './helpers';

before(ensureBuilt);

/** A FIFO nobody writes to: reading it blocks for ever. */
function mkfifo(path: string): void {
  execFileSync('mkfifo', [path]);
}

const NOT_REGULAR = 'not a regular file (a FIFO, socket or device); sigfox-callbacks reads regular files only';

/** One line on stderr, no stack trace, nothing on stdout, exit 2. */
function assertInputError(r: RunResult, pattern: RegExp, what: string): void {
  assert.equal(r.code, 2, `${what}: exit ${r.code}\n${r.stdout}${r.stderr}`);
  assert.equal(r.stdout, '', `${what}: nothing half-written`);
  assert.match(r.stderr, pattern, what);
  assert.doesNotMatch(r.stderr, /\n\s+at |internal error/, `${what}: no stack trace, no internal error`);
}

const URL_DEFINITION = (extra: Record<string, unknown>): string =>
  JSON.stringify({
    channel: 'URL',
    callbackType: 0,
    callbackSubtype: 2,
    url: 'https://example.com/up',
    httpMethod: 'POST',
    contentType: 'application/json',
    ...extra,
  });

describe('FIFOs and devices never hang the CLI', () => {
  test('named explicitly: check, decode, render, build, send --dotenv, .vscode/settings.json', async () => {
    const dir = workspace({ 'ok.sfgrammar': SEED_GRAMMAR, 'ok.sfcallback.json': URL_DEFINITION({ payloadConfigFile: 'ok.sfgrammar' }) });
    try {
      for (const name of ['fifo.sfgrammar', 'fifo.sftemplate', 'fifo.sfcallback.json', 'fifo.env']) mkfifo(join(dir, name));
      symlinkSync('/dev/zero', join(dir, 'zero.sfgrammar'));
      const cases: [string[], string][] = [
        [['check', 'fifo.sfgrammar'], 'fifo.sfgrammar'],
        [['check', 'zero.sfgrammar'], 'zero.sfgrammar'],
        [['decode', '--grammar', 'fifo.sfgrammar', '01'], 'fifo.sfgrammar'],
        [['decode', '--grammar', 'zero.sfgrammar', '01'], 'zero.sfgrammar'],
        [['render', '--template', 'fifo.sftemplate', '01'], 'fifo.sftemplate'],
        [['build', 'fifo.sfcallback.json'], 'fifo.sfcallback.json'],
        [['send', 'ok.sfcallback.json', '--hex', '01', '--dotenv', 'fifo.env'], 'fifo.env'],
      ];
      for (const [args, shown] of cases) {
        assertInputError(
          await run(args, { cwd: dir, timeoutMs: 20_000 }),
          new RegExp(`^sigfox-callbacks: ${shown.replace(/\./g, '\\.')}: ${NOT_REGULAR.replace(/[()]/g, '\\$&')}\\n$`),
          args.join(' '),
        );
      }
      mkdirSync(join(dir, '.vscode'));
      mkfifo(join(dir, '.vscode', 'settings.json'));
      assertInputError(
        await run(['check', 'ok.sfgrammar'], { cwd: dir, timeoutMs: 20_000 }),
        /\.vscode\/settings\.json: not a regular file/,
        'settings.json',
      );
    } finally {
      cleanup(dir);
    }
  });

  test('met while walking: FIFOs, a FIFO .gitignore and a link to a device are skipped', async () => {
    const dir = workspace({ 'a.sfgrammar': 'a::uint:8 a::uint:8\n', 'sub/b.sfgrammar': SEED_GRAMMAR });
    try {
      mkfifo(join(dir, 'fifo.sfgrammar'));
      mkfifo(join(dir, 'sub', '.gitignore'));
      symlinkSync('/dev/zero', join(dir, 'sub', 'zero.sftemplate'));
      const r = await run(['check', '-f', 'json'], { cwd: dir, timeoutMs: 20_000 });
      assert.equal(r.code, 1, r.stderr);
      assert.deepEqual(checkedPaths(r.stdout), ['a.sfgrammar', 'sub/b.sfgrammar']);
    } finally {
      cleanup(dir);
    }
  });

  test('named by a callback definition: a FIFO cannot be read (SFC018), /dev/zero is outside the project (SFC036), exit 1', async () => {
    const dir = workspace({ 'd.sfcallback.json': URL_DEFINITION({ payloadConfigFile: '/dev/zero', bodyTemplateFile: 'fifo.sftemplate' }) });
    try {
      mkfifo(join(dir, 'fifo.sftemplate'));
      for (const command of ['check', 'build']) {
        const r = await run([command, 'd.sfcallback.json'], { cwd: dir, timeoutMs: 20_000 });
        assert.equal(r.code, 1, `${command}: ${r.stderr}`);
        assert.equal((`${r.stdout}${r.stderr}`.match(/SFC018/g) ?? []).length, 1, r.stdout + r.stderr);
        assert.equal((`${r.stdout}${r.stderr}`.match(/SFC036/g) ?? []).length, 1, r.stdout + r.stderr);
      }
    } finally {
      cleanup(dir);
    }
  });

  test('a Unix socket, named explicitly or by a definition, is not a regular file and is never opened', async () => {
    const dir = workspace({ 'd.sfcallback.json': URL_DEFINITION({ bodyTemplateFile: 'sock.sftemplate' }) });
    const servers = ['sock.sftemplate', 'sock.sfgrammar'].map(name => createServer().listen(join(dir, name)));
    try {
      await Promise.all(servers.map(server => new Promise(resolve => server.once('listening', resolve))));
      assertInputError(
        await run(['check', 'sock.sfgrammar'], { cwd: dir, timeoutMs: 20_000 }),
        new RegExp(`^sigfox-callbacks: sock\\.sfgrammar: ${NOT_REGULAR.replace(/[()]/g, '\\$&')}\\n$`),
        'check sock.sfgrammar',
      );
      const r = await run(['check', 'd.sfcallback.json'], { cwd: dir, timeoutMs: 20_000 });
      assert.equal(r.code, 1, r.stderr);
      assert.equal((`${r.stdout}${r.stderr}`.match(/SFC018/g) ?? []).length, 1, r.stdout + r.stderr);
    } finally {
      await Promise.all(servers.map(server => new Promise(resolve => server.close(resolve))));
      cleanup(dir);
    }
  });
});

describe('symlinks and special paths named explicitly', () => {
  test('a symlink loop, a dangling symlink, a path through a file, a directory named like a file', async () => {
    const dir = workspace({ 'a.sfgrammar': SEED_GRAMMAR, 'dir.sfgrammar/readme.txt': 'x' });
    try {
      symlinkSync('loop.sfgrammar', join(dir, 'loop.sfgrammar'));
      symlinkSync('nowhere.sfgrammar', join(dir, 'dangling.sfgrammar'));
      assertInputError(
        await run(['check', 'loop.sfgrammar'], { cwd: dir }),
        /^sigfox-callbacks: loop\.sfgrammar: cannot read: too many levels of symbolic links \(a symlink loop\?\)\n$/,
        'check loop',
      );
      assertInputError(
        await run(['decode', '--grammar', 'loop.sfgrammar', '01'], { cwd: dir }),
        /^sigfox-callbacks: loop\.sfgrammar: cannot read: too many levels of symbolic links/,
        'decode loop',
      );
      assertInputError(
        await run(['check', 'dangling.sfgrammar'], { cwd: dir }),
        /^sigfox-callbacks: dangling\.sfgrammar: no such file or directory\n$/,
        'check dangling',
      );
      assertInputError(
        await run(['render', '--template', 'dangling.sfgrammar', '01'], { cwd: dir }),
        /^sigfox-callbacks: dangling\.sfgrammar: cannot read: no such file or directory\n$/,
        'render dangling',
      );
      assertInputError(
        await run(['check', 'a.sfgrammar/b.sfgrammar'], { cwd: dir }),
        /^sigfox-callbacks: a\.sfgrammar\/b\.sfgrammar: no such file or directory\n$/,
        'through a file',
      );
      assertInputError(
        await run(['decode', '--grammar', 'dir.sfgrammar', '01'], { cwd: dir }),
        /^sigfox-callbacks: dir\.sfgrammar: is a directory, expected a file\n$/,
        'a directory',
      );
    } finally {
      cleanup(dir);
    }
  });

  test('/proc files: one that cannot be read is an I/O error, one that can is just a bad payload config', async () => {
    assertInputError(
      await run(['decode', '--grammar', '/proc/self/mem', '01'], { cwd: '/' }),
      /^sigfox-callbacks: proc\/self\/mem: cannot read: input\/output error\n$/,
      '/proc/self/mem',
    );
    const status = await run(['decode', '--grammar', '/proc/self/status', '01'], { cwd: '/' });
    assert.equal(status.code, 2);
    assert.match(status.stderr, /^sigfox-callbacks: proc\/self\/status: the payload config has \d+ errors; fix them first:\n/);
    assert.doesNotMatch(status.stderr, /\n\s+at |internal error/);
  });
});

/** Runs the CLI as `nobody` when this process is root (chmod 000 does not stop root), else as is. */
function runUnprivileged(args: readonly string[], cwd: string): Promise<RunResult> {
  const asNobody = process.getuid?.() === 0;
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    delete env['NO_COLOR'];
    delete env['FORCE_COLOR'];
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(asNobody ? { uid: 65534, gid: 65534 } : {}),
    });
    const out: Buffer[] = [],
      err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${args.join(' ')} did not finish`));
    }, 20_000);
    child.on('error', e => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', code => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() });
    });
  });
}

describe('permission errors (EACCES)', () => {
  test('an unreadable file and an unreadable directory: exit 2, "permission denied"', async t => {
    const dir = workspace({
      'secret.sfgrammar': SEED_GRAMMAR,
      'locked/x.sfgrammar': SEED_GRAMMAR,
      'ok.sfgrammar': SEED_GRAMMAR,
      'd.sfcallback.json': URL_DEFINITION({ payloadConfigFile: 'secret.sfgrammar' }),
    });
    try {
      chmodSync(dir, 0o755);
      chmodSync(join(dir, 'ok.sfgrammar'), 0o644);
      chmodSync(join(dir, 'd.sfcallback.json'), 0o644);
      chmodSync(join(dir, 'secret.sfgrammar'), 0o000);
      chmodSync(join(dir, 'locked'), 0o000);
      const probe = await runUnprivileged(['check', 'ok.sfgrammar'], dir);
      if (probe.code !== 0) {
        t.skip(`the CLI cannot run unprivileged here (${probe.stderr.trim() || probe.code})`);
        return;
      }
      assertInputError(
        await runUnprivileged(['check', 'secret.sfgrammar'], dir),
        /^sigfox-callbacks: secret\.sfgrammar: cannot read: permission denied\n$/,
        'check secret',
      );
      assertInputError(
        await runUnprivileged(['decode', '--grammar', 'secret.sfgrammar', '01'], dir),
        /^sigfox-callbacks: secret\.sfgrammar: cannot read: permission denied\n$/,
        'decode secret',
      );
      assertInputError(
        await runUnprivileged(['check', 'locked'], dir),
        /^sigfox-callbacks: locked: cannot read directory: permission denied\n$/,
        'check locked',
      );
      // The definition is still checked and reported (SFC018); the unreadable file is its own error: exit 2.
      const naming = await runUnprivileged(['check', 'd.sfcallback.json'], dir);
      assert.equal(naming.code, 2, naming.stderr);
      assert.match(naming.stdout, /SFC018/);
      assert.match(naming.stderr, /^sigfox-callbacks: secret\.sfgrammar: cannot read: permission denied\n/);
    } finally {
      chmodSync(join(dir, 'locked'), 0o755);
      cleanup(dir);
    }
  });
});

describe('inputs that once ended in an internal error (exit 3)', () => {
  test('each is reported as problems or refused, never exit 3', async () => {
    const deep = `{"channel": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const dir = workspace({
      'deep.sfcallback.json': deep,
      'surrogate.sfcallback.json': URL_DEFINITION({ payloadConfigFile: '\ud800.sfgrammar', bodyTemplateFile: '\udc00.sftemplate' }),
      'proto.sfcallback.json': URL_DEFINITION({ payloadConfig: 'b::constructor:8', bodyTemplate: '{"b": {customData#b}}' }),
      'dups.sfgrammar': Array.from({ length: 20_000 }, (_, k) => `f${k % 2000}::uint:8`).join('\n'),
      'ok.sftemplate': '{"d": "{device}"}',
    });
    try {
      mkdirSync(join(dir, 'settings', '.vscode'), { recursive: true });
      writeFileSync(
        join(dir, 'settings', '.vscode', 'settings.json'),
        `{"sigfox.associations": ${'['.repeat(50_000)}${']'.repeat(50_000)}}`,
      );
      writeFileSync(join(dir, 'settings', 'a.sfgrammar'), SEED_GRAMMAR);
      const deepRun = await run(['check', '-f', 'gnu', 'deep.sfcallback.json'], { cwd: dir });
      assert.equal(deepRun.code, 1, deepRun.stderr);
      assert.match(deepRun.stdout, /^deep\.sfcallback\.json:1:\d+: error: Invalid JSON: nested more than 1000 levels deep.* \[SFC001\]$/m);
      for (const file of ['surrogate.sfcallback.json', 'proto.sfcallback.json', 'dups.sfgrammar']) {
        const r = await run(['check', file], { cwd: dir });
        assert.equal(r.code, 1, `${file}: ${r.stderr}`);
        assert.doesNotMatch(r.stderr, /internal error/);
      }
      const built = await run(['build', 'proto.sfcallback.json'], { cwd: dir });
      assert.equal(built.code, 1, built.stderr);
      assert.match(built.stderr, /SFG007/);
      assertInputError(
        await run(['check'], { cwd: join(dir, 'settings') }),
        /^sigfox-callbacks: \.vscode\/settings\.json:1:\d+: nested more than 1000 levels deep/,
        'deep settings.json',
      );
    } finally {
      cleanup(dir);
    }
  });
});
