import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SpentTotal as Spent } from '../../../shared/account-schema.ts';
import { formatMoney } from '../format-money.ts';
import { tgcode } from '../tgcode.ts';
import { useHistoryStore } from './history-store.ts';

/** The sum of the recorded prices over what the filters show, computed in main from the index. */
export function SpentTotal() {
  const { t, i18n } = useTranslation('loop');
  const query = useHistoryStore((state) => state.query);
  // A new generation is a reload: a send, a status refreshed, the retention sweep.
  const generation = useHistoryStore((state) => state.generation);
  const [spent, setSpent] = useState<Spent | null>(null);

  useEffect(() => {
    let current = true;
    tgcode.history.spent({ query }).then(
      (value) => current && setSpent(value),
      () => current && setSpent(null),
    );
    return () => {
      current = false;
    };
  }, [query, generation]);

  if (spent === null) return null;
  const text = `${t('history.spent', { total: formatMoney(spent.total, i18n.language) })} ${t('history.spentPriced', { count: spent.priced })}`;
  // At the smallest window the line may be cut short; the tooltip has it whole.
  return (
    <p className="history-spent" data-testid="history-spent" title={text}>
      {text}
    </p>
  );
}
