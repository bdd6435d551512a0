import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { copyCode, selectionTouches } from './copy-code.ts';

/**
 * A 4-digit code in two pairs ("12 34"), the way it is read aloud, with a copy button. However it is
 * copied (the button, Ctrl+C while the code has the focus, or a drag across the digits), the clipboard
 * gets the four digits alone: no gap, no label, no newline.
 */
export function CodeDisplay({ code, label, expired }: { code: string; label: string; expired: boolean }) {
  const { t } = useTranslation('send');
  const [copied, setCopied] = useState<'done' | 'failed' | null>(null);
  const digitsRef = useRef<HTMLSpanElement>(null);
  const pairs = code.match(/.{1,2}/g) ?? [code];

  const copy = () => setCopied(copyCode(code) ? 'done' : 'failed');
  // On the document: a drag that starts above the code (at the card's title) still copies the digits only.
  useEffect(() => {
    const onCopy = (event: ClipboardEvent) => {
      if (!selectionTouches(digitsRef.current)) return;
      event.clipboardData?.setData('text/plain', code);
      event.preventDefault();
    };
    document.addEventListener('copy', onCopy);
    return () => document.removeEventListener('copy', onCopy);
  }, [code]);
  const onKeyDown = (event: KeyboardEvent) => {
    // With a selection of its own the operator is copying something in particular: the copy handler decides.
    const plainC = event.key.toLowerCase() === 'c' && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey;
    if (!plainC || !document.getSelection()?.isCollapsed) return;
    event.preventDefault();
    copy();
  };

  return (
    <div className={expired ? 'code code--expired' : 'code'} onKeyDown={onKeyDown}>
      <span className="code__label">{label}</span>
      <div className="code__row">
        <span ref={digitsRef} className="code__digits" data-testid="sent-code" role="group" tabIndex={0} aria-label={`${label}: ${code}`}>
          {pairs.map((pair, index) => (
            <span key={index} className="code__pair" aria-hidden="true">
              {pair}
            </span>
          ))}
        </span>
        <span className="code__copy">
          <button type="button" className="button" onClick={copy}>
            {t('copy.button')}
          </button>
          <span className="code__copied" aria-live="polite" data-testid="copy-status">
            {copied === null ? '' : t(copied === 'done' ? 'copy.done' : 'copy.failed', { code })}
          </span>
        </span>
      </div>
    </div>
  );
}
