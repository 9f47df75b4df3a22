import { z } from 'zod';
import { ANCHOR_STATES, ANNOTATION_COLOURS, ANNOTATION_MOTIVATIONS } from './annotations';
import type { AnnotationMethod } from './ipc';
import { ApiError } from './errors';
import { describeValidationError, documentIdSchema } from './api-schemas';
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
const colour = z.enum(ANNOTATION_COLOURS as [string, ...string[]]);
const motivation = z.enum(ANNOTATION_MOTIVATIONS as [string, ...string[]]);
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
    message: 'give both start and end, or neither (a note about the whole document)',
  })
  .refine((value) => value.start === undefined || value.end === undefined || value.start < value.end, {
    message: 'start must be before end',
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
  .refine((value) => value.start < value.end, { message: 'start must be before end' });

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
    state: z.enum(ANCHOR_STATES as [string, ...string[]]),
    similarity: z.number().min(0).max(1),
  })
  .strict();

export const annotationQuerySchema = z
  .object({
    query: z.string().max(MAX_NOTES_QUERY_LENGTH).optional(),
    colour: colour.optional(),
    tag: z.string().max(MAX_TAG_LENGTH).optional(),
    documentId: documentIdSchema.optional(),
    state: z.enum(ANCHOR_STATES as [string, ...string[]]).optional(),
    limit: z.number().int().min(1).max(MAX_SEARCH_LIMIT).optional(),
    offset: z.number().int().min(0).max(10_000_000).optional(),
  })
  .strict();

export const exportFormatSchema = z.enum(['jsonld', 'markdown', 'csv']);

const label = z.string().max(200);
export const exportLabelsSchema = z
  .object({ heading: label, documentNotes: label, orphaned: label, tags: label, missingDocument: label, moved: label })
  .strict();

/** Characters, not bytes: the core measures bytes again after encoding. */
export const importTextSchema = z.string().min(1, 'the file is empty').max(MAX_IMPORT_BYTES);

/** Backup file names as the backups module writes them; nothing else reaches the file system. */
export const backupNameSchema = z
  .string()
  .regex(/^user-[0-9TZ-]+\.sqlite$/, 'expected a backup file name like user-2026-11-28T17-50-00-123Z.sqlite');

export const MAX_COUNTED_DOCUMENTS = 1_000;
export const documentIdListSchema = z.array(documentIdSchema).max(MAX_COUNTED_DOCUMENTS);

/** Arguments of each method, as a tuple schema plus their names (for messages like `Invalid id: ...`). */
export const ANNOTATION_ARGUMENTS = {
  listAnnotations: { schema: z.tuple([documentIdSchema]), names: ['documentId'] },
  createAnnotation: { schema: z.tuple([newAnnotationSchema]), names: ['annotation'] },
  updateAnnotation: { schema: z.tuple([annotationIdSchema, annotationChangesSchema]), names: ['id', 'changes'] },
  moveAnnotation: { schema: z.tuple([annotationIdSchema, spanSchema]), names: ['id', 'span'] },
  deleteAnnotation: { schema: z.tuple([annotationIdSchema]), names: ['id'] },
  restoreAnnotation: { schema: z.tuple([annotationSchema]), names: ['annotation'] },
  searchAnnotations: { schema: z.tuple([annotationQuerySchema]), names: ['filter'] },
  countAnnotations: { schema: z.tuple([documentIdListSchema]), names: ['documentIds'] },
  exportAnnotations: {
    schema: z.union([
      z.tuple([exportFormatSchema, annotationQuerySchema]),
      z.tuple([exportFormatSchema, annotationQuerySchema, exportLabelsSchema]),
    ]),
    names: ['format', 'filter', 'labels'],
  },
  importAnnotations: { schema: z.tuple([importTextSchema]), names: ['jsonText'] },
  listBackups: { schema: z.tuple([]), names: [] },
  restoreBackup: { schema: z.tuple([backupNameSchema]), names: ['name'] },
  userDataStatus: { schema: z.tuple([]), names: [] },
} as const satisfies Record<AnnotationMethod, { schema: z.ZodType; names: readonly string[] }>;

/** Validates an argument list; the message names the argument or field (`Invalid changes.colour: ...`). */
export function parseAnnotationArguments(method: AnnotationMethod, args: unknown[]): unknown[] {
  const { schema, names } = ANNOTATION_ARGUMENTS[method];
  const required = method === 'exportAnnotations' ? 2 : names.length;
  if (args.length < required || args.length > names.length) {
    const expected = names.length === 0 ? 'no arguments' : `${names.join(', ')}`;
    throw new ApiError(
      'InvalidArgument',
      `Invalid request: ${method} expects ${expected}; received ${args.length} argument(s).`,
    );
  }
  const result = (schema as z.ZodType<unknown[]>).safeParse(args);
  if (result.success) return result.data;
  const issue = pickIssue(result.error);
  if (!issue) throw new ApiError('InvalidArgument', describeValidationError(result.error));
  const [position, ...rest] = issue.path;
  const name = typeof position === 'number' ? (names[position] ?? 'request') : 'request';
  const where = [name, ...rest.map(String)].join('.');
  throw new ApiError('InvalidArgument', `Invalid ${where}: ${issue.message}`);
}

/** The union of export tuples reports `invalid_union`; its most specific branch names the field. */
function pickIssue(error: z.ZodError): z.core.$ZodIssue | undefined {
  const first = error.issues[0];
  if (first && first.code === 'invalid_union' && 'errors' in first) {
    const branches = (first as { errors: z.core.$ZodIssue[][] }).errors;
    const deepest = branches.flat().sort((a, b) => b.path.length - a.path.length)[0];
    return deepest ?? first;
  }
  return first;
}
