import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CODE_VISIBLE_MS } from '../../../shared/code.ts';
import type { HistoryRow } from '../../../shared/history-schema.ts';
import { formatPhone } from '../../../shared/phone.ts';
import type { Delivery, OutcomeKind } from '../../../shared/send-outcome.ts';
import { NoValue } from '../NoValue.tsx';
import { CallerCheck } from './CallerCheck.tsx';
import { CodeDisplay } from './CodeDisplay.tsx';
import { deliveryText, OUTCOME_ADVICE, OUTCOME_TITLE, REFUSAL_TEXT } from './messages.ts';
import { Countdown } from './Countdown.tsx';
import { OpenSettingsButton } from './OpenSettingsButton.tsx';
import { ProviderStatusFacts } from './ProviderStatusFacts.tsx';
import { RetryWait } from './RetryWait.tsx';
import { type LastSend, type PendingSend, useSendStore } from './send-store.ts';
import { useCountdown } from './use-countdown.ts';
import { useElapsedSeconds } from './use-elapsed.ts';
import { useLiveRow } from './use-live-row.ts';

type Tone = 'ok' | 'warn' | 'danger' | 'sandbox';

/**
 * The last send: its code and countdown, or what went wrong and what to do; while a send is under way,
 * only that send (the earlier result is gone, so its code cannot be read to the next caller). Its space
 * is reserved.
 */
export function ResultCard() {
  const { t } = useTranslation('send');
  const last = useSendStore((state) => state.last);
  const busy = useSendStore((state) => state.busy);
  const pending = useSendStore((state) => state.pending);
  return (
    <section className="result" aria-label={t('result.label')} aria-busy={busy}>
      {/* Always present, so screen readers hear one sentence per result instead of the whole card. It
          empties while a send is under way, so a result worded exactly like the one before (the same
          refusal twice) is still a change, and so still heard. */}
      <p className="visually-hidden" aria-live="polite" data-testid="result-announcement">
        {last === null || busy ? '' : summary(last, t)}
      </p>
      {pending !== null ? (
        <PendingResult pending={pending} />
      ) : last === null ? (
        <p className="result__placeholder">{t('result.placeholder')}</p>
      ) : last.kind === 'reply' && last.row.outcome === 'blocked' ? (
        <BlockedResult key={last.row.id} row={last.row} />
      ) : last.kind === 'reply' ? (
        // A new send is a new card: its countdown starts afresh.
        <ReplyResult key={last.row.id} row={last.row} />
      ) : last.kind === 'abandoned' ? (
        <AbandonedResult last={last} />
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
  // Blocked replies have their own card.
  const outcome = row.outcome === null || row.outcome === 'blocked' ? 'unexpected_response' : row.outcome;
  const sent = outcome === 'sent';
  const simulated = row.mode === 'sandbox';
  const mismatch = row.reportedCode !== null || row.reportedPhone !== null;
  // A simulated success is no success: the card never turns green for it.
  const tone: Tone = simulated ? 'sandbox' : sent && !mismatch ? 'ok' : sent || row.delivery === 'unknown' ? 'warn' : 'danger';
  // A code that may have arrived stays on screen, so the operator can confirm it with the person. When
  // the service reports another code than the operator's own, its code is the one in Telegram.
  const shownCode = row.delivery === 'not_sent' ? null : (row.reportedCode ?? row.code);
  const codeLabel = simulated
    ? t('result.simulatorCode')
    : row.reportedCode !== null
      ? t('result.reportedCode')
      : sent
        ? t('result.code')
        : t('result.codeIfArrived');
  const duration = row.durationMs === null ? <NoValue /> : t('result.durationValue', { ms: Math.round(row.durationMs).toLocaleString(i18n.language) });

  return (
    <article className={`result__card result__card--${tone}`}>
      <p className="visually-hidden" aria-live="polite">
        {shownCode !== null && countdown.expired ? t(simulated ? 'countdown.simulatedExpired' : 'countdown.expired') : ''}
      </p>
      {simulated ? (
        // The statement leads the card, as large as any result: what follows is what the simulator said.
        <header className="result__head result__head--sandbox">
          <h3 className="result__title" data-testid="simulator-statement">
            <ToneIcon tone={tone} />
            {t('result.simulator')}
          </h3>
          <h4 className="result__title">{t('result.simulatorAnswer', { title: t(OUTCOME_TITLE[outcome]) })}</h4>
        </header>
      ) : (
        <header className="result__head">
          <h3 className="result__title">
            <ToneIcon tone={tone} />
            {t(OUTCOME_TITLE[outcome])}
          </h3>
        </header>
      )}
      {shownCode !== null && (
        <>
          <CodeDisplay code={shownCode} label={codeLabel} expired={countdown.expired} />
          <Countdown countdown={countdown} simulated={simulated} />
        </>
      )}
      {mismatch && (
        <div className="result__advice" data-testid="mismatch">
          {row.reportedCode !== null && <p>{t('result.mismatchCode', { own: row.code ?? '', reported: row.reportedCode })}</p>}
          {row.reportedPhone !== null && <p>{t('result.mismatchPhone', { reported: row.reportedPhone })}</p>}
        </div>
      )}
      {outcome !== 'sent' && (
        <div className="result__advice">
          {outcome === 'rate_limited' && <RetryWait row={row} />}
          <p>{advice(row, outcome, t)}</p>
          <p className={`result__delivery result__delivery--${row.delivery}`}>{t(deliveryText(outcome, row.delivery))}</p>
          <OpenSettingsButton reason={outcome} />
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

function PendingResult({ pending }: { pending: PendingSend }) {
  const { t } = useTranslation('send');
  const stopWaiting = useSendStore((state) => state.stopWaiting);
  const waited = useElapsedSeconds(pending.startedAt);
  const limit = pending.timeoutMs === null ? null : Math.round(pending.timeoutMs / 1000);
  return (
    <article className="result__card result__card--info" data-testid="pending-result">
      <header className="result__head">
        <h3 className="result__title">
          <span className="spinner" aria-hidden="true" />
          {t('pending.title', { phone: formatPhone(pending.phone) })}
        </h3>
      </header>
      {/* role="timer" is not announced on every tick. */}
      <p className="result__waited" role="timer">
        {limit === null ? t('pending.waited', { waited }) : t('pending.waitedOf', { waited, limit })}
      </p>
      <div className="result__stop">
        <button type="button" className="button" onClick={stopWaiting}>
          {t('pending.stop')}
        </button>
        <p className="result__note">{t('pending.stopNote')}</p>
      </div>
    </article>
  );
}

function AbandonedResult({ last }: { last: Extract<LastSend, { kind: 'abandoned' }> }) {
  const { t } = useTranslation('send');
  return <BriefResult tone="warn" title={t('abandoned.title')} advice={t('abandoned.advice')} delivery={t('delivery.unknown')} deliveryClass="unknown" phone={last.phone} />;
}

/** A repeat-send guard refused the send in main: which limit, and when it lifts. Nothing left the machine. */
function BlockedResult({ row }: { row: HistoryRow }) {
  const { t } = useTranslation('send');
  return <BriefResult tone="warn" title={t('outcome.blocked.title')} advice={blockedText(row, t)} delivery={t('outcome.blocked.advice')} deliveryClass="not_sent" phone={row.phone} />;
}

function blockedText(row: HistoryRow, t: TFunction<'send'>): string {
  const block = row.blockedBy;
  if (block === null) return t('outcome.blocked.advice');
  if (block.rule === 'daily_cap') return t('outcome.blocked.daily_cap', { count: block.count, limit: block.limit });
  return t('outcome.blocked.cooldown', { count: block.secondsLeft, ago: Math.max(0, Math.round((row.startedAt - block.lastSentAt) / 1000)) });
}

function RefusedResult({ last }: { last: Extract<LastSend, { kind: 'refused' }> }) {
  const { t } = useTranslation('send');
  // An internal failure may come after the request left (e.g. the history could not be written).
  const mayHaveLeft = last.code === 'internal';
  return (
    <BriefResult
      tone={mayHaveLeft ? 'warn' : 'danger'}
      title={t('contractError.title')}
      advice={t(REFUSAL_TEXT[last.code])}
      delivery={mayHaveLeft ? t('contractError.checkHistory') : t('contractError.notSent')}
      phone={last.phone}
      action={<OpenSettingsButton reason={last.code} />}
    />
  );
}

interface BriefResultProps {
  tone: Tone;
  title: string;
  advice: string;
  /** What became of the code, and the look of that line (`result__delivery--…`) when it has one. */
  delivery: string;
  deliveryClass?: Delivery;
  phone: string;
  /** A way to fix what the advice names, under it. */
  action?: ReactNode;
}

/** A result with no answer from the service to show: what happened, what it means for the code, the number. */
function BriefResult({ tone, title, advice, delivery, deliveryClass, phone, action }: BriefResultProps) {
  const { t } = useTranslation('send');
  return (
    <article className={`result__card result__card--${tone}`}>
      <header className="result__head">
        <h3 className="result__title">
          <ToneIcon tone={tone} />
          {title}
        </h3>
      </header>
      <div className="result__advice">
        <p>{advice}</p>
        <p className={deliveryClass === undefined ? 'result__delivery' : `result__delivery result__delivery--${deliveryClass}`}>{delivery}</p>
        {action}
      </div>
      <dl className="facts">
        <Fact label={t('result.phone')} value={formatPhone(phone)} />
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
 * (`success: false`, or `status: false` with a reason other than no Telegram) the same request will
 * be refused again, so the operator is not invited to resend.
 */
function advice(row: HistoryRow, outcome: Exclude<OutcomeKind, 'sent'>, t: TFunction<'send'>): string {
  if (outcome !== 'unexpected_response') return t(OUTCOME_ADVICE[outcome]);
  const detail = serviceDetail(row);
  const said = detail ? t('outcome.unexpected_response.adviceSaid', { detail }) : t('outcome.unexpected_response.advice');
  return row.delivery === 'not_sent' ? `${said} ${t('outcome.unexpected_response.refusedAdvice')}` : said;
}

/** One sentence per result, always naming the number, so two results alike in all else still differ. */
function summary(last: LastSend, t: TFunction<'send'>): string {
  if (last.kind === 'refused') {
    return t('result.announce', { phone: formatPhone(last.phone), title: t('contractError.title'), detail: t(REFUSAL_TEXT[last.code]) });
  }
  if (last.kind === 'abandoned') return t('result.announce', { phone: formatPhone(last.phone), title: t('abandoned.title'), detail: t('delivery.unknown') });
  const { row } = last;
  if (row.outcome === 'blocked') return t('result.announce', { phone: formatPhone(row.phone), title: t('outcome.blocked.title'), detail: blockedText(row, t) });
  const outcome = row.outcome ?? 'unexpected_response';
  if (row.mode === 'sandbox') {
    return t('result.announce', { phone: formatPhone(row.phone), title: t('result.simulator'), detail: t('result.simulatorAnswer', { title: t(OUTCOME_TITLE[outcome]) }) });
  }
  if (row.outcome === 'sent' && row.code === null) return t('loop:check.announceSentBlind', { phone: formatPhone(row.phone) });
  if (row.outcome === 'sent') return t('result.announceSent', { code: row.reportedCode ?? row.code ?? '', phone: formatPhone(row.phone) });
  return t('result.announce', { phone: formatPhone(row.phone), title: t(OUTCOME_TITLE[outcome]), detail: t(deliveryText(outcome, row.delivery)) });
}

const ICON_PATHS: Record<Tone, string> = {
  ok: 'M5 12.5l4.5 4.5L19 7.5',
  warn: 'M12 7v6m0 4h.01',
  danger: 'M7 7l10 10M17 7L7 17',
  // A flask, as on the sandbox banner.
  sandbox: 'M10 5h4M10.5 5v4.5L7 16.5h10L13.5 9.5V5',
};

function ToneIcon({ tone }: { tone: Tone }) {
  return (
    <svg className="tone-icon" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
      <circle cx="12" cy="12" r="11" />
      <path d={ICON_PATHS[tone]} />
    </svg>
  );
}
