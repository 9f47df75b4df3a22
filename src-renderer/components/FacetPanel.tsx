import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FacetCount, FacetName, Facets } from '../../src-main/common/types';
import type { FacetFilters } from '../lib/route';
import { formatNumber } from '../lib/format';

interface FacetPanelProps {
  facets: Facets | null;
  selected: FacetFilters;
  onToggle: (facet: FacetName, value: string) => void;
  onClear: () => void;
}

const ORDER: readonly FacetName[] = ['type', 'year', 'category', 'tag', 'author'];
const COLLAPSED_COUNT = 8;

/**
 * Facet filters with counts over everything the current query and filters match.
 * Selected values stay visible even when their count drops to zero, so they can be unticked.
 */
export function FacetPanel({ facets, selected, onToggle, onClear }: FacetPanelProps) {
  const { t } = useTranslation();
  const anySelected = ORDER.some((facet) => (selected[facet]?.length ?? 0) > 0);
  return (
    <nav className="facet-panel" aria-label={t('facets.landmark')}>
      {anySelected && (
        <button type="button" className="button button-quiet clear-filters" onClick={onClear}>
          {t('facets.clearAll')}
        </button>
      )}
      {ORDER.map((facet) => (
        <FacetGroup key={facet} facet={facet} counts={facets?.[facet] ?? []} selected={selected[facet] ?? []} onToggle={onToggle} />
      ))}
    </nav>
  );
}

interface FacetGroupProps {
  facet: FacetName;
  counts: FacetCount[];
  selected: string[];
  onToggle: (facet: FacetName, value: string) => void;
}

function FacetGroup({ facet, counts, selected, onToggle }: FacetGroupProps) {
  const { t, i18n } = useTranslation();
  const [expanded, setExpanded] = useState(false);
  const missing = selected.filter((value) => !counts.some((count) => count.value === value)).map((value) => ({ value, count: 0 }));
  const all = [...counts, ...missing];
  // Years read best in order; everything else by count (the core's order).
  if (facet === 'year') all.sort((a, b) => b.value.localeCompare(a.value));
  if (all.length === 0) return null;
  const shown = expanded ? all : all.slice(0, COLLAPSED_COUNT);
  const label = (value: string) =>
    facet === 'type' && (value === 'article' || value === 'letter' || value === 'other') ? t(`types.${value}`) : value;
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
                  onChange={() => onToggle(facet, value)}
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
        <button type="button" className="button button-link" aria-expanded={expanded} onClick={() => setExpanded((value) => !value)}>
          {expanded ? t('facets.showLess') : t('facets.showMore', { count: all.length })}
        </button>
      )}
    </fieldset>
  );
}
