import type { View } from './app-store.ts';

/** Whether the primary modifier is Cmd (macOS) rather than Ctrl; both are accepted everywhere. */
export const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
export const MOD_LABEL = IS_MAC ? '⌘' : 'Ctrl';

/** Ctrl+1/2/3 (or Cmd), by the physical key, so a Russian keyboard layout works the same. */
export const VIEW_KEYS: Record<string, View> = { Digit1: 'send', Digit2: 'history', Digit3: 'settings', Numpad1: 'send', Numpad2: 'history', Numpad3: 'settings' };
export const VIEW_SHORTCUT: Record<View, string> = { send: '1', history: '2', settings: '3' };

export type Shortcut = { kind: 'view'; view: View } | { kind: 'search' } | { kind: 'escape' } | { kind: 'help' };

/** A field where typing "?" is text, not a request for help. */
function typingInto(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(target.type);
}

/** The app shortcut a key press stands for, or null. */
export function shortcutOf(event: KeyboardEvent): Shortcut | null {
  const mod = (event.ctrlKey || event.metaKey) && !event.altKey;
  if (mod && !event.shiftKey) {
    const view = VIEW_KEYS[event.code];
    if (view) return { kind: 'view', view };
    if (event.code === 'KeyF') return { kind: 'search' };
    return null;
  }
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  if (event.key === 'F1') return { kind: 'help' };
  if (event.key === '?' && !typingInto(event.target)) return { kind: 'help' };
  if (event.key === 'Escape') return { kind: 'escape' };
  return null;
}
