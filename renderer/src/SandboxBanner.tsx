import { useTranslation } from 'react-i18next';
import { useAppStore } from './app-store.ts';

/**
 * Always visible in sandbox mode: nothing sent from here reaches a real person. The shortcut to the
 * settings is left out while the first-run screen (which asks for the token itself) is up.
 */
export function SandboxBanner({ showSettingsLink }: { showSettingsLink: boolean }) {
  const { t } = useTranslation('common');
  const info = useAppStore((state) => state.info);
  const view = useAppStore((state) => state.view);
  const setView = useAppStore((state) => state.setView);
  if (info?.mode !== 'sandbox') return null;
  return (
    <div className="sandbox-banner">
      <svg className="sandbox-banner__icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
        <path d="M9 3h6M10 3v6.5L4.8 18.4A1.7 1.7 0 0 0 6.3 21h11.4a1.7 1.7 0 0 0 1.5-2.6L14 9.5V3M7.5 15h9" />
      </svg>
      <p className="sandbox-banner__text" role="status">
        <strong>{t('sandbox.title')}</strong> {t('sandbox.text')}{' '}
        {info.sandboxReason === null ? null : <span className={showSettingsLink ? 'sandbox-banner__reason' : undefined}>{t(`sandbox.reason_${info.sandboxReason}`)}</span>}
      </p>
      {showSettingsLink && view !== 'settings' && (
        <button type="button" className="button button--small button--quiet" onClick={() => setView('settings')}>
          {t('sandbox.openSettings')}
        </button>
      )}
    </div>
  );
}
