import MiniSearch from 'minisearch';
import type { DocumentRecord, Facets, SearchHit, SearchRequest, SearchResponse } from '../../src-main/common/types';
import { foldWord } from '../lib/fold';

/**
 * Search over the documents this tab kept, for when the archive server cannot be reached.
 * MiniSearch (in memory, small, no workers) with the archive's own accent folding (ñ kept), so
 * `mexico` still finds México offline. Prefix matching stands in for the server's Spanish
 * stemmer: `espia` finds espionaje's neighbours `espías`, `espiar`. Lunr's field syntax and
 * phrases are not understood here: their words are searched as plain words, all required.
 */

const EMPTY_FACETS: Facets = { type: [], category: [], tag: [], author: [], year: [] };
const SNIPPET_RADIUS = 90;

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Lunr operators and field prefixes become plain words: `title:gobierno +abierto` → `gobierno abierto`. */
function plainWords(query: string): string {
  // Field names by Unicode letters: `título:` is a field too, and `\w` stops at its í.
  return query.replace(/[\p{L}\p{N}_]+:/gu, ' ').replace(/[+\-~^*"]/g, ' ');
}

function summary(record: DocumentRecord): Omit<SearchHit, 'score' | 'snippet' | 'matches'> {
  return {
    id: record.id,
    type: record.type,
    title: record.title,
    date: record.date,
    place: record.place,
    authors: record.authors,
    signatories: record.signatories,
    addressee: record.addressee,
    category: record.category,
    tags: record.tags,
    description: record.description,
    words: record.words,
  };
}

/** Text around the first matched word, HTML-escaped, every matched word wrapped in `<mark>`. */
export function keptSnippet(text: string, matchedTerms: Set<string>): { snippet: string; matches: number } {
  const words = [...text.matchAll(/[\p{L}\p{N}]+/gu)];
  const hits = words.filter((word) => matchedTerms.has(foldWord(word[0])));
  const first = hits[0]?.index ?? 0;
  const start = Math.max(0, first - SNIPPET_RADIUS);
  const end = Math.min(text.length, first + SNIPPET_RADIUS * 2);
  let snippet = '';
  let cursor = start;
  for (const word of hits) {
    const at = word.index;
    if (at < start || at + word[0].length > end) continue;
    snippet += escapeHtml(text.slice(cursor, at)) + `<mark>${escapeHtml(word[0])}</mark>`;
    cursor = at + word[0].length;
  }
  snippet += escapeHtml(text.slice(cursor, end));
  return { snippet: (start > 0 ? '…' : '') + snippet.trim() + (end < text.length ? '…' : ''), matches: hits.length };
}

export class KeptSearch {
  private readonly index = new MiniSearch<DocumentRecord>({
    fields: ['title', 'text', 'authors', 'tags'],
    extractField: (document, field) => {
      // Only the four indexed fields above are asked for (and `id`, which MiniSearch reads the same way).
      switch (field) {
        case 'id':
        case 'title':
        case 'text':
          return document[field];
        case 'authors':
        case 'tags':
          return document[field].join(' ');
        default:
          return '';
      }
    },
    processTerm: (term) => foldWord(term),
  });
  private readonly records = new Map<string, DocumentRecord>();

  /** Adds a document, replacing an older copy of it. */
  add(record: DocumentRecord): void {
    if (this.records.has(record.id)) this.index.discard(record.id);
    this.records.set(record.id, record);
    this.index.add(record);
  }

  clear(): void {
    this.index.removeAll();
    this.records.clear();
  }

  get size(): number {
    return this.records.size;
  }

  search(request: SearchRequest): SearchResponse {
    const query = plainWords(request.query).trim();
    const offset = request.offset ?? 0;
    const limit = request.limit ?? 50;
    let ranked: { record: DocumentRecord; score: number; terms: string[] }[];
    if (query === '') {
      ranked = [...this.records.values()].map((record) => ({ record, score: 0, terms: [] }));
    } else {
      ranked = this.index.search(query, { prefix: true, combineWith: 'AND', boost: { title: 3 } }).flatMap((result) => {
        const record = this.records.get(String(result.id));
        return record ? [{ record, score: result.score, terms: result.terms }] : [];
      });
    }
    if (query === '' || request.sort === 'date') {
      ranked.sort((a, b) => (b.record.date ?? '').localeCompare(a.record.date ?? ''));
    }
    const terms = [...new Set(ranked.flatMap((entry) => entry.terms))];
    const hits: SearchHit[] = ranked.slice(offset, offset + limit).map(({ record, score, terms: matched }) => {
      const { snippet, matches } =
        matched.length > 0 ? keptSnippet(record.text, new Set(matched)) : { snippet: '', matches: 0 };
      return { ...summary(record), score, snippet: snippet || escapeHtml(record.description ?? ''), matches };
    });
    return { total: ranked.length, hits, facets: EMPTY_FACETS, notice: null, terms, phrases: [] };
  }
}
