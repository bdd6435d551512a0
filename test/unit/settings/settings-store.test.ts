import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openStoreSafely, type KeyValueStore } from '../../../electron/core/settings/key-value-store.ts';
import { ContractError } from '../../../shared/contract-error.ts';
import { SETTINGS_VERSION, createSettingsStore, defaultSettings } from '../../../electron/core/settings/settings-store.ts';
import { DEFAULT_API_BASE, Settings, type SettingsPatch } from '../../../shared/settings-schema.ts';

const DEFAULTS = { operatorName: 'operator1' };
const ALL_KEYS = Object.keys(Settings.shape).sort();

let dir: string;
let file: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tgcode-settings-'));
  file = path.join(dir, 'settings.json');
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** conf is electron-store's engine; the shell builds electron-store with the same options. */
function openConf(): KeyValueStore {
  return new Conf<Record<string, unknown>>({ cwd: dir, configName: 'settings', clearInvalidConfig: false });
}

function writeFile(content: unknown): void {
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, '\t'));
}

function readFile(): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
}

function updateError(store: ReturnType<typeof createSettingsStore>, patch: SettingsPatch): ContractError {
  try {
    store.update(patch);
  } catch (error) {
    if (error instanceof ContractError) return error;
    throw error;
  }
  throw new Error('update was accepted');
}

describe('settings defaults', () => {
  it('starts from the documented defaults and records the version', () => {
    const settings = createSettingsStore(openConf(), DEFAULTS);
    expect(settings.get()).toEqual({
      settings: {
        mode: 'production',
        apiBaseUrl: DEFAULT_API_BASE,
        method: 'GET',
        timeoutMs: 15_000,
        phonePrefix: '7',
        language: 'ru',
        operatorName: 'operator1',
        keepCodes: true,
        retentionDays: 0,
        csvDelimiter: ';',
        cooldownSeconds: 60,
        dailyCapPerPhone: 5,
        reconcileCount: 100,
        checkTries: 3,
        blindCheck: false,
        lowBalanceSends: 20,
      },
      recoveredKeys: [],
    });
    expect(readFile()).toEqual({ version: SETTINGS_VERSION });
  });

  it('keeps an over-long or odd OS user name within the schema', () => {
    const settings = defaultSettings({ operatorName: `  ${'x'.repeat(300)} ` });
    expect(Settings.safeParse(settings).success).toBe(true);
    expect(settings.operatorName).toHaveLength(64);
    expect(defaultSettings({ operatorName: 'DOMAIN\\ivan\u0000\n petrov\u202E' }).operatorName).toBe('DOMAIN\\ivan petrov');
  });

  it('hands out copies, so a caller cannot change the stored settings', () => {
    const settings = createSettingsStore(openConf(), DEFAULTS);
    settings.get().settings.mode = 'sandbox';
    expect(settings.get().settings.mode).toBe('production');
  });
});

describe('settings migrations', () => {
  const v1 = {
    version: 1,
    apiBase: 'https://api.telefon-ip.ru/api/v1/authcalls/',
    lang: 'en-US',
    timeoutSeconds: 20,
    mode: 'sandbox',
    method: 'POST',
    phonePrefix: '8',
    operatorName: 'Анна',
    keepCodes: false,
    windowBounds: { width: 1200, height: 800 },
  };

  it('migrates a v1 file: renamed keys, seconds to milliseconds, locale tag to language', () => {
    writeFile(v1);
    const settings = createSettingsStore(openConf(), DEFAULTS);
    expect(settings.get()).toEqual({
      settings: {
        mode: 'sandbox',
        apiBaseUrl: 'https://api.telefon-ip.ru/api/v1/authcalls',
        method: 'POST',
        timeoutMs: 20_000,
        phonePrefix: '8',
        language: 'en',
        operatorName: 'Анна',
        keepCodes: false,
        retentionDays: 0,
        csvDelimiter: ';',
        cooldownSeconds: 60,
        dailyCapPerPhone: 5,
        reconcileCount: 100,
        checkTries: 3,
        blindCheck: false,
        lowBalanceSends: 20,
      },
      recoveredKeys: [],
    });
    const onDisk = readFile();
    expect(onDisk).toMatchObject({ version: SETTINGS_VERSION, apiBaseUrl: v1.apiBase, language: 'en', timeoutMs: 20_000 });
    expect(onDisk).not.toHaveProperty('apiBase');
    expect(onDisk).not.toHaveProperty('lang');
    expect(onDisk).not.toHaveProperty('timeoutSeconds');
    expect(onDisk.windowBounds).toEqual(v1.windowBounds);

    // Opening the migrated file again changes nothing.
    const again = createSettingsStore(openConf(), DEFAULTS);
    expect(again.get()).toEqual(settings.get());
    expect(readFile()).toEqual(onDisk);
  });

  it('treats a file without a version as v1', () => {
    const unversioned: Record<string, unknown> = { ...v1 };
    delete unversioned.version;
    writeFile(unversioned);
    const settings = createSettingsStore(openConf(), DEFAULTS);
    expect(settings.get().settings).toMatchObject({ apiBaseUrl: 'https://api.telefon-ip.ru/api/v1/authcalls', language: 'en', timeoutMs: 20_000 });
    expect(readFile().version).toBe(SETTINGS_VERSION);
  });

  it('finishes a migration that was interrupted after the new keys were written', () => {
    writeFile({ ...v1, apiBaseUrl: 'https://new.example.ru/api', timeoutMs: 30_000 });
    const settings = createSettingsStore(openConf(), DEFAULTS);
    expect(settings.get().settings).toMatchObject({ apiBaseUrl: 'https://new.example.ru/api', timeoutMs: 30_000, language: 'en' });
    expect(readFile()).not.toHaveProperty('apiBase');
  });

  it('reports a v1 value that cannot be converted instead of dropping it silently', () => {
    writeFile({ ...v1, timeoutSeconds: 'twenty' });
    const settings = createSettingsStore(openConf(), DEFAULTS);
    expect(settings.get().recoveredKeys).toEqual(['timeoutMs']);
    expect(settings.get().settings.timeoutMs).toBe(15_000);
  });

  it('runs on the migrated values when the file cannot be written', () => {
    writeFile(v1);
    const conf = openConf();
    const readOnly: KeyValueStore = {
      get store() {
        return conf.store;
      },
      get: (key) => conf.get(key),
      set: () => {
        throw Object.assign(new Error('EROFS: read-only file system'), { code: 'EROFS' });
      },
      delete: () => undefined,
      clear: () => undefined,
      path: conf.path,
    };
    const settings = createSettingsStore(readOnly, DEFAULTS);
    expect(settings.get().settings).toMatchObject({ apiBaseUrl: 'https://api.telefon-ip.ru/api/v1/authcalls', language: 'en', timeoutMs: 20_000 });
    expect(readFile()).toEqual(v1);
  });

  it('leaves a file from a newer version as it is', () => {
    const newer = { version: SETTINGS_VERSION + 1, mode: 'sandbox', somethingNew: true, apiBase: 'kept' };
    writeFile(newer);
    const settings = createSettingsStore(openConf(), DEFAULTS);
    expect(settings.get().settings.mode).toBe('sandbox');
    expect(readFile()).toEqual(newer);
  });
});

describe('settings recovery', () => {
  it('resets each hand-edited bad key to its default, lists it, and keeps the good ones', () => {
    const edited = {
      version: SETTINGS_VERSION,
      mode: 'turbo',
      apiBaseUrl: 'http://api.telefon-ip.ru/api/v1/authcalls',
      method: 'POST',
      timeoutMs: '15000',
      phonePrefix: 8,
      language: 'de',
      operatorName: { first: 'Anna' },
      keepCodes: 'yes',
      retentionDays: -5,
      csvDelimiter: ',',
      unknownKey: 'left alone',
    };
    writeFile(edited);
    const settings = createSettingsStore(openConf(), DEFAULTS);
    const view = settings.get();
    expect([...view.recoveredKeys].sort()).toEqual(['apiBaseUrl', 'keepCodes', 'language', 'mode', 'operatorName', 'phonePrefix', 'retentionDays', 'timeoutMs']);
    expect(view.settings).toEqual({ ...defaultSettings(DEFAULTS), method: 'POST', csvDelimiter: ',' });
    // Loading never rewrites what the operator typed; the next save does.
    expect(readFile()).toEqual(edited);
  });

  it('accepts plain http for 127.0.0.1 only', () => {
    writeFile({ version: SETTINGS_VERSION, apiBaseUrl: 'http://127.0.0.1:8080/api/' });
    expect(createSettingsStore(openConf(), DEFAULTS).get()).toMatchObject({ settings: { apiBaseUrl: 'http://127.0.0.1:8080/api' }, recoveredKeys: [] });
    writeFile({ version: SETTINGS_VERSION, apiBaseUrl: 'http://localhost:8080/api' });
    expect(createSettingsStore(openConf(), DEFAULTS).get().recoveredKeys).toEqual(['apiBaseUrl']);
  });

  it('clears the notice on the next update and writes defaults over the bad values, keeping unknown keys', () => {
    writeFile({ version: SETTINGS_VERSION, mode: 'turbo', keepCodes: 'yes', unknownKey: [1, 2] });
    const settings = createSettingsStore(openConf(), DEFAULTS);
    expect(settings.get().recoveredKeys).toHaveLength(2);
    expect(settings.update({ language: 'en' }).recoveredKeys).toEqual([]);
    expect(settings.get().recoveredKeys).toEqual([]);
    expect(readFile()).toMatchObject({ mode: 'production', keepCodes: true, language: 'en', unknownKey: [1, 2] });
    expect(createSettingsStore(openConf(), DEFAULTS).get().recoveredKeys).toEqual([]);
  });

  it('sets a wholly corrupt file aside, starts from defaults and lists every key', () => {
    const garbage = '{"mode": "sandbox", "apiBaseUrl": ';
    writeFile(garbage);
    const opened = openStoreSafely(openConf, file);
    expect(opened.recovered).toBe(true);
    const settings = createSettingsStore(opened.store, DEFAULTS, { recovered: opened.recovered });
    expect(settings.get().settings).toEqual(defaultSettings(DEFAULTS));
    expect([...settings.get().recoveredKeys].sort()).toEqual(ALL_KEYS);

    const corrupt = fs.readdirSync(dir).filter((name) => name.startsWith('settings.json.corrupt-'));
    expect(corrupt).toHaveLength(1);
    expect(fs.readFileSync(path.join(dir, corrupt[0] ?? ''), 'utf8')).toBe(garbage);
    expect(readFile()).toEqual({ version: SETTINGS_VERSION });
  });

  it('never overwrites an earlier corrupt copy', () => {
    writeFile('{ first');
    openStoreSafely(openConf, file);
    writeFile('{ second');
    openStoreSafely(openConf, file);
    const kept = fs
      .readdirSync(dir)
      .filter((name) => name.startsWith('settings.json.corrupt-'))
      .map((name) => fs.readFileSync(path.join(dir, name), 'utf8'))
      .sort();
    expect(kept).toEqual(['{ first', '{ second']);
  });

  it('opens a readable file without setting anything aside', () => {
    writeFile({ version: SETTINGS_VERSION, mode: 'sandbox' });
    const opened = openStoreSafely(openConf, file);
    expect(opened.recovered).toBe(false);
    expect(opened.store.get('mode')).toBe('sandbox');
    expect(fs.readdirSync(dir)).toEqual(['settings.json']);
  });

  it('passes on errors that say nothing about the content, without moving the file', () => {
    writeFile({ version: SETTINGS_VERSION });
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    expect(() =>
      openStoreSafely(() => {
        throw denied;
      }, file),
    ).toThrow(denied);
    expect(fs.readdirSync(dir)).toEqual(['settings.json']);
  });
});

describe('settings update', () => {
  it('saves a valid patch and returns the new view', () => {
    const settings = createSettingsStore(openConf(), DEFAULTS);
    const view = settings.update({ mode: 'sandbox', timeoutMs: 30_000, operatorName: '  Анна  ', apiBaseUrl: 'https://example.ru/api/' });
    expect(view.settings).toMatchObject({ mode: 'sandbox', timeoutMs: 30_000, operatorName: 'Анна', apiBaseUrl: 'https://example.ru/api' });
    expect(createSettingsStore(openConf(), DEFAULTS).get().settings).toEqual(view.settings);
  });

  it.each<[string, SettingsPatch]>([
    ['apiBaseUrl', { apiBaseUrl: 'http://api.telefon-ip.ru/api/v1/authcalls' }],
    ['apiBaseUrl', { apiBaseUrl: 'http://localhost:8080' }],
    ['apiBaseUrl', { apiBaseUrl: 'ftp://api.telefon-ip.ru' }],
    ['apiBaseUrl', { apiBaseUrl: 'https://user:secretpass@api.telefon-ip.ru' }],
    ['apiBaseUrl', { apiBaseUrl: 'https://api.telefon-ip.ru/?token=abcdef' }],
    ['apiBaseUrl', { apiBaseUrl: 'not a url' }],
    ['timeoutMs', { timeoutMs: 999 }],
    ['timeoutMs', { timeoutMs: 120_001 }],
    ['timeoutMs', { timeoutMs: 1500.5 }],
    ['operatorName', { operatorName: 'Z'.repeat(65) }],
    ['operatorName', { operatorName: 'Анна\u0007' }],
    ['operatorName', { operatorName: 'Анна\u202Eанеле' }],
    ['operatorName', { operatorName: 'Анна\u200B' }],
    ['mode', { mode: 'turbo' as 'sandbox' }],
  ])('rejects a bad %s, names the key, and saves nothing', (key, patch) => {
    const settings = createSettingsStore(openConf(), DEFAULTS);
    const before = readFile();
    const error = updateError(settings, { ...patch, language: 'en' });
    expect(error.code).toBe('invalid_settings');
    expect(error.message).toContain(key);
    for (const value of Object.values(patch)) expect(error.message).not.toContain(String(value));
    expect(readFile()).toEqual(before);
    expect(settings.get().settings.language).toBe('ru');
  });

  it('accepts the boundaries', () => {
    const settings = createSettingsStore(openConf(), DEFAULTS);
    expect(settings.update({ timeoutMs: 1_000 }).settings.timeoutMs).toBe(1_000);
    expect(settings.update({ timeoutMs: 120_000 }).settings.timeoutMs).toBe(120_000);
    expect(settings.update({ operatorName: 'Z'.repeat(64) }).settings.operatorName).toHaveLength(64);
    expect(settings.update({ apiBaseUrl: 'http://127.0.0.1:4010' }).settings.apiBaseUrl).toBe('http://127.0.0.1:4010');
  });

  it('puts the operator name on one trimmed line', () => {
    const settings = createSettingsStore(openConf(), DEFAULTS);
    expect(settings.update({ operatorName: '  Анна\r\n\tИванова   (смена 2) ' }).settings.operatorName).toBe('Анна Иванова (смена 2)');
    // Trimming comes first: padding does not count against the 64 characters.
    expect(settings.update({ operatorName: `   ${'Я'.repeat(64)}   ` }).settings.operatorName).toBe('Я'.repeat(64));
  });

  it('ignores keys given as undefined', () => {
    const settings = createSettingsStore(openConf(), DEFAULTS);
    expect(settings.update({ mode: undefined, language: 'en' }).settings).toMatchObject({ mode: 'production', language: 'en' });
  });
});

describe('saving settings', () => {
  it('writes a change of several keys to the file once, so a crash cannot leave half of it', () => {
    const store = openConf();
    const settings = createSettingsStore(store, DEFAULTS);
    const writes = vi.spyOn(store, 'set');
    settings.update({ method: 'POST', timeoutMs: 5000, language: 'en', keepCodes: false });
    expect(writes).toHaveBeenCalledTimes(1);
    expect(openConf().store).toMatchObject({ method: 'POST', timeoutMs: 5000, language: 'en', keepCodes: false });
  });
});

describe('the first run', () => {
  it('is over once a mode is named, even the one in force, and stays over after a restart', () => {
    const settings = createSettingsStore(openConf(), DEFAULTS);
    expect(settings.firstRunDone()).toBe(false);
    settings.update({ language: 'en' });
    expect(settings.firstRunDone()).toBe(false);
    settings.update({ mode: 'production' });
    expect(settings.firstRunDone()).toBe(true);
    expect(readFile()).toMatchObject({ firstRunDone: true });
    expect(createSettingsStore(openConf(), DEFAULTS).firstRunDone()).toBe(true);
  });

  it('is ended on request (a token was entered) and kept in the file', () => {
    const settings = createSettingsStore(openConf(), DEFAULTS);
    settings.endFirstRun();
    expect(settings.firstRunDone()).toBe(true);
    expect(createSettingsStore(openConf(), DEFAULTS).firstRunDone()).toBe(true);
  });

  it('checks a patch without saving it, throwing what update would', () => {
    const settings = createSettingsStore(openConf(), DEFAULTS);
    expect(settings.check({ apiBaseUrl: 'https://other.example/api/' }).apiBaseUrl).toBe('https://other.example/api');
    expect(settings.get().settings.apiBaseUrl).toBe(DEFAULT_API_BASE);
    expect(fs.readFileSync(file, 'utf8')).not.toContain('other.example');
    expect(() => settings.check({ apiBaseUrl: 'http://other.example/api' })).toThrow(/apiBaseUrl/);
  });
});
