import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnnotationExportLabels, AnnotationsApi } from '../../src-main/common/api';
import type {
  AnchorState,
  Annotation,
  AnnotationColour,
  AnnotationExportFormat,
  AnnotationQuery,
  BackupInfo,
} from '../../src-main/common/annotations';
import type { ArchiveApi } from '../../src-main/common/api';
import { describeError } from '../lib/errors';
import { unsupportedImportKind } from '../citations/import-refusal';
import { formatIsoDate } from '../lib/format';
import { useDebounced } from '../lib/use-debounced';
import { COLOURS } from './AnnotationEditor';

const STATES: readonly AnchorState[] = ['anchored', 'moved', 'orphaned'];
const FORMATS: readonly AnnotationExportFormat[] = ['jsonld', 'markdown', 'csv'];

interface NotesViewProps {
  api: ArchiveApi;
  notesApi: AnnotationsApi;
  onOpen: (annotation: Annotation) => void;
}

type DocumentInfo = { title: string; date: string | null } | null;

/**
 * Every annotation across the archive: filters (colour, tag, document, state), accent-insensitive
 * search (done by the core), export of the filtered set, import, orphans to review, backups.
 */
export function NotesView({ api, notesApi, onOpen }: NotesViewProps) {
  const { t, i18n } = useTranslation();
  const [query, setQuery] = useState('');
  const [colour, setColour] = useState<AnnotationColour | ''>('');
  const [tag, setTag] = useState('');
  const [state, setState] = useState<AnchorState | ''>('');
  const [documentId, setDocumentId] = useState('');
  const [items, setItems] = useState<Annotation[]>([]);
  const [all, setAll] = useState<Annotation[]>([]);
  const [documents, setDocuments] = useState<Map<string, DocumentInfo>>(new Map());
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [backups, setBackups] = useState<BackupInfo[]>([]);
  const [refresh, setRefresh] = useState(0);
  const fileInput = useRef<HTMLInputElement>(null);
  const settledQuery = useDebounced(query, 150);

  const filter = useMemo((): AnnotationQuery => {
    const result: AnnotationQuery = { limit: 1000 };
    if (settledQuery.trim() !== '') result.query = settledQuery;
    if (colour) result.colour = colour;
    if (tag) result.tag = tag;
    if (state) result.state = state;
    if (documentId) result.documentId = documentId;
    return result;
  }, [settledQuery, colour, tag, state, documentId]);

  useEffect(() => {
    let current = true;
    notesApi.searchAnnotations(filter).then(
      (found) => current && setItems(found),
      (error: unknown) => current && setMessage({ text: describeError(error, t), error: true }),
    );
    return () => {
      current = false;
    };
  }, [notesApi, filter, refresh, t]);

  useEffect(() => {
    // A signal rather than a local flag: the answer may come after this effect was cleaned up.
    const stale = new AbortController();
    const isStale = () => stale.signal.aborted;
    void (async () => {
      try {
        const everything = await notesApi.searchAnnotations({ limit: 10_000 });
        if (isStale()) return;
        setAll(everything);
        setBackups(await notesApi.listBackups());
        const ids = [...new Set(everything.map((annotation) => annotation.documentId))];
        const entries = await Promise.all(
          ids.map(
            async (id) =>
              [
                id,
                await api.getDocument(id).then(
                  (doc) => (doc ? { title: doc.title, date: doc.date } : null),
                  () => null,
                ),
              ] as const,
          ),
        );
        if (!isStale()) setDocuments(new Map(entries));
      } catch (error) {
        if (!isStale()) setMessage({ text: describeError(error, t), error: true });
      }
    })();
    return () => {
      stale.abort();
    };
  }, [api, notesApi, refresh, t]);

  const tags = useMemo(
    () => [...new Set(all.flatMap((annotation) => annotation.tags))].sort((a, b) => a.localeCompare(b)),
    [all],
  );
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

  const exportAs = async (format: AnnotationExportFormat) => {
    try {
      const { limit: _limit, ...rest } = filter;
      const result = await notesApi.exportAnnotations(format, rest, labels);
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

  const importFile = async (file: File) => {
    try {
      const summary = await notesApi.importAnnotations(await file.text());
      setMessage({ text: t('notes.importSummary', { ...summary }), error: false });
      setRefresh((n) => n + 1);
    } catch (error) {
      const refused = unsupportedImportKind(error);
      const text = refused ? t(`cite.importRefused.${refused}`, { file: file.name }) : describeError(error, t);
      setMessage({ text, error: true });
    }
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

  const documentLabel = (id: string) => {
    const info = documents.get(id);
    if (!info) return id;
    if (!info.date) return info.title;
    // Letter titles already end with their date; do not say it twice.
    const date = formatIsoDate(info.date, i18n.language);
    return info.title.includes(date) ? info.title : `${info.title} (${date})`;
  };

  const row = (annotation: Annotation) => (
    <li key={annotation.id} className={`note-row colour-${annotation.colour}`} data-testid="note-row">
      <button
        type="button"
        className="note-row-open"
        onClick={() => {
          onOpen(annotation);
        }}
      >
        <span className="note-row-document">{documentLabel(annotation.documentId)}</span>
        {annotation.target ? (
          <q className="note-row-quote">{annotation.target.quote.exact}</q>
        ) : (
          <em>{t('notes.documentNote')}</em>
        )}
        {annotation.note !== '' && <span className="note-row-note">{annotation.note}</span>}
        <span className="note-row-meta">
          <span
            className={`swatch-dot colour-${annotation.colour}`}
            aria-label={t(`notes.colourName.${annotation.colour}`)}
          />
          {annotation.state !== 'anchored' && (
            <span className="state-badge">{t(`notes.state.${annotation.state}`)}</span>
          )}
          {annotation.tags.map((name) => (
            <span key={name} className="tag-chip">
              #{name}
            </span>
          ))}
        </span>
      </button>
    </li>
  );

  return (
    <section className="notes-view" aria-labelledby="notes-heading" data-testid="notes-view">
      <h2 id="notes-heading">{t('notes.viewHeading')}</h2>
      <div className="notes-filters" role="search">
        <label className="field">
          <span>{t('notes.search')}</span>
          <input
            type="search"
            value={query}
            placeholder={t('notes.searchPlaceholder')}
            onChange={(event) => {
              setQuery(event.target.value);
            }}
            data-testid="notes-search"
          />
        </label>
        <select
          aria-label={t('notes.colour')}
          value={colour}
          onChange={(event) => {
            setColour(event.target.value as AnnotationColour | '');
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
          value={tag}
          onChange={(event) => {
            setTag(event.target.value);
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
          value={documentId}
          onChange={(event) => {
            setDocumentId(event.target.value);
          }}
        >
          <option value="">{t('notes.anyDocument')}</option>
          {[...documents.keys()].map((id) => (
            <option key={id} value={id}>
              {documentLabel(id)}
            </option>
          ))}
        </select>
        <select
          aria-label={t('notes.anyState')}
          value={state}
          onChange={(event) => {
            setState(event.target.value as AnchorState | '');
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
        <button type="button" className="button" onClick={() => fileInput.current?.click()}>
          {t('notes.import')}
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".jsonld,.json,.csv,application/ld+json,application/json,text/csv"
          hidden
          data-testid="import-input"
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) void importFile(file);
          }}
        />
      </div>
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
      {items.length === 0 ? <p>{t('notes.none')}</p> : <ol className="notes-list">{items.map(row)}</ol>}
      {orphans.length > 0 && (
        <section aria-labelledby="orphans-heading">
          <h3 id="orphans-heading">{t('notes.orphans')}</h3>
          <p className="panel-hint">{t('notes.reattachHint')}</p>
          <ol className="notes-list">
            {orphans.map((annotation) => (
              <li key={annotation.id} className="note-row" data-testid="orphan-row">
                <q>{annotation.originalQuote ?? annotation.target?.quote.exact ?? ''}</q> —{' '}
                {documentLabel(annotation.documentId)}{' '}
                <button
                  type="button"
                  className="button"
                  onClick={() => {
                    onOpen(annotation);
                  }}
                >
                  {t('notes.open')}
                </button>{' '}
                <button type="button" className="button button-danger" onClick={() => void remove(annotation)}>
                  {t('notes.delete')}
                </button>
              </li>
            ))}
          </ol>
        </section>
      )}
      <section aria-labelledby="backups-heading">
        <h3 id="backups-heading">{t('notes.backups')}</h3>
        <ul className="backup-list">
          {backups.map((backup) => (
            <li key={backup.name} data-testid="backup-row">
              <button type="button" className="button" onClick={() => void restore(backup)}>
                {t('notes.restore', { date: new Date(backup.createdAt).toLocaleString(i18n.language) })}
              </button>
            </li>
          ))}
        </ul>
      </section>
    </section>
  );
}
