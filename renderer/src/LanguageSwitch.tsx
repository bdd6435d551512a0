import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../shared/settings-schema.ts';
import { useAppStore } from './app-store.ts';
import { tgcode } from './tgcode.ts';

// Each language named in its own tongue; a typed Record, so a new language fails the typecheck here.
const LANGUAGE_NAMES: Record<Language, string> = { ru: 'Русский', en: 'English' };
const isLanguage = (value: string): value is Language => Object.hasOwn(LANGUAGE_NAMES, value);

/** Saves the chosen language as a setting first, so the next start opens in it too. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation('common');
  const [failed, setFailed] = useState(false);
  const [saving, setSaving] = useState(false);
  // The administrator's policy may set the language: then it is shown, not switched here.
  const locked = useAppStore((state) => state.info?.lockedSettings.includes('language') ?? false);

  const choose = async (language: string) => {
    if (!isLanguage(language)) return;
    setSaving(true);
    try {
      await tgcode.settings.update({ language });
      await i18n.changeLanguage(language);
      setFailed(false);
      void useAppStore.getState().refreshInfo();
    } catch {
      setFailed(true);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="lang">
      <label className="lang__label">
        <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
          <circle cx="12" cy="12" r="9" />
          <path d="M3 12h18M12 3c2.5 2.6 3.6 5.6 3.6 9s-1.1 6.4-3.6 9c-2.5-2.6-3.6-5.6-3.6-9S9.5 5.6 12 3z" />
        </svg>
        <span className="visually-hidden">{t('language.label')}</span>
        <select className="lang__select" value={i18n.language} disabled={saving || locked} onChange={(event) => void choose(event.target.value)}>
          {Object.entries(LANGUAGE_NAMES).map(([language, name]) => (
            <option key={language} value={language} lang={language}>
              {name}
            </option>
          ))}
        </select>
      </label>
      {failed && (
        <p className="lang__error" role="alert">
          {t('language.saveFailed')}
        </p>
      )}
    </div>
  );
}
