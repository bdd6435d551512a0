import { type FormEvent, type KeyboardEvent, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { isValidCode } from '../../../shared/code.ts';
import { checkPhone, formatPhone } from '../../../shared/phone.ts';
import type { SendRequest } from '../../../shared/contract.ts';
import { useAppStore } from '../app-store.ts';
import { useBalanceStore } from '../balance-store.ts';
import { OwnCodeField } from './OwnCodeField.tsx';
import { PhoneField } from './PhoneField.tsx';
import { GuardNote } from './GuardNote.tsx';
import { RepeatNote } from './RepeatNote.tsx';
import { RepeatQuestion } from './RepeatQuestion.tsx';
import { ShortBalanceDialog } from './ShortBalanceDialog.tsx';
import { useSendStore } from './send-store.ts';

/** Phone, optional own code, one Send button. Enter sends; one intent sends exactly one request. */
export function SendForm() {
  const { t } = useTranslation('send');
  const draft = useSendStore((state) => state.draft);
  const busy = useSendStore((state) => state.busy);
  const editDraft = useSendStore((state) => state.editDraft);
  const send = useSendStore((state) => state.send);
  const confirmRepeat = useSendStore((state) => state.confirmRepeat);
  const dismissQuestion = useSendStore((state) => state.dismissQuestion);
  const refreshGuard = useSendStore((state) => state.refreshGuard);
  const last = useSendStore((state) => state.last);
  const prefill = useAppStore((state) => state.prefillPhone);
  const [attempted, setAttempted] = useState(false);
  // A send held back for the operator to confirm, with the balance that made it ask.
  const [confirming, setConfirming] = useState<{ request: SendRequest; balance: number; price: number } | null>(null);
  const phoneRef = useRef<HTMLInputElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  // Selecting must wait until a new value (a prefill) is in the field, or the selection is lost.
  const selectAfterRender = useRef(false);

  // The send screen exists to type numbers: the field takes the focus whenever the screen appears.
  useEffect(() => phoneRef.current?.focus(), []);

  // "Send again" from the history: take the number once and let the operator send it at once.
  useEffect(() => {
    if (prefill === null) return;
    const phone = useAppStore.getState().consumePrefill();
    if (phone === null) return;
    selectAfterRender.current = true;
    editDraft({ phone: formatPhone(phone) });
  }, [prefill, editDraft]);

  // The limits for the number typed, again after every send (`last` changes with each).
  const checkedPhone = checkPhone(draft.phone);
  const canonical = checkedPhone.ok ? checkedPhone.canonical : null;
  useEffect(() => {
    void refreshGuard(canonical);
  }, [canonical, last, refreshGuard]);

  useLayoutEffect(() => {
    if (!selectAfterRender.current) return;
    selectAfterRender.current = false;
    selectForNextNumber(phoneRef.current);
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const phone = checkPhone(draft.phone);
    if (!phone.ok) {
      setAttempted(true);
      phoneRef.current?.focus();
      return;
    }
    if (draft.ownCode && !isValidCode(draft.code)) {
      setAttempted(true);
      codeRef.current?.focus();
      return;
    }
    const request = draft.ownCode ? { phone: phone.canonical, code: draft.code } : { phone: phone.canonical };
    // Asks only on a balance that was read and is short; one the app could not read never holds a send back.
    const { balance } = useBalanceStore.getState();
    if (balance?.short && balance.balance !== null && balance.price !== null) {
      setConfirming({ request, balance: balance.balance, price: balance.price });
      return;
    }
    await sendNow(request);
  };

  const sendNow = async (request: SendRequest) => {
    const typed = useSendStore.getState().draft.phone;
    afterSend(typed, await send(request));
  };

  const afterSend = (typed: string, sent: boolean) => {
    // Main asked first: the question has the focus, and the draft stays as it is.
    if (!sent || useSendStore.getState().question !== null) return;
    setAttempted(false);
    // A code that went out is used up: the next person must not get it by accident. The box stays
    // ticked for an operator who always types their own. After a failure the code is kept for a retry.
    const { last, draft: now } = useSendStore.getState();
    if (last?.kind === 'reply' && last.row.outcome === 'sent') editDraft({ code: '' });
    // A number typed while the answer was awaited is the next one: it is left as it is, not selected.
    if (now.phone === typed) selectForNextNumber(phoneRef.current);
  };

  // A held Enter repeats keydown; only the first press is an intent to send.
  const ignoreKeyRepeat = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && event.repeat) event.preventDefault();
  };

  const toggleOwnCode = (enabled: boolean) => {
    // Render the field visible first, so it can take the focus right away.
    flushSync(() => editDraft({ ownCode: enabled }));
    if (enabled) codeRef.current?.focus();
  };

  return (
    <form className="send-form" aria-label={t('formLabel')} aria-busy={busy} noValidate onSubmit={submit} onKeyDown={ignoreKeyRepeat}>
      {/* The phone field stays editable during a send, so the next number can be typed while waiting. */}
      <PhoneField value={draft.phone} onChange={(phone) => editDraft({ phone })} attempted={attempted} inputRef={phoneRef} />
      <OwnCodeField
        enabled={draft.ownCode}
        code={draft.code}
        onToggle={toggleOwnCode}
        onCode={(code) => editDraft({ code })}
        attempted={attempted}
        readOnly={busy}
        inputRef={codeRef}
      />
      <div className="send-form__actions">
        <button type="submit" className="button button--primary button--wide" aria-disabled={busy} aria-describedby="send-guard">
          {busy && <span className="spinner" aria-hidden="true" />}
          {busy ? t('submitting') : t('submit')}
        </button>
        <RepeatNote />
      </div>
      <GuardNote id="send-guard" />
      <RepeatQuestion
        onConfirm={() => {
          const typed = useSendStore.getState().draft.phone;
          void confirmRepeat().then((sent) => afterSend(typed, sent));
        }}
        onCancel={() => {
          dismissQuestion();
          selectForNextNumber(phoneRef.current);
        }}
      />
      {confirming && (
        <ShortBalanceDialog
          balance={confirming.balance}
          price={confirming.price}
          onConfirm={() => void sendNow(confirming.request)}
          onClose={() => setConfirming(null)}
        />
      )}
    </form>
  );
}

/** After a send (or a prefill) the number is selected, so typing the next one replaces it. */
function selectForNextNumber(input: HTMLInputElement | null) {
  input?.focus();
  input?.select();
}
