/**
 * The one "Sigfox Decode" webview panel, beside the editor. It keeps its frame and follows edits
 * of its grammar and template (debounced), asking the server again each time; the webview only
 * displays the model it is sent.
 */
import * as vscode from 'vscode';
import type { DecodeResult, PreviewParams, PreviewResult, RenderResult } from '../../../server/src/protocol';
import { SAMPLE_VARIABLES_SETTING, sampleVariablesSetting } from '../sampleVariablesSetting';
import { buildShellHtml, makeNonce } from './html';
import { encodeFormOf, parseWebviewMessage, type FromWebview, type ToWebview, type WebviewReport } from './messages';
import { buildPreviewModel, valuesAsJson, type PreviewModel, type TemplateInput } from './model';
import type { PreviewServer } from './server';
import { templateTarget, type GrammarTarget, type TargetPicker, type TemplateTarget, type Targets } from './targets';
import { shorten } from '../../../server/src/core/util';

export const PREVIEW_VIEW_TYPE = 'sigfox.preview';
/** Edits come in bursts (typing): wait for a pause before asking the server again. */
const REFRESH_DELAY_MS = 150;
/** Models posted but not yet confirmed by the webview that are kept for its acknowledgement. */
const UNCONFIRMED_KEPT = 8;

/** What the panel follows; plain JSON, saved by the webview so that a window reload restores the panel. */
interface Session {
  grammar: GrammarTarget;
  template?: TemplateTarget;
  /** The user picked the template: keep it, even when the grammar's dependents change. */
  templateChosen?: boolean;
  /** The frame shown; the encode mode replaces it with the frame of the values typed. */
  hex: string;
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

  /**
   * Asks the server about the frame and opens (or reuses) the panel on the answer; a frame that
   * cannot be decoded opens nothing: its error is returned for the command to say.
   */
  async show(targets: Targets, hex: string): Promise<string | undefined> {
    const session: Session = { grammar: targets.grammar, ...(targets.template ? { template: targets.template } : {}), hex };
    const answer = await this.server.preview(previewParams(session));
    if (answer.decode.error !== undefined) return answer.decode.error;
    // A refresh scheduled for the previous session must not overwrite this one.
    clearTimeout(this.refreshTimer);
    this.session = session;
    const existing = this.panel;
    const panel = this.ensurePanel();
    panel.title = `Sigfox: ${shorten(answer.decode.frameHex || 'empty frame', 24)}`;
    // A new panel opens beside the editor; an open one stays where the user put it.
    if (existing) panel.reveal(undefined, true);
    await this.refresh(answer);
    return undefined;
  }

  testState(): PreviewTestState | undefined {
    return this.shown;
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }

  /**
   * A panel VS Code kept across a window reload (WebviewPanelSerializer): the webview saved the
   * session with its last model (vscode.setState); take the panel over and ask the server again.
   * A state this version cannot read closes the panel rather than show a frame it cannot follow.
   */
  async restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const saved = savedSession(state);
    if (!saved || this.panel) {
      panel.dispose();
      return;
    }
    this.session = saved;
    this.adopt(panel);
    await this.refresh().catch(e => this.showFailure(e));
  }

  private ensurePanel(): vscode.WebviewPanel {
    if (this.panel) return this.panel;
    const panel = vscode.window.createWebviewPanel(
      PREVIEW_VIEW_TYPE,
      'Sigfox Decode',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      this.webviewOptions(),
    );
    this.adopt(panel);
    return panel;
  }

  private webviewOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      enableCommandUris: false,
      enableFindWidget: true,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'client', 'media')],
    };
  }

  /** Fills a new or restored panel with the page and listens to it. */
  private adopt(panel: vscode.WebviewPanel): void {
    const media = vscode.Uri.joinPath(this.extensionUri, 'client', 'media');
    const webview = panel.webview;
    webview.options = this.webviewOptions();
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

  /** One `sigfox/preview` round trip (unless answered already), then the model to the webview. */
  private async refresh(answered?: PreviewResult): Promise<void> {
    const session = this.session;
    if (!session) return;
    const generation = ++this.generation;
    const answer = answered ?? (await this.server.preview(previewParams(session)));
    if (generation !== this.generation || session !== this.session) return;
    // An inline payloadConfig follows its callback definition; a template created (or indexed) since is picked up.
    if (session.grammar.viaTemplate && answer.grammar) session.grammar = { ...session.grammar, ref: answer.grammar };
    if (answer.template && session.template?.uri !== answer.template.uri) {
      session.template = templateTarget(answer.template.uri, answer.template.association);
    }
    const template = session.template && answer.render ? await this.templateInput(session.template, answer.render) : undefined;
    if (generation !== this.generation || session !== this.session) return;
    this.decoded = answer.decode;
    this.rendered = answer.render;
    const model = buildPreviewModel({
      version: ++this.version,
      grammarLabel: session.grammar.label,
      decode: answer.decode,
      ...(template
        ? { template }
        : { noTemplateNote: `No body template uses ${session.grammar.label}. Choose one to see the body Sigfox would send.` }),
    });
    this.post(model);
    if (!answer.decode.error) this.postToWebview({ type: 'encodeForm', fields: encodeFormOf(answer.decode) });
  }

  /** Encode mode: the values typed become the session's frame, and everything shown follows it. */
  private async encode(values: Readonly<Record<string, string>>): Promise<void> {
    const session = this.session;
    if (!session) return;
    const result = await this.server.encode({ grammar: session.grammar.ref, values });
    if (session !== this.session) return;
    this.postToWebview({ type: 'encoded', hex: result.hex, errors: result.errors });
    if (result.errors.length || !result.decoded) return;
    session.hex = result.hex;
    if (this.panel) this.panel.title = `Sigfox: ${shorten(result.hex || 'empty frame', 24)}`;
    // The new frame's decode, body and association: one `sigfox/preview` round trip, as for any refresh.
    await this.refresh();
  }

  private postToWebview(message: ToWebview): void {
    void this.panel?.webview.postMessage(message);
  }

  private async templateInput(template: TemplateTarget, render: RenderResult): Promise<TemplateInput> {
    const document = await Promise.resolve(vscode.workspace.openTextDocument(vscode.Uri.parse(template.uri))).catch(() => undefined);
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
    const message: ToWebview = { type: 'show', model, ...(this.session ? { session: this.session } : {}) };
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
        case 'encode':
          await this.encode(message.values);
          break;
        case 'copyFrame':
          if (this.decoded?.frameHex) await this.copy(this.decoded.frameHex, 'frame');
          break;
      }
    } catch (e) {
      this.showFailure(e);
    }
  }

  private async copy(text: string, what: 'values' | 'body' | 'frame'): Promise<void> {
    await vscode.env.clipboard.writeText(text);
    const copied = { values: 'decoded values copied as JSON', body: 'rendered body copied', frame: `frame ${text} copied` }[what];
    vscode.window.setStatusBarMessage(`Sigfox: ${copied}`, 3000);
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

/** The session the webview saved, checked: it comes back from disk after a reload. */
function savedSession(state: unknown): Session | undefined {
  const session = (state as { session?: unknown } | undefined)?.session as Partial<Session> | undefined;
  if (!session || typeof session !== 'object' || typeof session.hex !== 'string') return undefined;
  const grammar = session.grammar;
  if (!grammar || typeof grammar.label !== 'string' || !isSourceRef(grammar.ref)) return undefined;
  const template = session.template;
  if (
    template !== undefined &&
    (typeof template.uri !== 'string' || typeof template.label !== 'string' || typeof template.note !== 'string')
  )
    return undefined;
  return session as Session;
}

function isSourceRef(ref: unknown): boolean {
  const r = ref as { uri?: unknown; text?: unknown } | undefined;
  return !!r && typeof r === 'object' && (typeof r.uri === 'string' || typeof r.text === 'string');
}

/** What the server is asked for the session; the variables setting is resource-scoped: the template's, else the grammar's. */
function previewParams(session: Session): PreviewParams {
  const scope = session.template?.uri ?? session.grammar.watchUri;
  return {
    grammar: session.grammar.viaTemplate ? { associatedWith: session.grammar.viaTemplate } : session.grammar.ref,
    ...(session.template ? { template: session.template.uri } : {}),
    hex: session.hex,
    variables: sampleVariablesSetting(scope ? vscode.Uri.parse(scope) : undefined),
  };
}
