/**
 * Type guards for values the compiler cannot know (a rejected call, parsed JSON), checked at run
 * time instead of claimed with a cast. The renderer may import only types from src-main, so these
 * are the page's own copies of the two guards of src-main/common/guards.ts it needs.
 */

/** A plain object whose fields can be read one by one (a thrown value, parsed JSON). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether `value` is one of `values` (a tuple of literals such as a list of error codes). */
export function isOneOf<T>(values: readonly T[], value: unknown): value is T {
  return values.some((candidate) => candidate === value);
}
