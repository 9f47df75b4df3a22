import * as z from 'zod';
import { isRecord } from '../../../common/guards';

/**
 * What an importable file may look like: this app's export (an AnnotationCollection) and the
 * usual shapes of W3C Web Annotation JSON from other tools: a collection with `first.items`
 * or `items`, an AnnotationPage, a bare array, or one annotation. Unknown keys are ignored;
 * known keys must have the right type.
 */
const isoTime = z.iso.datetime({ offset: true });
const textQuote = z.object({
  type: z.literal('TextQuoteSelector'),
  exact: z.string().min(1, 'exact must not be empty'),
  prefix: z.string().optional(),
  suffix: z.string().optional(),
});
const textPosition = z.object({
  type: z.literal('TextPositionSelector'),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
/**
 * Other selector kinds (CSS, XPath, ...) are allowed but not used for anchoring: they are
 * reduced to `{type: 'OtherSelector'}` before validation, so that the discriminated union
 * reports a malformed text selector precisely ("start: expected number").
 */
const otherSelector = z.object({ type: z.literal('OtherSelector') });
const TEXT_SELECTORS = new Set(['TextQuoteSelector', 'TextPositionSelector']);
export const selectorSchema = z.preprocess(
  (value) =>
    isRecord(value) && typeof value.type === 'string' && !TEXT_SELECTORS.has(value.type)
      ? { type: 'OtherSelector' }
      : value,
  z.discriminatedUnion('type', [textQuote, textPosition, otherSelector]),
);

const specificTarget = z.object({
  // A bare IRI, or a resource description with its IRI as `id` (what this app exports).
  source: z.union([z.string().min(1), z.object({ id: z.string().min(1) })]),
  styleClass: z.string().optional(),
  selector: z.union([selectorSchema, z.array(selectorSchema).max(10)]).optional(),
});
const targetSchema = z.union([z.string().min(1), specificTarget]);

const textualBody = z.object({
  type: z.literal('TextualBody').optional(),
  value: z.string(),
  purpose: z.string().optional(),
  format: z.string().optional(),
});

export const importedAnnotationSchema = z.object({
  id: z.string().min(1).max(2000).optional(),
  type: z.union([
    z.literal('Annotation'),
    z.array(z.string()).refine((t) => t.includes('Annotation'), 'type must include Annotation'),
  ]),
  motivation: z.union([z.string(), z.array(z.string())]).optional(),
  created: isoTime.optional(),
  modified: isoTime.optional(),
  bodyValue: z.string().optional(),
  body: z.union([textualBody, z.array(textualBody).max(200)]).optional(),
  target: z.union([targetSchema, z.array(targetSchema).length(1, 'exactly one target is supported')]),
  'archivo:originalQuote': z.string().optional(),
});
export type ImportedAnnotationJson = z.infer<typeof importedAnnotationSchema>;

export const MAX_IMPORT_ITEMS = 100_000;
const items = z.array(z.unknown()).max(MAX_IMPORT_ITEMS, `at most ${MAX_IMPORT_ITEMS} annotations per file`);
const page = z.object({ type: z.literal('AnnotationPage').optional(), items });
export const importFileSchema = z.union([
  z.object({ type: z.literal('AnnotationCollection'), first: page }),
  z.object({ type: z.literal('AnnotationCollection'), items }),
  z.object({ type: z.literal('AnnotationPage'), items }),
  items,
  z
    .object({ type: z.unknown() })
    .refine((v) => v.type === 'Annotation' || (Array.isArray(v.type) && v.type.includes('Annotation'))),
]);

/** The annotation items of a parsed file, or a sentence saying why it is not an annotation file. */
export function itemsOf(parsed: unknown): unknown[] {
  const result = importFileSchema.safeParse(parsed);
  if (!result.success) {
    throw new Error(
      'The file is not a W3C Web Annotation file (expected an AnnotationCollection, an AnnotationPage, a list of annotations or one annotation)' +
        (Array.isArray(parsed) && parsed.length > MAX_IMPORT_ITEMS
          ? `: it has more than ${MAX_IMPORT_ITEMS} annotations`
          : ''),
    );
  }
  const value = result.data;
  if (Array.isArray(value)) return value;
  if ('first' in value) return value.first.items;
  if ('items' in value && Array.isArray(value.items)) return value.items;
  return [parsed];
}

/** "items[3].target.selector[0].start: expected ..." from a zod failure on item `index`. */
export function describeItemIssue(index: number, error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return `items[${index}]: invalid`;
  const { path, message } = mostSpecific(issue, []);
  const where = path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('');
  return `items[${index}]${where}: ${message}`;
}

type Issue = z.core.$ZodIssue;
type PathPart = PropertyKey;

/**
 * A union failure says only "Invalid input"; the useful sentence is inside the branch that got
 * furthest into the value (longest path), preferring a branch that got past the `type` check:
 * for `{type: 'TextPositionSelector', start: 'a'}` that is "start: expected number", not
 * "type: expected TextQuoteSelector".
 */
function mostSpecific(issue: Issue, base: PathPart[]): { path: PathPart[]; message: string } {
  const here = [...base, ...issue.path];
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return { path: here, message: issue.message };
  let best: { path: PathPart[]; message: string; onType: boolean } | null = null;
  for (const branch of issue.errors) {
    const first = branch[0];
    if (!first) continue;
    const found = mostSpecific(first, here);
    const onType = found.path[found.path.length - 1] === 'type';
    if (
      best === null ||
      found.path.length > best.path.length ||
      (found.path.length === best.path.length && best.onType && !onType)
    ) {
      best = { ...found, onType };
    }
  }
  return best ?? { path: here, message: issue.message };
}
