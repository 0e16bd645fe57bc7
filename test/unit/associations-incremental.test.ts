/**
 * The association indexes kept up to date from a host's change journal answer exactly as
 * indexes rebuilt from scratch, after any sequence of file creations, edits, deletions and
 * settings changes.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { createAssociationResolver } from '../../server/src/core/associations';
import { ChangeJournal, DEFAULT_SETTINGS, MAX_INDEXED_FILE_CHARS, type WorkspaceChanges } from '../../server/src/core/workspace';
import { MemoryHost, uriOf } from './helpers/features';

/** A MemoryHost that records its changes, as the language server's host does. */
class JournalingHost extends MemoryHost {
  private readonly journal = new ChangeJournal(8);
  private lists = new Map<string, readonly string[]>();

  override set(path: string, text: string): string {
    const uri = super.set(path, text);
    this.journal?.changed(uri);
    this.lists?.clear();
    return uri;
  }

  override delete(path: string): void {
    super.delete(path);
    this.journal.changed(uriOf(path));
    this.lists.clear();
  }

  settingsChanged(): void {
    this.journal.everythingChanged();
  }

  /** The same array while no file was added or removed, like the server's file index. */
  override listFiles(kind: Parameters<MemoryHost['listFiles']>[0]): readonly string[] {
    let list = this.lists.get(kind);
    if (!list) this.lists.set(kind, (list = super.listFiles(kind)));
    return list;
  }

  changesSince(stamp: number): WorkspaceChanges {
    return this.journal.since(stamp);
  }
}

const FOLDERS = ['', 'a/', 'a/b/'];
const NAMES = ['room', 'hall', 'desk'];
const path = fc.tuple(fc.constantFrom(...FOLDERS), fc.constantFrom(...NAMES));
/** A relative reference from any folder to any file of a kind. */
const reference = (extension: string) =>
  fc.tuple(fc.constantFrom('', '../', 'a/', 'b/'), fc.constantFrom(...NAMES)).map(([up, name]) => `${up}${name}${extension}`);

const definitionText = fc
  .record(
    {
      bodyTemplateFile: reference('.sftemplate'),
      payloadConfigFile: reference('.sfgrammar'),
      payloadConfig: fc.constant('x::uint:8'),
      callbackType: fc.constantFrom(0, 1, 'DATA', 'SERVICE'),
      callbackSubtype: fc.constantFrom(2, 3, 'BIDIR'),
    },
    { requiredKeys: [] },
  )
  .map(record => JSON.stringify(record));

type Op =
  | { op: 'set'; path: string; text: string }
  | { op: 'delete'; path: string }
  | { op: 'settings'; glob: string | undefined; grammar: string };

const operation: fc.Arbitrary<Op> = fc.oneof(
  fc.tuple(path, definitionText).map(([[folder, name], text]) => ({ op: 'set' as const, path: `${folder}${name}.sfcallback.json`, text })),
  path.map(([folder, name]) => ({ op: 'set' as const, path: `${folder}${name}.sftemplate`, text: '{customData#x}' })),
  path.map(([folder, name]) => ({ op: 'set' as const, path: `${folder}${name}.sfgrammar`, text: 'x::uint:8' })),
  fc
    .tuple(path, fc.constantFrom('.sfcallback.json', '.sftemplate', '.sfgrammar'))
    .map(([[folder, name], extension]) => ({ op: 'delete' as const, path: `${folder}${name}${extension}` })),
  fc
    .tuple(fc.option(fc.constantFrom('**/*.sftemplate', 'a/*.sftemplate', 'room.sftemplate')), fc.constantFrom(...NAMES))
    .map(([glob, name]) => ({ op: 'settings' as const, glob: glob ?? undefined, grammar: `${name}.sfgrammar` })),
);

function apply(host: JournalingHost, op: Op): void {
  if (op.op === 'set') host.set(op.path, op.text);
  else if (op.op === 'delete') host.delete(op.path);
  else {
    host.currentSettings = {
      ...DEFAULT_SETTINGS,
      associations: op.glob === undefined ? [] : [{ template: op.glob, grammar: op.grammar, type: 'SERVICE', subtype: 'STATUS' }],
    };
    host.settingsChanged();
  }
}

/** Every answer the resolver gives about every file that can exist. */
function answers(resolver: ReturnType<typeof createAssociationResolver>): unknown {
  const all = FOLDERS.flatMap(folder => NAMES.map(name => `${folder}${name}`));
  return all.map(p => ({
    association: resolver.associationOf(uriOf(`${p}.sftemplate`)),
    dependents: resolver.dependentsOf(uriOf(`${p}.sfgrammar`)).sort(),
    namingGrammar: resolver.definitionsNaming(uriOf(`${p}.sfgrammar`)),
    namingTemplate: resolver.definitionsNaming(uriOf(`${p}.sftemplate`)),
    usingGrammar: resolver.definitionsUsingGrammar(uriOf(`${p}.sfgrammar`)),
  }));
}

describe('incremental association indexes', () => {
  it('answer as a full rebuild does after any sequence of file and settings changes', () => {
    fc.assert(
      fc.property(fc.array(fc.array(operation, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 }), batches => {
        const host = new JournalingHost();
        const incremental = createAssociationResolver(host);
        answers(incremental); // built once, then kept up to date
        for (const batch of batches) {
          for (const op of batch) apply(host, op);
          // A resolver built from scratch on the same files (a plain host has no journal).
          const fresh = new MemoryHost();
          for (const [uri, text] of host.texts) fresh.texts.set(uri, text);
          fresh.currentSettings = host.currentSettings;
          assert.deepEqual(answers(incremental), answers(createAssociationResolver(fresh)));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reads no callback definition again for a lookup when nothing changed', () => {
    const host = new JournalingHost({ 'room.sfcallback.json': '{"bodyTemplateFile": "room.sftemplate"}', 'room.sftemplate': '' });
    const resolver = createAssociationResolver(host);
    resolver.associationOf(uriOf('room.sftemplate'));
    let reads = 0;
    const readText = host.readText.bind(host);
    host.readText = uri => {
      if (uri.endsWith('.sfcallback.json')) reads++;
      return readText(uri);
    };
    for (let k = 0; k < 10; k++) resolver.associationOf(uriOf('room.sftemplate'));
    assert.equal(reads, 0);
    host.set('room.sfcallback.json', '{"bodyTemplateFile": "other.sftemplate"}');
    assert.equal(resolver.associationOf(uriOf('room.sftemplate')).source, 'default');
    assert.equal(reads, 1);
  });

  it('names a definition over the size limit without parsing it for associations; asked about itself, it is read', () => {
    const text = JSON.stringify({
      bodyTemplateFile: 'room.sftemplate',
      payloadConfig: 'x::uint:8',
      padding: 'x'.repeat(MAX_INDEXED_FILE_CHARS),
    });
    const host = new JournalingHost({ 'room.sfcallback.json': text, 'room.sftemplate': '' });
    const resolver = createAssociationResolver(host);
    assert.equal(resolver.associationOf(uriOf('room.sftemplate')).source, 'default');
    assert.deepEqual(resolver.definitionsNaming(uriOf('room.sftemplate')), []);
    assert.equal(resolver.definitionAssociation(uriOf('room.sfcallback.json'))?.inlineGrammarText, 'x::uint:8');
    // Edited below the limit, it is indexed again.
    host.set('room.sfcallback.json', JSON.stringify({ bodyTemplateFile: 'room.sftemplate', payloadConfig: 'x::uint:8' }));
    assert.equal(resolver.associationOf(uriOf('room.sftemplate')).source, 'callbackDefinition');
  });
});
