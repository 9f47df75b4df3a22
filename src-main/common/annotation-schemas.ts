import * as z from 'zod';
import { ANCHOR_STATES, ANNOTATION_COLOURS, ANNOTATION_MOTIVATIONS } from './annotations';
import { documentIdSchema } from './api-schemas';
import {
  MAX_IMPORT_BYTES,
  MAX_NOTE_LENGTH,
  MAX_NOTES_QUERY_LENGTH,
  MAX_SEARCH_LIMIT,
  MAX_TAGS,
  MAX_TAG_LENGTH,
} from './limits';

/**
 * Runtime validation of every `AnnotationsApi` argument (IPC and HTTP). The core checks
 * again (well-formed Unicode, spans inside the text); these schemas reject wrong shapes
 * and sizes before anything is looked up.
 */

/** `crypto.randomUUID()` ids, and any UUID an import brought in. */
export const annotationIdSchema = z
  .string()
  .regex(
    /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
    'expected an annotation id (a UUID)',
  );

const offset = z
  .number()
  .int()
  .min(0)
  .max(2 ** 31);
const colour = z.enum(ANNOTATION_COLOURS);
const motivation = z.enum(ANNOTATION_MOTIVATIONS);
const note = z.string().max(MAX_NOTE_LENGTH);
const tags = z.array(z.string().min(1).max(MAX_TAG_LENGTH)).max(MAX_TAGS);

export const newAnnotationSchema = z
  .object({
    documentId: documentIdSchema,
    start: offset.optional(),
    end: offset.optional(),
    motivation: motivation.optional(),
    note: note.optional(),
    tags: tags.optional(),
    colour: colour.optional(),
  })
  .strict()
  .refine((value) => (value.start === undefined) === (value.end === undefined), {
    error: 'give both start and end, or neither (a note about the whole document)',
  })
  .refine((value) => value.start === undefined || value.end === undefined || value.start < value.end, {
    error: 'start must be before end',
  });

export const annotationChangesSchema = z
  .object({
    note: note.optional(),
    tags: tags.optional(),
    colour: colour.optional(),
    motivation: motivation.optional(),
  })
  .strict();

export const spanSchema = z
  .object({ start: offset, end: offset })
  .strict()
  .refine((value) => value.start < value.end, { error: 'start must be before end' });

const isoTime = z.string().max(40);
const quoteText = z.string().max(MAX_NOTE_LENGTH);

/** A whole annotation as `listAnnotations` returned it (undo of a delete sends it back). */
export const annotationSchema = z
  .object({
    id: annotationIdSchema,
    created: isoTime,
    modified: isoTime,
    motivation,
    documentId: documentIdSchema,
    documentSha256: z.string().max(128),
    target: z
      .object({
        quote: z
          .object({
            type: z.literal('TextQuoteSelector'),
            exact: quoteText.min(1),
            prefix: quoteText,
            suffix: quoteText,
          })
          .strict(),
        position: z.object({ type: z.literal('TextPositionSelector'), start: offset, end: offset }).strict(),
      })
      .strict()
      .nullable(),
    originalQuote: quoteText.nullable(),
    note,
    tags,
    colour,
    state: z.enum(ANCHOR_STATES),
    similarity: z.number().min(0).max(1),
  })
  .strict();

export const annotationQuerySchema = z
  .object({
    query: z.string().max(MAX_NOTES_QUERY_LENGTH).optional(),
    colour: colour.optional(),
    tag: z.string().max(MAX_TAG_LENGTH).optional(),
    documentId: documentIdSchema.optional(),
    state: z.enum(ANCHOR_STATES).optional(),
    limit: z.number().int().min(1).max(MAX_SEARCH_LIMIT).optional(),
    offset: z.number().int().min(0).max(10_000_000).optional(),
  })
  .strict();

export const exportFormatSchema = z.enum(['jsonld', 'markdown', 'csv']);

const label = z.string().max(200);
export const exportLabelsSchema = z
  .object({
    heading: label,
    documentNotes: label,
    orphaned: label,
    tags: label,
    missingDocument: label,
    moved: label,
    // Optional (older pages send none; the core then writes English).
    paragraph: label.optional(),
    created: label.optional(),
    modified: label.optional(),
    collections: label.optional(),
    colours: z.object({ yellow: label, green: label, blue: label, pink: label, purple: label }).strict().optional(),
  })
  .strict();

/** Characters, not bytes: the core measures bytes again after encoding. */
export const importTextSchema = z.string().min(1, 'the file is empty').max(MAX_IMPORT_BYTES);

/** Backup file names as the backups module writes them; nothing else reaches the file system. */
export const backupNameSchema = z
  .string()
  .regex(/^user-[0-9TZ-]+\.sqlite$/, 'expected a backup file name like user-2026-11-28T17-50-00-123Z.sqlite');

export const MAX_COUNTED_DOCUMENTS = 1_000;
export const documentIdListSchema = z.array(documentIdSchema).max(MAX_COUNTED_DOCUMENTS);
