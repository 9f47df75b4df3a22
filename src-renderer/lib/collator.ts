/**
 * The renderer's one collator, for every list it sorts by text (tags, facet values). Built once:
 * `String.prototype.localeCompare` builds the same collator (the page's locale, default options)
 * on every comparison. The core sorts titles and labels with its own collator (src-main), which
 * the renderer cannot import.
 */
const textCollator = new Intl.Collator();

/** Orders two texts as the page's language does; a comparator for `Array.prototype.sort`. */
export const compareText = (a: string, b: string): number => textCollator.compare(a, b);
