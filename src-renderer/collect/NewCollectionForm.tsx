import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Collection } from '../../src-main/common/collections';
import { NameField } from './NameField';

interface NewCollectionFormProps {
  /** Creates a collection of that (trimmed, non-empty) name; null when it failed (the box keeps the name). */
  onCreate: (name: string) => Promise<Collection | null>;
  inputTestId: string;
  buttonTestId?: string;
}

/** "New collection" name box and button, as the Collections view and the picker dialog both offer it. */
export function NewCollectionForm({ onCreate, inputTestId, buttonTestId }: NewCollectionFormProps) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (trimmed === '') return;
    if ((await onCreate(trimmed)) !== null) setName('');
  };
  return (
    <form className="inline-form" onSubmit={(event) => void submit(event)}>
      <NameField label={t('collect.newName')} value={name} onChange={setName} testId={inputTestId} />
      <button type="submit" className="button" data-testid={buttonTestId}>
        {t('collect.create')}
      </button>
    </form>
  );
}
