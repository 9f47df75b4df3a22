import { useRef } from 'react';

interface ChooseFileButtonProps {
  label: string;
  /** The file types the picker offers, as the input's `accept`. */
  accept: string;
  className: string;
  disabled?: boolean;
  buttonTestId?: string;
  inputTestId: string;
  /** The one file chosen. */
  onFile: (file: File) => void;
}

/**
 * A button that opens the browser's file picker through a hidden file input (the input itself
 * cannot be styled as the app's buttons). The input is emptied after each choice, so choosing
 * the same file again (after fixing it, or after a refusal) still reaches `onFile`.
 */
export function ChooseFileButton(props: ChooseFileButtonProps) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        className={props.className}
        disabled={props.disabled}
        data-testid={props.buttonTestId}
        onClick={() => input.current?.click()}
      >
        {props.label}
      </button>
      <input
        ref={input}
        type="file"
        accept={props.accept}
        hidden
        data-testid={props.inputTestId}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) props.onFile(file);
        }}
      />
    </>
  );
}
