import { useTranslation } from 'react-i18next';
import { useAppStore } from './app-store.ts';

/**
 * Right under the top bar while QA variables from the environment are in force (TGCODE_API_BASE, TGCODE_TOKEN,
 * TGCODE_DATA_DIR), so nobody takes such a run for an ordinary one. Main says which, never their values.
 */
export function QaBadge() {
  const { t } = useTranslation('common');
  const overrides = useAppStore((state) => state.info?.overrides ?? []);
  if (overrides.length === 0) return null;
  return (
    <div className="qa-strip">
      <p className="chip" data-testid="qa-badge">
        {t('qa.badge', { what: overrides.map((name) => t(`qa.${name}`)).join(', ') })}
      </p>
    </div>
  );
}
