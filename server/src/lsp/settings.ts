/**
 * The `sigfox.*` settings per resource, fetched with `workspace/configuration` (scoped to the
 * document, or to its workspace folder for files that are not open) and cached until the client
 * says they changed. The core reads them synchronously, so the glue loads them before it asks.
 */
import type { Connection } from 'vscode-languageserver';
import { DEFAULT_SETTINGS, type AssociationSetting, type Settings } from '../core/workspace';
import { isRecord } from '../core/util';

export const SETTINGS_SECTION = 'sigfox';
export const DEFAULT_DIAGNOSTICS_DELAY_MS = 200;

/** What the glue needs beside the core's settings. */
export interface ServerSettings {
  readonly core: Settings;
  /** Debounce of diagnostics after an edit. */
  readonly diagnosticsDelayMs: number;
}

export const DEFAULT_SERVER_SETTINGS: ServerSettings = { core: DEFAULT_SETTINGS, diagnosticsDelayMs: DEFAULT_DIAGNOSTICS_DELAY_MS };

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

/** Settings from what the client sent; anything of the wrong type falls back to its default. */
export function parseSettings(raw: unknown): ServerSettings {
  if (!isRecord(raw)) return DEFAULT_SERVER_SETTINGS;
  const enable = read(raw, 'validate.enable');
  const associations = read(raw, 'associations');
  const maxUplinkBytes = read(raw, 'maxUplinkBytes');
  const style = read(raw, 'format.style');
  const delay = read(raw, 'diagnostics.delayMs');
  return {
    core: {
      validateEnable: typeof enable === 'boolean' ? enable : DEFAULT_SETTINGS.validateEnable,
      associations: Array.isArray(associations) ? associations.filter(isAssociation) : DEFAULT_SETTINGS.associations,
      maxUplinkBytes:
        typeof maxUplinkBytes === 'number' && Number.isInteger(maxUplinkBytes) && maxUplinkBytes > 0
          ? maxUplinkBytes
          : DEFAULT_SETTINGS.maxUplinkBytes,
      formatStyle: style === 'oneLine' || style === 'multiline' ? style : DEFAULT_SETTINGS.formatStyle,
    },
    diagnosticsDelayMs: typeof delay === 'number' && delay >= 0 ? delay : DEFAULT_DIAGNOSTICS_DELAY_MS,
  };
}

export class SettingsStore {
  private readonly byScope = new Map<string, ServerSettings>();
  private readonly pending = new Map<string, Promise<ServerSettings>>();
  private readonly interned = new Map<string, ServerSettings>();
  /** From `workspace/didChangeConfiguration` when the client cannot be asked per resource. */
  private global: ServerSettings = DEFAULT_SERVER_SETTINGS;

  constructor(
    private readonly connection: Connection,
    private readonly canAsk: boolean,
    private readonly folderOf: (uri: string) => string | undefined,
  ) {}

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

  private loadScope(scopeUri: string): Promise<ServerSettings> {
    if (!this.canAsk) return Promise.resolve(this.get(scopeUri));
    const cached = this.byScope.get(scopeUri);
    if (cached) return Promise.resolve(cached);
    let pending = this.pending.get(scopeUri);
    if (!pending) {
      pending = this.connection.workspace
        .getConfiguration({ scopeUri, section: SETTINGS_SECTION })
        .then(
          raw => this.intern(parseSettings(raw)),
          () => this.global,
        )
        .then(settings => {
          // A change notification while asking made the answer stale: keep it out of the cache.
          if (this.pending.get(scopeUri) === pending) {
            this.byScope.set(scopeUri, settings);
            this.pending.delete(scopeUri);
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

  /** `workspace/didChangeConfiguration`: forget everything; take the pushed settings when the client cannot be asked. */
  changed(pushed: unknown): void {
    this.byScope.clear();
    this.pending.clear();
    this.interned.clear();
    if (!this.canAsk) this.global = parseSettings(isRecord(pushed) ? pushed[SETTINGS_SECTION] : undefined);
  }

  forget(uri: string): void {
    this.byScope.delete(uri);
  }
}
