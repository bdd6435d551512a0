import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RecoveredNotice } from './RecoveredNotice.tsx';
import { SettingsForm } from './SettingsForm.tsx';
import { useSettingsStore } from './settings-store.ts';
import { TokenPanel } from './TokenPanel.tsx';
import './settings.css';

export function SettingsScreen() {
  const { t } = useTranslation('settings');
  const view = useSettingsStore((state) => state.view);
  const token = useSettingsStore((state) => state.token);
  const load = useSettingsStore((state) => state.load);
  const [loaded, setLoaded] = useState<'pending' | 'done' | 'failed'>('pending');

  // Re-read on every visit (the token or a setting may have changed since), and only then build the
  // form, whose working copy starts from what it is given.
  useEffect(() => {
    load().then(
      () => setLoaded('done'),
      () => setLoaded('failed'),
    );
  }, [load]);

  return (
    <div className="settings-screen">
      <h2 className="screen__title">{t('title')}</h2>
      {loaded === 'failed' && (
        <p className="notice error" role="alert">
          {t('loadFailed')}
        </p>
      )}
      {loaded === 'done' && view && token && (
        <>
          <RecoveredNotice keys={view.recoveredKeys} />
          <TokenPanel status={token} />
          <SettingsForm settings={view.settings} tokenState={token.state} />
        </>
      )}
    </div>
  );
}
