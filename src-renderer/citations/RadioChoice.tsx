interface RadioChoiceProps<T extends string> {
  legend: string;
  /** The radio group's name (one per choice in the page). */
  name: string;
  options: readonly T[];
  value: T;
  optionLabel: (option: T) => string;
  /** The language an option's label is written in, when it is not the page's. */
  optionLang?: (option: T) => string;
  onChange: (option: T) => void;
}

/** One choice of the cite dialog (style, language) as a fieldset of radio buttons, each a full tap target. */
export function RadioChoice<T extends string>(props: RadioChoiceProps<T>) {
  return (
    <fieldset className="cite-choice">
      <legend>{props.legend}</legend>
      {props.options.map((option) => (
        <label key={option} className="tap-target" lang={props.optionLang?.(option)}>
          <input
            type="radio"
            name={props.name}
            value={option}
            checked={props.value === option}
            onChange={() => {
              props.onChange(option);
            }}
          />{' '}
          {props.optionLabel(option)}
        </label>
      ))}
    </fieldset>
  );
}
