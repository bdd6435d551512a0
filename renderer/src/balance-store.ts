import { create } from 'zustand';
import type { BalanceView } from '../../shared/account-schema.ts';
import { tgcode } from './tgcode.ts';

/** Sends in a row refresh the balance once, after the last of them. */
export const BALANCE_DEBOUNCE_MS = 1_500;

interface BalanceState {
  /** Null until first read; an unreadable balance is a view with state `unknown`. */
  balance: BalanceView | null;
  loading: boolean;
  /** Asks main; `refresh` makes main ask the API rather than answer from its last reading. */
  load(refresh: boolean): Promise<void>;
  /** After a send: refreshes once the sends have paused. */
  afterSend(): void;
}

export const useBalanceStore = create<BalanceState>((set, get) => {
  let debounce: ReturnType<typeof setTimeout> | undefined;
  let ticket = 0;
  return {
    balance: null,
    loading: false,
    load: async (refresh) => {
      const mine = ++ticket;
      set({ loading: true });
      try {
        const balance = await tgcode.balance.get({ refresh });
        if (mine === ticket) set({ balance });
      } catch {
        // The header says it could not read the balance; nothing else depends on it.
        if (mine === ticket) set({ balance: null });
      } finally {
        if (mine === ticket) set({ loading: false });
      }
    },
    afterSend: () => {
      clearTimeout(debounce);
      debounce = setTimeout(() => void get().load(true), BALANCE_DEBOUNCE_MS);
    },
  };
});
