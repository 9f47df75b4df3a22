/** The core's MAX_COLLECTION_NAME_LENGTH, which saved searches share (the renderer imports only types from common). */
const MAX_NAME_LENGTH = 200;

interface NameFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  testId: string;
}

/**
 * The name box of a collection or a saved search (new, renamed, or saved): one line of text,
 * cut where the core would refuse it. The caller trims it and decides what an empty name means.
 */
export function NameField({ label, value, onChange, testId }: NameFieldProps) {
  return (
    <label className="inline-field">
      <span>{label}</span>
      <input
        type="text"
        value={value}
        maxLength={MAX_NAME_LENGTH}
        data-testid={testId}
        onChange={(event) => {
          onChange(event.target.value);
        }}
      />
    </label>
  );
}
