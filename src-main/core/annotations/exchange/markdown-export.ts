import type { AnnotatedDocumentInfo, Annotation } from '../../../common/annotations';
import type { AnnotationExportLabels } from '../../../common/api';

/** The contract's export labels: the UI sends them translated, the core defaults to English. */
export type MarkdownLabels = AnnotationExportLabels;

export const ENGLISH_MARKDOWN_LABELS: MarkdownLabels = {
  heading: 'Annotations',
  documentNotes: 'Notes on the whole document',
  orphaned: 'Passages no longer found in the document',
  tags: 'Tags',
  missingDocument: 'document no longer in the archive',
  moved: 'originally highlighted',
};

/**
 * Markdown for writing: one section per document (title, date), its document-level notes
 * first, then each highlighted passage as a blockquote in READING ORDER with its note and
 * tags, then its orphans (kept, clearly labelled). Documents are ordered by date, then title.
 * Every line of a quote is prefixed with `> ` so multi-paragraph passages stay one quote; notes
 * are the user's own text and are written as they are (line breaks kept).
 */
export function exportMarkdown(
  annotations: readonly Annotation[],
  documentInfo: (documentId: string) => AnnotatedDocumentInfo | null,
  labels: MarkdownLabels = ENGLISH_MARKDOWN_LABELS,
): string {
  const byDocument = new Map<string, Annotation[]>();
  for (const annotation of annotations) {
    const list = byDocument.get(annotation.documentId) ?? [];
    list.push(annotation);
    byDocument.set(annotation.documentId, list);
  }
  const documents = [...byDocument.keys()].map((id) => ({ id, info: documentInfo(id) }));
  documents.sort(
    (a, b) =>
      (a.info?.date ?? '9999').localeCompare(b.info?.date ?? '9999') ||
      (a.info?.title ?? a.id).localeCompare(b.info?.title ?? b.id, 'es'),
  );

  const out: string[] = [`# ${labels.heading}`, ''];
  for (const { id, info } of documents) {
    const list = byDocument.get(id) ?? [];
    out.push(`## ${oneLine(info?.title ?? `${id} (${labels.missingDocument})`)}`, '');
    if (info?.date) out.push(`*${info.date}*`, '');
    const whole = list.filter((a) => a.target === null).sort((a, b) => a.created.localeCompare(b.created));
    const placed = list
      .filter((a) => a.target !== null && a.state !== 'orphaned')
      .sort(
        (a, b) =>
          (a.target?.position.start ?? 0) - (b.target?.position.start ?? 0) ||
          (a.target?.position.end ?? 0) - (b.target?.position.end ?? 0),
      );
    const orphans = list.filter((a) => a.target !== null && a.state === 'orphaned');
    if (whole.length > 0) {
      out.push(`### ${labels.documentNotes}`, '');
      for (const annotation of whole) out.push(...noteAndTags(annotation, labels));
    }
    for (const annotation of placed) out.push(...passage(annotation, labels));
    if (orphans.length > 0) {
      out.push(`### ${labels.orphaned}`, '');
      for (const annotation of orphans) out.push(...passage(annotation, labels));
    }
  }
  return out.join('\n').replace(/\n+$/, '') + '\n';
}

function passage(annotation: Annotation, labels: MarkdownLabels): string[] {
  const lines = blockquote(annotation.target?.quote.exact ?? '');
  if (annotation.originalQuote !== null)
    lines.push('>', `> *(${labels.moved}: “${oneLine(annotation.originalQuote)}”)*`);
  return [...lines, '', ...noteAndTags(annotation, labels)];
}

function noteAndTags(annotation: Annotation, labels: MarkdownLabels): string[] {
  const lines: string[] = [];
  if (annotation.note !== '') lines.push(annotation.note.replace(/\r\n?/g, '\n'), '');
  if (annotation.tags.length > 0)
    lines.push(`${labels.tags}: ${annotation.tags.map((tag) => `\`${tag.replaceAll('`', "'")}\``).join(', ')}`, '');
  return lines;
}

function blockquote(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => (line === '' ? '>' : `> ${line}`));
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
