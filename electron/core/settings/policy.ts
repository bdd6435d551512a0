/**
 * The machine-wide policy file IT uses to lock settings: `{ "settings": { "<key>": value, … } }`, read
 * once at start. Any setting it names takes the policy's value, is shown read-only and is refused by
 * settings:update. A policy that cannot be read or does not validate is never ignored: every setting is
 * then locked as it is and real sends are refused until the file is fixed (`invalid`).
 */
import fs from 'node:fs';
import { z } from 'zod';
import { ContractError } from '../../../shared/contract-error.ts';
import { Settings, SETTING_KEYS, type PolicyState, type SettingKey, type SettingsPatch, type SettingsView } from '../../../shared/settings-schema.ts';
import type { SettingsPort } from '../ports.ts';
import type { SettingsStore } from './settings-store.ts';

/** Strict at both levels: a misspelt key is an error, not a setting silently left unlocked. */
export const PolicyFile = z.strictObject({
  settings: z.strictObject(Settings.partial().shape),
});

export type Policy =
  | { state: 'none' }
  | { state: 'active'; file: string; settings: Partial<Settings> }
  /** `reason` names what is wrong (a key, "not JSON", an I/O code), never a value from the file. */
  | { state: 'invalid'; file: string; reason: string };

/** A missing file is no policy; anything else that stops it being read is an invalid one. */
export function readPolicy(file: string | null): Policy {
  if (file === null) return { state: 'none' };
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { state: 'none' };
    return { state: 'invalid', file, reason: `unreadable (${code ?? 'error'})` };
  }
  return parsePolicy(file, text);
}

export function parsePolicy(file: string, text: string): Policy {
  let json: unknown;
  try {
    // A BOM is what Notepad on Windows writes first.
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { state: 'invalid', file, reason: 'not JSON' };
  }
  const parsed = PolicyFile.safeParse(json);
  if (!parsed.success) {
    const where = [...new Set(parsed.error.issues.map((issue) => [...issue.path, ...('keys' in issue ? issue.keys : [])].join('.') || 'policy'))];
    return { state: 'invalid', file, reason: `invalid: ${where.join(', ')}` };
  }
  const settings = Object.fromEntries(Object.entries(parsed.data.settings).filter(([, value]) => value !== undefined)) as Partial<Settings>;
  return { state: 'active', file, settings };
}

/** The keys a policy locks. */
export function lockedKeys(policy: Policy): SettingKey[] {
  if (policy.state === 'none') return [];
  if (policy.state === 'invalid') return [...SETTING_KEYS];
  return SETTING_KEYS.filter((key) => Object.hasOwn(policy.settings, key));
}

/**
 * The settings as the rest of the app sees them: the stored ones with the policy's values laid over.
 * Updates that try to change a locked setting are refused as a whole, naming the keys.
 */
export function withPolicy(store: SettingsStore, policy: Policy): SettingsPort {
  const locked = lockedKeys(policy);
  const state: PolicyState = policy.state;
  const overlay = policy.state === 'active' ? policy.settings : {};
  const view = (stored: ReturnType<SettingsStore['get']>): SettingsView => ({
    settings: { ...stored.settings, ...overlay },
    // A key the policy sets is not the operator's to check, whatever the file held.
    recoveredKeys: stored.recoveredKeys.filter((key) => !locked.includes(key as SettingKey)),
    policy: state,
    locked: [...locked],
  });

  /** Refuses a patch that would change a locked setting; returns the part the store may take. */
  const free = (patch: SettingsPatch): SettingsPatch => {
    const current = view(store.get()).settings;
    const refused = locked.filter((key) => patch[key] !== undefined && JSON.stringify(patch[key]) !== JSON.stringify(current[key]));
    if (refused.length > 0) throw new ContractError('setting_locked', `set by the administrator's policy: ${refused.join(', ')}`);
    return Object.fromEntries(Object.entries(patch).filter(([key]) => !locked.includes(key as SettingKey))) as SettingsPatch;
  };

  return {
    get: () => view(store.get()),
    firstRunDone: () => store.firstRunDone(),
    endFirstRun: () => store.endFirstRun(),
    check: (patch) => ({ ...store.check(free(patch)), ...overlay }),
    update(patch) {
      const saved = view(store.update(free(patch)));
      // Naming the mode answers the first run even when the policy fixes it and the store never sees the key.
      if (patch.mode !== undefined) store.endFirstRun();
      return saved;
    },
  };
}
