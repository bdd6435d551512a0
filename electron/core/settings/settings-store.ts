import { isDeepStrictEqual } from 'node:util';
import { DEFAULT_API_BASE, Settings, SettingsPatch, toOperatorName, type SettingsView } from '../../../shared/settings-schema.ts';
import type { KeyValueStore } from './key-value-store.ts';
import type { SettingsPort } from '../ports.ts';
import { ContractError } from '../../../shared/contract-error.ts';

export interface SettingsDefaults {
  /** The OS user name, passed in by the shell. */
  operatorName: string;
}

/** The settings as stored; the policy (policy.ts) lays the administrator's values over them. */
export type StoredSettingsView = Pick<SettingsView, 'settings' | 'recoveredKeys'>;

export interface SettingsStore extends Omit<SettingsPort, 'get' | 'update'> {
  get(): StoredSettingsView;
  /** Validates and saves; throws ContractError('invalid_settings') on a bad patch. */
  update(patch: SettingsPatch): StoredSettingsView;
}

type Data = Record<string, unknown>;
type Migration = (data: Data) => Data;

const VERSION_KEY = 'version';
const FIRST_RUN_DONE_KEY = 'firstRunDone';

/**
 * Ordered: `MIGRATIONS[n]` turns a version n+1 file into version n+2. Each one must be safe to run
 * again on its own output, since a crash can leave a file migrated but not yet marked as such.
 */
const MIGRATIONS: readonly Migration[] = [
  // v1 → v2: keys renamed to match the settings schema; the timeout went from seconds to milliseconds
  // and the language from a locale tag ('ru-RU') to a language code ('ru'). Values that cannot be
  // converted are carried over as they are, so loading reports them instead of dropping them silently.
  (data) => {
    const out = { ...data };
    rename(out, 'apiBase', 'apiBaseUrl', (value) => value);
    rename(out, 'lang', 'language', (value) => (typeof value === 'string' ? value.slice(0, 2).toLowerCase() : value));
    rename(out, 'timeoutSeconds', 'timeoutMs', (value) => (typeof value === 'number' ? Math.round(value * 1000) : value));
    return out;
  },
];

export const SETTINGS_VERSION: number = MIGRATIONS.length + 1;

const KEYS = Object.keys(Settings.shape) as (keyof Settings)[];

export function defaultSettings(defaults: SettingsDefaults): Settings {
  return {
    mode: 'production',
    apiBaseUrl: DEFAULT_API_BASE,
    method: 'GET',
    timeoutMs: 15_000,
    phonePrefix: '7',
    language: 'ru',
    // Cleaned and cut to the schema's rules so an odd OS user name cannot make the defaults themselves invalid.
    operatorName: toOperatorName(defaults.operatorName),
    keepCodes: true,
    retentionDays: 0,
    csvDelimiter: ';',
    cooldownSeconds: 60,
    dailyCapPerPhone: 5,
    reconcileCount: 100,
    checkTries: 3,
    blindCheck: false,
    lowBalanceSends: 20,
  };
}

/**
 * Settings kept in a key-value store (electron-store in the app). Loading never throws on file content:
 * each key is validated on its own, and one that is missing takes its default while one that is
 * unreadable also takes its default and is reported in `recoveredKeys`. Keys this version does not
 * know are left in the file untouched.
 */
export function createSettingsStore(store: KeyValueStore, defaults: SettingsDefaults, options: { recovered?: boolean } = {}): SettingsStore {
  const fallback = defaultSettings(defaults);
  const loaded = load(migrate(store), fallback);
  let current = loaded.settings;
  let recoveredKeys = options.recovered ? [...KEYS] : loaded.recoveredKeys;

  // Outside the settings schema: a fact about this installation, not something the operator edits.
  let firstRunDone = store.get(FIRST_RUN_DONE_KEY) === true;

  function validate(patch: SettingsPatch): { settings: Settings; given: Partial<Settings> } {
    const checkedPatch = SettingsPatch.safeParse(patch);
    if (!checkedPatch.success) throw invalid(checkedPatch.error.issues);
    const given = Object.fromEntries(Object.entries(checkedPatch.data).filter(([, value]) => value !== undefined)) as Partial<Settings>;
    const checked = Settings.safeParse({ ...current, ...given });
    if (!checked.success) throw invalid(checked.error.issues);
    return { settings: checked.data, given };
  }

  return {
    get: () => ({ settings: { ...current }, recoveredKeys: [...recoveredKeys] }),
    firstRunDone: () => firstRunDone,
    endFirstRun() {
      if (firstRunDone) return;
      firstRunDone = true;
      try {
        store.set(FIRST_RUN_DONE_KEY, true);
      } catch {
        // Over for this run even if the file cannot be written now: the next update writes it.
      }
    },
    check: (patch) => ({ ...validate(patch).settings }),

    update(patch): StoredSettingsView {
      const { settings, given } = validate(patch);
      // Every key is written, not only the patched ones, so values recovered at load replace the bad ones
      // in the file; in one write, so a crash cannot leave half a change on disk.
      const changed: Record<string, unknown> = Object.fromEntries(KEYS.filter((key) => !isDeepStrictEqual(store.get(key), settings[key])).map((key) => [key, settings[key]]));
      // Naming a mode, even the one in force, is the operator's answer to the first run: from then on
      // sandbox mode only ever comes from choosing it.
      const done = firstRunDone || given.mode !== undefined;
      if (done && store.get(FIRST_RUN_DONE_KEY) !== true) changed[FIRST_RUN_DONE_KEY] = true;
      if (Object.keys(changed).length > 0) store.set(changed);
      current = settings;
      firstRunDone = done;
      recoveredKeys = [];
      return { settings: { ...current }, recoveredKeys: [] };
    },
  };
}

/** Brings the file up to SETTINGS_VERSION and returns its content; a file from a newer version is read as it is. */
function migrate(store: KeyValueStore): Data {
  const data: Data = { ...store.store };
  const stored = data[VERSION_KEY];
  const storedVersion = typeof stored === 'number' && Number.isInteger(stored) && stored >= 1 ? stored : null;
  // The file is current, or a newer app wrote it and only that app knows how to change it.
  if (storedVersion !== null && storedVersion >= SETTINGS_VERSION) return data;
  // A store with no keys is a first start. A file without a usable version predates versioning (v1);
  // the migrations are safe to run again, so guessing too old costs nothing.
  const from = Object.keys(data).length === 0 ? SETTINGS_VERSION : (storedVersion ?? 1);

  const migrated = MIGRATIONS.slice(from - 1).reduce((acc, step) => step(acc), data);
  try {
    save(store, data, migrated);
  } catch {
    // A read-only or full disk must not stop the app: it runs on the migrated values, and since the
    // migrations are safe to repeat, the next start writes them.
  }
  return migrated;
}

/**
 * Writes only what a migration changed, so keys it does not know stay exactly as the file has them.
 * New values first and the version next, so an interrupted run leaves at worst stale old keys behind.
 */
function save(store: KeyValueStore, before: Data, after: Data): void {
  for (const [key, value] of Object.entries(after)) {
    if (key !== VERSION_KEY && !(Object.hasOwn(before, key) && isDeepStrictEqual(before[key], value))) store.set(key, value);
  }
  store.set(VERSION_KEY, SETTINGS_VERSION);
  for (const key of Object.keys(before)) {
    if (!Object.hasOwn(after, key)) store.delete(key);
  }
}

function load(data: Data, fallback: Settings): { settings: Settings; recoveredKeys: string[] } {
  const settings: Record<string, unknown> = { ...fallback };
  const recoveredKeys: string[] = [];
  for (const key of KEYS) {
    if (!Object.hasOwn(data, key)) continue;
    const parsed = Settings.shape[key].safeParse(data[key]);
    if (parsed.success) settings[key] = parsed.data;
    else recoveredKeys.push(key);
  }
  // Each key was checked against its own schema above, so the whole object is a valid Settings.
  return { settings: settings as Settings, recoveredKeys };
}

function rename(data: Data, from: string, to: string, convert: (value: unknown) => unknown): void {
  if (!Object.hasOwn(data, from)) return;
  if (!Object.hasOwn(data, to)) data[to] = convert(data[from]);
  delete data[from];
}

/** Names the offending keys only: values (an operator name, a URL) stay out of error messages. */
function invalid(issues: readonly { path: readonly PropertyKey[] }[]): ContractError {
  const keys = [...new Set(issues.map((issue) => String(issue.path[0] ?? 'settings')))];
  return new ContractError('invalid_settings', `invalid setting: ${keys.join(', ')}`);
}
