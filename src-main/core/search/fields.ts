import type { DocumentRecord } from '../../common/types';
import { keysOf } from '../../common/guards';

/**
 * The fields of the search index, their boosts, and the names a query may use for them.
 * `type:` is not an index field: the searcher maps it onto the type filter, so
 * `type:letter` isolates letters exactly instead of merely ranking them higher.
 */
export const INDEX_FIELDS = {
  title: { boost: 10 },
  description: { boost: 3 },
  tags: { boost: 5 },
  author: { boost: 5 },
  category: { boost: 3 },
  body: { boost: 1 },
} as const;

export type IndexField = keyof typeof INDEX_FIELDS;

export const INDEX_FIELD_NAMES: IndexField[] = keysOf(INDEX_FIELDS);

/** Query field names (folded, lower case) -> index field. */
export const QUERY_FIELD_ALIASES: Readonly<Record<string, IndexField>> = {
  title: 'title',
  description: 'description',
  tag: 'tags',
  tags: 'tags',
  author: 'author',
  authors: 'author',
  category: 'category',
  body: 'body',
};

/** The query field that becomes the type filter. */
export const TYPE_QUERY_FIELD = 'type';

/** The text of one index field of a document, as indexed (and as phrases are checked against). */
export function fieldText(
  document: Pick<DocumentRecord, 'title' | 'description' | 'tags' | 'authors' | 'signatories' | 'category' | 'extra'>,
  field: Exclude<IndexField, 'body'>,
): string {
  switch (field) {
    case 'title':
      return document.title;
    case 'description':
      // Front-matter fields kept as extra metadata are searched with the description (issue 21).
      return [document.description ?? '', ...Object.values(document.extra ?? {})].filter(Boolean).join('\n');
    case 'tags':
      return document.tags.join('\n');
    case 'author':
      return [...document.authors, ...document.signatories].join('\n');
    case 'category':
      return document.category ?? '';
  }
}
