import { useTranslation } from 'react-i18next';
import { RadioGroup, TextField } from './fields.tsx';
import { SaveBar } from './SaveBar.tsx';
import { useSettingsGroup, type SettingsGroupProps } from './use-settings-group.ts';

/** What IT sets up for the workplace: mode, the API connection, how numbers go out, the history's keeping. */
export function AdminSettings({ settings, locked, tokenState }: SettingsGroupProps) {
  const { t } = useTranslation('settings');
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
      {allLocked ? (
        <p className="field-help">{t('policy.groupLocked')}</p>
      ) : (
        <SaveBar saveLabel={t('form.saveAdmin')} dirty={dirty} busy={busy} status={status} saveButton={saveButton} onDiscard={discard} />
      )}
    </form>
  );
}
