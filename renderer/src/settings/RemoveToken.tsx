import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSettingsStore } from './settings-store.ts';

/** "Remove the token" with an inline confirmation; focus moves into it and back, for keyboard users. */
export function RemoveToken({ onRemoved }: { onRemoved(): void | Promise<void> }) {
  const { t } = useTranslation('settings');
  const removeToken = useSettingsStore((state) => state.removeToken);
  const [confirming, setConfirming] = useState(false);
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const removeButton = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);

  useEffect(() => {
    if (confirming) cancelButton.current?.focus();
    else if (returnFocus.current) removeButton.current?.focus();
    returnFocus.current = false;
  }, [confirming]);

  async function remove() {
    if (busy) return;
    setBusy(true);
    try {
      await removeToken();
      setFailed(false);
      setConfirming(false);
      await onRemoved();
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  }

  function cancel() {
    returnFocus.current = true;
    setConfirming(false);
  }

  if (!confirming) {
    return (
      <div className="remove-token">
        <button ref={removeButton} type="button" className="button button--danger-outline" onClick={() => setConfirming(true)}>
          {t('token.remove')}
        </button>
      </div>
    );
  }
  return (
    <div
      className="remove-token confirm"
      role="group"
      aria-labelledby="remove-token-question"
      onKeyDown={(event) => {
        if (event.key === 'Escape') cancel();
      }}
    >
      <p id="remove-token-question">{t('token.removeConfirm')}</p>
      <div className="actions">
        <button type="button" className="button button--danger" aria-disabled={busy} onClick={remove}>
          {t('token.removeYes')}
        </button>
        <button
          ref={cancelButton}
          type="button"
          className="button"
          onClick={cancel}
        >
          {t('token.removeNo')}
        </button>
      </div>
      {failed && (
        <p className="field-error" role="alert">
          {t('token.errors.failed')}
        </p>
      )}
    </div>
  );
}
