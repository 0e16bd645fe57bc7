/**
 * The `sigfox.*` settings per resource, fetched with `workspace/configuration` (scoped to the
 * document, or to its workspace folder for files that are not open) and cached until the client
 * says they changed. The core reads them synchronously, so the glue loads them before it asks.
 */
import { MessageType, ShowMessageNotification, type Connection } from 'vscode-languageserver';
import { parseRules } from '../core/rules';
import { DEFAULT_SETTINGS, NUMERIC_SETTINGS, numericSettingProblem, type AssociationSetting, type Settings } from '../core/workspace';
import { isRecord } from '../core/util';

export const SETTINGS_SECTION = 'sigfox';
export const DEFAULT_DIAGNOSTICS_DELAY_MS = NUMERIC_SETTINGS['diagnostics.delayMs'].default;

/** What the glue needs beside the core's settings. */
export interface ServerSettings {
  readonly core: Settings;
  /** Debounce of diagnostics after an edit. */
  readonly diagnosticsDelayMs: number;
  /** Why entries of `sigfox.rules` were ignored, for the user to see once. */
  readonly settingProblems: readonly string[];
}

export const DEFAULT_SERVER_SETTINGS: ServerSettings = {
  core: DEFAULT_SETTINGS,
  diagnosticsDelayMs: DEFAULT_DIAGNOSTICS_DELAY_MS,
  settingProblems: [],
};

type Raw = Record<string, unknown>;

/** `validate.enable` as VS Code nests it (`{validate: {enable}}`), or flat (`{"validate.enable"}`) as some clients send it. */
function read(raw: Raw, key: string): unknown {
  if (key in raw) return raw[key];
  let node: unknown = raw;
  for (const part of key.split('.')) {
    if (!isRecord(node)) return undefined;
    node = node[part];
  }
  return node;
}

function isAssociation(value: unknown): value is AssociationSetting {
  return isRecord(value) && typeof value['template'] === 'string';
}

/**
 * Settings from what the client sent; anything of the wrong type or out of the CLI's bounds
 * (NUMERIC_SETTINGS) falls back to its default: a workspace's settings are input.
 */
export function parseSettings(raw: unknown): ServerSettings {
  if (!isRecord(raw)) return DEFAULT_SERVER_SETTINGS;
  const enable = read(raw, 'validate.enable');
  const associations = read(raw, 'associations');
  const maxUplinkBytes = read(raw, 'maxUplinkBytes');
  const style = read(raw, 'format.style');
  const delay = read(raw, 'diagnostics.delayMs');
  const rules = parseRules(read(raw, 'rules'));
  return {
    core: {
      validateEnable: typeof enable === 'boolean' ? enable : DEFAULT_SETTINGS.validateEnable,
      associations: Array.isArray(associations) ? associations.filter(isAssociation) : DEFAULT_SETTINGS.associations,
      maxUplinkBytes: numericSettingProblem('maxUplinkBytes', maxUplinkBytes)
        ? DEFAULT_SETTINGS.maxUplinkBytes
        : (maxUplinkBytes as number),
      formatStyle: style === 'oneLine' || style === 'multiline' ? style : DEFAULT_SETTINGS.formatStyle,
      rules: rules.rules,
    },
    diagnosticsDelayMs: numericSettingProblem('diagnostics.delayMs', delay) ? DEFAULT_DIAGNOSTICS_DELAY_MS : (delay as number),
    settingProblems: rules.problems,
  };
}

export class SettingsStore {
  private readonly byScope = new Map<string, ServerSettings>();
  private readonly pending = new Map<string, Promise<ServerSettings>>();
  private readonly interned = new Map<string, ServerSettings>();
  /** From `workspace/didChangeConfiguration` when the client cannot be asked per resource. */
  private global: ServerSettings = DEFAULT_SERVER_SETTINGS;
  private readonly listeners: (() => void)[] = [];
  /** Setting problems already shown: each once per session, not once per file. */
  private readonly reported = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly canAsk: boolean,
    private readonly folderOf: (uri: string) => string | undefined,
  ) {}

  /** Called when what `get` answers may have changed for some resource. */
  onDidChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  /** Cached settings: the resource's own, else its folder's, else the global ones. */
  get(uri: string): ServerSettings {
    const folder = this.folderOf(uri);
    return this.byScope.get(uri) ?? (folder !== undefined ? this.byScope.get(folder) : undefined) ?? this.global;
  }

  /**
   * Fetches (once) the settings of a resource, and of its workspace folder: `get` falls back to
   * the folder's for the files a check reads without having asked for them (dependents...).
   */
  async load(uri: string): Promise<ServerSettings> {
    const folder = this.folderOf(uri);
    const [own] = await Promise.all([this.loadScope(uri), folder !== undefined ? this.loadScope(folder) : undefined]);
    return own;
  }

  /**
   * The settings of a file that is not open: its workspace folder's. The client resolves a
   * resource scope without a language to the folder's values anyway, and asking once per file
   * is a round trip per dependent when a grammar edit re-checks thousands of them.
   */
  async loadClosed(uri: string): Promise<ServerSettings> {
    const folder = this.folderOf(uri);
    return folder !== undefined ? this.loadScope(folder) : this.loadScope(uri);
  }

  private loadScope(scopeUri: string): Promise<ServerSettings> {
    if (!this.canAsk) return Promise.resolve(this.get(scopeUri));
    const cached = this.byScope.get(scopeUri);
    if (cached) return Promise.resolve(cached);
    let pending = this.pending.get(scopeUri);
    if (!pending) {
      pending = this.connection.workspace
        .getConfiguration({ scopeUri, section: SETTINGS_SECTION })
        .then(
          raw => this.report(this.intern(parseSettings(raw))),
          () => this.global,
        )
        .then(settings => {
          // A change notification while asking made the answer stale: keep it out of the cache.
          if (this.pending.get(scopeUri) === pending) {
            const before = this.get(scopeUri);
            this.byScope.set(scopeUri, settings);
            this.pending.delete(scopeUri);
            // Most resources share their folder's (interned) settings: no change, nothing to redo.
            if (settings !== before) this.notify();
          }
          return settings;
        });
      this.pending.set(scopeUri, pending);
    }
    return pending;
  }

  /**
   * One object per distinct value: most resources share their folder's settings, and the core
   * memoizes on identity (a template's associations setting), so equal must mean identical.
   */
  private intern(settings: ServerSettings): ServerSettings {
    const key = JSON.stringify(settings);
    const known = this.interned.get(key);
    if (known) return known;
    this.interned.set(key, settings);
    return settings;
  }

  private report(settings: ServerSettings): ServerSettings {
    for (const problem of settings.settingProblems) {
      if (this.reported.has(problem)) continue;
      this.reported.add(problem);
      // A notification, not a request: nothing waits for the user to dismiss it.
      this.connection
        .sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `Sigfox: ${problem}.` })
        .catch(() => undefined);
    }
    return settings;
  }

  /** `workspace/didChangeConfiguration`: forget everything; take the pushed settings when the client cannot be asked. */
  changed(pushed: unknown): void {
    this.byScope.clear();
    this.pending.clear();
    this.interned.clear();
    if (!this.canAsk) this.global = this.report(parseSettings(isRecord(pushed) ? pushed[SETTINGS_SECTION] : undefined));
    this.notify();
  }

  forget(uri: string): void {
    const before = this.get(uri);
    this.byScope.delete(uri);
    if (this.get(uri) !== before) this.notify();
  }
}
