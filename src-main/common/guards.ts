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

/** The keys of a record typed as its key union (`Object.keys` returns plain strings). */
export function keysOf<K extends string>(record: Readonly<Record<K, unknown>>): K[] {
  return Object.keys(record).filter((key): key is K => Object.hasOwn(record, key));
}

/** A record with one entry per key, e.g. one empty list per facet. */
export function recordOf<K extends string, V>(keys: readonly K[], valueOf: (key: K, index: number) => V): Record<K, V> {
  // The one cast here: `Object.fromEntries` types its result by `string`, though every key is a K.
  return Object.fromEntries(keys.map((key, index) => [key, valueOf(key, index)])) as Record<K, V>;
}
