import { stripBidiControls } from './bidi';
import type { PostFields } from './jekyll-fields';
import { isOneOf } from '../../common/guards';

/**
 * Where a front-matter key's value goes: one of the app's fields, `extra` (kept with the document,
 * shown in the reader's header and searchable; what an unmapped key gets) or `ignore`.
 */
export const FIELD_TARGETS = [
  'title',
  'description',
  'place',
  'category',
  'tags',
  'authors',
  'extra',
  'ignore',
] as const;
export type FieldTarget = (typeof FIELD_TARGETS)[number];

/** A site's own keys -> targets. Plain data: it travels to render workers with each job. */
export type FieldMap = Record<string, FieldTarget>;

/**
 * Names sites commonly give the app's fields. A librarian's mapping (archivo.yml, --field) is
 * applied over these, so any of them can be sent elsewhere or ignored.
 */
export const DEFAULT_FIELD_MAP: Readonly<FieldMap> = {
  summary: 'description',
  resumen: 'description',
  lead: 'description',
  bajada: 'description',
  entradilla: 'description',
  place: 'place',
  lugar: 'place',
  section: 'category',
  seccion: 'category',
  sección: 'category',
};

/**
 * Keys the post reader itself understands (jekyll-fields.ts: title, date, authors, categories,
 * tags, description and its usual substitutes) and Jekyll's own machinery (layouts, URLs,
 * publishing): not metadata of the document, so never kept as extra unless a mapping names them.
 */
const UNDERSTOOD_KEYS = new Set([
  'title',
  'date',
  'author',
  'authors',
  'category',
  'categories',
  'tag',
  'tags',
  'description',
  'excerpt',
  'subtitle',
  'tagline',
  'layout',
  'permalink',
  'published',
  'slug',
  'excerpt_separator',
  'redirect_from',
  'redirect_to',
  'sitemap',
  'render_with_liquid',
]);

/** Longest text kept for one extra value (a front matter can hold whole documents). */
const MAX_EXTRA_CHARACTERS = 2_000;

export function isFieldTarget(value: string): value is FieldTarget {
  return isOneOf(FIELD_TARGETS, value);
}

/**
 * `key=field` assignments (`--field twitt=description`) as a mapping; throws naming the assignment
 * when one is not of that form or names no known field.
 */
export function parseFieldAssignments(assignments: readonly string[]): FieldMap {
  const map: FieldMap = {};
  for (const assignment of assignments) {
    const match = /^([^=]+)=([^=]+)$/.exec(assignment.trim());
    const key = match?.[1]?.trim();
    const target = match?.[2]?.trim().toLowerCase();
    if (!key || !target) throw new Error(`--field "${assignment}": expected key=field, e.g. twitt=description`);
    if (!isFieldTarget(target))
      throw new Error(`--field "${assignment}": "${target}" is not one of ${FIELD_TARGETS.join(', ')}`);
    map[key] = target;
  }
  return map;
}

/** What a post's front matter gives the document once every key has gone where the mapping says. */
export interface MappedFields extends PostFields {
  place: string | null;
  /** Keys kept as extra metadata, in front-matter order, values as text. */
  extra: Record<string, string>;
}

/**
 * Sends each front-matter key where `map` (over the defaults) says. A mapped value fills an app field
 * the post left empty (a post's own `description:` wins over its `twitt:`); tags and authors are
 * added to. Keys neither mapped nor understood are kept as extra metadata.
 */
export function applyFieldMap(data: Record<string, unknown>, post: PostFields, map: Readonly<FieldMap>): MappedFields {
  const mapped: MappedFields = { ...post, tags: [...post.tags], authors: [...post.authors], place: null, extra: {} };
  for (const [key, value] of Object.entries(data)) {
    const target = map[key] ?? DEFAULT_FIELD_MAP[key.toLowerCase()] ?? (UNDERSTOOD_KEYS.has(key) ? 'ignore' : 'extra');
    if (target === 'ignore') continue;
    const text = valueText(value);
    if (text === null) continue;
    switch (target) {
      case 'title':
      case 'description':
      case 'place':
      case 'category':
        mapped[target] ??= text;
        break;
      case 'tags':
      case 'authors':
        for (const item of listOf(value)) if (!mapped[target].includes(item)) mapped[target].push(item);
        break;
      case 'extra': {
        // Shown in the reader's header under its own key: no bidi controls in either (bidi.ts).
        const clean = stripBidiControls(text);
        mapped.extra[stripBidiControls(key)] =
          clean.length > MAX_EXTRA_CHARACTERS ? `${clean.slice(0, MAX_EXTRA_CHARACTERS - 1)}…` : clean;
        break;
      }
    }
  }
  return mapped;
}

/** A value as one line of text: lists joined with commas, mappings as `key: value` pairs; null when empty. */
function valueText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  if (Array.isArray(value)) {
    const items = value.map(valueText).filter((item): item is string => item !== null);
    return items.length > 0 ? items.join(', ') : null;
  }
  if (typeof value === 'object') {
    const pairs = Object.entries(value).flatMap(([key, item]) => {
      const text = valueText(item);
      return text === null ? [] : [`${key}: ${text}`];
    });
    return pairs.length > 0 ? pairs.join('; ') : null;
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    const text = String(value).replace(/\s+/g, ' ').trim();
    return text === '' ? null : text;
  }
  return null;
}

function listOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(listOf);
  const text = valueText(value);
  return text === null ? [] : [text];
}
