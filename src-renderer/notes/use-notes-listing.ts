import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnnotationsApi, ArchiveApi } from '../../src-main/common/api';
import type { Annotation, AnnotationQuery, BackupInfo } from '../../src-main/common/annotations';
import { describeError } from '../lib/errors';
import { formatIsoDate } from '../lib/format';
import { tagsInUse } from '../lib/annotation-tags';

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

/** What the Notes view lists: the filtered annotations, all of them, their documents' titles and the backups. */
export function useNotesListing({ api, notesApi, filter, refresh, onError }: NotesListingInputs): NotesListing {
  const { t, i18n } = useTranslation();
  const [items, setItems] = useState<Annotation[]>([]);
  const [all, setAll] = useState<Annotation[]>([]);
  const [documents, setDocuments] = useState<Map<string, DocumentInfo>>(new Map());
  const [backups, setBackups] = useState<BackupInfo[]>([]);

  useEffect(() => {
    let current = true;
    notesApi.searchAnnotations(filter).then(
      (found) => current && setItems(found),
      (error: unknown) => current && onError(describeError(error, t)),
    );
    return () => {
      current = false;
    };
  }, [notesApi, filter, refresh, t, onError]);

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
          ids.map(async (id): Promise<[string, DocumentInfo]> => [
            id,
            await api.getDocument(id).then(
              (doc) => (doc ? { title: doc.title, date: doc.date } : null),
              () => null,
            ),
          ]),
        );
        if (!isStale()) setDocuments(new Map(entries));
      } catch (error) {
        if (!isStale()) onError(describeError(error, t));
      }
    })();
    return () => {
      stale.abort();
    };
  }, [api, notesApi, refresh, t, onError]);

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
