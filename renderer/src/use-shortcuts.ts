import { useLayoutEffect } from 'react';
import { useAppStore } from './app-store.ts';
import { PHONE_INPUT_ID } from './send/PhoneField.tsx';
import { useSendStore } from './send/send-store.ts';
import { shortcutOf } from './shortcuts.ts';

/** A modal dialog or an open popover handles its own keys (Esc closes it first). */
const somethingOpen = () => document.querySelector('dialog[open], [popover]:popover-open') !== null;

/**
 * The app-wide shortcuts: Ctrl/Cmd+1/2/3 switch screens, Ctrl/Cmd+F goes to the history's search, Esc
 * clears the phone on the send screen, F1 or "?" opens the help. Off while `enabled` is false (first run).
 */
export function useShortcuts(enabled: boolean, openHelp: () => void): void {
  // A layout effect: the keys work from the first paint of the screen, not from a moment after it
  // (a passive effect may run only after a key pressed at once, on a busy machine, has gone by).
  useLayoutEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      const shortcut = shortcutOf(event);
      if (shortcut === null || event.defaultPrevented || somethingOpen()) return;
      const app = useAppStore.getState();
      if (shortcut.kind === 'view') app.setView(shortcut.view);
      else if (shortcut.kind === 'search') app.focusHistorySearch();
      else if (shortcut.kind === 'help') openHelp();
      else {
        if (app.view !== 'send' || useSendStore.getState().busy) return;
        useSendStore.getState().editDraft({ phone: '' });
        document.getElementById(PHONE_INPUT_ID)?.focus();
      }
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled, openHelp]);
}
