import { useEffect } from 'react';
import { useAppStore } from './app-store.ts';

/**
 * While the settings have unsaved edits, closing or reloading the window is held (beforeunload); main
 * then asks the operator in an OS dialog with the words of the in-app question (unsaved-close.ts).
 */
export function useCloseGuard(): void {
  const unsaved = useAppStore((state) => state.unsavedChanges);
  useEffect(() => {
    if (!unsaved) return;
    const hold = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', hold);
    return () => window.removeEventListener('beforeunload', hold);
  }, [unsaved]);
}
