import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnnotationsApi } from '../../src-main/common/api';
import { Dialog } from '../components/Dialog';
import { useCollections } from './use-collections';
import { NewCollectionForm } from './NewCollectionForm';

interface CollectionPickerProps {
  notesApi: AnnotationsApi;
  /** The reader's one document, or the results shown. */
  documentIds: readonly string[];
  /** The button's text and the dialog's title. */
  label: string;
  title: string;
  testId: string;
}

/**
 * A button that opens the list of collections with a checkbox each: ticked when every one of
 * `documentIds` is in it; ticking adds them, unticking removes them. A new collection can be
 * named there and is created holding them.
 */
export function CollectionPicker({ notesApi, documentIds, label, title, testId }: CollectionPickerProps) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="button"
        data-testid={testId}
        onClick={() => {
          setOpen(true);
        }}
      >
        {label}
      </button>
      <CollectionPickerDialog
        notesApi={notesApi}
        documentIds={documentIds}
        title={title}
        open={open}
        onClose={() => {
          setOpen(false);
        }}
      />
    </>
  );
}

interface CollectionPickerDialogProps {
  notesApi: AnnotationsApi;
  documentIds: readonly string[];
  title: string;
  open: boolean;
  onClose: () => void;
}

/**
 * The picker's dialog on its own, for a caller that opens it from its own control (one result
 * row's action). Kept mounted while closed so the native dialog hands the focus back on close.
 */
export function CollectionPickerDialog({ notesApi, documentIds, title, open, onClose }: CollectionPickerDialogProps) {
  const { t } = useTranslation();
  const state = useCollections(notesApi, open, t);
  // A box follows the click at once; the reloaded list then confirms it (or a failure undoes it).
  const [ticking, setTicking] = useState<Record<string, boolean>>({});
  return (
    <Dialog
      open={open}
      title={title}
      onClose={onClose}
      actions={
        <button type="button" className="button button-primary" onClick={onClose}>
          {t('collect.pickerDone')}
        </button>
      }
    >
      {open && (
        <div className="collection-picker" data-testid="collection-picker">
          {state.error && (
            <p className="error" role="alert">
              {state.error}
            </p>
          )}
          {state.collections?.length === 0 && <p>{t('collect.none')}</p>}
          <ul className="collection-picker-list">
            {(state.collections ?? []).map((collection) => {
              const member = ticking[collection.id] ?? documentIds.every((id) => collection.documentIds.includes(id));
              return (
                <li key={collection.id}>
                  <label className="check-row">
                    <input
                      type="checkbox"
                      checked={member}
                      onChange={(event) => {
                        const checked = event.target.checked;
                        setTicking((previous) => ({ ...previous, [collection.id]: checked }));
                        void state.setMembership(collection.id, documentIds, checked).finally(() => {
                          setTicking((previous) =>
                            Object.fromEntries(Object.entries(previous).filter(([id]) => id !== collection.id)),
                          );
                        });
                      }}
                    />
                    <span>
                      {collection.name}{' '}
                      <span className="muted">
                        ({t('collect.documents', { count: collection.documentIds.length })})
                      </span>
                    </span>
                  </label>
                </li>
              );
            })}
          </ul>
          <NewCollectionForm
            onCreate={(name) => state.create(name, [...documentIds])}
            inputTestId="new-collection-name"
          />
        </div>
      )}
    </Dialog>
  );
}
