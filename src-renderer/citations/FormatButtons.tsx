interface FormatButtonsProps<F extends string> {
  /** The row's name, also written before the buttons ("Guardar como:"). */
  label: string;
  formats: readonly F[];
  formatLabel: (format: F) => string;
  /** Each button's test id is this prefix and the format. */
  testIdPrefix: string;
  disabled: boolean;
  onChoose: (format: F) => void;
}

/**
 * A labelled row of one button per file format, as the cite dialog (the document) and the
 * result list's export (the ticked documents) offer them. The visible "label:" is hidden from
 * screen readers, which hear the group's name instead.
 */
export function FormatButtons<F extends string>(props: FormatButtonsProps<F>) {
  return (
    <div className="cite-formats" role="group" aria-label={props.label}>
      <span aria-hidden="true">{props.label}:</span>
      {props.formats.map((format) => (
        <button
          key={format}
          type="button"
          className="button tap-target"
          data-testid={`${props.testIdPrefix}${format}`}
          disabled={props.disabled}
          onClick={() => {
            props.onChoose(format);
          }}
        >
          {props.formatLabel(format)}
        </button>
      ))}
    </div>
  );
}
