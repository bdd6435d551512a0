import { useAppStore } from '../app-store.ts';
import { tgcode } from '../tgcode.ts';
import { createSendStore } from './create-send-store.ts';

export type { LastSend, PendingSend, SendDraft } from './create-send-store.ts';

/** The app's one send store; each completed send tells the history to refresh. */
export const useSendStore = createSendStore(tgcode, () => useAppStore.getState().noteSendCompleted());
