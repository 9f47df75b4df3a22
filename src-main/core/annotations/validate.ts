import {
  ANNOTATION_COLOURS,
  ANNOTATION_MOTIVATIONS,
  type AnnotationColour,
  type AnnotationMotivation,
} from '../../common/annotations';
import { ApiError } from '../../common/errors';
import { isOneOf } from '../../common/guards';

/** Limits that keep one annotation reasonable to store, show and export. */
import { MAX_NOTE_LENGTH, MAX_TAGS, MAX_TAG_LENGTH } from '../../common/limits';
export { MAX_NOTE_LENGTH, MAX_TAGS, MAX_TAG_LENGTH };

// With the `u` flag a surrogate range matches only UNPAIRED surrogates (pairs are one code point).
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

function invalid(message: string): ApiError {
  return new ApiError('InvalidArgument', message);
}

/**
 * Rejects text that is not well-formed Unicode. A lone surrogate cannot be written as UTF-8:
 * stored, exported or sent it would turn into U+FFFD, i.e. the note would silently change.
 */
export function checkWellFormed(value: string, field: string): void {
  const match = LONE_SURROGATE.exec(value);
  if (match) {
    throw invalid(`${field} contains a broken character (an unpaired UTF-16 surrogate at position ${match.index})`);
  }
}

export function checkNote(value: unknown, field = 'note'): string {
  if (typeof value !== 'string') throw invalid(`${field} must be text`);
  checkWellFormed(value, field);
  if (value.length > MAX_NOTE_LENGTH) {
    throw invalid(`${field} is ${value.length} characters long; the limit is ${MAX_NOTE_LENGTH}`);
  }
  return value;
}

/** Trims each tag, drops exact duplicates (keeping the first), and enforces the limits. */
export function checkTags(value: unknown, field = 'tags'): string[] {
  if (!Array.isArray(value)) throw invalid(`${field} must be a list of text`);
  const tags: string[] = [];
  value.forEach((raw: unknown, index) => {
    const where = `${field}[${index}]`;
    if (typeof raw !== 'string') throw invalid(`${where} must be text`);
    checkWellFormed(raw, where);
    const tag = raw.trim();
    if (tag.length === 0) throw invalid(`${where} is empty`);
    if (tag.length > MAX_TAG_LENGTH)
      throw invalid(`${where} is ${tag.length} characters long; the limit is ${MAX_TAG_LENGTH}`);
    if (/[\r\n]/.test(tag)) throw invalid(`${where} contains a line break`);
    if (!tags.includes(tag)) tags.push(tag);
  });
  if (tags.length > MAX_TAGS) throw invalid(`${field} has ${tags.length} tags; the limit is ${MAX_TAGS}`);
  return tags;
}

export function checkColour(value: unknown, field = 'colour'): AnnotationColour {
  if (isOneOf(ANNOTATION_COLOURS, value)) return value;
  throw invalid(`${field} must be one of ${ANNOTATION_COLOURS.join(', ')} (got ${JSON.stringify(value)})`);
}

export function checkMotivation(value: unknown, field = 'motivation'): AnnotationMotivation {
  if (isOneOf(ANNOTATION_MOTIVATIONS, value)) return value;
  throw invalid(`${field} must be one of ${ANNOTATION_MOTIVATIONS.join(', ')} (got ${JSON.stringify(value)})`);
}
