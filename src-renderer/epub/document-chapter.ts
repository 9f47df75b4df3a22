import type { TFunction } from 'i18next';
import type { Annotation } from '../../src-main/common/annotations';
import type { DocumentRecord } from '../../src-main/common/types';
import { sanitizeDocumentHtml } from '../lib/sanitize';
import { highlightSubstring } from '../lib/highlight';
import { formatIsoDate } from '../lib/format';
import { escapeXml } from './epub-package';

/**
 * One archive document as the XHTML body of an EPUB chapter: a metadata header, the text
 * (sanitised again, as the reader does), images pointing into the book, footnotes that link
 * both ways within the chapter, links to other documents of the book kept (others dropped),
 * and the reader's highlights marked in the text with their notes listed at the end.
 */

export interface ChapterLinks {
  /** The chapter file of another document when it is in the same book, else null. */
  chapterOf(documentId: string): string | null;
  /** The image file inside the book for an asset, else null (the image could not be included). */
  imageOf(assetId: string): string | null;
}

const XHTML_NS = 'http://www.w3.org/1999/xhtml';

function serializeChildren(root: Element): string {
  const serializer = new XMLSerializer();
  let out = '';
  for (const node of root.childNodes) out += serializer.serializeToString(node);
  // The serialiser repeats the XHTML namespace on every top-level element: the page declares it once.
  return out.replaceAll(` xmlns="${XHTML_NS}"`, '');
}

function headerXhtml(record: DocumentRecord, t: TFunction, language: string): string {
  const rows: [string, string][] = [];
  rows.push([t('reader.date'), record.date ? formatIsoDate(record.date, language) : t('reader.undated')]);
  if (record.place) rows.push([t('reader.place'), record.place]);
  if (record.authors.length > 0) rows.push([t('reader.authors'), record.authors.join(', ')]);
  if (record.addressee) rows.push([t('reader.addressee'), record.addressee]);
  if (record.category) rows.push([t('reader.category'), record.category]);
  if (record.tags.length > 0) rows.push([t('reader.tags'), record.tags.join(', ')]);
  const list = rows.map(([name, value]) => `<dt>${escapeXml(name)}</dt><dd>${escapeXml(value)}</dd>`).join('');
  const signatories =
    record.signatories.length > 0
      ? `<h2>${escapeXml(t('reader.signatories'))}</h2><ul class="signatories">${record.signatories
          .map((name) => `<li>${escapeXml(name)}</li>`)
          .join('')}</ul>`
      : '';
  const description = record.description ? `<p class="description">${escapeXml(record.description)}</p>` : '';
  return `<header><p class="type">${escapeXml(t(`types.${record.type}`))}</p><h1>${escapeXml(record.title)}</h1><dl class="meta">${list}</dl>${description}${signatories}</header>`;
}

/** Rewrites the sanitised body in place so every reference resolves inside the book. */
function adaptBody(body: HTMLElement, links: ChapterLinks, t: TFunction): void {
  const document = body.ownerDocument;
  const replaceWithText = (element: Element, text: string) => {
    const span = document.createElement('span');
    span.className = 'image-missing';
    span.textContent = text;
    element.replaceWith(span);
  };
  for (const image of body.querySelectorAll<HTMLImageElement>('img')) {
    const file = links.imageOf(image.dataset.assetId ?? '');
    if (file) {
      image.setAttribute('src', file);
      image.removeAttribute('data-asset-id');
      if (!image.hasAttribute('alt')) image.setAttribute('alt', '');
    } else
      replaceWithText(image, image.alt ? t('reader.missingImage', { alt: image.alt }) : t('reader.missingImageNoAlt'));
  }
  for (const span of body.querySelectorAll('span.asset-missing')) {
    const alt = span.textContent.trim();
    replaceWithText(span, alt ? t('reader.missingImage', { alt }) : t('reader.missingImageNoAlt'));
  }
  const ids = new Set([...body.querySelectorAll('[id]')].map((element) => element.id));
  for (const link of body.querySelectorAll<HTMLAnchorElement>('a[href]')) {
    const href = link.getAttribute('href') ?? '';
    const documentId = link.dataset.docId;
    if (documentId !== undefined) {
      const file = links.chapterOf(documentId);
      if (file) link.setAttribute('href', file);
      else link.removeAttribute('href');
      link.removeAttribute('data-doc-id');
    } else if (href.startsWith('#')) {
      // Footnote calls and back-references stay (both ends are in this chapter); a dangling
      // fragment would be an error in the book.
      if (!ids.has(decodeURIComponent(href.slice(1)))) link.removeAttribute('href');
    } else if (!/^(https?|mailto):/i.test(href)) link.removeAttribute('href');
  }
  for (const backref of body.querySelectorAll('a[data-footnote-backref]')) {
    if (!backref.hasAttribute('aria-label')) backref.setAttribute('aria-label', t('reader.footnoteBack'));
  }
}

/** Marks each highlight's quote in the text and lists every highlight and note after it, linked both ways. */
function annotationsXhtml(body: HTMLElement, annotations: Annotation[], t: TFunction): string {
  if (annotations.length === 0) return '';
  const items = annotations.map((annotation, index) => {
    const id = `note-${index + 1}`;
    let backLink = '';
    if (annotation.target) {
      const marks = highlightSubstring(body, annotation.target.quote.exact, `highlight colour-${annotation.colour}`);
      const first = marks[0];
      if (first) {
        first.id = `highlight-${index + 1}`;
        const call = body.ownerDocument.createElement('a');
        call.setAttribute('href', `#${id}`);
        call.className = 'note-call';
        call.textContent = `[${index + 1}]`;
        marks[marks.length - 1]?.after(call);
        backLink = ` <a href="#highlight-${index + 1}">↑</a>`;
      }
    }
    const quote = annotation.target
      ? `<blockquote><p>${escapeXml(annotation.target.quote.exact)}</p></blockquote>`
      : '';
    const note = annotation.note
      ? annotation.note
          .split(/\n+/)
          .map((line) => `<p>${escapeXml(line)}</p>`)
          .join('')
      : '';
    const tags = annotation.tags.length > 0 ? `<p class="tags">${escapeXml(annotation.tags.join(', '))}</p>` : '';
    return `<li id="${id}">${quote}${note}${tags}<p>[${index + 1}]${backLink}</p></li>`;
  });
  return `<section class="reader-notes"><h2>${escapeXml(t('offline.epubNotesHeading'))}</h2><ol>${items.join('')}</ol></section>`;
}

export function documentChapterBody(
  record: DocumentRecord,
  annotations: Annotation[],
  links: ChapterLinks,
  t: TFunction,
  language: string,
): string {
  const body = document.createElement('div');
  body.append(sanitizeDocumentHtml(record.html));
  adaptBody(body, links, t);
  const notes = annotationsXhtml(body, annotations, t);
  return `<article>${headerXhtml(record, t, language)}<div class="body">${serializeChildren(body)}</div>${notes}</article>`;
}
