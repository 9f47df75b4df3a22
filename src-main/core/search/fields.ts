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

/**
 * Query field names (folded, lower case) -> index field: the English names of Lunr's syntax and
 * their Spanish ones, which the people this archive is for type first (`autor:`, `título:`).
 * Signatories are searched with the authors, so `firmante:` is the author field too.
 */
export const QUERY_FIELD_ALIASES: Readonly<Record<string, IndexField>> = {
  title: 'title',
  titulo: 'title',
  description: 'description',
  descripcion: 'description',
  tag: 'tags',
  tags: 'tags',
  etiqueta: 'tags',
  etiquetas: 'tags',
  author: 'author',
  authors: 'author',
  autor: 'author',
  autora: 'author',
  autores: 'author',
  autoras: 'author',
  firmante: 'author',
  firmantes: 'author',
  category: 'category',
  categoria: 'category',
  body: 'body',
  texto: 'body',
  cuerpo: 'body',
};

/** The query field names (folded) that become the type filter. */
export const TYPE_QUERY_FIELDS: ReadonlySet<string> = new Set(['type', 'tipo']);

/** How an unknown field's message lists the known ones. */
export const QUERY_FIELDS_HELP =
  'title/título, author/autor, tag/etiqueta, category/categoría, description/descripción, body/texto, type/tipo';

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
