import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from './app-store.ts';
import { useBalanceStore } from './balance-store.ts';
import { formatMoney } from './format-money.ts';

/**
 * The account balance in the header: the money, the price of one send and how many sends that
 * leaves, as a warning at or below the low-balance setting. In sandbox it is the simulator's and says
 * so. Read at start, after sends (debounced) and on demand; a balance that cannot be read blocks nothing.
 */
export function BalanceBadge() {
  const { t, i18n } = useTranslation('loop');
  const balance = useBalanceStore((state) => state.balance);
  const loading = useBalanceStore((state) => state.loading);
  const load = useBalanceStore((state) => state.load);
  const afterSend = useBalanceStore((state) => state.afterSend);
  const sendsCompleted = useAppStore((state) => state.sendsCompleted);
  const mode = useAppStore((state) => state.info?.mode);

  // A new mode (a token set, the sandbox chosen) is another account.
  useEffect(() => void load(false), [load, mode]);
  useEffect(() => {
    if (sendsCompleted > 0) afterSend();
  }, [sendsCompleted, afterSend]);

  const sandbox = (balance?.mode ?? mode) === 'sandbox';
  const known = balance !== null && balance.state === 'known' && balance.balance !== null ? balance : null;
  const amount = known?.balance == null ? (loading && balance === null ? t('balance.loading') : t('balance.unknown')) : formatMoney(known.balance, i18n.language);
  const detail =
    known?.price == null || known.sendsLeft === null
      ? null
      : t('balance.detail', { price: formatMoney(known.price, i18n.language), sends: t('balance.sends', { count: known.sendsLeft }) });
  const low = balance?.low === true;

  return (
    <div className={low ? 'balance balance--low' : 'balance'} data-testid="balance">
      <p className="balance__text" role="status" title={balance?.reason ?? undefined}>
        <span className="balance__label">{t(sandbox ? 'balance.sandboxLabel' : 'balance.label')}:</span>{' '}
        <span className="balance__amount" data-testid="balance-value">
          {amount}
        </span>
        {detail !== null && <span className="balance__detail">{` · ${detail}`}</span>}
        {low && <strong className="balance__warning" data-testid="balance-low">{` · ${t('balance.low')}`}</strong>}
      </p>
      <button type="button" className="balance__refresh" aria-label={t('balance.refresh')} title={t('balance.refresh')} aria-disabled={loading} onClick={() => void (loading ? undefined : load(true))}>
        <svg viewBox="0 0 24 24" width="14" height="14" aria-hidden="true" focusable="false">
          <path d="M20 11a8 8 0 1 0-2.3 5.7M20 5v6h-6" />
        </svg>
      </button>
    </div>
  );
}
