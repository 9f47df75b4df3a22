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
      <select
        aria-label={t('notes.colour')}
        value={values.colour}
        onChange={(event) => {
          onChange({ colour: optionOf(COLOURS, event.target.value) });
        }}
      >
        <option value="">{t('notes.anyColour')}</option>
        {COLOURS.map((name) => (
          <option key={name} value={name}>
            {t(`notes.colourName.${name}`)}
          </option>
        ))}
      </select>
      <select
        aria-label={t('notes.tags')}
        value={values.tag}
        onChange={(event) => {
          onChange({ tag: event.target.value });
        }}
      >
        <option value="">{t('notes.anyTag')}</option>
        {tags.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
      <select
        aria-label={t('reader.landmark')}
        value={values.documentId}
        onChange={(event) => {
          onChange({ documentId: event.target.value });
        }}
      >
        <option value="">{t('notes.anyDocument')}</option>
        {documentIds.map((id) => (
          <option key={id} value={id}>
            {documentLabel(id)}
          </option>
        ))}
      </select>
      <select
        aria-label={t('notes.anyState')}
        value={values.state}
        onChange={(event) => {
          onChange({ state: optionOf(STATES, event.target.value) });
        }}
      >
        <option value="">{t('notes.anyState')}</option>
        {STATES.map((name) => (
          <option key={name} value={name}>
            {t(`notes.state.${name}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
