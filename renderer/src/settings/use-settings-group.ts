import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCodeOf } from '../../../shared/contract-error.ts';
import { Language, type Settings, type SettingsView } from '../../../shared/settings-schema.ts';
import type { TokenStatus } from '../../../shared/token-schema.ts';
import { useAppStore } from '../app-store.ts';
import { useBalanceStore } from '../balance-store.ts';
import { changesFrom, SETTING_KEYS, toDraft, type Draft, type SettingKey } from './settings-draft.ts';
import { GROUP_KEYS, type SettingsGroup } from './settings-groups.ts';
import { useSettingsStore } from './settings-store.ts';

/** What each group's form is given by the settings screen. */
export interface SettingsGroupProps {
  settings: Settings;
  /** Set by the administrator's policy. */
  locked: readonly SettingKey[];
  tokenState: TokenStatus['state'];
}

export type SaveStatus = 'saved' | 'savedTokenRemoved' | 'noChanges' | 'invalid' | 'locked' | 'failed';

/** A token main keeps itself, which a new API address makes it delete. */
const holdsToken = (state: TokenStatus['state']) => state === 'stored' || state === 'session' || state === 'unreadable' || state === 'address_changed';

/**
 * One group of settings as its own form: a working copy, Save sending only what changed in the group,
 * Discard, and whether anything is unsaved (the app asks before leaving the screen then).
 */
export function useSettingsGroup(group: SettingsGroup, settings: Settings, locked: readonly SettingKey[], tokenState: TokenStatus['state']) {
  const { i18n } = useTranslation('settings');
  const keys = GROUP_KEYS[group];
  const save = useSettingsStore((state) => state.save);
  const load = useSettingsStore((state) => state.load);
  const refreshToken = useSettingsStore((state) => state.refreshToken);
  const setGroupDirty = useSettingsStore((state) => state.setGroupDirty);
  const refreshInfo = useAppStore((state) => state.refreshInfo);
  const [draft, setDraft] = useState<Draft>(() => toDraft(settings));
  // The settings the draft was last based on. When fresher ones arrive (the screen shows what it read
  // last time while it reads again), an untouched form takes them in; edits under way are kept.
  const [basis, setBasis] = useState(settings);
  if (basis !== settings) {
    setBasis(settings);
    const edited = changesFrom(basis, draft, keys);
    if (edited.ok && Object.keys(edited.patch).length === 0) setDraft(toDraft(settings));
  }
  const [showErrors, setShowErrors] = useState(false);
  // Keys main refused although they passed the check here (main has the last word).
  const [refused, setRefused] = useState<SettingKey[]>([]);
  const [status, setStatus] = useState<SaveStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const [focusInvalid, setFocusInvalid] = useState(0);
  const form = useRef<HTMLFormElement>(null);
  const saveButton = useRef<HTMLButtonElement>(null);

  const changes = changesFrom(settings, draft, keys);
  const dirty = !changes.ok || Object.keys(changes.patch).length > 0;
  const invalid = new Set<SettingKey>([...(showErrors && !changes.ok ? changes.invalid : []), ...refused]);

  useEffect(() => {
    setGroupDirty(group, dirty);
  }, [group, dirty, setGroupDirty]);
  useEffect(() => () => setGroupDirty(group, false), [group, setGroupDirty]);

  // The top bar's language switch saves the language too: follow it, so this form neither shows a stale
  // choice nor counts it as an unsaved change.
  useEffect(() => {
    if (!keys.includes('language')) return;
    const follow = (language: string) => {
      const parsed = Language.safeParse(language);
      if (!parsed.success) return;
      setDraft((current) => ({ ...current, language: parsed.data }));
      // Only to refresh the saved copy; if it fails, the form keeps what it showed.
      load().catch(() => undefined);
    };
    i18n.on('languageChanged', follow);
    return () => i18n.off('languageChanged', follow);
  }, [i18n, load, keys]);

  useEffect(() => {
    if (focusInvalid > 0) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusInvalid]);

  function edit<K extends keyof Draft>(key: K, value: Draft[K]) {
    setDraft((current) => ({ ...current, [key]: value }));
    setRefused([]);
    setStatus(null);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (!changes.ok) {
      setShowErrors(true);
      setStatus('invalid');
      setFocusInvalid((n) => n + 1);
      return;
    }
    if (Object.keys(changes.patch).length === 0) {
      setStatus('noChanges');
      return;
    }
    setBusy(true);
    let view: SettingsView;
    try {
      view = await save(changes.patch);
    } catch (error) {
      const code = errorCodeOf(error);
      if (code === 'invalid_settings' || code === 'setting_locked') {
        // Main names the refused keys in its message ("invalid setting: apiBaseUrl"); mark those fields.
        const message = error instanceof Error ? error.message : '';
        const named = SETTING_KEYS.filter((key) => message.includes(key) && key in changes.patch);
        setRefused(named.length > 0 ? named : (Object.keys(changes.patch) as SettingKey[]));
        setStatus(code === 'setting_locked' ? 'locked' : 'invalid');
        setFocusInvalid((n) => n + 1);
        // A policy may have come into force since the screen was read: show what it locks.
        if (code === 'setting_locked') load().catch(() => undefined);
      } else {
        setStatus('failed');
      }
      return;
    } finally {
      setBusy(false);
    }
    // Only this group's fields take the saved values; another group's edits under way stay.
    const saved = toDraft(view.settings);
    setDraft((current) => ({ ...current, ...Object.fromEntries(Object.entries(saved).filter(([key]) => draftKeyIn(key, keys))) }));
    setShowErrors(false);
    // Main deletes the stored token when the API address changes, so it can never reach another server.
    const token = 'apiBaseUrl' in changes.patch ? await refreshToken().catch(() => null) : null;
    setStatus(token?.state === 'none' && holdsToken(tokenState) ? 'savedTokenRemoved' : 'saved');
    // i18n.ts keeps <html lang> in step with the language.
    if (view.settings.language !== i18n.language) await i18n.changeLanguage(view.settings.language);
    // Mode and API base decide the sandbox banner and the host shown in the top bar.
    await refreshInfo();
    // The low-balance threshold may have changed; main answers from its last reading.
    if ('lowBalanceSends' in changes.patch) void useBalanceStore.getState().load(false);
  }

  function discard() {
    setDraft(toDraft(settings));
    setShowErrors(false);
    setRefused([]);
    setStatus(null);
    saveButton.current?.focus();
  }

  return {
    draft,
    edit,
    submit,
    discard,
    dirty,
    busy,
    status,
    form,
    saveButton,
    /** The field's message when it is marked invalid, else null. */
    errorFor: (key: SettingKey, message: string) => (invalid.has(key) ? message : null),
    isLocked: (key: SettingKey) => locked.includes(key),
    allLocked: keys.every((key) => locked.includes(key)),
  };
}

/** The draft holds the timeout in seconds under its own name. */
function draftKeyIn(draftKey: string, keys: readonly SettingKey[]): boolean {
  return keys.includes((draftKey === 'timeoutSeconds' ? 'timeoutMs' : draftKey) as SettingKey);
}
