import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UpdateStatus } from '../../shared/update-schema.ts';
import { tgcode } from './tgcode.ts';

/** How often the header asks whether an update has finished downloading (the check itself runs in main). */
const POLL_MS = 60_000;

/** "A new version is ready — restart to update", in the header, once main has a verified update. */
export function UpdateNotice() {
  const { t } = useTranslation('common');
  const [status, setStatus] = useState<UpdateStatus | null>(null);
  const [deferred, setDeferred] = useState(false);

  useEffect(() => {
    let live = true;
    const poll = () => tgcode.update.status().then((next) => live && setStatus(next), () => undefined);
    void poll();
    const timer = setInterval(poll, POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);

  if (status?.state !== 'ready') return null;
  const sentence = t('update.ready', { version: status.version });
  const restart = async () => {
    const result = await tgcode.update.restart().catch(() => null);
    // Main never restarts during a send; the operator presses again when it is done.
    setDeferred(result?.reason === 'sending');
  };

  return (
    <div className="update">
      <button type="button" className="update__restart" title={sentence} onClick={() => void restart()}>
        <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
          <path d="M12 4v9m0 0l-4-4m4 4l4-4M5 19h14" />
        </svg>
        <span className="update__text">{t('update.restart')}</span>
      </button>
      {deferred && (
        <p className="update__note" role="status">
          {t('update.afterSend')}
        </p>
      )}
    </div>
  );
}
