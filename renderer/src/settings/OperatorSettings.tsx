import { useTranslation } from 'react-i18next';
import { OPERATOR_NAME_MAX } from '../../../shared/settings-schema.ts';
import { LockedNote, TextField } from './fields.tsx';
import { SaveBar } from './SaveBar.tsx';
import type { Draft } from './settings-draft.ts';
import { useSettingsGroup, type SettingsGroupProps } from './use-settings-group.ts';

/** What operators set for themselves: language, the name written with each send, keeping codes. */
export function OperatorSettings({ settings, locked, tokenState }: SettingsGroupProps) {
  const { t } = useTranslation('settings');
  const { draft, edit, submit, discard, dirty, busy, status, form, saveButton, errorFor, isLocked, allLocked } = useSettingsGroup('operator', settings, locked, tokenState);

  return (
    <form ref={form} className="settings-card settings-form" onSubmit={submit} noValidate aria-labelledby="operator-settings-title">
      <h3 id="operator-settings-title">{t('groups.operator')}</h3>
      <div className="field">
        <label className="field-label" htmlFor="settings-language">
          {t('language.label')}
        </label>
        <select
          id="settings-language"
          className="input select-input"
          value={draft.language}
          disabled={isLocked('language')}
          aria-describedby={isLocked('language') ? 'settings-language-locked' : undefined}
          onChange={(event) => edit('language', event.target.value as Draft['language'])}
        >
          <option value="ru" lang="ru">
            {t('language.ru')}
          </option>
          <option value="en" lang="en">
            {t('language.en')}
          </option>
        </select>
        {isLocked('language') && <LockedNote id="settings-language-locked" />}
      </div>
      <TextField
        label={t('operator.label')}
        value={draft.operatorName}
        onChange={(value) => edit('operatorName', value)}
        help={t('operator.help', { max: OPERATOR_NAME_MAX })}
        error={errorFor('operatorName', t('operator.invalid', { max: OPERATOR_NAME_MAX }))}
        locked={isLocked('operatorName')}
        maxLength={OPERATOR_NAME_MAX}
        autoComplete="name"
        className="wide"
      />
      <div className="field">
        <label className="check">
          <input
            type="checkbox"
            checked={draft.keepCodes}
            disabled={isLocked('keepCodes')}
            onChange={(event) => edit('keepCodes', event.target.checked)}
            aria-describedby={isLocked('keepCodes') ? 'keep-codes-locked keep-codes-help' : 'keep-codes-help'}
          />
          <span>{t('keepCodes.label')}</span>
        </label>
        {isLocked('keepCodes') && <LockedNote id="keep-codes-locked" />}
        <p id="keep-codes-help" className="field-help">
          {t('keepCodes.help')}
        </p>
      </div>
      {allLocked ? (
        <p className="field-help">{t('policy.groupLocked')}</p>
      ) : (
        <SaveBar saveLabel={t('form.saveOperator')} dirty={dirty} busy={busy} status={status} saveButton={saveButton} onDiscard={discard} />
      )}
    </form>
  );
}
