import en from '../../../renderer/src/locales/en/common.json' with { type: 'json' };
import ru from '../../../renderer/src/locales/ru/common.json' with { type: 'json' };
import type { Language } from '../../../shared/settings-schema.ts';

/** What the OS dialog asks when the window is closed with unsaved settings (Electron's MessageBoxOptions). */
export interface UnsavedClosePrompt {
  type: 'question';
  title: string;
  message: string;
  detail: string;
  buttons: [stay: string, leave: string];
  defaultId: 0;
  cancelId: 0;
  noLink: true;
}

/** The button index that closes the window anyway. */
export const LEAVE_ANYWAY = 1;

/**
 * The same words as the in-app question on leaving the settings (locales' `leave`), so closing the window
 * asks exactly what switching screens asks. Staying is the default: Enter or Esc keeps the edits.
 */
export function unsavedClosePrompt(language: Language): UnsavedClosePrompt {
  const { leave } = language === 'en' ? en : ru;
  return { type: 'question', title: 'TG Code Desk', message: leave.title, detail: leave.body, buttons: [leave.stay, leave.leave], defaultId: 0, cancelId: 0, noLink: true };
}
