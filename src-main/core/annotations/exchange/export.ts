import type {
  AnnotatedDocumentInfo,
  Annotation,
  AnnotationExportFormat,
  AnnotationQuery,
} from '../../../common/annotations';
import type { UserData } from '../../userdata/user-data';
import type { DocumentSource } from '../document-source';
import { searchAnnotations, MAX_SEARCH_LIMIT } from '../search';
import { exportCsv } from './csv-export';
import { exportJsonLd } from './jsonld-export';
import { collectionNamesByDocument, withKeptLists } from './collections-exchange';
import { ENGLISH_MARKDOWN_LABELS, exportMarkdown, type MarkdownLabels } from './markdown-export';

export interface AnnotationExport {
  content: string;
  mime: string;
  /** Suggested file extension, without the dot. */
  extension: string;
}

export interface ExportOptions {
  /** Which annotations (default: all). */
  filter?: AnnotationQuery;
  labels?: MarkdownLabels;
  now?: Date;
}

/** One call for the UI: the selected annotations in the chosen format. */
export function exportAnnotations(
  userData: UserData,
  archive: DocumentSource,
  format: AnnotationExportFormat,
  options: ExportOptions = {},
): AnnotationExport {
  const annotations = selectAll(userData, options.filter ?? {});
  const collections = userData.collections.list();
  const documentInfo = (id: string): AnnotatedDocumentInfo | null => {
    const document = archive.getDocument(id);
    return document ? { id: document.id, title: document.title, date: document.date } : null;
  };
  switch (format) {
    case 'jsonld':
      return {
        content: withKeptLists(
          exportJsonLd(annotations, options.now, (id) => archive.getDocument(id)),
          userData,
        ),
        mime: 'application/ld+json',
        extension: 'jsonld',
      };
    case 'markdown':
      return {
        content: exportMarkdown(
          annotations,
          (id) => {
            const document = archive.getDocument(id);
            return document
              ? { id: document.id, title: document.title, date: document.date, text: document.text }
              : null;
          },
          options.labels ?? ENGLISH_MARKDOWN_LABELS,
          collections,
        ),
        mime: 'text/markdown',
        extension: 'md',
      };
    case 'csv':
      return {
        content: exportCsv(annotations, documentInfo, collectionNamesByDocument(collections)),
        mime: 'text/csv',
        extension: 'csv',
      };
  }
}

/** Every matching annotation, page by page (the search caps one page). */
function selectAll(userData: UserData, filter: AnnotationQuery): Annotation[] {
  const all: Annotation[] = [];
  for (let offset = 0; ; offset += MAX_SEARCH_LIMIT) {
    const page = searchAnnotations(userData, { ...filter, limit: MAX_SEARCH_LIMIT, offset });
    all.push(...page);
    if (page.length < MAX_SEARCH_LIMIT) return all;
  }
}
