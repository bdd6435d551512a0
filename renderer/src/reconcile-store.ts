import { create } from 'zustand';
import type { ReconcileReport } from '../../shared/reconcile-schema.ts';
import { tgcode } from './tgcode.ts';

interface ReconcileState {
  /** Main's last comparison of billed sends with the history; null before the first. */
  report: ReconcileReport | null;
  running: boolean;
  /** The last request to main failed (not the comparison itself, whose failure is in the report). */
  failed: boolean;
  /** Reads main's last report (main compares by itself every 15 minutes). */
  refresh(): Promise<void>;
  /** Compares now. */
  run(): Promise<void>;
  /** The operator has the foreign sends in front of them: the header stops warning. */
  markSeen(): Promise<void>;
  /** Whether the history screen shows the reconciliation (its dialog); the header's warning opens it. */
  open: boolean;
  setOpen(open: boolean): void;
}

export const useReconcileStore = create<ReconcileState>((set, get) => ({
  report: null,
  running: false,
  failed: false,
  open: false,
  setOpen: (open) => set({ open }),
  refresh: async () => {
    try {
      set({ report: await tgcode.reconcile.last(), failed: false });
    } catch {
      set({ failed: true });
    }
  },
  run: async () => {
    if (get().running) return;
    set({ running: true });
    try {
      set({ report: await tgcode.reconcile.run(), failed: false });
    } catch {
      set({ failed: true });
    } finally {
      set({ running: false });
    }
  },
  markSeen: async () => {
    try {
      const report = await tgcode.reconcile.seen();
      set({ report });
    } catch {
      set({ failed: true });
    }
  },
}));
