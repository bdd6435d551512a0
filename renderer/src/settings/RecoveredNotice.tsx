import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Says which settings were unreadable on disk and quietly went back to their defaults. */
export function RecoveredNotice({ keys }: { keys: readonly string[] }) {
  const { t } = useTranslation('settings');
  const [dismissed, setDismissed] = useState(false);
  if (keys.length === 0 || dismissed) return null;
  const names = keys.map((key) => t(`names.${key}`, { defaultValue: key })).join(', ');
  return (
    <div className="notice warn recovered" role="alert">
      <p>{t('recovered.text', { names })}</p>
      <button type="button" className="button button--quiet" onClick={() => setDismissed(true)}>
        {t('recovered.dismiss')}
      </button>
    </div>
  );
}
