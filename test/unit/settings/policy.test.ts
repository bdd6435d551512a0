import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lockedKeys, parsePolicy, readPolicy, withPolicy } from '../../../electron/core/settings/policy.ts';
import { machinePolicyFile } from '../../../electron/core/settings/policy-file.ts';
import { createSettingsStore } from '../../../electron/core/settings/settings-store.ts';
import { SETTING_KEYS } from '../../../shared/settings-schema.ts';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tgcode-policy-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const store = () => createSettingsStore(new Conf<Record<string, unknown>>({ cwd: dir, configName: 'settings', clearInvalidConfig: false }), { operatorName: 'op' });
const FILE = '/etc/tg-code-desk/policy.json';

describe('reading the policy file', () => {
  it('a missing file, or none chosen, is no policy', () => {
    expect(readPolicy(null)).toEqual({ state: 'none' });
    expect(readPolicy(path.join(dir, 'missing.json'))).toEqual({ state: 'none' });
  });

  it('locks the settings it names, with the values it gives', () => {
    const file = path.join(dir, 'policy.json');
    fs.writeFileSync(file, '\uFEFF{ "settings": { "apiBaseUrl": "https://api.example.ru/v1/", "timeoutMs": 20000, "mode": "production" } }');
    const policy = readPolicy(file);
    expect(policy).toEqual({ state: 'active', file, settings: { apiBaseUrl: 'https://api.example.ru/v1', timeoutMs: 20000, mode: 'production' } });
    expect(lockedKeys(policy)).toEqual(['mode', 'apiBaseUrl', 'timeoutMs']);
  });

  it.each([
    ['not JSON', '{ settings: ', 'not JSON'],
    ['a misspelt setting', '{ "settings": { "timeoutMS": 20000 } }', 'invalid: settings.timeoutMS'],
    ['an unknown top-level key', '{ "settings": {}, "lock": true }', 'invalid: lock'],
    ['a value out of range', '{ "settings": { "timeoutMs": 5 } }', 'invalid: settings.timeoutMs'],
    ['an http address', '{ "settings": { "apiBaseUrl": "http://api.example.ru" } }', 'invalid: settings.apiBaseUrl'],
    ['no settings object', '[]', 'invalid: policy'],
  ])('%s is an invalid policy that names what is wrong, never a value', (_name, text, reason) => {
    const policy = parsePolicy(FILE, text);
    expect(policy).toEqual({ state: 'invalid', file: FILE, reason });
    expect(lockedKeys(policy)).toEqual(SETTING_KEYS);
  });

  it('a file that exists but cannot be read is invalid, not absent', () => {
    // A directory where the file should be: reading it fails with EISDIR.
    const file = path.join(dir, 'policy.json');
    fs.mkdirSync(file);
    expect(readPolicy(file)).toEqual({ state: 'invalid', file, reason: 'unreadable (EISDIR)' });
  });
});

describe('settings under a policy', () => {
  it('shows the policy values over the stored ones and names the locked keys', () => {
    const settings = withPolicy(store(), { state: 'active', file: FILE, settings: { timeoutMs: 30_000, keepCodes: false } });
    const view = settings.get();
    expect(view.settings).toMatchObject({ timeoutMs: 30_000, keepCodes: false, method: 'GET' });
    expect(view).toMatchObject({ policy: 'active', locked: ['timeoutMs', 'keepCodes'] });
  });

  it('refuses a change to a locked setting and saves nothing of that patch; the others stay free', () => {
    const stored = store();
    const settings = withPolicy(stored, { state: 'active', file: FILE, settings: { timeoutMs: 30_000 } });
    expect(() => settings.update({ timeoutMs: 10_000, method: 'POST' })).toThrow(/setting_locked: .*timeoutMs/);
    expect(stored.get().settings).toMatchObject({ timeoutMs: 15_000, method: 'GET' });
    // Sending the locked value unchanged (a form that sends everything) is not a change.
    expect(settings.update({ timeoutMs: 30_000, method: 'POST' }).settings).toMatchObject({ timeoutMs: 30_000, method: 'POST' });
    expect(stored.get().settings.timeoutMs).toBe(15_000);
  });

  it('checks a patch as update would, with the policy values over the result', () => {
    const stored = store();
    const settings = withPolicy(stored, { state: 'active', file: FILE, settings: { apiBaseUrl: 'https://api.example/v1' } });
    expect(() => settings.check({ apiBaseUrl: 'https://collector.example/api' })).toThrow(/setting_locked: .*apiBaseUrl/);
    expect(settings.check({ method: 'POST' })).toMatchObject({ method: 'POST', apiBaseUrl: 'https://api.example/v1' });
    expect(stored.get().settings.method).toBe('GET');
  });

  it('naming the mode the policy fixes still answers the first run', () => {
    const settings = withPolicy(store(), { state: 'active', file: FILE, settings: { mode: 'production' } });
    expect(settings.firstRunDone()).toBe(false);
    settings.update({ mode: 'production' });
    expect(settings.firstRunDone()).toBe(true);
  });

  it('an invalid policy locks every setting as it is', () => {
    const settings = withPolicy(store(), { state: 'invalid', file: FILE, reason: 'not JSON' });
    expect(settings.get()).toMatchObject({ policy: 'invalid', locked: SETTING_KEYS, settings: { mode: 'production' } });
    expect(() => settings.update({ language: 'en' })).toThrow(/setting_locked/);
  });
});

describe('where the policy lives', () => {
  it('is a machine-wide folder only administrators write, on each OS', () => {
    expect(machinePolicyFile('win32', { ProgramData: 'D:\\ProgramData' })).toBe('D:\\ProgramData\\TG Code Desk\\policy.json');
    expect(machinePolicyFile('win32', {})).toBe('C:\\ProgramData\\TG Code Desk\\policy.json');
    expect(machinePolicyFile('darwin', {})).toBe('/Library/Application Support/TG Code Desk/policy.json');
    expect(machinePolicyFile('linux', {})).toBe('/etc/tg-code-desk/policy.json');
  });
});
