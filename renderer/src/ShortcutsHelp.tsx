import { useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ModalDialog } from './ModalDialog.tsx';
import { MOD_LABEL, VIEW_SHORTCUT } from './shortcuts.ts';

/** The keyboard shortcuts, opened with F1 or "?" or the top bar's button. */
export function ShortcutsHelp({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('common');
  const titleId = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const rows: [string[], string][] = [
    [[`${MOD_LABEL}+${VIEW_SHORTCUT.send}`], t('shortcuts.send')],
    [[`${MOD_LABEL}+${VIEW_SHORTCUT.history}`], t('shortcuts.history')],
    [[`${MOD_LABEL}+${VIEW_SHORTCUT.settings}`], t('shortcuts.settings')],
    [[`${MOD_LABEL}+F`], t('shortcuts.search')],
    [['Enter'], t('shortcuts.submit')],
    [['Esc'], t('shortcuts.clear')],
    [['F1', '?'], t('shortcuts.help')],
  ];

  return (
    <ModalDialog labelledBy={titleId} onClose={onClose} initialFocus={closeRef} dialogRef={dialogRef} closeOnBackdrop className="dialog dialog--narrow">
      <div className="dialog__body">
        <h2 id={titleId} className="dialog__title">
          {t('shortcuts.title')}
        </h2>
        <table className="shortcuts">
          <thead>
            <tr>
              <th scope="col">{t('shortcuts.keyColumn')}</th>
              <th scope="col">{t('shortcuts.actionColumn')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([keys, action]) => (
              <tr key={action}>
                <td>
                  {keys.map((key, index) => (
                    <span key={key}>
                      {index > 0 ? ` ${t('shortcuts.or')} ` : null}
                      <kbd>{key}</kbd>
                    </span>
                  ))}
                </td>
                <td>{action}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="dialog__actions">
          <button type="button" ref={closeRef} className="button" onClick={() => dialogRef.current?.close()}>
            {t('shortcuts.close')}
          </button>
        </div>
      </div>
    </ModalDialog>
  );
}
