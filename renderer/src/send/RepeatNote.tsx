import { useEffect, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { useSendStore } from './send-store.ts';

/** How long the note about an ignored repeat stays up. */
export const REPEAT_NOTE_MS = 4_000;

/**
 * The line under the Send button: the Enter hint, or for a moment after a press was ignored as an
 * immediate repeat, a note saying so (politely announced), so a deliberate second press is not met
 * with silence. Both share one spot, so neither moves the form.
 */
export function RepeatNote() {
  const { t } = useTranslation('send');
  const ignored = useSendStore((state) => state.repeatsIgnored);
  const [seen, setSeen] = useState(ignored);

  useEffect(() => {
    const timer = setTimeout(() => setSeen(ignored), REPEAT_NOTE_MS);
    return () => clearTimeout(timer);
  }, [ignored]);

  const showing = ignored !== seen;
  return (
    <div className="send-form__hints">
      <p className="send-form__hint send-form__hint--note" aria-live="polite" data-testid="repeat-note">
        {showing ? t('repeatIgnored') : ''}
      </p>
      <p className={showing ? 'send-form__hint is-hidden' : 'send-form__hint'} aria-hidden="true">
        <Trans t={t} i18nKey="enterHint" components={{ kbd: <kbd /> }} />
      </p>
    </div>
  );
}
