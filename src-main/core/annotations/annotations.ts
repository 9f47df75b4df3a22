import { randomUUID } from 'node:crypto';
import type { Annotation, AnnotationChanges, NewAnnotation } from '../../common/annotations';
import { ApiError } from '../../common/errors';
import type { UserData } from '../userdata/user-data';
import { describe, SelectorRangeError } from './anchoring/describe';
import type { DocumentSource } from './document-source';
import { placeAnnotation } from './reanchor';
import { checkColour, checkMotivation, checkNote, checkTags, checkWellFormed } from './validate';

/**
 * What the UI calls to create, change, delete and list annotations. Every call that writes is
 * ONE transaction: when it returns, the change is on disk (WAL + synchronous=FULL).
 */

export function createAnnotation(
  userData: UserData,
  archive: DocumentSource,
  input: NewAnnotation,
  now: Date = new Date(),
): Annotation {
  const document = archive.getDocument(input.documentId);
  if (!document) throw new ApiError('NotFound', `No document has the id "${input.documentId}"`);
  const { start, end } = input;
  if ((start === undefined) !== (end === undefined)) {
    throw new ApiError('InvalidArgument', 'start and end must be given together');
  }
  let target: Annotation['target'] = null;
  if (start !== undefined && end !== undefined) {
    try {
      target = describe(document.text, start, end);
    } catch (error) {
      if (error instanceof SelectorRangeError) throw new ApiError('InvalidArgument', error.message);
      throw error;
    }
  }
  const note = checkNote(input.note ?? '');
  const tags = checkTags(input.tags ?? []);
  const time = now.toISOString();
  const annotation: Annotation = {
    id: randomUUID(),
    created: time,
    modified: time,
    motivation:
      input.motivation !== undefined ? checkMotivation(input.motivation) : defaultMotivation(note, tags, target),
    documentId: document.id,
    documentSha256: document.sha256,
    target,
    originalQuote: null,
    note,
    tags,
    colour: input.colour !== undefined ? checkColour(input.colour) : 'yellow',
    state: 'anchored',
    similarity: 1,
  };
  userData.annotations.transaction(() => userData.annotations.insert(annotation));
  return annotation;
}

/** A note makes it a comment, tags alone a tagging, a bare passage a highlight. */
function defaultMotivation(note: string, tags: string[], target: Annotation['target']): Annotation['motivation'] {
  if (note.trim() !== '' || target === null) return 'commenting';
  return tags.length > 0 ? 'tagging' : 'highlighting';
}

export function updateAnnotation(
  userData: UserData,
  id: string,
  changes: AnnotationChanges,
  now: Date = new Date(),
): Annotation {
  const checked: Partial<Annotation> = {};
  if (changes.note !== undefined) checked.note = checkNote(changes.note);
  if (changes.tags !== undefined) checked.tags = checkTags(changes.tags);
  if (changes.colour !== undefined) checked.colour = checkColour(changes.colour);
  if (changes.motivation !== undefined) checked.motivation = checkMotivation(changes.motivation);
  return userData.annotations.transaction(() => {
    const current = userData.annotations.get(id);
    if (!current) throw new ApiError('NotFound', `No annotation has the id "${id}"`);
    // Strictly increasing modified time, so "newer wins" at import never loses this edit to
    // an older copy written in the same millisecond.
    const modified = laterOf(now.toISOString(), current.modified);
    const updated: Annotation = { ...current, ...checked, modified };
    userData.annotations.replace(updated);
    return updated;
  });
}

function laterOf(candidate: string, previous: string): string {
  if (candidate > previous) return candidate;
  return new Date(Date.parse(previous) + 1).toISOString();
}

/**
 * The user places an annotation by hand on a new span (typically an orphan after a corpus
 * update): selectors are described in the document's CURRENT text, the state becomes
 * `anchored`, and the words first highlighted stay in `originalQuote` when they differ.
 */
export function moveAnnotation(
  userData: UserData,
  archive: DocumentSource,
  id: string,
  span: { start: number; end: number },
  now: Date = new Date(),
): Annotation {
  const current = userData.annotations.get(id);
  if (!current) throw new ApiError('NotFound', `No annotation has the id "${id}"`);
  const document = archive.getDocument(current.documentId);
  if (!document)
    throw new ApiError('NotFound', `The document "${current.documentId}" of this annotation is not in the archive`);
  let target: NonNullable<Annotation['target']>;
  try {
    target = describe(document.text, span.start, span.end);
  } catch (error) {
    if (error instanceof SelectorRangeError) throw new ApiError('InvalidArgument', error.message);
    throw error;
  }
  const firstQuote = current.originalQuote ?? current.target?.quote.exact ?? null;
  const moved: Annotation = {
    ...current,
    target,
    documentSha256: document.sha256,
    originalQuote: firstQuote !== null && firstQuote !== target.quote.exact ? firstQuote : null,
    state: 'anchored',
    similarity: 1,
    modified: laterOf(now.toISOString(), current.modified),
  };
  userData.annotations.transaction(() => {
    // Re-read inside the write transaction: the row must still exist when it is replaced.
    if (!userData.annotations.replace(moved)) throw new ApiError('NotFound', `No annotation has the id "${id}"`);
  });
  return moved;
}

/** True when it existed. */
export function deleteAnnotation(userData: UserData, id: string): boolean {
  return userData.annotations.transaction(() => userData.annotations.delete(id));
}

/**
 * Undo of a delete: puts THE SAME annotation back (same id, created and modified times, note,
 * tags, colour), not a copy. The caller hands back the annotation it held before deleting.
 * Refused when an annotation with that id exists (a double undo, or an id that was never
 * deleted). Its fields are validated like an import's, and its target is placed again in the
 * document's current text, so nothing inconsistent is stored; a document that is gone makes
 * it an orphan, as it was. One transaction.
 *
 * Chosen over a soft delete (a `deleted` flag plus `undoDelete(id)`): a deleted note leaves
 * the database at once instead of lingering as a tombstone every query, export and count
 * would have to skip (people who are watched expect "delete" to delete), and no schema change.
 */
export function restoreAnnotation(userData: UserData, archive: DocumentSource, annotation: Annotation): Annotation {
  checkTimestamp(annotation.created, 'created');
  checkTimestamp(annotation.modified, 'modified');
  if (annotation.modified < annotation.created)
    throw new ApiError('InvalidArgument', 'modified must not be before created');
  const note = checkNote(annotation.note);
  const tags = checkTags(annotation.tags);
  const colour = checkColour(annotation.colour);
  const motivation = checkMotivation(annotation.motivation);
  if (annotation.target !== null) {
    checkWellFormed(annotation.target.quote.exact, 'target.quote.exact');
    checkWellFormed(annotation.target.quote.prefix, 'target.quote.prefix');
    checkWellFormed(annotation.target.quote.suffix, 'target.quote.suffix');
  }
  if (annotation.originalQuote !== null) checkWellFormed(annotation.originalQuote, 'originalQuote');
  const document = archive.getDocument(annotation.documentId);
  const placed = placeAnnotation({ ...annotation, note, tags, colour, motivation }, document);
  return userData.annotations.transaction(() => {
    if (userData.annotations.get(annotation.id)) {
      throw new ApiError(
        'InvalidArgument',
        `An annotation with the id "${annotation.id}" exists already; nothing was restored`,
      );
    }
    userData.annotations.insert(placed);
    return placed;
  });
}

function checkTimestamp(value: string, field: string): void {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new ApiError('InvalidArgument', `${field} must be an ISO 8601 UTC time (got ${JSON.stringify(value)})`);
  }
}

export function getAnnotation(userData: UserData, id: string): Annotation | null {
  return userData.annotations.get(id);
}

/** A document's annotations in reading order: document-level notes first, then by position. */
export function listDocumentAnnotations(userData: UserData, documentId: string): Annotation[] {
  return userData.annotations.forDocument(documentId);
}
