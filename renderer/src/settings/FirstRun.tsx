import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TokenStatus } from '../../../shared/token-schema.ts';
import { useAppStore } from '../app-store.ts';
import { tgcode } from '../tgcode.ts';
import { useSettingsStore } from './settings-store.ts';
import { TokenForm } from './TokenForm.tsx';
import './settings.css';

/** The first thing a new operator sees: paste the access token, or look around in the sandbox. */
export function FirstRun({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation('settings');
  const save = useSettingsStore((state) => state.save);
  const [storage, setStorage] = useState<TokenStatus['storage'] | null>(null);

  useEffect(() => {
    // Only the storage kind matters here: it decides whether to offer the weak-storage checkbox.
    tgcode.token.status().then(
      (status) => setStorage(status.storage),
      // If main cannot even say, offer the plain form: saving will report whatever is wrong.
      () => setStorage('secure'),
    );
  }, []);

  async function finish() {
    try {
      await useAppStore.getState().refreshInfo();
    } finally {
      onDone();
    }
  }

  async function tokenSaved() {
    // A token pasted here means "work for real", even if sandbox mode was chosen earlier. Should that
    // fail, the token is saved all the same and the banner shows the mode the app is in.
    try {
      const { settings } = await tgcode.settings.get();
      if (settings.mode === 'sandbox') await save({ mode: 'production' });
    } finally {
      await finish();
    }
  }

  return (
    <div className="first-run">
      <h2 className="screen__title">{t('firstRun.title')}</h2>
      <p className="lead">{t('firstRun.lead')}</p>
      <div className="first-run-choices">
        <section className="settings-card" aria-labelledby="first-run-token">
          <h3 id="first-run-token">{t('firstRun.tokenTitle')}</h3>
          {storage && <TokenForm storage={storage} fieldLabel={t('token.field')} submitLabel={t('firstRun.start')} onSaved={tokenSaved} autoFocus />}
        </section>
        <section className="settings-card" aria-labelledby="first-run-sandbox">
          <h3 id="first-run-sandbox">{t('firstRun.sandboxTitle')}</h3>
          <p className="card-text">{t('firstRun.sandboxText')}</p>
          <div className="actions">
            <button type="button" className="button" onClick={finish}>
              {t('firstRun.sandbox')}
            </button>
          </div>
        </section>
      </div>
    </div>
  );
}
