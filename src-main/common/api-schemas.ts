import * as z from 'zod';
import { MAX_QUERY_LENGTH } from './limits';

/**
 * Runtime validation of everything that enters the core from outside the process
 * (IPC from the renderer, HTTP in browser mode). The TypeScript types in
 * `common/types.ts` are the contract; these schemas enforce it at the boundary.
 */

const MAX_FILTER_VALUES = 100;
const MAX_PAGE = 1_000;
const isoPrefix = /^\d{4}(-\d{2}(-\d{2})?)?$/;
/** A month 01–12 and a day that month has (`2017-13-45` and `2017-02-30` are refused). */
function isRealDatePrefix(value: string): boolean {
  const [year = 0, month = 1, day = 1] = value.split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
const datePrefix = z
  .string()
  .regex(isoPrefix, 'expected YYYY, YYYY-MM or YYYY-MM-DD')
  .refine(isRealDatePrefix, 'expected a real date (month 01-12, a day that month has)');

const filterStrings = z.array(z.string().max(500)).max(MAX_FILTER_VALUES);

export const searchRequestSchema = z
  .object({
    query: z.string().max(MAX_QUERY_LENGTH * 2),
    filters: z
      .object({
        type: z
          .array(z.enum(['article', 'letter', 'other']))
          .max(3)
          .optional(),
        category: filterStrings.optional(),
        tag: filterStrings.optional(),
        author: filterStrings.optional(),
        year: z.array(z.number().int().min(0).max(9999)).max(MAX_FILTER_VALUES).optional(),
        archive: z
          .array(z.string().regex(/^(bundled|[a-z0-9-]{1,64})$/, 'expected an archive id'))
          .max(MAX_FILTER_VALUES)
          .optional(),
        from: datePrefix.optional(),
        to: datePrefix.optional(),
      })
      .strict()
      .optional(),
    sort: z.enum(['relevance', 'date', 'oldest']).optional(),
    match: z.enum(['all', 'any']).optional(),
    offset: z.number().int().min(0).max(1_000_000).optional(),
    limit: z.number().int().min(1).max(MAX_PAGE).optional(),
    facets: z.boolean().optional(),
  })
  .strict();

/**
 * Document ids and asset ids are hex digests (see the importer); nothing else is looked up.
 * A document of an installed pack is `<packId>~<documentId>` (PACK_DOCUMENT_SEPARATOR).
 */
export const documentIdSchema = z
  .string()
  .regex(/^([a-z0-9-]{1,64}~)?[0-9a-f]{16}$/, 'expected a 16-character document id');

/** Pack ids: lowercase letters, digits and hyphens (never the bundled corpus's id). */
export const packIdSchema = z
  .string()
  .regex(/^[a-z0-9-]{1,64}$/, 'expected a pack id (lowercase letters, digits, hyphens)')
  .refine((id) => id !== 'bundled', 'the bundled archive cannot be removed');

export const packInstallOptionsSchema = z
  .object({ allowDowngrade: z.boolean().optional(), allowUntrusted: z.boolean().optional() })
  .strict();

/** A pack file's path as the Electron preload sends it (from `webUtils.getPathForFile`). */
export const packPathSchema = z
  .string()
  .min(1, 'expected the path of a pack file')
  .max(4096)
  .refine((value) => !value.includes('\0'), 'expected a file path');
export const assetIdSchema = z.string().regex(/^[0-9a-f]{64}$/, 'expected a 64-character asset id');

/** Turns a zod failure into one sentence that names the offending field. */
export function describeValidationError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'Invalid request.';
  const where = issue.path.length > 0 ? issue.path.join('.') : 'request';
  return `Invalid ${where}: ${issue.message}`;
}
