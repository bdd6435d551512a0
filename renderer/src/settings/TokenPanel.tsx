import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TokenStatus } from '../../../shared/token-schema.ts';
import { useAppStore } from '../app-store.ts';
import { NoValue } from '../NoValue.tsx';
import { RemoveToken } from './RemoveToken.tsx';
import { TokenForm } from './TokenForm.tsx';

/** The last four characters are all main ever tells; the rest is drawn as dots. */
function maskedHint(hint: string): string {
  return `••••-…-${hint}`;
}

type Outcome = 'stored' | 'session' | 'removed';

/** Shows what is known about the token (never the token) and lets the operator set, replace or remove it. */
export function TokenPanel({ status }: { status: TokenStatus }) {
  const { t } = useTranslation('settings');
  const refreshInfo = useAppStore((state) => state.refreshInfo);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const message = useRef<HTMLParagraphElement>(null);

  async function saved(next: TokenStatus) {
    setOutcome(next.state === 'stored' ? 'stored' : 'session');
    await refreshInfo();
  }

  async function removed() {
    setOutcome('removed');
    // The remove button has just gone; keep keyboard focus on the panel instead of losing it.
    message.current?.focus();
    await refreshInfo();
  }

  const hasToken = status.state === 'stored' || status.state === 'session';
  // A message about the last action here, unless something else has changed the token since (a new
  // API address removes it): "Token saved." next to "Not set" would contradict itself.
  const shownOutcome = outcome === null || (outcome === 'removed') === hasToken ? null : outcome;
  // "Stored securely" would be untrue when the only store is Linux's fixed-key basic_text.
  const shown = status.state === 'stored' && status.storage !== 'secure' ? 'storedWeak' : status.state;
  return (
    <section className="settings-card" aria-labelledby="token-title">
      <h3 id="token-title">{t('token.title')}</h3>
      <dl className="token-facts">
        <div>
          <dt>{t('token.stateLabel')}</dt>
          <dd>
            <span className={`badge badge-${shown}`} data-testid="token-state" data-state={status.state}>
              {t(`token.state.${shown}`)}
            </span>
          </dd>
        </div>
        <div>
          <dt>{t('token.hintLabel')}</dt>
          <dd className="mono" data-testid="token-hint">
            {status.hint === null ? <NoValue /> : maskedHint(status.hint)}
          </dd>
        </div>
      </dl>
      <p className="field-help">{t(`token.explain.${shown}`)}</p>
      <p ref={message} className="status-line ok" role="status" tabIndex={-1}>
        {shownOutcome ? t(`token.done.${shownOutcome}`) : ''}
      </p>
      {status.state !== 'environment' && (
        <>
          <TokenForm
            storage={status.storage}
            fieldLabel={hasToken ? t('token.fieldNew') : t('token.field')}
            submitLabel={hasToken ? t('token.replace') : t('token.save')}
            onSaved={saved}
          />
          {status.state !== 'none' && <RemoveToken onRemoved={removed} />}
        </>
      )}
    </section>
  );
}
