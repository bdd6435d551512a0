import { useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ModalDialog } from '../ModalDialog.tsx';
import { formatMoney } from '../format-money.ts';

/**
 * Asks before a send when the balance read last is below one send's price. Cancel has the focus, so
 * Enter or Esc sends nothing; the operator may still send (the balance may be stale, or credit allowed).
 */
export function ShortBalanceDialog({ balance, price, onConfirm, onClose }: { balance: number; price: number; onConfirm: () => void; onClose: () => void }) {
  const { t, i18n } = useTranslation('loop');
  const titleId = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  return (
    <ModalDialog labelledBy={titleId} onClose={onClose} initialFocus={cancelRef} dialogRef={dialogRef} className="confirm-dialog">
      <h2 id={titleId} className="confirm-dialog__title">
        {t('balance.confirmTitle')}
      </h2>
      <p>{t('balance.confirmBody', { balance: formatMoney(balance, i18n.language), price: formatMoney(price, i18n.language) })}</p>
      <div className="confirm-dialog__actions">
        <button type="button" ref={cancelRef} className="button" onClick={() => dialogRef.current?.close()}>
          {t('balance.confirmCancel')}
        </button>
        <button
          type="button"
          className="button button--primary"
          onClick={() => {
            dialogRef.current?.close();
            onConfirm();
          }}
        >
          {t('balance.confirmSend')}
        </button>
      </div>
    </ModalDialog>
  );
}
