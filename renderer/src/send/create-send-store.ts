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
  | { kind: 'refused'; code: ErrorCode; phone: string };

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
  last: LastSend | null;
  /** Counts the presses ignored as an immediate repeat, so the form can say so each time. */
  repeatsIgnored: number;
  /** Set while the operator is asked whether to send another code that would join a visible one. */
  question: RepeatQuestion | null;
  /** The cooldown and the daily count for the number typed, when it is a valid one. */
  guard: GuardView | null;
  editDraft(patch: Partial<SendDraft>): void;
  /**
   * Sends once per intent: resolves false (and sends nothing) while busy or for an immediate repeat.
   * When main asks first, resolves true with `question` set and nothing sent.
   */
  send(request: SendRequest): Promise<boolean>;
  /** The operator chose to send another code after all. */
  confirmRepeat(): Promise<boolean>;
  dismissQuestion(): void;
  /** Fetches the guards for a canonical phone; null clears them. Late answers for another number are dropped. */
  refreshGuard(phone: string | null): Promise<void>;
}

/** `instanceof ContractError` fails across the contextBridge, so the code is read from the error's text. */
const refusalCode = (error: unknown): ErrorCode => errorCodeOf(error) ?? 'internal';

// A confirmed repeat is a new intent, not a repeat of the press that was asked about.
const requestKey = (request: SendRequest) => `${request.phone}|${request.code ?? ''}|${request.confirmRepeat === true ? 'confirmed' : ''}`;

/**
 * The send screen's state. Its dependencies come in as arguments (the app passes `window.tgcode` and
 * the app store), so the once-per-intent rules are tested in plain Node.
 */
export function createSendStore(api: Pick<TgCodeApi, 'send'>, onSendCompleted: () => void) {
  let lastKey: string | null = null;
  let lastEndedAt = Number.NEGATIVE_INFINITY;
  let guardFor: string | null = null;

  return create<SendState>((set, get) => ({
    draft: { phone: '', ownCode: false, code: '' },
    busy: false,
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
      set({ busy: true, question: null });
      let last: LastSend;
      try {
        last = { kind: 'reply', row: await api.send.code(request) };
      } catch (error) {
        const code = refusalCode(error);
        lastKey = key;
        lastEndedAt = Date.now();
        const facts = errorFactsOf(error);
        if (code === 'confirm_repeat' && facts !== null) {
          // Nothing was sent or recorded: the operator answers the question first.
          set({ busy: false, question: { request, sentAt: facts.sentAt ?? 0, ageSeconds: facts.ageSeconds ?? 0 } });
          return true;
        }
        last = { kind: 'refused', code, phone: request.phone };
      }
      lastKey = key;
      lastEndedAt = Date.now();
      set({ busy: false, last });
      onSendCompleted();
      return true;
    },
  }));
}
