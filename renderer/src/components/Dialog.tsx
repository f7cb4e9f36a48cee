import { type ReactNode, useEffect, useId, useRef } from 'react';
import { classes, IconButton } from './Button';
import './dialog.css';

export interface DialogProps {
  open: boolean;
  /** The dialog's accessible name, shown as its heading. */
  title: string;
  /** Escape, the close button and Cancel all land here; the owner decides whether to close. */
  onClose(): void;
  children: ReactNode;
  /** The button row; in a form dialog, put the form's id on the submit button (`form=`). */
  footer?: ReactNode;
  width?: 'small' | 'medium' | 'large';
  className?: string;
}

const focusable =
  'button:not(:disabled), [href], input:not(:disabled), select:not(:disabled), textarea:not(:disabled), [tabindex]:not([tabindex="-1"])';

/**
 * The one modal: the native <dialog> opened with showModal(), so the page behind is inert and the
 * top layer handles stacking. Focus goes to the element marked `data-autofocus` (else the first
 * control in the body), Tab cycles inside, Escape asks the owner to close, and focus returns to
 * whatever had it before.
 */
export function Dialog({ open, title, onClose, children, footer, width = 'medium', className }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  // The latest onClose, without reopening the dialog whenever the owner re-renders.
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (!open || !dialog) return;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    const body = dialog.querySelector('.dialog-body');
    const first =
      dialog.querySelector<HTMLElement>('[data-autofocus]') ?? body?.querySelector<HTMLElement>(focusable);
    first?.focus();
    return () => {
      if (dialog.open) dialog.close();
      if (previous?.isConnected) previous.focus();
    };
  }, [open]);

  if (!open) return null;
  return (
    <dialog
      ref={ref}
      className={classes('dialog', `dialog-${width}`, className)}
      aria-labelledby={titleId}
      onCancel={(event) => {
        // Escape: the owner closes (or not), so React state stays the only source of truth.
        event.preventDefault();
        onCloseRef.current();
      }}
      onClose={() => {
        // Chromium may skip a cancelable `cancel` (repeated Escape without user activation) and
        // close the dialog natively: the owner must still hear of it.
        if (open) onCloseRef.current();
      }}
      onKeyDown={(event) => {
        if (event.key !== 'Tab') return;
        const items = [...event.currentTarget.querySelectorAll<HTMLElement>(focusable)].filter(
          (item) => item.offsetParent !== null,
        );
        const firstItem = items[0];
        const lastItem = items[items.length - 1];
        if (!firstItem || !lastItem) return;
        if (event.shiftKey && document.activeElement === firstItem) {
          event.preventDefault();
          lastItem.focus();
        } else if (!event.shiftKey && document.activeElement === lastItem) {
          event.preventDefault();
          firstItem.focus();
        }
      }}
    >
      <header className="dialog-header">
        <h2 id={titleId} className="dialog-title">
          {title}
        </h2>
        <IconButton
          label="Close"
          icon="close"
          size="small"
          tabIndex={-1}
          onClick={() => onCloseRef.current()}
        />
      </header>
      <div className="dialog-body">{children}</div>
      {footer && <footer className="dialog-footer">{footer}</footer>}
    </dialog>
  );
}
