import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { MatchMode } from '../../src-main/common/types';

interface MatchSwitchProps {
  match: MatchMode;
  disabled: boolean;
  onChange: (match: MatchMode) => void;
}

/**
 * "All the words / Any word": how the query's words combine, with the rule spelt out beside it
 * (the same choice as `OR` or `|` in the query, which the help explains).
 */
export function MatchSwitch({ match, disabled, onChange }: MatchSwitchProps) {
  const { t } = useTranslation();
  const id = useId();
  const option = (value: MatchMode, label: string) => (
    <label className={match === value ? 'match-option selected' : 'match-option'}>
      <input
        type="radio"
        name={`${id}-match`}
        value={value}
        checked={match === value}
        disabled={disabled}
        data-testid={`match-${value}`}
        onChange={() => {
          onChange(value);
        }}
      />
      <span>{label}</span>
    </label>
  );
  return (
    <fieldset className="match-switch" aria-describedby={`${id}-hint`}>
      <legend>{t('searchux.matchLegend')}</legend>
      <div className="match-options">
        {option('all', t('searchux.matchAll'))}
        {option('any', t('searchux.matchAny'))}
      </div>
      <p id={`${id}-hint`} className="match-hint">
        {t('searchux.matchHint')}
      </p>
    </fieldset>
  );
}
