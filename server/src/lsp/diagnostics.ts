/**
 * Diagnostics, debounced per document (`sigfox.diagnostics.delayMs`, 200 ms by default), and
 * published for files that are not open too: when a grammar changes, every template depending
 * on it is checked again, open or not. Keeps which uris have diagnostics out, to clear or
 * refresh them when their inputs change.
 */
import type { Connection, Diagnostic, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService } from '../core/languageService';
import { kindOfUri } from '../core/workspace';
import type { SettingsStore } from './settings';

/** The longest a check waits for edits to pause beyond the configured delay. */
const MAX_COALESCE_MS = 250;

export class DiagnosticsScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Uris with a non-empty diagnostics list on the client. */
  private readonly published = new Set<string>();
  /** How long each uri's last check took (ms). */
  private readonly costs = new Map<string, number>();
  private disposed = false;

  constructor(
    private readonly connection: Connection,
    private readonly service: LanguageService,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly settings: SettingsStore,
    private readonly logError: (what: string, e: unknown) => void,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /**
   * Checks the document after the debounce delay (or `delayMs`), replacing any pending check.
   * The wait is at least as long as the document's last check took (up to MAX_COALESCE_MS):
   * edits arriving faster than a check runs (typing in a 300 KB template, even with a delay of
   * 0) are coalesced into one check once they pause, instead of a check per edit that completion
   * and hover queue behind. The bound keeps a huge document's diagnostics from lagging further.
   */
  schedule(uri: string, delayMs?: number): void {
    if (this.disposed || !kindOfUri(uri)) return;
    const pending = this.timers.get(uri);
    if (pending) clearTimeout(pending);
    const delay = Math.max(
      delayMs ?? this.settings.get(uri).diagnosticsDelayMs,
      Math.min(MAX_COALESCE_MS, Math.round(this.costs.get(uri) ?? 0)),
    );
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        this.run(uri).catch(e => this.logError(`diagnostics of ${uri}`, e));
      }, delay),
    );
  }

  scheduleAll(uris: Iterable<string>, delayMs?: number): void {
    for (const uri of uris) this.schedule(uri, delayMs);
  }

  /** Open documents and every uri with diagnostics out: what a settings or definition change may affect. */
  knownUris(): Set<string> {
    return new Set([...this.documents.keys(), ...this.published]);
  }

  private async run(uri: string): Promise<void> {
    const settings = await (this.documents.get(uri) ? this.settings.load(uri) : this.settings.loadClosed(uri));
    if (this.disposed) return;
    const document = this.documents.get(uri);
    const started = this.clock();
    const diagnostics = settings.core.validateEnable ? this.service.validate(uri) : [];
    this.costs.set(uri, this.clock() - started);
    this.publish(uri, diagnostics, document?.version);
    // What depends on this file is checked once its own check ran, i.e. debounced with it: the
    // templates using a grammar, and the definitions naming a grammar or template file.
    const kind = kindOfUri(uri);
    if (kind === 'sfgrammar') this.scheduleAll(this.service.dependentsOf(uri), 0);
    if (kind === 'sfgrammar' || kind === 'sftemplate') this.scheduleAll(this.service.definitionsNaming(uri), 0);
  }

  private publish(uri: string, diagnostics: Diagnostic[], version: number | undefined): void {
    if (diagnostics.length > 0) this.published.add(uri);
    else if (!this.published.delete(uri) && version === undefined) return; // nothing out, nothing to clear
    void this.connection
      .sendDiagnostics(version === undefined ? { uri, diagnostics } : { uri, version, diagnostics })
      .catch(e => this.logError(`publishing diagnostics of ${uri}`, e));
  }

  dispose(): void {
    this.disposed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
