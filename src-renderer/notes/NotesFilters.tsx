import { useTranslation } from 'react-i18next';
import type { AnchorState, AnnotationColour } from '../../src-main/common/annotations';
import { COLOURS } from '../components/AnnotationEditor';

const STATES: readonly AnchorState[] = ['anchored', 'moved', 'orphaned'];

/** What the Notes view is filtered by; '' is "any". */
export interface NotesFilterValues {
  query: string;
  colour: AnnotationColour | '';
  tag: string;
  state: AnchorState | '';
  documentId: string;
}

export const NO_NOTES_FILTERS: NotesFilterValues = { query: '', colour: '', tag: '', state: '', documentId: '' };

/** The option a select's value names, typed; '' for "any" (or anything that is not an option). */
function optionOf<T extends string>(options: readonly T[], value: string): T | '' {
  return options.find((option) => option === value) ?? '';
}

interface NotesFiltersProps {
  values: NotesFilterValues;
  onChange: (change: Partial<NotesFilterValues>) => void;
  /** Every tag in use, sorted. */
  tags: readonly string[];
  /** The documents that carry annotations, and how to name one. */
  documentIds: readonly string[];
  documentLabel: (id: string) => string;
}

/** The Notes view's search box and its colour, tag, document and state filters. */
export function NotesFilters({ values, onChange, tags, documentIds, documentLabel }: NotesFiltersProps) {
  const { t } = useTranslation();
  return (
    <div className="notes-filters" role="search">
      <label className="field">
        <span>{t('notes.search')}</span>
        <input
          type="search"
          value={values.query}
          placeholder={t('notes.searchPlaceholder')}
          onChange={(event) => {
            onChange({ query: event.target.value });
          }}
          data-testid="notes-search"
        />
      </label>
      <FilterSelect
        label={t('notes.colour')}
        anyLabel={t('notes.anyColour')}
        value={values.colour}
        options={COLOURS}
        optionLabel={(name) => t(`notes.colourName.${name}`)}
        onChange={(value) => {
          onChange({ colour: optionOf(COLOURS, value) });
        }}
      />
      <FilterSelect
        label={t('notes.tags')}
        anyLabel={t('notes.anyTag')}
        value={values.tag}
        options={tags}
        optionLabel={(name) => name}
        onChange={(tag) => {
          onChange({ tag });
        }}
      />
      <FilterSelect
        label={t('reader.landmark')}
        anyLabel={t('notes.anyDocument')}
        value={values.documentId}
        options={documentIds}
        optionLabel={documentLabel}
        onChange={(documentId) => {
          onChange({ documentId });
        }}
      />
      <FilterSelect
        label={t('notes.anyState')}
        anyLabel={t('notes.anyState')}
        value={values.state}
        options={STATES}
        optionLabel={(name) => t(`notes.state.${name}`)}
        onChange={(value) => {
          onChange({ state: optionOf(STATES, value) });
        }}
      />
    </div>
  );
}

interface FilterSelectProps<T extends string> {
  /** The select's accessible name (it has no visible label: the "any" option says what it filters). */
  label: string;
  anyLabel: string;
  /** '' is "any". */
  value: T | '';
  options: readonly T[];
  optionLabel: (option: T) => string;
  /** The chosen option's value as the select gives it ('' for "any"). */
  onChange: (value: string) => void;
}

/** One filter of the Notes view: "any" first, then each option, by its label. */
function FilterSelect<T extends string>({
  label,
  anyLabel,
  value,
  options,
  optionLabel,
  onChange,
}: FilterSelectProps<T>) {
  return (
    <select
      aria-label={label}
      value={value}
      onChange={(event) => {
        onChange(event.target.value);
      }}
    >
      <option value="">{anyLabel}</option>
      {options.map((option) => (
        <option key={option} value={option}>
          {optionLabel(option)}
        </option>
      ))}
    </select>
  );
}
