import { memo, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isDateBound } from '../lib/route';

export interface DateRange {
  from?: string;
  to?: string;
}

interface DateRangeFilterProps {
  from: string | undefined;
  to: string | undefined;
  onChange: (range: DateRange) => void;
}

/**
 * From / to dates, each a year, a month or a day (`2016`, `2016-03`, `2016-03-15`): a
 * researcher often knows only the year or the month. Applied on submit (Enter or the button),
 * not while typing, so `201` on its way to `2016` never runs a search; a value the core would
 * refuse is flagged on its field instead of being sent. Memoised: the facet panel renders again
 * when an answer comes (its facets, its "updating" state), and the range has not changed then.
 */
export const DateRangeFilter = memo(function DateRangeFilter({ from, to, onChange }: DateRangeFilterProps) {
  const { t } = useTranslation();
  const id = useId();
  const [draftFrom, setDraftFrom] = useState(from ?? '');
  const [draftTo, setDraftTo] = useState(to ?? '');
  // Back/forward and "clear all" change the range from outside: the parent keys this component
  // on the range, so the fields start again from it.
  const [submitted, setSubmitted] = useState(false);

  const invalidFrom = draftFrom.trim() !== '' && !isDateBound(draftFrom.trim());
  const invalidTo = draftTo.trim() !== '' && !isDateBound(draftTo.trim());
  const field = (
    which: 'from' | 'to',
    value: string,
    setValue: (value: string) => void,
    invalid: boolean,
    label: string,
  ) => {
    const showInvalid = invalid && submitted;
    return (
      <div className="date-range-field">
        <label htmlFor={`${id}-${which}`}>{label}</label>
        <input
          id={`${id}-${which}`}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          placeholder={t('searchux.dateFormat')}
          value={value}
          aria-invalid={showInvalid}
          aria-describedby={showInvalid ? `${id}-error` : `${id}-format`}
          data-testid={`date-${which}`}
          onChange={(event) => {
            setValue(event.target.value);
          }}
        />
      </div>
    );
  };

  return (
    <fieldset className="facet-group date-range" data-facet="date">
      <legend>{t('searchux.dateLegend')}</legend>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setSubmitted(true);
          if (invalidFrom || invalidTo) return;
          const range: DateRange = {};
          if (draftFrom.trim() !== '') range.from = draftFrom.trim();
          if (draftTo.trim() !== '') range.to = draftTo.trim();
          onChange(range);
        }}
      >
        {field('from', draftFrom, setDraftFrom, invalidFrom, t('searchux.dateFrom'))}
        {field('to', draftTo, setDraftTo, invalidTo, t('searchux.dateTo'))}
        <p id={`${id}-format`} className="date-range-format">
          {t('searchux.dateFormat')}
        </p>
        {submitted && (invalidFrom || invalidTo) && (
          <p id={`${id}-error`} className="error" role="alert">
            {t('searchux.dateInvalid')}
          </p>
        )}
        <div className="date-range-actions">
          <button type="submit" className="button" data-testid="date-apply">
            {t('searchux.dateApply')}
          </button>
          {(from !== undefined || to !== undefined) && (
            <button
              type="button"
              className="button button-quiet"
              onClick={() => {
                onChange({});
              }}
            >
              {t('searchux.dateClear')}
            </button>
          )}
        </div>
      </form>
    </fieldset>
  );
});
