import { Fragment, memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FacetCount, Facets } from '../../src-main/common/types';
import type { FacetFilters, FilterName } from '../lib/route';
import { formatNumber } from '../lib/format';
import { compareText } from '../lib/collator';
import { DateRangeFilter, type DateRange } from './DateRangeFilter';

interface FacetPanelProps {
  facets: Facets | null;
  /** The counts are the previous search's until the new one's arrive (a phone asks for them after its rows). */
  pending?: boolean;
  selected: FacetFilters;
  onToggle: (facet: FilterName, value: string) => void;
  onClear: () => void;
  /** Closes the panel where it is a sheet over the list (narrow screens). */
  onClose: () => void;
  id?: string;
  /**
   * Archive id -> name, when the library holds more than one archive: the archive facet is
   * shown (first) with names instead of ids.
   */
  archiveNames?: Record<string, string> | null;
  /** The date range filter (inclusive; a year, month or day each). */
  dateFrom?: string;
  dateTo?: string;
  onDateRangeChange?: (range: DateRange) => void;
}

const ORDER: readonly FilterName[] = ['archive', 'type', 'year', 'category', 'tag', 'author'];
const COLLAPSED_COUNT = 8;

/**
 * Facet filters with counts over everything the current query and filters match.
 * Selected values stay visible even when their count drops to zero, so they can be unticked.
 * Values ticked in one facet are alternatives (OR; the core counts that facet without its own
 * selection, so each count says what ticking it adds); different facets combine with AND.
 */
// Memoised: typing re-renders the app on every key; the facets change only with an answer.
export const FacetPanel = memo(function FacetPanel({
  facets,
  pending = false,
  selected,
  onToggle,
  onClear,
  onClose,
  id,
  archiveNames,
  dateFrom,
  dateTo,
  onDateRangeChange,
}: FacetPanelProps) {
  const { t } = useTranslation();
  const anySelected =
    ORDER.some((facet) => (selected[facet]?.length ?? 0) > 0) || dateFrom !== undefined || dateTo !== undefined;
  return (
    <nav className="facet-panel" id={id} aria-label={t('facets.landmark')} aria-busy={pending || undefined}>
      <button type="button" className="button facet-panel-close" onClick={onClose}>
        {t('facets.hide')}
      </button>
      {anySelected && (
        <button type="button" className="button button-quiet clear-filters" onClick={onClear}>
          {t('facets.clearAll')}
        </button>
      )}
      <p className="facet-hint">{t('searchux.facetAnyOf')}</p>
      {ORDER.map((facet) =>
        facet === 'archive' && !archiveNames && (selected.archive?.length ?? 0) === 0 ? null : (
          <Fragment key={facet}>
            {facet === 'year' && onDateRangeChange && (
              <DateRangeFilter
                key={`${dateFrom ?? ''}/${dateTo ?? ''}`}
                from={dateFrom}
                to={dateTo}
                onChange={onDateRangeChange}
              />
            )}
            <FacetGroup
              facet={facet}
              counts={facets?.[facet] ?? NONE}
              selected={selected[facet] ?? NONE}
              onToggle={onToggle}
              archiveNames={archiveNames ?? null}
            />
          </Fragment>
        ),
      )}
    </nav>
  );
});

interface FacetGroupProps {
  facet: FilterName;
  counts: FacetCount[];
  selected: string[];
  onToggle: (facet: FilterName, value: string) => void;
  archiveNames: Record<string, string> | null;
}

/** The same empty list every time: a fresh `[]` would defeat FacetGroup's memo. */
const NONE: never[] = [];

/**
 * Memoised: a phone's keystroke lands the first screen's rows without facets (the sheet keeps the
 * last ones) and only the panel's busy state changes; its groups, each a list of labelled
 * checkboxes, need not render again for it (about 4 ms a keystroke on a phone at 4×, traced).
 */
const FacetGroup = memo(function FacetGroup({ facet, counts, selected, onToggle, archiveNames }: FacetGroupProps) {
  const { t, i18n } = useTranslation();
  const [expanded, setExpanded] = useState(false);
  const missing = selected
    .filter((value) => !counts.some((count) => count.value === value))
    .map((value) => ({ value, count: 0 }));
  const all = [...counts, ...missing];
  // Years read best in order; everything else by count (the core's order).
  if (facet === 'year') all.sort((a, b) => compareText(b.value, a.value));
  if (all.length === 0) return null;
  const shown = expanded ? all : all.slice(0, COLLAPSED_COUNT);
  const label = (value: string) =>
    facet === 'type' && (value === 'article' || value === 'letter' || value === 'other')
      ? t(`types.${value}`)
      : facet === 'archive'
        ? (archiveNames?.[value] ?? value)
        : value;
  return (
    <fieldset className="facet-group" data-facet={facet}>
      <legend>{t(`facets.${facet}`)}</legend>
      <ul>
        {shown.map(({ value, count }) => {
          const checked = selected.includes(value);
          return (
            <li key={value}>
              <label className={checked ? 'facet-option selected' : 'facet-option'} title={label(value)}>
                <input
                  type="checkbox"
                  checked={checked}
                  onChange={() => {
                    onToggle(facet, value);
                  }}
                  aria-label={t('facets.option', { value: label(value), count })}
                  data-facet-value={value}
                />
                <span className="facet-value">{label(value)}</span>
                <span className="facet-count" aria-hidden="true">
                  {formatNumber(count, i18n.language)}
                </span>
              </label>
            </li>
          );
        })}
      </ul>
      {all.length > COLLAPSED_COUNT && (
        <button
          type="button"
          className="button button-link"
          aria-expanded={expanded}
          onClick={() => {
            setExpanded((value) => !value);
          }}
        >
          {expanded ? t('facets.showLess') : t('facets.showMore', { count: all.length })}
        </button>
      )}
    </fieldset>
  );
});
