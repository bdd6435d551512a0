import { useEffect, useState } from 'react';
import { CODE_VISIBLE_MS } from '../../../shared/code.ts';
import type { HistoryRow } from '../../../shared/history-schema.ts';
import { statusMayChange } from '../provider-status-text.ts';
import { tgcode } from '../tgcode.ts';

/** How often the card re-reads its record while main polls get_status (a local call, no API request). */
const READ_EVERY_MS = 2_000;
/** Main's polls end within the code's 90 s; one more read after that picks up the last. */
const WATCH_MS = CODE_VISIBLE_MS + 10_000;

const watched = (row: HistoryRow) => row.outcome === 'sent' && row.apiId !== null;

/**
 * The result card's record as it stands now: main records the delivery status and price after the
 * send's reply, so the card re-reads it until the status is final or the code's time is over. `update`
 * takes a newer row from elsewhere (a check's reply). The code the reply carried is kept: the history
 * may not keep codes, and the card shows the one that was sent.
 */
export function useLiveRow(reply: HistoryRow): [HistoryRow, (row: HistoryRow) => void] {
  const [row, setRow] = useState(reply);
  const update = (next: HistoryRow) => setRow({ ...next, code: reply.code, codeHidden: reply.codeHidden });
  const watching = watched(row) && statusMayChange(row.providerStatus) && (row.providerStatus?.requests ?? 0) < 4;

  useEffect(() => {
    if (!watching) return;
    const until = reply.startedAt + WATCH_MS;
    if (Date.now() > until) return;
    const timer = setInterval(() => {
      if (Date.now() > until) clearInterval(timer);
      tgcode.history.row({ id: reply.id }).then(
        (next) => setRow((current) => ({ ...current, providerStatus: next.providerStatus, check: next.check })),
        () => undefined,
      );
    }, READ_EVERY_MS);
    return () => clearInterval(timer);
  }, [watching, reply.id, reply.startedAt]);

  return [row, update];
}
