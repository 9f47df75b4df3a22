import type { ReactNode } from 'react';
import type { TFunction } from 'i18next';
import type { AnnotationsApi } from '../../src-main/common/api';
import type { RowCollectorState } from '../components/SearchView';
import { CollectionPickerDialog } from './CollectionPicker';

/** One result row's "add to a collection" dialog, where annotations (and so collections) exist. */
export function rowCollectorFor(
  notesApi: AnnotationsApi | null,
  t: TFunction,
): ((state: RowCollectorState) => ReactNode) | undefined {
  if (!notesApi) return undefined;
  return ({ hit, open, onClose }) => (
    <CollectionPickerDialog
      notesApi={notesApi}
      documentIds={hit ? [hit.id] : []}
      title={t('collect.pickerRowTitle', { title: hit?.title ?? '' })}
      open={open}
      onClose={onClose}
    />
  );
}
