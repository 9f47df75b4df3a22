/**
 * Type guards for values whose type the compiler cannot know (parsed JSON, a caught error, a
 * string from outside): each checks at run time what a cast would only claim.
 */

/** A plain object whose fields can be read one by one (parsed JSON, a thrown value). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether `value` is one of `values` (a tuple of literals such as `ANNOTATION_COLOURS`). */
export function isOneOf<T>(values: readonly T[], value: unknown): value is T {
  return values.some((candidate) => candidate === value);
}

/** The `code` a Node or SQLite error carries (`ENOENT`, `SQLITE_FULL`), if any. */
export function errorCode(error: unknown): unknown {
  return isRecord(error) ? error.code : undefined;
}

/** What a caught value says, whether an `Error` or anything else thrown. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
