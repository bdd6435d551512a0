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
  /** The settings screen holds edits not yet saved. */
  unsavedChanges: boolean;
  /** Where the operator asked to go while edits were unsaved; the app asks first. */
  pendingView: View | null;
  /** Set by Ctrl+F: the history's search box takes the focus once it is on screen. */
  searchFocusPending: boolean;
  noteSendCompleted(): void;
  /** Opens a screen; leaving unsaved settings asks first (see pendingView). */
  setView(view: View): void;
  setUnsavedChanges(unsaved: boolean): void;
  /** Goes where the operator asked, dropping the unsaved edits. */
  leaveAnyway(): void;
  stay(): void;
  focusHistorySearch(): void;
  searchFocused(): void;
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
  unsavedChanges: false,
  pendingView: null,
  searchFocusPending: false,
  noteSendCompleted: () => set((state) => ({ sendsCompleted: state.sendsCompleted + 1 })),
  setView: (view) => {
    const { view: current, unsavedChanges } = get();
    if (view === current) return;
    if (current === 'settings' && unsavedChanges) set({ pendingView: view });
    else set({ view });
  },
  setUnsavedChanges: (unsaved) => set({ unsavedChanges: unsaved }),
  leaveAnyway: () => {
    const { pendingView } = get();
    if (pendingView !== null) set({ view: pendingView, pendingView: null, unsavedChanges: false });
  },
  stay: () => set({ pendingView: null }),
  focusHistorySearch: () => {
    set({ searchFocusPending: true });
    get().setView('history');
  },
  searchFocused: () => set({ searchFocusPending: false }),
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
