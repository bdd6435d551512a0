import { useTranslation } from 'react-i18next';
import { useAppStore } from './app-store.ts';

/** On every screen while the administrator's policy file is invalid: settings are locked, real sends stopped. */
export function PolicyBanner() {
  const { t } = useTranslation('common');
  const invalid = useAppStore((state) => state.info?.policy === 'invalid');
  if (!invalid) return null;
  return (
    <div className="policy-banner" role="alert" data-testid="policy-banner">
      <p>{t('policy.invalid')}</p>
    </div>
  );
}
