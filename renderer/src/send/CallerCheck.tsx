import { useId, useRef, useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { CheckVerdict } from '../../../shared/check-schema.ts';
import type { CheckReply } from '../../../shared/contract.ts';
import type { HistoryRow } from '../../../shared/history-schema.ts';
import { isValidCode } from '../../../shared/code.ts';
import { tgcode } from '../tgcode.ts';
import './caller-check.css';

const CODE_LENGTH = 4;
/** After these the send is done with: a new code must be sent. */
const FINAL: readonly CheckVerdict[] = ['expired', 'failed'];

/**
 * The last step of the loop: the person reads the code from their Telegram, the operator types it,
 * main compares it with the code of this send and the verdict is shown in large type. In blind mode
 * the code was never on screen, so this is the only way to use it.
 */
export function CallerCheck({ row, onRow }: { row: HistoryRow; onRow: (row: HistoryRow) => void }) {
  const { t } = useTranslation('loop');
  const [digits, setDigits] = useState('');
  const [reply, setReply] = useState<CheckReply | null>(null);
  const [problem, setProblem] = useState<'incomplete' | 'failedToCheck' | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  const finished = reply !== null && FINAL.includes(reply.verdict);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || finished) return;
    if (!isValidCode(digits)) {
      setProblem('incomplete');
      input.current?.focus();
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const answer = await tgcode.check.code({ id: row.id, code: digits });
      setReply(answer);
      onRow(answer.row);
      if (answer.verdict === 'mismatch') input.current?.select();
    } catch {
      setProblem('failedToCheck');
    } finally {
      setBusy(false);
    }
  };

  const verdict = reply?.verdict ?? null;
  return (
    <form className="caller-check" onSubmit={submit} noValidate aria-labelledby={`${id}-label`}>
      {row.codeWithheld && <p className="caller-check__blind">{t('check.blind')}</p>}
      <label id={`${id}-label`} className="caller-check__label" htmlFor={`${id}-input`}>
        {t('check.label')}
      </label>
      <div className="caller-check__row">
        <input
          id={`${id}-input`}
          ref={input}
          className="input input--code"
          type="text"
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          placeholder="····"
          value={digits}
          readOnly={busy || finished}
          aria-invalid={problem === 'incomplete'}
          aria-describedby={`${id}-hint ${id}-verdict`}
          onChange={(event) => {
            setDigits(event.target.value.replace(/\D/g, '').slice(0, CODE_LENGTH));
            setProblem(null);
          }}
        />
        <button type="submit" className="button" aria-disabled={busy || finished}>
          {busy ? t('check.checking') : t('check.submit')}
        </button>
      </div>
      <p id={`${id}-hint`} className="caller-check__hint">
        {problem === null ? <Trans t={t} i18nKey="check.hint" components={{ kbd: <kbd /> }} /> : t(`check.${problem}`)}
      </p>
      <div id={`${id}-verdict`} role="status" className={verdict === null ? 'verdict' : `verdict verdict--${verdict}`} data-testid="check-verdict">
        {verdict !== null && (
          <>
            <p className="verdict__title">{t(`check.verdict.${verdict}`)}</p>
            <p className="verdict__advice">{verdict === 'mismatch' ? t('check.advice.mismatch', { count: reply?.triesLeft ?? 0 }) : t(`check.advice.${verdict}`)}</p>
          </>
        )}
      </div>
    </form>
  );
}
