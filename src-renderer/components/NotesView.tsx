import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnnotationExportLabels, AnnotationsApi } from '../../src-main/common/api';
import type {
  Annotation,
  AnnotationExportFormat,
  AnnotationQuery,
  BackupInfo,
} from '../../src-main/common/annotations';
import type { ArchiveApi } from '../../src-main/common/api';
import { describeError } from '../lib/errors';
import { unsupportedImportKind } from '../citations/import-refusal';
import { useDebounced } from '../lib/use-debounced';
import { NO_NOTES_FILTERS, NotesFilters, type NotesFilterValues } from '../notes/NotesFilters';
import { BackupList, NoteRow, OrphanList } from '../notes/NotesLists';
import { useNotesListing } from '../notes/use-notes-listing';
import { useSealedExport } from '../lock/use-sealed-export';
import { useSealedImport } from '../lock/use-sealed-import';
import { ChooseFileButton } from './ChooseFileButton';

const FORMATS: readonly AnnotationExportFormat[] = ['jsonld', 'markdown', 'csv'];

interface NotesViewProps {
  api: ArchiveApi;
  notesApi: AnnotationsApi;
  onOpen: (annotation: Annotation) => void;
}

/**
 * Every annotation across the archive: filters (colour, tag, document, state), accent-insensitive
 * search (done by the core), export of the filtered set, import, orphans to review, backups.
 */
export function NotesView({ api, notesApi, onOpen }: NotesViewProps) {
  const { t, i18n } = useTranslation();
  const [filters, setFilters] = useState<NotesFilterValues>(NO_NOTES_FILTERS);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [refresh, setRefresh] = useState(0);
  const settledQuery = useDebounced(filters.query, 150);
  const { colour, tag, state, documentId } = filters;

  const filter = useMemo((): AnnotationQuery => {
    const result: AnnotationQuery = { limit: 1000 };
    if (settledQuery.trim() !== '') result.query = settledQuery;
    if (colour) result.colour = colour;
    if (tag) result.tag = tag;
    if (state) result.state = state;
    if (documentId) result.documentId = documentId;
    return result;
  }, [settledQuery, colour, tag, state, documentId]);

  const showError = useCallback((text: string) => {
    setMessage({ text, error: true });
  }, []);
  const { items, all, tags, documentIds, documentLabel, backups } = useNotesListing({
    api,
    notesApi,
    filter,
    refresh,
    onError: showError,
  });
  const orphans = all.filter((annotation) => annotation.state === 'orphaned');
  const labels: AnnotationExportLabels = {
    heading: t('notes.panel'),
    documentNotes: t('notes.documentNote'),
    orphaned: t('notes.orphaned'),
    tags: t('notes.tags'),
    missingDocument: t('reader.notFound'),
    moved: t('notes.moved'),
    paragraph: t('cite.markdownParagraph'),
    created: t('cite.markdownCreated'),
    modified: t('cite.markdownModified'),
    collections: t('collect.view'),
    colours: {
      yellow: t('notes.colourName.yellow'),
      green: t('notes.colourName.green'),
      blue: t('notes.colourName.blue'),
      pink: t('notes.colourName.pink'),
      purple: t('notes.colourName.purple'),
    },
  };

  const sealedExport = useSealedExport();
  const exportAs = async (format: AnnotationExportFormat) => {
    const sealing = sealedExport.choice();
    if (!sealing.ok) {
      setMessage({ text: sealing.message, error: true });
      return;
    }
    try {
      const { limit: _limit, ...rest } = filter;
      const result = await notesApi.exportAnnotations(format, rest, labels, sealing.passphrase);
      if (result.kind === 'content') {
        // Browser mode: the page downloads the text it was given; nothing leaves the machine.
        const url = URL.createObjectURL(new Blob([result.content], { type: result.mime }));
        const link = document.createElement('a');
        link.href = url;
        link.download = result.fileName;
        link.click();
        window.setTimeout(() => {
          URL.revokeObjectURL(url);
        }, 1000);
      } else if (result.kind === 'saved') {
        setMessage({ text: t('notes.exported', { path: result.path }), error: false });
      }
    } catch (error) {
      setMessage({ text: describeError(error, t), error: true });
    }
  };

  const sealedImport = useSealedImport({
    notesApi,
    onImported: (summary) => {
      setMessage({ text: t('notes.importSummary', { ...summary }), error: false });
      setRefresh((n) => n + 1);
    },
    onRefused: (error, fileName) => {
      const refused = unsupportedImportKind(error);
      const text = refused ? t(`cite.importRefused.${refused}`, { file: fileName }) : describeError(error, t);
      setMessage({ text, error: true });
    },
  });
  const importFile = async (file: File) => {
    await sealedImport.importText(await file.text(), file.name);
  };

  const remove = useCallback(
    async (annotation: Annotation) => {
      try {
        await notesApi.deleteAnnotation(annotation.id);
        setRefresh((n) => n + 1);
      } catch (error) {
        setMessage({ text: describeError(error, t), error: true });
      }
    },
    [notesApi, t],
  );

  const restore = async (backup: BackupInfo) => {
    const date = new Date(backup.createdAt).toLocaleString(i18n.language);
    if (!window.confirm(t('notes.restoreConfirm', { date }))) return;
    try {
      await notesApi.restoreBackup(backup.name);
      setMessage({ text: t('notes.restored'), error: false });
      setRefresh((n) => n + 1);
    } catch (error) {
      setMessage({ text: describeError(error, t), error: true });
    }
  };

  return (
    <section className="notes-view" aria-labelledby="notes-heading" data-testid="notes-view">
      <h2 id="notes-heading">{t('notes.viewHeading')}</h2>
      <NotesFilters
        values={filters}
        onChange={(change) => {
          setFilters((previous) => ({ ...previous, ...change }));
        }}
        tags={tags}
        documentIds={documentIds}
        documentLabel={documentLabel}
      />
      <div className="notes-actions">
        <span>{t('notes.export')}:</span>
        {FORMATS.map((format) => (
          <button
            key={format}
            type="button"
            className="button"
            onClick={() => void exportAs(format)}
            data-testid={`export-${format}`}
          >
            {t(`notes.exportFormat.${format}`)}
          </button>
        ))}
        <ChooseFileButton
          label={t('notes.import')}
          accept=".jsonld,.json,.csv,application/ld+json,application/json,text/csv"
          className="button"
          inputTestId="import-input"
          onFile={(file) => void importFile(file)}
        />
      </div>
      {sealedExport.fields}
      {sealedImport.prompt}
      {message && (
        <p
          role={message.error ? 'alert' : 'status'}
          className={message.error ? 'error' : 'notice'}
          data-testid="notes-message"
        >
          {message.text}
        </p>
      )}
      <p className="result-count" data-testid="notes-count">
        {t('notes.count', { count: items.length })}
      </p>
      {items.length === 0 ? (
        <p>{t('notes.none')}</p>
      ) : (
        <ol className="notes-list">
          {items.map((annotation) => (
            <NoteRow
              key={annotation.id}
              annotation={annotation}
              documentLabel={documentLabel(annotation.documentId)}
              onOpen={onOpen}
            />
          ))}
        </ol>
      )}
      <OrphanList
        orphans={orphans}
        documentLabel={documentLabel}
        onOpen={onOpen}
        onDelete={(annotation) => void remove(annotation)}
      />
      <BackupList backups={backups} onRestore={(backup) => void restore(backup)} />
    </section>
  );
}
