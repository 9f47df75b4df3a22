import { useId } from 'react';

/** What the owner typed: the passphrase and, where a new one is chosen, its repetition. */
export interface PassphrasePair {
  first: string;
  second: string;
}

export const EMPTY_PASSPHRASE_PAIR: PassphrasePair = { first: '', second: '' };

interface PassphraseFieldsProps {
  pair: PassphrasePair;
  onChange: (pair: PassphrasePair) => void;
  label: string;
  /** The repeat field's label; without it only the first field shows (an existing passphrase is typed once). */
  repeatLabel?: string;
  autoComplete: 'new-password' | 'current-password';
  /** A note under the fields (what a forgotten passphrase means), read out with the first field. */
  hint?: string;
}

/**
 * The passphrase field and its "repeat" twin, as the notes' encryption settings and the sealed
 * export both ask for a new passphrase. The fields only collect: each caller judges the pair
 * (empty, or the two differ) and says what is wrong in its own words.
 */
export function PassphraseFields({ pair, onChange, label, repeatLabel, autoComplete, hint }: PassphraseFieldsProps) {
  const firstId = useId();
  const secondId = useId();
  const hintId = useId();
  return (
    <>
      <label htmlFor={firstId}>{label}</label>
      <input
        id={firstId}
        type="password"
        autoComplete={autoComplete}
        aria-describedby={hint === undefined ? undefined : hintId}
        value={pair.first}
        onChange={(event) => {
          onChange({ ...pair, first: event.target.value });
        }}
      />
      {repeatLabel !== undefined && (
        <>
          <label htmlFor={secondId}>{repeatLabel}</label>
          <input
            id={secondId}
            type="password"
            autoComplete="new-password"
            value={pair.second}
            onChange={(event) => {
              onChange({ ...pair, second: event.target.value });
            }}
          />
        </>
      )}
      {hint !== undefined && (
        <p id={hintId} className="lock-note">
          {hint}
        </p>
      )}
    </>
  );
}
