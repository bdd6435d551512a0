import { useTranslation } from 'react-i18next';

/**
 * "No value" wherever a field is empty: a dash to the eye and a word to a screen reader, which would
 * otherwise skip a lone dash or read it out as punctuation.
 */
export function NoValue() {
  const { t } = useTranslation('common');
  return (
    <span className="no-value">
      <span aria-hidden="true">{t('none.mark')}</span>
      <span className="visually-hidden">{t('none.label')}</span>
    </span>
  );
}
