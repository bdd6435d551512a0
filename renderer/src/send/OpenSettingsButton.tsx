import { useTranslation } from 'react-i18next';
import { useAppStore } from '../app-store.ts';
import type { ErrorCode } from '../../../shared/contract.ts';
import type { OutcomeKind } from '../../../shared/send-outcome.ts';

/** Refusals the operator fixes in the settings (the token): the card offers the way there. */
const FIXED_IN_SETTINGS: ReadonlySet<OutcomeKind | ErrorCode> = new Set<OutcomeKind | ErrorCode>(['unauthorized', 'no_token', 'token_missing', 'token_unreadable', 'token_address_changed']);

export function OpenSettingsButton({ reason }: { reason: OutcomeKind | ErrorCode }) {
  const { t } = useTranslation('common');
  const setView = useAppStore((state) => state.setView);
  if (!FIXED_IN_SETTINGS.has(reason)) return null;
  return (
    <p className="result__action">
      <button type="button" className="button button--small" onClick={() => setView('settings')}>
        {t('sandbox.openSettings')}
      </button>
    </p>
  );
}
