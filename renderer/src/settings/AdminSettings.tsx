import { useTranslation } from 'react-i18next';
import { LockedNote, RadioGroup, TextField } from './fields.tsx';
import { SaveBar } from './SaveBar.tsx';
import { useSettingsGroup, type SettingsGroupProps } from './use-settings-group.ts';

/**
 * What IT sets up for the workplace: mode, the API connection, how numbers go out, the history's keeping,
 * how the caller's code is checked (blind mode would be pointless if an operator could turn it off), and
 * the repeat-send limits and reconciliation.
 */
export function AdminSettings({ settings, locked, tokenState }: SettingsGroupProps) {
  const { t } = useTranslation('settings');
  const { t: tl } = useTranslation('loop');
  const { draft, edit, submit, discard, dirty, busy, status, form, saveButton, errorFor, isLocked, allLocked } = useSettingsGroup('admin', settings, locked, tokenState);

  return (
    <form ref={form} className="settings-card settings-form" onSubmit={submit} noValidate aria-labelledby="admin-settings-title">
      <h3 id="admin-settings-title">{t('groups.admin')}</h3>
      <p className="field-help">{t('groups.adminHelp')}</p>
      <RadioGroup
        legend={t('mode.legend')}
        value={draft.mode}
        onChange={(value) => edit('mode', value)}
        locked={isLocked('mode')}
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
        locked={isLocked('apiBaseUrl')}
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
        locked={isLocked('method')}
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
        locked={isLocked('timeoutMs')}
        inputMode="decimal"
        autoComplete="off"
        className="narrow"
      />
      <RadioGroup
        legend={t('prefix.legend')}
        value={draft.phonePrefix}
        onChange={(value) => edit('phonePrefix', value)}
        locked={isLocked('phonePrefix')}
        options={[
          { value: '7', label: t('prefix.seven'), help: t('prefix.sevenHelp') },
          { value: '8', label: t('prefix.eight'), help: t('prefix.eightHelp') },
        ]}
      />
      <TextField
        label={t('retention.label')}
        value={draft.retentionDays}
        onChange={(value) => edit('retentionDays', value)}
        help={t('retention.help')}
        error={errorFor('retentionDays', t('retention.invalid'))}
        locked={isLocked('retentionDays')}
        inputMode="numeric"
        autoComplete="off"
        className="narrow"
      />
      <RadioGroup
        legend={t('csv.legend')}
        value={draft.csvDelimiter}
        onChange={(value) => edit('csvDelimiter', value)}
        locked={isLocked('csvDelimiter')}
        options={[
          { value: ';', label: t('csv.semicolon'), help: t('csv.semicolonHelp') },
          { value: ',', label: t('csv.comma'), help: t('csv.commaHelp') },
        ]}
      />
      <h4 className="settings-subtitle">
        {tl('settings.title')}
      </h4>
      <TextField
        label={tl('settings.checkTries.label')}
        value={draft.checkTries}
        onChange={(value) => edit('checkTries', value)}
        help={tl('settings.checkTries.help')}
        error={errorFor('checkTries', tl('settings.checkTries.invalid'))}
        locked={isLocked('checkTries')}
        inputMode="numeric"
        autoComplete="off"
        className="narrow"
      />
      <div className="field">
        <label className="check">
          <input
            type="checkbox"
            checked={draft.blindCheck}
            disabled={isLocked('blindCheck')}
            onChange={(event) => edit('blindCheck', event.target.checked)}
            aria-describedby={isLocked('blindCheck') ? 'blind-check-locked blind-check-help' : 'blind-check-help'}
          />
          <span>{tl('settings.blindCheck.label')}</span>
        </label>
        {isLocked('blindCheck') && <LockedNote id="blind-check-locked" />}
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
        locked={isLocked('lowBalanceSends')}
        inputMode="numeric"
        autoComplete="off"
        className="narrow"
      />
      <h4 className="settings-subtitle">{t('guards.title')}</h4>
      <TextField
        label={t('guards.cooldown.label')}
        value={draft.cooldownSeconds}
        onChange={(value) => edit('cooldownSeconds', value)}
        help={t('guards.cooldown.help')}
        error={errorFor('cooldownSeconds', t('guards.cooldown.invalid'))}
        locked={isLocked('cooldownSeconds')}
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
        locked={isLocked('dailyCapPerPhone')}
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
        locked={isLocked('reconcileCount')}
        inputMode="numeric"
        autoComplete="off"
        className="narrow"
      />
      {allLocked ? (
        <p className="field-help">{t('policy.groupLocked')}</p>
      ) : (
        <SaveBar saveLabel={t('form.saveAdmin')} dirty={dirty} busy={busy} status={status} saveButton={saveButton} onDiscard={discard} />
      )}
    </form>
  );
}
