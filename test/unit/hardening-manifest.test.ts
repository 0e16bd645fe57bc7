/**
 * What the extension declares about Workspace Trust and virtual workspaces (package.json
 * `capabilities`), checked against what it does: the settings that name files are restricted,
 * the command that sends HTTP requests is hidden in Restricted Mode, and the documents served are
 * local ones.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOCUMENT_SELECTOR } from '../../client/src/config';

interface Manifest {
  capabilities?: {
    untrustedWorkspaces?: { supported: boolean | 'limited'; description?: string; restrictedConfigurations?: string[] };
    virtualWorkspaces?: boolean | { supported: boolean | 'limited'; description?: string };
  };
  contributes: {
    configuration: { properties: Record<string, { markdownDescription?: string; description?: string; scope?: string }> };
    commands: { command: string }[];
    menus?: Record<string, { command: string; when?: string }[]>;
  };
}

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as Manifest;

test('untrusted workspaces: limited support, described, with the file-naming settings restricted', () => {
  const trust = manifest.capabilities?.untrustedWorkspaces;
  assert.ok(trust, 'capabilities.untrustedWorkspaces is declared');
  assert.equal(trust.supported, 'limited');
  assert.ok(trust.description && trust.description.length > 40, 'the description says what is limited');
  assert.match(trust.description, /Send Test Callback/);
  const restricted = trust.restrictedConfigurations ?? [];
  // A workspace's settings.json could point the server at any file on disk.
  assert.ok(restricted.includes('sigfox.associations'));
  const properties = manifest.contributes.configuration.properties;
  for (const key of restricted) assert.ok(key in properties, `${key} is a contributed setting`);
});

test('the command that sends HTTP requests is hidden in Restricted Mode wherever it is offered', () => {
  const send = manifest.contributes.commands.find(c => c.command === 'sigfox.sendTestCallback');
  if (!send) return; // not contributed (yet): nothing to hide
  for (const [menu, entries] of Object.entries(manifest.contributes.menus ?? {})) {
    for (const entry of entries.filter(e => e.command === send.command)) {
      assert.match(entry.when ?? '', /\bisWorkspaceTrusted\b/, `${menu}: Send Test Callback shows in Restricted Mode`);
    }
  }
});

test('virtual workspaces: declared, and limited as the client serves local documents only', () => {
  const virtual = manifest.capabilities?.virtualWorkspaces;
  assert.ok(virtual !== undefined, 'capabilities.virtualWorkspaces is declared');
  assert.ok(typeof virtual === 'object' && virtual.supported === 'limited' && (virtual.description ?? '').length > 20);
  const schemes = DOCUMENT_SELECTOR.map(s => (typeof s !== 'string' && 'scheme' in s ? s.scheme : undefined));
  assert.deepEqual([...new Set(schemes)].sort(), ['file', 'untitled'], 'the server reads files from the local disk');
});

test('the Sigfox API URL the editor deploys to is a user setting only: a workspace cannot send the credentials elsewhere', () => {
  const setting = manifest.contributes.configuration.properties['sigfox.deploy.apiUrl'];
  assert.ok(setting, 'sigfox.deploy.apiUrl is contributed');
  // "application" settings are read from the user's settings only; workspace values are ignored.
  assert.equal(setting.scope, 'application');
  const client = readFileSync(join(__dirname, '..', '..', 'client', 'src', 'deploy.ts'), 'utf8');
  assert.match(client, /getConfiguration\('sigfox'\)\.get<string>\('deploy\.apiUrl'\)/, 'the client reads it');
});
