import { useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from './app-store.ts';
import { ModalDialog } from './ModalDialog.tsx';

/**
 * Asks before leaving the settings with unsaved edits. "Back to the settings" has the focus, so Enter
 * or Esc keeps the edits.
 */
export function LeaveSettingsDialog() {
  const { t } = useTranslation('common');
  const pending = useAppStore((state) => state.pendingView);
  const titleId = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const stayRef = useRef<HTMLButtonElement>(null);
  const leave = useRef(false);
  if (pending === null) return null;

  const closed = () => {
    const { leaveAnyway, stay } = useAppStore.getState();
    if (leave.current) leaveAnyway();
    else stay();
    leave.current = false;
  };

  return (
    <ModalDialog labelledBy={titleId} onClose={closed} initialFocus={stayRef} dialogRef={dialogRef} className="dialog dialog--narrow">
      <div className="dialog__body">
        <h2 id={titleId} className="dialog__title">
          {t('leave.title')}
        </h2>
        <p>{t('leave.body')}</p>
        <div className="dialog__actions">
          <button type="button" ref={stayRef} className="button" onClick={() => dialogRef.current?.close()}>
            {t('leave.stay')}
          </button>
          <button
            type="button"
            className="button button--primary"
            onClick={() => {
              leave.current = true;
              dialogRef.current?.close();
            }}
          >
            {t('leave.leave')}
          </button>
        </div>
      </div>
    </ModalDialog>
  );
}
