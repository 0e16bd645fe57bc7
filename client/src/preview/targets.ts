/**
 * Which payload config decodes the frame and which template renders the body: the active
 * editor's grammar, or the grammar associated with the active template (asked of the server),
 * or the user's pick among the workspace's grammars, most recently used first.
 */
import * as vscode from 'vscode';
import type { AssociationResult, SourceRef } from '../../../server/src/protocol';
import { orderByRecent, pushRecent } from './recent';
import type { PreviewServer } from './server';

export interface GrammarTarget {
  /** As the requests take it. */
  readonly ref: SourceRef;
  readonly label: string;
  /** The document whose edits change the grammar: the grammar file, or the callback definition holding it inline. */
  readonly watchUri?: string;
  /** Set for an inline grammar: the template whose association gave it, asked again after each edit. */
  readonly viaTemplate?: string;
}

export interface TemplateTarget {
  readonly uri: string;
  readonly label: string;
  /** Why this template: how it is associated, or that the user chose it. */
  readonly note: string;
  readonly callbackKind?: string;
}

export interface Targets {
  readonly grammar: GrammarTarget;
  readonly template?: TemplateTarget;
}

const RECENT_KEY = 'sigfox.preview.recentGrammars';
const GRAMMAR_GLOB = '**/*.sfgrammar';
const TEMPLATE_GLOB = '**/*.sftemplate';
const EXCLUDE_GLOB = '**/node_modules/**';

export class TargetPicker {
  constructor(
    private readonly server: PreviewServer,
    private readonly workspaceState: vscode.Memento,
  ) {}

  /** Undefined when the user cancelled or the workspace has no grammar (already said). */
  async forEditor(document: vscode.TextDocument | undefined): Promise<Targets | undefined> {
    if (document && isGrammar(document)) {
      const grammar = this.fileGrammar(document.uri);
      await this.remember(grammar);
      return { grammar, ...(await this.templateOfGrammar(document.uri.toString())) };
    }
    if (document && isTemplate(document)) {
      const uri = document.uri.toString();
      const association = await this.server.association(uri);
      const template = templateTarget(uri, association, 'the active editor');
      const grammar = association.grammar ? this.associatedGrammar(association, uri) : await this.pickGrammar();
      if (!grammar) return undefined;
      await this.remember(grammar);
      return { grammar, template };
    }
    const grammar = await this.pickGrammar();
    if (!grammar) return undefined;
    await this.remember(grammar);
    return { grammar, ...(grammar.watchUri ? await this.templateOfGrammar(grammar.watchUri) : {}) };
  }

  /** The inline grammar of a template's callback definition, read again (it follows edits of the definition). */
  async refreshInline(grammar: GrammarTarget): Promise<GrammarTarget> {
    if (!grammar.viaTemplate) return grammar;
    const association = await this.server.association(grammar.viaTemplate);
    return association.grammar ? this.associatedGrammar(association, grammar.viaTemplate) : grammar;
  }

  /** The templates that use the grammar, the sibling first; undefined when none does. */
  async templateOfGrammar(grammarUri: string): Promise<{ template?: TemplateTarget }> {
    const { templates } = await this.server.association(grammarUri);
    const sibling = grammarUri.replace(/\.sfgrammar$/, '.sftemplate');
    if (templates.length > 0) {
      const uri = templates.includes(sibling) ? sibling : templates[0]!;
      return { template: templateTarget(uri, await this.server.association(uri)) };
    }
    // Just after start the server may not have listed the workspace's templates yet; the sibling
    // (same base name) needs no list: ask the server about it directly, if the file exists.
    if (sibling === grammarUri || !(await exists(sibling))) return {};
    const association = await this.server.association(sibling);
    const grammar = association.grammar;
    return grammar && 'uri' in grammar && sameUri(grammar.uri, grammarUri) ? { template: templateTarget(sibling, association) } : {};
  }

  /** Quick pick of the workspace's templates, the ones using `grammarUri` first. */
  async pickTemplate(grammarUri: string | undefined, current: string | undefined): Promise<TemplateTarget | undefined> {
    const [files, users] = await Promise.all([
      vscode.workspace.findFiles(TEMPLATE_GLOB, EXCLUDE_GLOB, 1000),
      grammarUri ? this.server.association(grammarUri).then(a => a.templates) : Promise.resolve([] as readonly string[]),
    ]);
    if (files.length === 0) {
      void vscode.window.showInformationMessage('Sigfox: there is no body template (*.sftemplate) in this workspace.');
      return undefined;
    }
    const uris = files.map(f => f.toString());
    const ordered = [...uris.filter(u => users.includes(u)).sort(), ...uris.filter(u => !users.includes(u)).sort()];
    const items = ordered.map(uri => ({
      label: basename(uri),
      description: [relativeDir(uri), users.includes(uri) ? 'uses this payload config' : '', uri === current ? 'shown' : '']
        .filter(Boolean)
        .join(' · '),
      uri,
    }));
    const choice = await vscode.window.showQuickPick(items, {
      title: 'Sigfox: render which body template?',
      placeHolder: 'Body templates (*.sftemplate) in the workspace',
      matchOnDescription: true,
    });
    return choice ? { uri: choice.uri, label: vscode.workspace.asRelativePath(vscode.Uri.parse(choice.uri)), note: 'chosen' } : undefined;
  }

  private async pickGrammar(): Promise<GrammarTarget | undefined> {
    const files = await vscode.workspace.findFiles(GRAMMAR_GLOB, EXCLUDE_GLOB, 1000);
    if (files.length === 0) {
      void vscode.window.showErrorMessage(
        'Sigfox: there is no payload config (*.sfgrammar) in this workspace to decode with. Create one, or run the command from a body template whose callback definition holds a payloadConfig.',
      );
      return undefined;
    }
    // One candidate: nothing to choose; the panel names the grammar it used.
    if (files.length === 1) return this.fileGrammar(files[0]!);
    const recent = this.recent();
    const ordered = orderByRecent(files.map(f => f.toString()).sort(), recent);
    const items = ordered.map(uri => ({
      label: basename(uri),
      description: [relativeDir(uri), recent.includes(uri) ? 'recently used' : ''].filter(Boolean).join(' · '),
      uri,
    }));
    const choice = await vscode.window.showQuickPick(items, {
      title: 'Sigfox: decode with which payload config?',
      placeHolder: 'Payload configs (*.sfgrammar), most recently used first',
      matchOnDescription: true,
    });
    return choice ? this.fileGrammar(vscode.Uri.parse(choice.uri)) : undefined;
  }

  private fileGrammar(uri: vscode.Uri): GrammarTarget {
    return { ref: { uri: uri.toString() }, label: vscode.workspace.asRelativePath(uri), watchUri: uri.toString() };
  }

  private associatedGrammar(association: AssociationResult, templateUri: string): GrammarTarget {
    const grammar = association.grammar!;
    if ('uri' in grammar) return this.fileGrammar(vscode.Uri.parse(grammar.uri));
    const definition = association.definitionUri;
    return {
      ref: grammar,
      label: definition ? `payloadConfig of ${vscode.workspace.asRelativePath(vscode.Uri.parse(definition))}` : 'inline payloadConfig',
      ...(definition ? { watchUri: definition } : {}),
      viaTemplate: templateUri,
    };
  }

  private recent(): string[] {
    return this.workspaceState.get<string[]>(RECENT_KEY, []);
  }

  private async remember(grammar: GrammarTarget): Promise<void> {
    if ('uri' in grammar.ref) await this.workspaceState.update(RECENT_KEY, pushRecent(this.recent(), grammar.ref.uri));
  }
}

/** How the panel names a template and says why it is shown. */
export function templateTarget(uri: string, association: AssociationResult, prefix?: string): TemplateTarget {
  const how = describeAssociation(association);
  const kind = association.type ? `${association.type}${association.subtype ? ` / ${association.subtype}` : ''}` : undefined;
  return {
    uri,
    label: vscode.workspace.asRelativePath(vscode.Uri.parse(uri)),
    note: prefix ? `${prefix}${how ? `, ${how}` : ''}` : how || 'associated',
    ...(kind ? { callbackKind: kind } : {}),
  };
}

function describeAssociation(a: AssociationResult): string {
  const definition = a.definitionUri ? vscode.workspace.asRelativePath(vscode.Uri.parse(a.definitionUri)) : undefined;
  switch (a.source) {
    case 'callbackDefinition':
      return `named by ${definition ?? 'a callback definition'}`;
    case 'siblingGrammar':
      return 'associated by its name';
    case 'setting':
      return 'associated by the sigfox.associations setting';
    case 'default':
      return 'no payload config associated';
    default:
      return '';
  }
}

async function exists(uri: string): Promise<boolean> {
  return Promise.resolve(vscode.workspace.fs.stat(vscode.Uri.parse(uri))).then(
    () => true,
    () => false,
  );
}

function sameUri(a: string, b: string): boolean {
  return vscode.Uri.parse(a).toString() === vscode.Uri.parse(b).toString();
}

function isGrammar(document: vscode.TextDocument): boolean {
  return document.languageId === 'sfgrammar' || document.uri.path.endsWith('.sfgrammar');
}

function isTemplate(document: vscode.TextDocument): boolean {
  return document.languageId === 'sftemplate' || document.uri.path.endsWith('.sftemplate');
}

function basename(uri: string): string {
  const path = vscode.Uri.parse(uri).path;
  return path.slice(path.lastIndexOf('/') + 1);
}

function relativeDir(uri: string): string {
  const rel = vscode.workspace.asRelativePath(vscode.Uri.parse(uri));
  const slash = rel.lastIndexOf('/');
  return slash > 0 ? rel.slice(0, slash) : '';
}
