import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CODE_VISIBLE_MS } from '../../../shared/code.ts';
import type { HistoryRow } from '../../../shared/history-schema.ts';
import { formatPhone } from '../../../shared/phone.ts';
import type { OutcomeKind } from '../../../shared/send-outcome.ts';
import { NoValue } from '../NoValue.tsx';
import { CallerCheck } from './CallerCheck.tsx';
import { CodeDisplay } from './CodeDisplay.tsx';
import { DELIVERY_TEXT, OUTCOME_ADVICE, OUTCOME_TITLE, REFUSAL_TEXT } from './messages.ts';
import { Countdown } from './Countdown.tsx';
import { ProviderStatusFacts } from './ProviderStatusFacts.tsx';
import { type LastSend, useSendStore } from './send-store.ts';
import { useCountdown } from './use-countdown.ts';
import { useLiveRow } from './use-live-row.ts';

type Tone = 'ok' | 'warn' | 'danger';

/** The last send: its code and countdown, or what went wrong and what to do. Its space is reserved. */
export function ResultCard() {
  const { t } = useTranslation('send');
  const last = useSendStore((state) => state.last);
  const busy = useSendStore((state) => state.busy);
  return (
    <section className="result" aria-label={t('result.label')} aria-busy={busy}>
      {/* Always present, so screen readers hear one sentence per result instead of the whole card. It
          empties while a send is under way, so a result worded exactly like the one before (the same
          refusal twice) is still a change, and so still heard. */}
      <p className="visually-hidden" aria-live="polite" data-testid="result-announcement">
        {last === null || busy ? '' : summary(last, t)}
      </p>
      {last === null ? (
        <p className="result__placeholder">{t('result.placeholder')}</p>
      ) : last.kind === 'reply' ? (
        // A new send is a new card: its countdown starts afresh.
        <ReplyResult key={last.row.id} row={last.row} />
      ) : (
        <RefusedResult last={last} />
      )}
    </section>
  );
}

function ReplyResult({ row: reply }: { row: HistoryRow }) {
  const { t, i18n } = useTranslation('send');
  // Main adds the delivery status and the checks to the record after the reply.
  const [row, setRow] = useLiveRow(reply);
  const countdown = useCountdown(row.startedAt + CODE_VISIBLE_MS, CODE_VISIBLE_MS);
  // A reply always has an outcome; a record without one could only be pending, which a reply never is.
  const outcome = row.outcome ?? 'unexpected_response';
  const sent = outcome === 'sent';
  const tone: Tone = sent ? 'ok' : row.delivery === 'unknown' ? 'warn' : 'danger';
  // A code that may have arrived stays on screen, so the operator can confirm it with the person.
  const shownCode = row.delivery === 'not_sent' ? null : row.code;
  const duration = row.durationMs === null ? <NoValue /> : t('result.durationValue', { ms: Math.round(row.durationMs).toLocaleString(i18n.language) });

  return (
    <article className={`result__card result__card--${tone}`}>
      <p className="visually-hidden" aria-live="polite">
        {shownCode !== null && countdown.expired ? t('countdown.expired') : ''}
      </p>
      <header className="result__head">
        <h3 className="result__title">
          <ToneIcon tone={tone} />
          {t(OUTCOME_TITLE[outcome])}
        </h3>
        {row.mode === 'sandbox' && <span className="chip">{t('result.sandbox')}</span>}
      </header>
      {shownCode !== null && (
        <>
          <CodeDisplay code={shownCode} label={sent ? t('result.code') : t('result.codeIfArrived')} expired={countdown.expired} />
          <Countdown countdown={countdown} />
        </>
      )}
      {outcome !== 'sent' && (
        <div className="result__advice">
          <p>{advice(row, outcome, t)}</p>
          <p className={`result__delivery result__delivery--${row.delivery}`}>{t(deliveryText(row, outcome))}</p>
        </div>
      )}
      {row.delivery !== 'not_sent' && <CallerCheck row={row} onRow={setRow} />}
      <dl className="facts">
        <Fact label={t('result.phone')} value={formatPhone(row.phone)} />
        {sent ? (
          <>
            <Fact label={t('result.operator')} value={row.operatorName ?? <NoValue />} />
            <Fact label={t('result.channel')} value={row.channel ?? <NoValue />} />
            <Fact label={t('result.status')} value={row.statusInfo ?? <NoValue />} />
            <Fact label={t('result.apiId')} value={row.apiId === null ? <NoValue /> : String(row.apiId)} />
            <Fact label={t('result.duration')} value={duration} />
          </>
        ) : (
          <>
            <Fact label={t('result.httpStatus')} value={row.httpStatus === null ? <NoValue /> : String(row.httpStatus)} />
            <Fact label={t('result.technicalDetail')} value={row.error ?? <NoValue />} />
            <Fact label={t('result.duration')} value={duration} />
          </>
        )}
      </dl>
      {sent && row.apiId !== null && <ProviderStatusFacts row={row} />}
    </article>
  );
}

function RefusedResult({ last }: { last: Extract<LastSend, { kind: 'refused' }> }) {
  const { t } = useTranslation('send');
  // An internal failure may come after the request left (e.g. the history could not be written).
  const mayHaveLeft = last.code === 'internal';
  const tone: Tone = mayHaveLeft ? 'warn' : 'danger';
  return (
    <article className={`result__card result__card--${tone}`}>
      <header className="result__head">
        <h3 className="result__title">
          <ToneIcon tone={tone} />
          {t('contractError.title')}
        </h3>
      </header>
      <div className="result__advice">
        <p>{t(REFUSAL_TEXT[last.code])}</p>
        <p className="result__delivery">{mayHaveLeft ? t('contractError.checkHistory') : t('contractError.notSent')}</p>
      </div>
      <dl className="facts">
        <Fact label={t('result.phone')} value={formatPhone(last.phone)} />
      </dl>
    </article>
  );
}

function Fact({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div className="facts__row">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

/** The service's own words, when it gave any: they say more than our sentence can. */
const serviceDetail = (row: HistoryRow) => row.statusInfo ?? row.error;

/**
 * An answer the app cannot file under a known failure is quoted. When the service refused outright
 * (`success: false`, or `status: false` such as "user not found in telegram") the same request will
 * be refused again, so the operator is not invited to resend.
 */
function advice(row: HistoryRow, outcome: Exclude<OutcomeKind, 'sent'>, t: TFunction<'send'>): string {
  if (outcome !== 'unexpected_response') return t(OUTCOME_ADVICE[outcome]);
  const detail = serviceDetail(row);
  const said = detail ? t('outcome.unexpected_response.adviceSaid', { detail }) : t('outcome.unexpected_response.advice');
  return row.delivery === 'not_sent' ? `${said} ${t('outcome.unexpected_response.refusedAdvice')}` : said;
}

function deliveryText(row: HistoryRow, outcome: OutcomeKind): string {
  return outcome === 'unexpected_response' && row.delivery === 'not_sent' ? 'delivery.refused' : DELIVERY_TEXT[row.delivery];
}

/** One sentence per result, always naming the number, so two results alike in all else still differ. */
function summary(last: LastSend, t: TFunction<'send'>): string {
  if (last.kind === 'refused') {
    return t('result.announce', { phone: formatPhone(last.phone), title: t('contractError.title'), detail: t(REFUSAL_TEXT[last.code]) });
  }
  const { row } = last;
  if (row.outcome === 'sent' && row.code === null) return t('loop:check.announceSentBlind', { phone: formatPhone(row.phone) });
  if (row.outcome === 'sent') return t('result.announceSent', { code: row.code, phone: formatPhone(row.phone) });
  const outcome = row.outcome ?? 'unexpected_response';
  return t('result.announce', { phone: formatPhone(row.phone), title: t(OUTCOME_TITLE[outcome]), detail: t(deliveryText(row, outcome)) });
}

const ICON_PATHS: Record<Tone, string> = {
  ok: 'M5 12.5l4.5 4.5L19 7.5',
  warn: 'M12 7v6m0 4h.01',
  danger: 'M7 7l10 10M17 7L7 17',
};

function ToneIcon({ tone }: { tone: Tone }) {
  return (
    <svg className="tone-icon" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
      <circle cx="12" cy="12" r="11" />
      <path d={ICON_PATHS[tone]} />
    </svg>
  );
}
