import { useCallback, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnnotationsApi, ArchiveApi } from '../../src-main/common/api';
import type { Annotation, AnnotationQuery, BackupInfo } from '../../src-main/common/annotations';
import { describeError } from '../lib/errors';
import { formatIsoDate } from '../lib/format';
import { tagsInUse } from '../lib/annotation-tags';
import { useLoaded } from '../lib/use-loaded';
import { useLatest } from '../lib/use-latest';

type DocumentInfo = { title: string; date: string | null } | null;

export interface NotesListing {
  /** The annotations the filter finds (at most its limit). */
  items: Annotation[];
  /** Every annotation: for the tag list and the orphans. */
  all: Annotation[];
  /** Every tag in use, sorted. */
  tags: string[];
  /** The documents that carry annotations, in the order first met. */
  documentIds: string[];
  /** A document's title (with its date unless the title says it), or its id while unknown. */
  documentLabel: (id: string) => string;
  backups: BackupInfo[];
}

interface NotesListingInputs {
  api: ArchiveApi;
  notesApi: AnnotationsApi;
  filter: AnnotationQuery;
  /** Bumped after an import, a deletion or a restore: everything is read again. */
  refresh: number;
  onError: (message: string) => void;
}

const NOTHING: Annotation[] = [];
const NO_BACKUPS: BackupInfo[] = [];
const NO_DOCUMENTS = new Map<string, DocumentInfo>();

interface Everything {
  all: Annotation[];
  backups: BackupInfo[];
}

/** Every annotation and the backups. */
async function loadEverything(notesApi: AnnotationsApi, signal: AbortSignal): Promise<Everything> {
  const all = await notesApi.searchAnnotations({ limit: 10_000 });
  return { all, backups: signal.aborted ? [] : await notesApi.listBackups() };
}

/** The titles of the annotated documents, in the order first met (a document the archives lack is null). */
async function loadDocuments(api: ArchiveApi, all: readonly Annotation[]): Promise<Map<string, DocumentInfo>> {
  const ids = [...new Set(all.map((annotation) => annotation.documentId))];
  const entries = await Promise.all(
    ids.map(async (id): Promise<[string, DocumentInfo]> => [
      id,
      await api.getDocument(id).then(
        (doc) => (doc ? { title: doc.title, date: doc.date } : null),
        () => null,
      ),
    ]),
  );
  return new Map(entries);
}

/** What the Notes view lists: the filtered annotations, all of them, their documents' titles and the backups. */
export function useNotesListing({ api, notesApi, filter, refresh, onError }: NotesListingInputs): NotesListing {
  const { t, i18n } = useTranslation();
  const filtered = useLoaded(
    useCallback(() => notesApi.searchAnnotations(filter), [notesApi, filter]),
    refresh,
  );
  const everything = useLoaded(
    useCallback((signal: AbortSignal) => loadEverything(notesApi, signal), [notesApi]),
    refresh,
  );
  const all = everything.latest?.all ?? NOTHING;
  const backups = everything.latest?.backups ?? NO_BACKUPS;
  // Titles follow the list they name: the tags and backups show before every document answered.
  const titled = useLoaded(useCallback(() => loadDocuments(api, all), [api, all]));
  const documents = titled.latest ?? NO_DOCUMENTS;
  const items = filtered.latest ?? NOTHING;

  // Each failure is said once, in the view's status line; the lists keep their last answer.
  const failure = filtered.error ?? everything.error;
  const report = useLatest((error: unknown) => {
    onError(describeError(error, t));
  });
  useEffect(() => {
    if (failure !== undefined) report.current(failure);
  }, [failure, report]);

  const tags = useMemo(() => tagsInUse(all), [all]);
  const documentLabel = (id: string) => {
    const info = documents.get(id);
    if (!info) return id;
    if (!info.date) return info.title;
    // Letter titles already end with their date; do not say it twice.
    const date = formatIsoDate(info.date, i18n.language);
    return info.title.includes(date) ? info.title : `${info.title} (${date})`;
  };
  return { items, all, tags, documentIds: [...documents.keys()], documentLabel, backups };
}
