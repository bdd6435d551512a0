import { useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ModalDialog } from '../ModalDialog.tsx';

/** Asks before the whole history is deleted; Cancel has the focus, so Enter or Esc keeps everything. */
export function ConfirmClearDialog({ onConfirm, onClose }: { onConfirm: () => void; onClose: () => void }) {
  const { t } = useTranslation('history');
  const titleId = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);

  return (
    <ModalDialog labelledBy={titleId} onClose={onClose} initialFocus={cancelRef} dialogRef={dialogRef} className="dialog dialog--narrow">
      <div className="dialog__body">
        <h2 id={titleId} className="dialog__title">
          {t('clear.title')}
        </h2>
        <p>{t('clear.body')}</p>
        <div className="dialog__actions">
          <button type="button" ref={cancelRef} className="button" onClick={() => dialogRef.current?.close()}>
            {t('clear.cancel')}
          </button>
          <button
            type="button"
            className="button history-button--danger"
            onClick={() => {
              dialogRef.current?.close();
              onConfirm();
            }}
          >
            {t('clear.confirm')}
          </button>
        </div>
      </div>
    </ModalDialog>
  );
}
