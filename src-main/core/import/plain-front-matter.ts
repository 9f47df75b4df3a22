/**
 * The front matter most posts have, read without the YAML parser: one `key: value` per line,
 * each value a quoted string without escapes, a list of such strings, a `YYYY-MM-DD` date or
 * a plain word-led string. Anything else gives null, and the caller parses the block with the
 * `yaml` package as before (`safe-yaml.ts`).
 *
 * Why: every post's front matter is parsed twice in a large import (when its file is
 * recognised, and again when the file is read back to be rendered, see render-document.ts
 * `releasedText`), and the `yaml` package's lexer, composer and document model were about a
 * tenth of the render worker's time for a few short lines a post.
 *
 * Why the result is the same: each accepted line is valid YAML 1.2 that the core schema reads
 * as written. A double- or single-quoted scalar without escapes, quotes or line breaks is its
 * text; a plain scalar led by a letter is a string unless it is one of the core schema's
 * `true`/`false`/`null` spellings (its numbers start with a digit, a sign or a dot), and one
 * without `#`, `:`, flow brackets, tabs or a trailing space has no comment, nested mapping or
 * trimmed end; a date is a string in the core schema (timestamps are YAML 1.1's). Keys are
 * unique (the parser lets a later one win; here a repeated key gives null), none is a property
 * of `Object.prototype` and none a `true`/`false`/`null` spelling (the parser turns those keys
 * into "true", "false" and ""). tests/unit/import/plain-front-matter.test.ts compares both
 * readings, line shapes accepted and refused.
 */

/**
 * Chars a quoted value may hold besides its own quote: no backslash, control, line or paragraph
 * separator, BOM or surrogate.
 */
const QUOTED_CHARS = '\\\\\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\ufeff\\ud800-\\udfff';
const DOUBLE_QUOTED_TEXT = `[^"${QUOTED_CHARS}]*`;
const DOUBLE_QUOTED = new RegExp(`^"(${DOUBLE_QUOTED_TEXT})"$`);
const SINGLE_QUOTED = new RegExp(`^'([^'${QUOTED_CHARS}]*)'$`);
const QUOTED_LIST = new RegExp(`^\\[(?:"${DOUBLE_QUOTED_TEXT}"(?:, "${DOUBLE_QUOTED_TEXT}")*)?\\]$`);
const LIST_ITEM = new RegExp(`"(${DOUBLE_QUOTED_TEXT})"`, 'g');
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Led by a letter; no char that could start a comment, a mapping, a flow collection or an escape. */
// eslint-disable-next-line no-control-regex -- control chars are what it refuses.
const PLAIN = /^[A-Za-z\u00c0-\u024f][^#:[\]{}"'\\\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff\ud800-\udfff]*$/;
const NOT_STRINGS = new Set(['true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'null', 'Null', 'NULL']);
const LINE = /^([A-Za-z_][A-Za-z0-9_-]*): (.+)$/;

/** The block's fields as the YAML parser would read them, or null when it is not of the shape above. */
export function plainFrontMatter(yamlText: string): Record<string, unknown> | null {
  const lines = yamlText.split('\n');
  // The block ends with its last line's newline: one empty piece after it, and no other.
  if (lines.pop() !== '' || lines.length === 0) return null;
  const data: Record<string, unknown> = {};
  for (const line of lines) {
    const match = LINE.exec(line);
    const key = match?.[1];
    const value = match?.[2];
    if (key === undefined || value === undefined || !isPlainKey(key) || Object.hasOwn(data, key)) return null;
    const read = valueOf(value);
    if (read === undefined) return null;
    data[key] = read;
  }
  return data;
}

/**
 * A key read as itself: not a property of `Object.prototype`, and not a `true`/`false`/`null`
 * spelling, which the parser reads as that value (`null: x` gives the key "", `False: x` "false").
 */
function isPlainKey(key: string): boolean {
  return !(key in Object.prototype) && !NOT_STRINGS.has(key);
}

function valueOf(value: string): string | string[] | undefined {
  const quoted = DOUBLE_QUOTED.exec(value) ?? SINGLE_QUOTED.exec(value);
  if (quoted) return quoted[1];
  if (value.startsWith('[')) {
    if (!QUOTED_LIST.test(value)) return undefined;
    return Array.from(value.matchAll(LIST_ITEM), (item) => item[1] ?? '');
  }
  if (DATE.test(value)) return value;
  if (PLAIN.test(value) && !value.endsWith(' ') && !NOT_STRINGS.has(value)) return value;
  return undefined;
}
