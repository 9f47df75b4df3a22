import type { AnnotationSelectors } from '../../../common/annotations';

/**
 * How much text around a quote is kept as context. 32 code units is what the W3C examples and
 * the Hypothesis client use: enough to tell apart repeated phrases ("la Sociedad Civil" occurs
 * many times in the seed letter) while staying short enough that an edit near the passage
 * rarely touches all of it.
 */
export const CONTEXT_LENGTH = 32;

/** Thrown for offsets that cannot address `text`; callers pass user input through this. */
export class SelectorRangeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SelectorRangeError';
  }
}

/**
 * Selectors for `text.slice(start, end)`. Offsets are UTF-16 code units (JS string indices).
 * Throws `SelectorRangeError` for an empty, inverted or out-of-range span, or one that cuts a
 * surrogate pair in half (it would store half a character).
 */
export function describe(text: string, start: number, end: number): AnnotationSelectors {
  checkRange(text, start, end);
  return {
    quote: {
      type: 'TextQuoteSelector',
      exact: text.slice(start, end),
      prefix: text.slice(Math.max(0, start - CONTEXT_LENGTH), start),
      suffix: text.slice(end, end + CONTEXT_LENGTH),
    },
    position: { type: 'TextPositionSelector', start, end },
  };
}

export function checkRange(text: string, start: number, end: number): void {
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end)) {
    throw new SelectorRangeError(`start and end must be whole numbers (got ${start}, ${end})`);
  }
  if (start < 0 || end > text.length || start >= end) {
    throw new SelectorRangeError(
      `the span ${start}..${end} is not a non-empty range inside the document text (length ${text.length})`,
    );
  }
  if (splitsSurrogatePair(text, start) || splitsSurrogatePair(text, end)) {
    throw new SelectorRangeError(`the span ${start}..${end} cuts a character (surrogate pair) in half`);
  }
}

function splitsSurrogatePair(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return false;
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}
