import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AdminSettings } from './AdminSettings.tsx';
import { OperatorSettings } from './OperatorSettings.tsx';
import { RecoveredNotice } from './RecoveredNotice.tsx';
import { useSettingsStore } from './settings-store.ts';
import { TokenPanel } from './TokenPanel.tsx';
import './settings.css';

export function SettingsScreen() {
  const { t } = useTranslation('settings');
  const view = useSettingsStore((state) => state.view);
  const token = useSettingsStore((state) => state.token);
  const load = useSettingsStore((state) => state.load);
  const [failed, setFailed] = useState(false);

  // Re-read on every visit (the token or a setting may have changed since), in the background: what
  // was read last time is on screen meanwhile, and the form takes in any change it brings.
  useEffect(() => {
    load().then(
      () => setFailed(false),
      () => setFailed(true),
    );
  }, [load]);

  return (
    <div className="settings-screen">
      <h2 className="screen__title">{t('title')}</h2>
      {failed && (
        <p className="notice error" role="alert">
          {t('loadFailed')}
        </p>
      )}
      {view && token && (
        <>
          <RecoveredNotice keys={view.recoveredKeys} />
          {view.policy === 'active' && (
            <p className="notice info" data-testid="policy-notice">
              {t('policy.active')}
            </p>
          )}
          <OperatorSettings settings={view.settings} locked={view.locked} tokenState={token.state} />
          <TokenPanel status={token} />
          <AdminSettings settings={view.settings} locked={view.locked} tokenState={token.state} />
        </>
      )}
    </div>
  );
}
