import { useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { HistoryRow } from '../../../shared/history-schema.ts';
import { formatPhone } from '../../../shared/phone.ts';
import { useAppStore } from '../app-store.ts';
import { NoValue } from '../NoValue.tsx';
import { CodeValue } from './CodeValue.tsx';
import { formatDateTime, formatDuration } from './history-format.ts';
import { useHistoryStore } from './history-store.ts';
import { ModalDialog } from '../ModalDialog.tsx';
import { OutcomeBadge } from './OutcomeBadge.tsx';
import { ProviderStatusFields } from './ProviderStatusFields.tsx';
import { VerificationValue } from './VerificationValue.tsx';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="history-fields__item">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

const orNone = (value: string | number | null): ReactNode => (value === null || value === '' ? <NoValue /> : value);

/** Everything recorded about one send, with "show code" and "send again to this number". */
export function HistoryDetails({ row: opened, onClose }: { row: HistoryRow; onClose: () => void }) {
  const { t, i18n } = useTranslation('history');
  const { t: tl } = useTranslation('loop');
  const reveal = useHistoryStore((state) => state.reveal);
  const [row, setRow] = useState(opened);
  const titleId = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  // The dialog opens at its top: focus on the title, not on the buttons below the long list of fields.
  const titleRef = useRef<HTMLHeadingElement>(null);
  const phone = formatPhone(row.phone);

  return (
    <ModalDialog labelledBy={titleId} onClose={onClose} initialFocus={titleRef} dialogRef={dialogRef} closeOnBackdrop className="dialog">
      <div className="dialog__body">
        <h2 id={titleId} ref={titleRef} className="dialog__title" tabIndex={-1}>
          {t('details.title', { phone })}
        </h2>
        <dl className="history-fields">
          <Field label={t('details.time')}>{formatDateTime(row.startedAt, i18n.language)}</Field>
          <Field label={t('details.phone')}>{phone}</Field>
          <Field label={t('details.code')}>
            <CodeValue row={row} reveal={reveal} onRevealed={setRow} />
          </Field>
          <Field label={t('details.codeSource')}>{t(`codeSource.${row.codeSource}`)}</Field>
          {row.reportedCode !== null && <Field label={t('details.reportedCode')}>{row.reportedCode}</Field>}
          <Field label={t('details.outcome')}>
            <OutcomeBadge row={row} />
          </Field>
          <Field label={t('details.delivery')}>
            {t(`delivery.${row.delivery}`)}
            {row.delivery === 'unknown' ? <span className="history-fields__note">{t('delivery.unknownExplained')}</span> : null}
          </Field>
          <Field label={t('details.httpStatus')}>{orNone(row.httpStatus)}</Field>
          <Field label={t('details.status')}>{row.status === null ? <NoValue /> : t(row.status ? 'details.yes' : 'details.no')}</Field>
          <Field label={t('details.statusInfo')}>{orNone(row.statusInfo)}</Field>
          <Field label={t('details.operator')}>{orNone(row.operatorName)}</Field>
          <Field label={t('details.channel')}>{orNone(row.channel)}</Field>
          <Field label={t('details.apiId')}>{orNone(row.apiId)}</Field>
          {row.reportedPhone !== null && <Field label={t('details.reportedPhone')}>{row.reportedPhone}</Field>}
          {row.retryAfterS !== null && <Field label={t('details.retryAfter')}>{row.retryAfterS}</Field>}
          <Field label={t('details.error')}>{orNone(row.error)}</Field>
          <Field label={t('details.duration')}>{row.durationMs === null ? <NoValue /> : formatDuration(row.durationMs, i18n.language)}</Field>
          <Field label={t('details.mode')}>{t(`mode.${row.mode}`)}</Field>
          <Field label={t('details.sentBy')}>{orNone(row.sentBy)}</Field>
          <Field label={tl('history.verification')}>
            <VerificationValue row={row} />
            {row.check !== null && row.check.wrongTries > 0 ? <span className="history-fields__note">{tl('history.tries', { count: row.check.wrongTries })}</span> : null}
          </Field>
          <ProviderStatusFields row={row} onRow={setRow} Field={Field} />
          <Field label={t('details.osUser')}>{orNone(row.osUser)}</Field>
          <Field label={t('details.host')}>{orNone(row.host)}</Field>
          {row.blockedBy === null ? null : (
            <Field label={t('details.blockedBy')}>
              {row.blockedBy.rule === 'cooldown'
                ? t('blockedBy.cooldown', { left: row.blockedBy.secondsLeft, of: row.blockedBy.cooldownSeconds })
                : t('blockedBy.daily_cap', { count: row.blockedBy.count, limit: row.blockedBy.limit })}
            </Field>
          )}
        </dl>
        <div className="dialog__actions">
          <button
            type="button"
            className="button button--primary"
            onClick={() => {
              dialogRef.current?.close();
              useAppStore.getState().sendAgain(row.phone);
            }}
          >
            {t('details.sendAgain')}
          </button>
          <button type="button" className="button" onClick={() => dialogRef.current?.close()}>
            {t('details.close')}
          </button>
        </div>
      </div>
    </ModalDialog>
  );
}
