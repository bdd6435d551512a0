import { create } from 'zustand';
import type { AppInfo } from '../../shared/contract.ts';
import { tgcode } from './tgcode.ts';

export type View = 'send' | 'history' | 'settings';

interface AppState {
  info: AppInfo | null;
  view: View;
  /** A phone handed from another screen to the send form ("send again to this number"). */
  prefillPhone: string | null;
  /** Bumped after every completed send, so the history can update live. */
  sendsCompleted: number;
  noteSendCompleted(): void;
  setView(view: View): void;
  sendAgain(phone: string): void;
  consumePrefill(): string | null;
  /** Re-reads mode and language after anything that can change them (token, settings). */
  refreshInfo(): Promise<AppInfo>;
}

export const useAppStore = create<AppState>((set, get) => ({
  info: null,
  view: 'send',
  prefillPhone: null,
  sendsCompleted: 0,
  noteSendCompleted: () => set((state) => ({ sendsCompleted: state.sendsCompleted + 1 })),
  setView: (view) => set({ view }),
  sendAgain: (phone) => set({ view: 'send', prefillPhone: phone }),
  consumePrefill: () => {
    const phone = get().prefillPhone;
    if (phone !== null) set({ prefillPhone: null });
    return phone;
  },
  refreshInfo: async () => {
    const info = await tgcode.app.info();
    set({ info });
    return info;
  },
}));
