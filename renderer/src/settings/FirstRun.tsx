import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TokenStatus } from '../../../shared/token-schema.ts';
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

  /**
   * Either answer is recorded in main as a chosen mode, so the question is not asked again and sandbox
   * mode from then on only ever comes from choosing it. Should saving fail, the app goes on all the
   * same: the banner shows the mode it is in, and the next start asks again.
   */
  async function choose(mode: 'production' | 'sandbox') {
    await save({ mode }).catch(() => undefined);
    onDone();
  }

  return (
    <div className="first-run">
      <h2 className="screen__title">{t('firstRun.title')}</h2>
      <p className="lead">{t('firstRun.lead')}</p>
      <div className="first-run-choices">
        <section className="settings-card" aria-labelledby="first-run-token">
          <h3 id="first-run-token">{t('firstRun.tokenTitle')}</h3>
          {storage && <TokenForm storage={storage} fieldLabel={t('token.field')} submitLabel={t('firstRun.start')} onSaved={() => choose('production')} autoFocus />}
        </section>
        <section className="settings-card" aria-labelledby="first-run-sandbox">
          <h3 id="first-run-sandbox">{t('firstRun.sandboxTitle')}</h3>
          <p className="card-text">{t('firstRun.sandboxText')}</p>
          <div className="actions">
            <button type="button" className="button" onClick={() => void choose('sandbox')}>
              {t('firstRun.sandbox')}
            </button>
          </div>
        </section>
      </div>
    </div>
  );
}
