import type { AnnotatedDocumentInfo, Annotation, AnnotationColour } from '../../../common/annotations';
import type { AnnotationExportLabels } from '../../../common/api';
import type { Collection } from '../../../common/collections';
import { collectionNamesByDocument } from './collections-exchange';

/** The contract's export labels: the UI sends them translated, the core defaults to English. */
export type MarkdownLabels = AnnotationExportLabels;

export const ENGLISH_MARKDOWN_LABELS: MarkdownLabels = {
  heading: 'Annotations',
  documentNotes: 'Notes on the whole document',
  orphaned: 'Passages no longer found in the document',
  tags: 'Tags',
  missingDocument: 'document no longer in the archive',
  moved: 'originally highlighted',
  paragraph: 'Paragraph',
  created: 'Created',
  modified: 'modified',
  collections: 'Collections',
  colours: { yellow: 'Yellow', green: 'Green', blue: 'Blue', pink: 'Pink', purple: 'Purple' },
};

/** What the export needs of a document: its header, and its text to say where a passage is. */
export type MarkdownDocumentInfo = AnnotatedDocumentInfo & { text?: string };

/**
 * Markdown for writing: one section per document (title, date), its document-level notes
 * first, then each highlighted passage in READING ORDER, then its orphans (kept, clearly
 * labelled). Each passage opens with a line saying where it is (paragraph n of m) and its
 * colour, so two quotes never run together into one blockquote; then the quote, the note and
 * tags, and when it was written (UTC). Documents are ordered by date, then title. Every line of a
 * quote is prefixed with `> ` so multi-paragraph passages stay one quote; notes are the user's
 * own text and are written as they are (line breaks kept).
 * Collections: each document's section names the collections holding it, and a closing section
 * lists every collection with its documents (those without notes too), as reading lists.
 */
export function exportMarkdown(
  annotations: readonly Annotation[],
  documentInfo: (documentId: string) => MarkdownDocumentInfo | null,
  labels: MarkdownLabels = ENGLISH_MARKDOWN_LABELS,
  collections: readonly Collection[] = [],
): string {
  const collectionsLabel = labels.collections ?? 'Collections';
  const collectionsOf = collectionNamesByDocument(collections);
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
    const names = collectionsOf(id);
    if (names.length > 0) out.push(`${collectionsLabel}: ${names.map(oneLine).join(', ')}`, '');
    const paragraphs = info?.text === undefined ? null : paragraphStarts(info.text);
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
      for (const annotation of whole) out.push(...noteAndTags(annotation, labels), ...written(annotation, labels));
    }
    for (const annotation of placed) out.push(...passage(annotation, labels, paragraphs));
    if (orphans.length > 0) {
      out.push(`### ${labels.orphaned}`, '');
      for (const annotation of orphans) out.push(...passage(annotation, labels, null));
    }
  }
  out.push(...collectionSections(collections, documentInfo, labels));
  return out.join('\n').replace(/\n+$/, '') + '\n';
}

/** "## Collections", then each collection's name and its documents (title, date) in the order they were added. */
function collectionSections(
  collections: readonly Collection[],
  documentInfo: (documentId: string) => MarkdownDocumentInfo | null,
  labels: MarkdownLabels,
): string[] {
  const kept = collections.filter((collection) => collection.documentIds.length > 0);
  if (kept.length === 0) return [];
  const out = [`## ${labels.collections ?? 'Collections'}`, ''];
  for (const collection of kept) {
    out.push(`### ${oneLine(collection.name)}`, '');
    for (const documentId of collection.documentIds) {
      const info = documentInfo(documentId);
      const title = oneLine(info?.title ?? `${documentId} (${labels.missingDocument})`);
      out.push(`- ${title}${info?.date ? ` (${info.date})` : ''}`);
    }
    out.push('');
  }
  return out;
}

function passage(annotation: Annotation, labels: MarkdownLabels, paragraphs: number[] | null): string[] {
  const start = annotation.target?.position.start ?? 0;
  const place = paragraphs
    ? `${labels.paragraph ?? 'Paragraph'} ${paragraphOf(paragraphs, start)}/${paragraphs.length}`
    : null;
  const heading = [place, colourName(annotation.colour, labels)].filter((part) => part !== null).join(' · ');
  const lines = [`#### ${heading}`, '', ...blockquote(annotation.target?.quote.exact ?? '')];
  if (annotation.originalQuote !== null)
    lines.push('>', `> *(${labels.moved}: “${oneLine(annotation.originalQuote)}”)*`);
  return [...lines, '', ...noteAndTags(annotation, labels), ...written(annotation, labels)];
}

function noteAndTags(annotation: Annotation, labels: MarkdownLabels): string[] {
  const lines: string[] = [];
  if (annotation.note !== '') lines.push(annotation.note.replace(/\r\n?/g, '\n'), '');
  if (annotation.tags.length > 0)
    lines.push(`${labels.tags}: ${annotation.tags.map((tag) => `\`${tag.replaceAll('`', "'")}\``).join(', ')}`, '');
  return lines;
}

/** "*Created 2026-01-01 10:00 UTC · modified 2026-01-02 09:30 UTC*" (modified only when it differs). */
function written(annotation: Annotation, labels: MarkdownLabels): string[] {
  const created = `${labels.created ?? 'Created'} ${utcMinute(annotation.created)}`;
  const modified =
    annotation.modified !== annotation.created
      ? ` · ${labels.modified ?? 'modified'} ${utcMinute(annotation.modified)}`
      : '';
  return [`*${created}${modified}*`, ''];
}

function utcMinute(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

function colourName(colour: AnnotationColour, labels: MarkdownLabels): string {
  return (labels.colours ?? ENGLISH_MARKDOWN_LABELS.colours)?.[colour] ?? colour;
}

/** Offsets where each paragraph of the plain text begins (paragraphs are separated by blank lines). */
export function paragraphStarts(text: string): number[] {
  const starts = [0];
  for (const match of text.matchAll(/\n[ \t]*\n\s*/g)) starts.push(match.index + match[0].length);
  return starts;
}

/** 1-based number of the paragraph holding `offset`. */
function paragraphOf(starts: readonly number[], offset: number): number {
  let number = 1;
  for (let i = 0; i < starts.length; i += 1) if ((starts[i] ?? 0) <= offset) number = i + 1;
  return number;
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
