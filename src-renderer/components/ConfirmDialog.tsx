import type { ReactNode } from 'react';
import { Dialog } from './Dialog';

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  cancelLabel: string;
  confirmLabel: string;
  /** The confirm button's test id. */
  confirmTestId: string;
  /** Called with the user's answer: Cancel and Esc answer false. */
  onAnswer: (confirmed: boolean) => void;
  children: ReactNode;
}

/** A question before something that cannot be undone lightly: Cancel, or a red confirm button. */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { onAnswer } = props;
  return (
    <Dialog
      open={props.open}
      title={props.title}
      onClose={() => {
        onAnswer(false);
      }}
      actions={
        <>
          <button
            type="button"
            className="button"
            onClick={() => {
              onAnswer(false);
            }}
          >
            {props.cancelLabel}
          </button>
          <button
            type="button"
            className="button button-danger"
            data-testid={props.confirmTestId}
            onClick={() => {
              onAnswer(true);
            }}
          >
            {props.confirmLabel}
          </button>
        </>
      }
    >
      {props.children}
    </Dialog>
  );
}
