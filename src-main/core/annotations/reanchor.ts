import type { Annotation, ReanchorSummary } from '../../common/annotations';
import type { DocumentRecord } from '../../common/types';
import type { UserData } from '../userdata/user-data';
import { anchor } from './anchoring/anchor';
import { describe } from './anchoring/describe';
import type { DocumentSource } from './document-source';

/**
 * Places one annotation in (possibly new) document text. Pure: returns the annotation as it
 * should be stored. `document` null = the document is gone -> orphaned, selectors kept as they
 * were so that nothing the user wrote or highlighted is lost.
 *
 * On a move the selectors are rewritten to describe the passage in the NEW text (so the next
 * corpus update starts from what is there now) and `originalQuote` keeps the words first
 * highlighted, for the UI to show what changed. An orphan keeps its last selectors and its
 * last document hash; it is retried when the document changes again.
 */
export function placeAnnotation(
  annotation: Annotation,
  document: Pick<DocumentRecord, 'text' | 'sha256'> | null,
): Annotation {
  if (document === null) return { ...annotation, state: 'orphaned', similarity: 0 };
  if (annotation.target === null) {
    return { ...annotation, documentSha256: document.sha256, state: 'anchored', similarity: 1 };
  }
  const found = anchor(document.text, annotation.target);
  if (found === null) return { ...annotation, documentSha256: document.sha256, state: 'orphaned', similarity: 0 };
  const target = describe(document.text, found.start, found.end);
  const quoteChanged = target.quote.exact !== annotation.target.quote.exact;
  return {
    ...annotation,
    documentSha256: document.sha256,
    target,
    originalQuote: quoteChanged
      ? (annotation.originalQuote ?? annotation.target.quote.exact)
      : annotation.originalQuote,
    state: found.state,
    similarity: found.similarity,
  };
}

/**
 * After the corpus was rebuilt or updated: re-anchors every annotation whose document's
 * content hash changed, whose document disappeared, or that was orphaned before (its document
 * may be back). The hash is of the SOURCE file, so a newer importer can change the plain text
 * of an unchanged file: an annotation whose quote no longer sits at its offsets is therefore
 * re-anchored too (a string comparison per annotation, cheap). Reads all documents first, then writes every change in ONE transaction, so a
 * crash leaves either the old or the new anchoring, never a mix.
 */
export function reanchorAll(userData: UserData, archive: DocumentSource): ReanchorSummary {
  const summary: ReanchorSummary = { checked: 0, anchored: 0, moved: 0, orphaned: 0 };
  const documents = new Map<string, DocumentRecord | null>();
  const changed: Annotation[] = [];
  for (const annotation of userData.annotations.all()) {
    if (!documents.has(annotation.documentId))
      documents.set(annotation.documentId, archive.getDocument(annotation.documentId));
    const document = documents.get(annotation.documentId) ?? null;
    if (
      document !== null &&
      annotation.state !== 'orphaned' &&
      document.sha256 === annotation.documentSha256 &&
      stillInPlace(annotation, document.text)
    ) {
      continue;
    }
    const placed = placeAnnotation(annotation, document);
    summary.checked += 1;
    summary[placed.state] += 1;
    changed.push(placed);
  }
  if (changed.length > 0) {
    userData.annotations.transaction(() => {
      for (const annotation of changed) userData.annotations.replace(annotation);
    });
  }
  return summary;
}

function stillInPlace(annotation: Annotation, text: string): boolean {
  if (annotation.target === null) return true;
  const { start, end } = annotation.target.position;
  return text.slice(start, end) === annotation.target.quote.exact;
}
