import { create } from 'zustand';
import type { TgCodeApi } from '../../../shared/client.ts';
import { errorCodeOf, errorFactsOf } from '../../../shared/contract-error.ts';
import type { ErrorCode, SendRequest } from '../../../shared/contract.ts';
import type { HistoryRow } from '../../../shared/history-schema.ts';
import type { GuardStatus } from '../../../shared/send-guard.ts';

/**
 * After a send ends, the same request is ignored for this long: a double click, a second Enter or a
 * key repeat that lands just after a fast answer is the same intent, and sending it again would deliver
 * a second code. Nobody resends the same number on purpose within a second.
 */
export const REPEAT_GUARD_MS = 1_000;

export type LastSend =
  | { kind: 'reply'; row: HistoryRow }
  /** The request was refused before or instead of reaching the service. */
  | { kind: 'refused'; code: ErrorCode; phone: string }
  /** The operator stopped waiting: the request may still reach the service, so its outcome is unknown. */
  | { kind: 'abandoned'; phone: string; startedAt: number };

/** The send under way. */
export interface PendingSend {
  phone: string;
  /** Epoch ms, by the renderer's clock, for the seconds shown as waited. */
  startedAt: number;
  /** How long main waits for the answer (the timeout setting); null until it is known. */
  timeoutMs: number | null;
}

/** Main asked first: a code sent to this number is still visible in Telegram. */
export interface RepeatQuestion {
  request: SendRequest;
  /** When the older code was sent (main's clock) and how many seconds ago that was. */
  sentAt: number;
  ageSeconds: number;
}

/** The guards for the number in the form, with the renderer's time they arrived, to count down from. */
export interface GuardView {
  status: GuardStatus;
  receivedAt: number;
}

export interface SendDraft {
  phone: string;
  ownCode: boolean;
  code: string;
}

export interface SendState {
  /** What the operator has typed; kept here so it survives a visit to another screen. */
  draft: SendDraft;
  busy: boolean;
  pending: PendingSend | null;
  /** The result on screen; null while a send is under way, so no earlier caller's code is ever shown then. */
  last: LastSend | null;
  /** Counts the presses ignored as an immediate repeat, so the form can say so each time. */
  repeatsIgnored: number;
  /** Set while the operator is asked whether to send another code that would join a visible one. */
  question: RepeatQuestion | null;
  /** The cooldown and the daily count for the number typed, when it is a valid one. */
  guard: GuardView | null;
  editDraft(patch: Partial<SendDraft>): void;
  /**
   * Sends once per intent: resolves true once the answer is on screen; false (having sent nothing)
   * while busy or for an immediate repeat, and false for a send the operator stopped waiting for.
   * When main asks first, resolves true with `question` set and nothing sent.
   */
  send(request: SendRequest): Promise<boolean>;
  /** The operator chose to send another code after all. */
  confirmRepeat(): Promise<boolean>;
  dismissQuestion(): void;
  /** Fetches the guards for a canonical phone; null clears them. Late answers for another number are dropped. */
  refreshGuard(phone: string | null): Promise<void>;
  /**
   * Stops waiting for the send under way. It is not recalled (nothing can recall it): main still
   * records its real outcome in the history when the answer or the timeout comes; the screen says the
   * outcome is unknown and is free for the next number.
   */
  stopWaiting(): void;
}

/** `instanceof ContractError` fails across the contextBridge, so the code is read from the error's text. */
const refusalCode = (error: unknown): ErrorCode => errorCodeOf(error) ?? 'internal';

// A confirmed repeat is a new intent, not a repeat of the press that was asked about.
const requestKey = (request: SendRequest) => `${request.phone}|${request.code ?? ''}|${request.confirmRepeat === true ? 'confirmed' : ''}`;

/**
 * The send screen's state. Its dependencies come in as arguments (the app passes `window.tgcode` and
 * the app store), so the once-per-intent rules are tested in plain Node.
 */
export function createSendStore(api: { send: Pick<TgCodeApi['send'], 'code' | 'guard'>; settings: Pick<TgCodeApi['settings'], 'get'> }, onSendCompleted: () => void) {
  let lastKey: string | null = null;
  let lastEndedAt = Number.NEGATIVE_INFINITY;
  let guardFor: string | null = null;
  /** Which send the screen is waiting for; a send whose number is no longer current was abandoned. */
  let current = 0;

  return create<SendState>((set, get) => ({
    draft: { phone: '', ownCode: false, code: '' },
    busy: false,
    pending: null,
    last: null,
    repeatsIgnored: 0,
    question: null,
    guard: null,
    editDraft: (patch) => set((state) => ({ draft: { ...state.draft, ...patch } })),
    confirmRepeat: async () => {
      const { question } = get();
      if (question === null) return false;
      return get().send({ ...question.request, confirmRepeat: true });
    },
    dismissQuestion: () => set({ question: null }),
    refreshGuard: async (phone) => {
      guardFor = phone;
      if (phone === null) return set({ guard: null });
      try {
        const status = await api.send.guard({ phone });
        if (guardFor === phone) set({ guard: { status, receivedAt: Date.now() } });
      } catch {
        // Main decides at the send anyway; without the figures the form only says less.
        if (guardFor === phone) set({ guard: null });
      }
    },
    send: async (request) => {
      // Checked and set in one synchronous step, before the first await, so no second caller slips in.
      const key = requestKey(request);
      if (get().busy) return false;
      if (key === lastKey && Date.now() - lastEndedAt < REPEAT_GUARD_MS) {
        set((state) => ({ repeatsIgnored: state.repeatsIgnored + 1 }));
        return false;
      }
      const mine = ++current;
      const previous = get().last;
      // The previous result goes at once: its code belongs to the previous caller.
      set({ busy: true, question: null, last: null, pending: { phone: request.phone, startedAt: Date.now(), timeoutMs: null } });
      api.settings.get().then(
        ({ settings }) => {
          const { pending } = get();
          if (mine === current && pending !== null) set({ pending: { ...pending, timeoutMs: settings.timeoutMs } });
        },
        // Only the "of N s" is missing then; the seconds waited still show.
        () => undefined,
      );
      let last: LastSend;
      try {
        last = { kind: 'reply', row: await api.send.code(request) };
      } catch (error) {
        const code = refusalCode(error);
        const facts = errorFactsOf(error);
        if (code === 'confirm_repeat' && facts !== null) {
          if (mine !== current) return false;
          lastKey = key;
          lastEndedAt = Date.now();
          // Nothing was sent or recorded: the operator answers the question first. It is about the code
          // still in this caller's Telegram, so this caller's card comes back while it is asked.
          const kept = previous !== null && phoneOf(previous) === request.phone ? previous : null;
          set({ busy: false, pending: null, last: kept, question: { request, sentAt: facts.sentAt ?? 0, ageSeconds: facts.ageSeconds ?? 0 } });
          return true;
        }
        last = { kind: 'refused', code, phone: request.phone };
      }
      // The history has the outcome either way; the screen shows it only if it still waits for it.
      onSendCompleted();
      if (mine !== current) return false;
      lastKey = key;
      lastEndedAt = Date.now();
      set({ busy: false, pending: null, last });
      return true;
    },
    stopWaiting: () => {
      const { pending } = get();
      if (pending === null) return;
      current++;
      // An own code may have gone out with it: like a code that was sent, it is not offered to the next person.
      set((state) => ({
        busy: false,
        pending: null,
        last: { kind: 'abandoned', phone: pending.phone, startedAt: pending.startedAt },
        draft: { ...state.draft, code: '' },
      }));
    },
  }));
}

/** The number a shown result is about. */
function phoneOf(last: LastSend): string {
  return last.kind === 'reply' ? last.row.phone : last.phone;
}
