import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { SaveStatus } from './use-settings-group.ts';

interface SaveBarProps {
  /** Names what Save saves ("Save operator settings"), as there is one bar per group. */
  saveLabel: string;
  dirty: boolean;
  busy: boolean;
  status: SaveStatus | null;
  saveButton: RefObject<HTMLButtonElement | null>;
  onDiscard(): void;
}

export function SaveBar({ saveLabel, dirty, busy, status, saveButton, onDiscard }: SaveBarProps) {
  const { t } = useTranslation('settings');
  const statusText = status ? t(`form.status.${status}`) : dirty ? t('form.status.dirty') : '';
  const tone = status === 'saved' ? 'ok' : status === 'savedTokenRemoved' ? 'warn' : status === 'invalid' || status === 'failed' || status === 'locked' ? 'error' : 'muted';
  return (
    <div className="save-bar">
      <button ref={saveButton} type="submit" className="button button--primary" aria-disabled={busy}>
        {saveLabel}
      </button>
      <button type="button" className="button" onClick={onDiscard} disabled={!dirty}>
        {t('form.discard')}
      </button>
      <p className={`status-line ${tone}`} role="status">
        {statusText}
      </p>
    </div>
  );
}
