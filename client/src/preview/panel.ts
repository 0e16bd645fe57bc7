/**
 * The one "Sigfox Decode" webview panel, beside the editor. It keeps its frame and follows edits
 * of its grammar and template (debounced), asking the server again each time; the webview only
 * displays the model it is sent.
 */
import * as vscode from 'vscode';
import type { DecodeResult, RenderResult } from '../../../server/src/protocol';
import { buildShellHtml, makeNonce } from './html';
import { parseWebviewMessage, type FromWebview, type ToWebview, type WebviewReport } from './messages';
import { buildPreviewModel, valuesAsJson, type PreviewModel, type TemplateInput } from './model';
import { defaultSamples, sampleVariables, variablesRecord, type VariableSample } from './sampleVariables';
import type { PreviewServer } from './server';
import type { GrammarTarget, TargetPicker, TemplateTarget, Targets } from './targets';
import { shorten } from '../../../server/src/core/util';

export const PREVIEW_VIEW_TYPE = 'sigfox.preview';
/** Edits come in bursts (typing): wait for a pause before asking the server again. */
const REFRESH_DELAY_MS = 150;
const SAMPLE_VARIABLES_SETTING = 'sigfox.preview.sampleVariables';
/** Models posted but not yet confirmed by the webview that are kept for its acknowledgement. */
const UNCONFIRMED_KEPT = 8;

interface Session {
  grammar: GrammarTarget;
  template?: TemplateTarget;
  /** The user picked the template: keep it, even when the grammar's dependents change. */
  templateChosen?: boolean;
  readonly hex: string;
  /** `{time}` is sampled once per session, so that the body does not change while the user types. */
  readonly startedAt: Date;
}

/** What the webview last confirmed it shows: for tests (`sigfox.preview.testState`). */
export interface PreviewTestState {
  readonly model: PreviewModel;
  readonly report: WebviewReport;
}

export class PreviewPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private session: Session | undefined;
  private model: PreviewModel | undefined;
  private decoded: DecodeResult | undefined;
  private rendered: RenderResult | undefined;
  private version = 0;
  /** Drops answers to requests that a newer refresh has overtaken. */
  private generation = 0;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private shown: PreviewTestState | undefined;
  /** An edit arrived while the panel was hidden: refresh when it shows again. */
  private stale = false;
  private readonly modelsByVersion = new Map<number, PreviewModel>();
  private readonly disposables: vscode.Disposable[] = [];
  /** Listeners of the current panel, disposed with it. */
  private panelDisposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly server: PreviewServer,
    private readonly targets: TargetPicker,
  ) {
    this.disposables.push(
      // No content change: only the dirty state moved (save, revert); the text is the same.
      vscode.workspace.onDidChangeTextDocument(e => e.contentChanges.length && this.onDocumentChanged(e.document.uri.toString())),
      vscode.workspace.onDidChangeConfiguration(e => {
        if (e.affectsConfiguration(SAMPLE_VARIABLES_SETTING)) this.scheduleRefresh();
      }),
    );
  }

  /** Opens (or reuses) the panel on a frame that `decoded` already holds without error. */
  async show(targets: Targets, hex: string, decoded: DecodeResult): Promise<void> {
    // A refresh scheduled for the previous session must not overwrite this one.
    clearTimeout(this.refreshTimer);
    this.session = { grammar: targets.grammar, ...(targets.template ? { template: targets.template } : {}), hex, startedAt: new Date() };
    const existing = this.panel;
    const panel = this.ensurePanel();
    panel.title = `Sigfox: ${shorten(decoded.frameHex || 'empty frame', 24)}`;
    // A new panel opens beside the editor; an open one stays where the user put it.
    if (existing) panel.reveal(undefined, true);
    await this.refresh(decoded);
  }

  testState(): PreviewTestState | undefined {
    return this.shown;
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }

  private ensurePanel(): vscode.WebviewPanel {
    if (this.panel) return this.panel;
    const media = vscode.Uri.joinPath(this.extensionUri, 'client', 'media');
    const panel = vscode.window.createWebviewPanel(
      PREVIEW_VIEW_TYPE,
      'Sigfox Decode',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      {
        enableScripts: true,
        enableCommandUris: false,
        enableFindWidget: true,
        localResourceRoots: [media],
      },
    );
    const webview = panel.webview;
    webview.html = buildShellHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'preview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'preview.css')).toString(),
    });
    this.panelDisposables.push(
      webview.onDidReceiveMessage(raw => this.onMessage(parseWebviewMessage(raw))),
      panel.onDidChangeViewState(({ webviewPanel }) => {
        if (webviewPanel.visible && this.stale) this.scheduleRefresh();
      }),
      panel.onDidDispose(() => {
        this.panel = undefined;
        this.session = undefined;
        this.model = this.decoded = this.rendered = this.shown = undefined;
        this.modelsByVersion.clear();
        clearTimeout(this.refreshTimer);
        for (const d of this.panelDisposables) d.dispose();
        this.panelDisposables = [];
      }),
    );
    this.panel = panel;
    return panel;
  }

  private onDocumentChanged(uri: string): void {
    const s = this.session;
    if (s && (uri === s.grammar.watchUri || uri === s.template?.uri)) this.scheduleRefresh();
  }

  private scheduleRefresh(): void {
    if (!this.session) return;
    // A hidden panel asks the server nothing; it catches up when shown.
    this.stale = !this.panel?.visible;
    if (this.stale) return;
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.refresh().catch(e => this.showFailure(e)), REFRESH_DELAY_MS);
  }

  /** Decodes (unless given) and renders the session's frame, then sends the model to the webview. */
  private async refresh(decodedAlready?: DecodeResult): Promise<void> {
    const session = this.session;
    if (!session) return;
    const generation = ++this.generation;
    if (!decodedAlready) {
      session.grammar = await this.targets.refreshInline(session.grammar);
      // A template created (or indexed) since: pick it up.
      if (!session.template && !session.templateChosen && 'uri' in session.grammar.ref) {
        const { template } = await this.targets.templateOfGrammar(session.grammar.ref.uri);
        if (template) session.template = template;
      }
    }
    const decoded = decodedAlready ?? (await this.server.decode({ grammar: session.grammar.ref, hex: session.hex }));
    const variables = sampleVariables(decoded.frameHex, sampleSetting(session), defaultSamples(session.startedAt));
    const template = session.template && !decoded.error ? await this.renderTemplate(session, session.template, variables) : undefined;
    if (generation !== this.generation || session !== this.session) return;
    this.decoded = decoded;
    this.rendered = template?.render;
    const model = buildPreviewModel({
      version: ++this.version,
      grammarLabel: session.grammar.label,
      decode: decoded,
      ...(template
        ? { template }
        : { noTemplateNote: `No body template uses ${session.grammar.label}. Choose one to see the body Sigfox would send.` }),
      variables,
    });
    this.post(model);
  }

  private async renderTemplate(session: Session, template: TemplateTarget, variables: readonly VariableSample[]): Promise<TemplateInput> {
    const [render, document] = await Promise.all([
      this.server.render({
        template: { uri: template.uri },
        grammar: session.grammar.ref,
        hex: session.hex,
        variables: variablesRecord(variables),
      }),
      Promise.resolve(vscode.workspace.openTextDocument(vscode.Uri.parse(template.uri))).catch(() => undefined),
    ]);
    return {
      label: template.label,
      note: template.note,
      ...(template.callbackKind ? { callbackKind: template.callbackKind } : {}),
      render,
      ...(document
        ? {
            locate: (offset: number) => {
              const p = document.positionAt(offset);
              return `line ${p.line + 1}, column ${p.character + 1}`;
            },
          }
        : {}),
    };
  }

  private post(model: PreviewModel): void {
    this.model = model;
    this.modelsByVersion.set(model.version, model);
    this.modelsByVersion.delete(model.version - UNCONFIRMED_KEPT);
    const message: ToWebview = { type: 'show', model };
    void this.panel?.webview.postMessage(message);
  }

  private async onMessage(message: FromWebview | undefined): Promise<void> {
    if (!message) return;
    try {
      switch (message.type) {
        case 'ready':
          if (this.model) this.post(this.model);
          break;
        case 'rendered': {
          const model = this.modelsByVersion.get(message.report.version);
          if (model) this.shown = { model, report: message.report };
          // Older models can no longer be acknowledged.
          for (const v of this.modelsByVersion.keys()) if (v < message.report.version) this.modelsByVersion.delete(v);
          break;
        }
        case 'copyValues':
          if (this.decoded) await this.copy(valuesAsJson(this.decoded.fields), 'values');
          break;
        case 'copyBody':
          if (this.rendered && this.rendered.error === undefined) await this.copy(this.rendered.text, 'body');
          break;
        case 'chooseTemplate':
          await this.chooseTemplate();
          break;
        case 'revealProblem':
          await this.revealProblem(message.index);
          break;
      }
    } catch (e) {
      this.showFailure(e);
    }
  }

  private async copy(text: string, what: 'values' | 'body'): Promise<void> {
    await vscode.env.clipboard.writeText(text);
    vscode.window.setStatusBarMessage(what === 'values' ? 'Sigfox: decoded values copied as JSON' : 'Sigfox: rendered body copied', 3000);
    void this.panel?.webview.postMessage({ type: 'copied', what });
  }

  private async chooseTemplate(): Promise<void> {
    const session = this.session;
    if (!session) return;
    const grammarUri = 'uri' in session.grammar.ref ? session.grammar.ref.uri : undefined;
    const template = await this.targets.pickTemplate(grammarUri, session.template?.uri);
    if (!template || session !== this.session) return;
    session.template = template;
    session.templateChosen = true;
    await this.refresh();
  }

  private async revealProblem(index: number): Promise<void> {
    const problem = this.rendered?.problems[index];
    const templateUri = this.session?.template?.uri;
    if (!problem || !templateUri) return;
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(templateUri));
    const range = new vscode.Range(document.positionAt(problem.offset), document.positionAt(problem.end));
    const visible = vscode.window.visibleTextEditors.find(e => e.document === document);
    await vscode.window.showTextDocument(document, { selection: range, viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One });
  }

  private showFailure(e: unknown): void {
    const message = e instanceof Error ? e.message : String(e);
    void vscode.window.showErrorMessage(`Sigfox: the decode preview could not be updated: ${message}`);
  }
}

/** The setting is resource-scoped: read it for the template (or the grammar) being shown. */
function sampleSetting(session: Session): unknown {
  const scope = session.template?.uri ?? session.grammar.watchUri;
  return vscode.workspace.getConfiguration(undefined, scope ? vscode.Uri.parse(scope) : undefined).get(SAMPLE_VARIABLES_SETTING);
}
