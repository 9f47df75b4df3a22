import type { ReactNode } from 'react';

interface IconButtonProps {
  /** The button's name for screen readers, shown as its tooltip too. */
  label: string;
  /** A longer tooltip than the label (with the keyboard shortcut, say). */
  title?: string;
  onClick: () => void;
  disabled?: boolean;
  /** The symbol on the button (an arrow, "A+"); hidden from screen readers by the label. */
  children: ReactNode;
}

/** A small square button that shows a symbol and says its label to screen readers and as a tooltip. */
export function IconButton({ label, title, onClick, disabled, children }: IconButtonProps) {
  return (
    <button
      type="button"
      className="button button-icon"
      aria-label={label}
      title={title ?? label}
      onClick={onClick}
      disabled={disabled}
    >
      {children}
    </button>
  );
}
