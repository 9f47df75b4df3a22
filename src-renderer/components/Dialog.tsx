import { useEffect, useId, useRef, type ReactNode } from 'react';

interface DialogProps {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** A plain close button, first in the action row, that does what Esc does. */
  closeLabel?: string;
  /** The dialog's own buttons, after the close button. */
  actions?: ReactNode;
}

/**
 * A modal built on the native <dialog>: the browser traps focus, closes it on Esc
 * (the `cancel` event) and marks the rest of the page inert for screen readers.
 */
export function Dialog({ open, title, onClose, children, closeLabel, actions }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId} className="dialog-title">
        {title}
      </h2>
      <div className="dialog-body">{children}</div>
      <div className="dialog-actions">
        {closeLabel !== undefined && (
          <button type="button" className="button tap-target" onClick={onClose}>
            {closeLabel}
          </button>
        )}
        {actions}
      </div>
    </dialog>
  );
}
