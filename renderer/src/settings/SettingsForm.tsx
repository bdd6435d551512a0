import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCodeOf } from '../../../shared/contract-error.ts';
import { Language, type Settings, type SettingsView } from '../../../shared/settings-schema.ts';
import type { TokenStatus } from '../../../shared/token-schema.ts';
import { useAppStore } from '../app-store.ts';
import { useBalanceStore } from '../balance-store.ts';
import { RadioGroup, TextField } from './fields.tsx';
import { changesFrom, SETTING_KEYS, toDraft, type Draft, type SettingKey } from './settings-draft.ts';
import { useSettingsStore } from './settings-store.ts';

type Status = 'saved' | 'savedTokenRemoved' | 'noChanges' | 'invalid' | 'failed';

/** A token main keeps itself, which a new API address makes it delete. */
const holdsToken = (state: TokenStatus['state']) => state === 'stored' || state === 'session' || state === 'unreadable' || state === 'address_changed';

interface SettingsFormProps {
  settings: Settings;
  tokenState: TokenStatus['state'];
}

/** Every editable setting in one form; Save sends only what changed. */
export function SettingsForm({ settings, tokenState }: SettingsFormProps) {
  const { t, i18n } = useTranslation('settings');
  const { t: tl } = useTranslation('loop');
  const save = useSettingsStore((state) => state.save);
  const load = useSettingsStore((state) => state.load);
  const refreshToken = useSettingsStore((state) => state.refreshToken);
  const refreshInfo = useAppStore((state) => state.refreshInfo);
  const [draft, setDraft] = useState<Draft>(() => toDraft(settings));
  // The settings the draft was last based on. When fresher ones arrive (the screen shows what it read
  // last time while it reads again), an untouched form takes them in; edits under way are kept.
  const [basis, setBasis] = useState(settings);
  if (basis !== settings) {
    setBasis(settings);
    const edited = changesFrom(basis, draft);
    if (edited.ok && Object.keys(edited.patch).length === 0) setDraft(toDraft(settings));
  }
  const [showErrors, setShowErrors] = useState(false);
  // Keys main refused although they passed the check here (main has the last word).
  const [refused, setRefused] = useState<SettingKey[]>([]);
  const [status, setStatus] = useState<Status | null>(null);
  const [busy, setBusy] = useState(false);
  const [focusInvalid, setFocusInvalid] = useState(0);
  const form = useRef<HTMLFormElement>(null);
  const saveButton = useRef<HTMLButtonElement>(null);

  const changes = changesFrom(settings, draft);
  const dirty = !changes.ok || Object.keys(changes.patch).length > 0;
  const invalid = new Set<SettingKey>([...(showErrors && !changes.ok ? changes.invalid : []), ...refused]);
  const errorFor = (key: SettingKey, message: string) => (invalid.has(key) ? message : null);

  // The top bar's language switch saves the language too: follow it, so this form neither shows a stale
  // choice nor counts it as an unsaved change.
  useEffect(() => {
    const follow = (language: string) => {
      const parsed = Language.safeParse(language);
      if (!parsed.success) return;
      setDraft((current) => ({ ...current, language: parsed.data }));
      // Only to refresh the saved copy; if it fails, the form keeps what it showed.
      load().catch(() => undefined);
    };
    i18n.on('languageChanged', follow);
    return () => i18n.off('languageChanged', follow);
  }, [i18n, load]);

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
      if (errorCodeOf(error) === 'invalid_settings') {
        // Main names the refused keys in its message ("invalid setting: apiBaseUrl"); mark those fields.
        const message = error instanceof Error ? error.message : '';
        const named = SETTING_KEYS.filter((key) => message.includes(key) && key in changes.patch);
        setRefused(named.length > 0 ? named : (Object.keys(changes.patch) as SettingKey[]));
        setStatus('invalid');
        setFocusInvalid((n) => n + 1);
      } else {
        setStatus('failed');
      }
      return;
    } finally {
      setBusy(false);
    }
    setDraft(toDraft(view.settings));
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

  const statusText = status ? t(`form.status.${status}`) : dirty ? t('form.status.dirty') : '';
  const statusTone = status === 'saved' ? 'ok' : status === 'savedTokenRemoved' ? 'warn' : status === 'invalid' || status === 'failed' ? 'error' : 'muted';

  return (
    <form ref={form} className="settings-form" onSubmit={submit} noValidate aria-label={t('form.label')}>
      <section className="settings-card" aria-labelledby="connection-title">
        <h3 id="connection-title">{t('connection.title')}</h3>
        <RadioGroup
          legend={t('mode.legend')}
          value={draft.mode}
          onChange={(value) => edit('mode', value)}
          options={[
            { value: 'production', label: t('mode.production'), help: t('mode.productionHelp') },
            { value: 'sandbox', label: t('mode.sandbox'), help: t('mode.sandboxHelp') },
          ]}
          help={tokenState === 'none' || tokenState === 'unreadable' || tokenState === 'address_changed' ? t('mode.needsToken') : undefined}
        />
        <TextField
          label={t('apiBase.label')}
          value={draft.apiBaseUrl}
          onChange={(value) => edit('apiBaseUrl', value)}
          help={
            <>
              {t('apiBase.help')} {t('apiBase.tokenNote')}
            </>
          }
          error={errorFor('apiBaseUrl', t('apiBase.invalid'))}
          type="url"
          inputMode="url"
          spellCheck={false}
          autoComplete="off"
          className="mono wide"
        />
        <RadioGroup
          legend={t('method.legend')}
          value={draft.method}
          onChange={(value) => edit('method', value)}
          options={[
            { value: 'GET', label: 'GET' },
            { value: 'POST', label: 'POST' },
          ]}
          help={t('method.help')}
          inline
        />
        <TextField
          label={t('timeout.label')}
          value={draft.timeoutSeconds}
          onChange={(value) => edit('timeoutSeconds', value)}
          help={t('timeout.help')}
          error={errorFor('timeoutMs', t('timeout.invalid'))}
          inputMode="decimal"
          autoComplete="off"
          className="narrow"
        />
        <RadioGroup
          legend={t('prefix.legend')}
          value={draft.phonePrefix}
          onChange={(value) => edit('phonePrefix', value)}
          options={[
            { value: '7', label: t('prefix.seven'), help: t('prefix.sevenHelp') },
            { value: '8', label: t('prefix.eight'), help: t('prefix.eightHelp') },
          ]}
        />
      </section>

      <section className="settings-card" aria-labelledby="workplace-title">
        <h3 id="workplace-title">{t('workplace.title')}</h3>
        <div className="field">
          <label className="field-label" htmlFor="settings-language">
            {t('language.label')}
          </label>
          <select id="settings-language" className="input select-input" value={draft.language} onChange={(event) => edit('language', event.target.value as Draft['language'])}>
            <option value="ru" lang="ru">
              {t('language.ru')}
            </option>
            <option value="en" lang="en">
              {t('language.en')}
            </option>
          </select>
        </div>
        <TextField
          label={t('operator.label')}
          value={draft.operatorName}
          onChange={(value) => edit('operatorName', value)}
          help={t('operator.help')}
          error={errorFor('operatorName', t('operator.invalid'))}
          maxLength={100}
          autoComplete="name"
          className="wide"
        />
      </section>

      <section className="settings-card" aria-labelledby="history-title">
        <h3 id="history-title">{t('historyPrefs.title')}</h3>
        <div className="field">
          <label className="check">
            <input type="checkbox" checked={draft.keepCodes} onChange={(event) => edit('keepCodes', event.target.checked)} aria-describedby="keep-codes-help" />
            <span>{t('keepCodes.label')}</span>
          </label>
          <p id="keep-codes-help" className="field-help">
            {t('keepCodes.help')}
          </p>
        </div>
        <TextField
          label={t('retention.label')}
          value={draft.retentionDays}
          onChange={(value) => edit('retentionDays', value)}
          help={t('retention.help')}
          error={errorFor('retentionDays', t('retention.invalid'))}
          inputMode="numeric"
          autoComplete="off"
          className="narrow"
        />
        <RadioGroup
          legend={t('csv.legend')}
          value={draft.csvDelimiter}
          onChange={(value) => edit('csvDelimiter', value)}
          options={[
            { value: ';', label: t('csv.semicolon'), help: t('csv.semicolonHelp') },
            { value: ',', label: t('csv.comma'), help: t('csv.commaHelp') },
          ]}
        />
      </section>

      <section className="settings-card" aria-labelledby="guards-title">
        <h3 id="guards-title">{t('guards.title')}</h3>
        <TextField
          label={t('guards.cooldown.label')}
          value={draft.cooldownSeconds}
          onChange={(value) => edit('cooldownSeconds', value)}
          help={t('guards.cooldown.help')}
          error={errorFor('cooldownSeconds', t('guards.cooldown.invalid'))}
          inputMode="numeric"
          autoComplete="off"
          className="narrow"
        />
        <TextField
          label={t('guards.dailyCap.label')}
          value={draft.dailyCapPerPhone}
          onChange={(value) => edit('dailyCapPerPhone', value)}
          help={t('guards.dailyCap.help')}
          error={errorFor('dailyCapPerPhone', t('guards.dailyCap.invalid'))}
          inputMode="numeric"
          autoComplete="off"
          className="narrow"
        />
        <TextField
          label={t('guards.reconcileCount.label')}
          value={draft.reconcileCount}
          onChange={(value) => edit('reconcileCount', value)}
          help={t('guards.reconcileCount.help')}
          error={errorFor('reconcileCount', t('guards.reconcileCount.invalid'))}
          inputMode="numeric"
          autoComplete="off"
          className="narrow"
        />
      </section>

      <section className="settings-card" aria-labelledby="loop-title">
        <h3 id="loop-title">{tl('settings.title')}</h3>
        <TextField
          label={tl('settings.checkTries.label')}
          value={draft.checkTries}
          onChange={(value) => edit('checkTries', value)}
          help={tl('settings.checkTries.help')}
          error={errorFor('checkTries', tl('settings.checkTries.invalid'))}
          inputMode="numeric"
          autoComplete="off"
          className="narrow"
        />
        <div className="field">
          <label className="check">
            <input type="checkbox" checked={draft.blindCheck} onChange={(event) => edit('blindCheck', event.target.checked)} aria-describedby="blind-check-help" />
            <span>{tl('settings.blindCheck.label')}</span>
          </label>
          <p id="blind-check-help" className="field-help">
            {tl('settings.blindCheck.help')}
          </p>
        </div>
        <TextField
          label={tl('settings.lowBalance.label')}
          value={draft.lowBalanceSends}
          onChange={(value) => edit('lowBalanceSends', value)}
          help={tl('settings.lowBalance.help')}
          error={errorFor('lowBalanceSends', tl('settings.lowBalance.invalid'))}
          inputMode="numeric"
          autoComplete="off"
          className="narrow"
        />
      </section>

      <div className="save-bar">
        <button ref={saveButton} type="submit" className="button button--primary" aria-disabled={busy}>
          {t('form.save')}
        </button>
        <button type="button" className="button" onClick={discard} disabled={!dirty}>
          {t('form.discard')}
        </button>
        <p className={`status-line ${statusTone}`} role="status">
          {statusText}
        </p>
      </div>
    </form>
  );
}
