import { useEffect, useRef, type ReactNode, type RefObject } from 'react';

interface ModalDialogProps {
  /** Id of the heading that names the dialog. */
  labelledBy: string;
  /** Called once the dialog has closed, by Esc, a button calling `close()` or the backdrop. */
  onClose: () => void;
  /** The control to focus when the dialog opens. */
  initialFocus: RefObject<HTMLElement | null>;
  closeOnBackdrop?: boolean;
  className?: string;
  dialogRef: RefObject<HTMLDialogElement | null>;
  children: ReactNode;
}

/**
 * A native modal `<dialog>`: the browser makes the page behind it inert, keeps Tab inside and closes
 * it on Esc. Focus goes back to whatever had it before the dialog opened.
 */
export function ModalDialog({ labelledBy, onClose, initialFocus, closeOnBackdrop = false, className, dialogRef, children }: ModalDialogProps) {
  const onCloseRef = useRef(onClose);
  const openerRef = useRef<HTMLElement | null>(null);
  // Where the press began: a text selection dragged out of the dialog ends in a click on the dialog
  // element too, and must not close it.
  const pressedOnBackdrop = useRef(false);
  useEffect(() => {
    onCloseRef.current = onClose;
  }, [onClose]);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    // Effects may run twice (StrictMode): only the first run sees the element that opened the dialog.
    if (!dialog.open) {
      openerRef.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
      initialFocus.current?.focus();
    }
    const closed = () => {
      if (openerRef.current?.isConnected) openerRef.current.focus();
      onCloseRef.current();
    };
    dialog.addEventListener('close', closed);
    return () => dialog.removeEventListener('close', closed);
  }, [dialogRef, initialFocus]);

  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={labelledBy}
      className={className}
      onPointerDown={(event) => {
        pressedOnBackdrop.current = event.target === event.currentTarget;
      }}
      onClick={(event) => {
        // A click on the dialog element itself, not its content, is a click on the backdrop; it counts
        // only when the press started there as well.
        if (closeOnBackdrop && pressedOnBackdrop.current && event.target === event.currentTarget) event.currentTarget.close();
        pressedOnBackdrop.current = false;
      }}
    >
      {children}
    </dialog>
  );
}
