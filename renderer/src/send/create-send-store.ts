import { create } from 'zustand';
import type { TgCodeApi } from '../../../shared/client.ts';
import { errorCodeOf } from '../../../shared/contract-error.ts';
import type { ErrorCode, SendRequest } from '../../../shared/contract.ts';
import type { HistoryRow } from '../../../shared/history-schema.ts';

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
  editDraft(patch: Partial<SendDraft>): void;
  /** Sends once per intent: resolves false (and sends nothing) while busy or for an immediate repeat. */
  send(request: SendRequest): Promise<boolean>;
}

/** `instanceof ContractError` fails across the contextBridge, so the code is read from the error's text. */
const refusalCode = (error: unknown): ErrorCode => errorCodeOf(error) ?? 'internal';

const requestKey = (request: SendRequest) => `${request.phone}|${request.code ?? ''}`;

/**
 * The send screen's state. Its dependencies come in as arguments (the app passes `window.tgcode` and
 * the app store), so the once-per-intent rules are tested in plain Node.
 */
export function createSendStore(api: Pick<TgCodeApi, 'send'>, onSendCompleted: () => void) {
  let lastKey: string | null = null;
  let lastEndedAt = Number.NEGATIVE_INFINITY;

  return create<SendState>((set, get) => ({
    draft: { phone: '', ownCode: false, code: '' },
    busy: false,
    last: null,
    repeatsIgnored: 0,
    editDraft: (patch) => set((state) => ({ draft: { ...state.draft, ...patch } })),
    send: async (request) => {
      // Checked and set in one synchronous step, before the first await, so no second caller slips in.
      const key = requestKey(request);
      if (get().busy) return false;
      if (key === lastKey && Date.now() - lastEndedAt < REPEAT_GUARD_MS) {
        set((state) => ({ repeatsIgnored: state.repeatsIgnored + 1 }));
        return false;
      }
      set({ busy: true });
      let last: LastSend;
      try {
        last = { kind: 'reply', row: await api.send.code(request) };
      } catch (error) {
        last = { kind: 'refused', code: refusalCode(error), phone: request.phone };
      }
      lastKey = key;
      lastEndedAt = Date.now();
      set({ busy: false, last });
      onSendCompleted();
      return true;
    },
  }));
}
