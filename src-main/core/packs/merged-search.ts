import type { FacetCount, Facets, SearchHit, SearchRequest, SearchResponse } from '../../common/types';
import { FACET_NAMES } from '../../common/types';
import { DEFAULT_LIMIT, type SearchOptions } from '../search/searcher';
import { FEW_RESULTS } from '../search/did-you-mean';
import type { Archive } from '../store/archive';
import { foldString } from '../search/fold';
import { qualifyDocumentId } from './document-ids';
import { recordOf } from '../../common/guards';
import { spanishCollator } from '../search/spanish-collator';

export interface ArchiveToSearch {
  id: string;
  archive: Pick<Archive, 'search' | 'snippets'>;
}

/**
 * Searches several archives as one: each is asked for its first `offset + limit` hits (the
 * page can only come from those), hits are merged by score (relevance) or date, and facet
 * counts are summed per value, with `facets.archive` counting each archive's matches.
 * Page, then snippet: when every archive can, hits are fetched without snippets and only the
 * page's hits get one (offset + limit hits per archive were all snippeted before).
 * Scores come from separate indexes, so across archives relevance is approximate; within one
 * archive the order is exactly its own.
 * `unselected`: the archives the archive filter leaves out. Like every facet's, the archive
 * facet's counts leave its own ticks out (values in one facet are alternatives): these are only
 * counted, so "Other archive (4)" still says how many ticking it adds.
 */
export function searchArchives(
  archives: readonly ArchiveToSearch[],
  request: SearchRequest,
  options: Pick<SearchOptions, 'deadline'> = {},
  unselected: readonly ArchiveToSearch[] = [],
): SearchResponse {
  const offset = clampInteger(request.offset, 0, 0);
  const limit = clampInteger(request.limit, DEFAULT_LIMIT, 1);
  const { archive: _archiveFilter, ...filters } = request.filters ?? {};
  const perArchive: SearchRequest = { ...request, filters, offset: 0, limit: offset + limit };

  const lists: SearchHit[][] = [];
  const paged = archives.length > 1 && archives.every(({ archive }) => archive.snippets !== undefined);
  /** Archive and document id (within it) of each merged hit, to ask for its snippet. */
  const origin = new Map<SearchHit, { archive: number; id: string }>();
  const facetSums = recordOf(FACET_NAMES, () => new Map<string, FacetCount>());
  const archiveCounts: FacetCount[] = [];
  const terms = new Set<string>();
  const phrases = new Set<string>();
  let total = 0;
  let notice: SearchResponse['notice'] = null;
  let match: SearchResponse['match'];
  /** Each archive's "did you mean" (from its own vocabulary), and how many archives proposed it. */
  const suggestions = new Map<string, number>();

  for (const [position, { id, archive }] of archives.entries()) {
    const response = archive.search(perArchive, paged ? { ...options, snippets: false } : options);
    total += response.total;
    if (response.total > 0) archiveCounts.push({ value: id, count: response.total });
    notice ??= response.notice;
    match ??= response.match;
    if (response.suggestion !== undefined)
      suggestions.set(response.suggestion, (suggestions.get(response.suggestion) ?? 0) + 1);
    for (const term of response.terms) terms.add(term);
    for (const phrase of response.phrases) phrases.add(phrase);
    for (const name of FACET_NAMES) {
      const sums = facetSums[name];
      for (const { value, count } of response.facets[name]) {
        // Same grouping as one archive's facets: "Transparencia" and "transparencia" are one value.
        const key = name === 'type' || name === 'year' ? value : foldString(value);
        const sum = sums.get(key);
        if (sum) sum.count += count;
        else sums.set(key, { value, count });
      }
    }
    lists.push(
      response.hits.map((hit) => {
        const qualified = { ...hit, id: qualifyDocumentId(id, hit.id) };
        if (paged) origin.set(qualified, { archive: position, id: hit.id });
        return qualified;
      }),
    );
  }

  const compare =
    request.sort === 'date' ? compareByDate : request.sort === 'oldest' ? compareByOldest : compareByScore;
  const merged = mergeInOrder(lists, compare, offset + limit);
  const page = merged.slice(offset, offset + limit);
  if (paged) fillSnippets(archives, request, page, origin);

  // One archive's counts are already in this order (its facet table sorts them by count, ties
  // by label, with the same comparison): sorting them again with the collator cost a server's
  // first search about 9 ms, most of it starting ICU's Spanish collation.
  const facets: Facets = recordOf(FACET_NAMES, (name) => {
    const counts = [...facetSums[name].values()];
    return archives.length === 1 ? counts : sortCounts(counts);
  });
  facets.archive = [...archiveCounts, ...countOnly(unselected, perArchive)].sort((a, b) => b.count - a.count);

  return {
    total,
    hits: page,
    facets,
    notice,
    terms: [...terms],
    phrases: [...phrases],
    ...(match ? { match } : {}),
    ...(total <= FEW_RESULTS ? commonestSuggestion(suggestions) : {}),
  };
}

/** How many documents each archive would add: its total alone (one hit, no snippet, is the least it can answer). */
function countOnly(archives: readonly ArchiveToSearch[], request: SearchRequest): FacetCount[] {
  const counts: FacetCount[] = [];
  for (const { id, archive } of archives) {
    const { total } = archive.search({ ...request, limit: 1 }, { snippets: false });
    if (total > 0) counts.push({ value: id, count: total });
  }
  return counts;
}

/**
 * The suggestion most archives agree on (ties: the archive listed first). Only offered when the
 * whole library found little: a word misspelt for one archive may be a real word of another.
 */
function commonestSuggestion(suggestions: ReadonlyMap<string, number>): { suggestion?: string } {
  let best: [string, number] | null = null;
  for (const entry of suggestions) if (best === null || entry[1] > best[1]) best = entry;
  return best ? { suggestion: best[0] } : {};
}

/** Asks each archive for the snippets of its hits on the page (one call per archive). */
function fillSnippets(
  archives: readonly ArchiveToSearch[],
  request: SearchRequest,
  page: readonly SearchHit[],
  origin: ReadonlyMap<SearchHit, { archive: number; id: string }>,
): void {
  const byArchive = new Map<number, SearchHit[]>();
  for (const hit of page) {
    const from = origin.get(hit);
    if (!from) continue;
    const list = byArchive.get(from.archive) ?? [];
    list.push(hit);
    byArchive.set(from.archive, list);
  }
  for (const [position, hits] of byArchive) {
    const archive = archives[position]?.archive;
    const ids = hits.map((hit) => origin.get(hit)?.id ?? '');
    const snippets = archive?.snippets?.(request, ids);
    hits.forEach((hit, i) => {
      const made = snippets?.get(ids[i] ?? '');
      if (made) {
        hit.snippet = made.snippet;
        hit.matches = made.matches;
      }
    });
  }
}

/**
 * k-way merge: each archive's list is already in its own order (which knows its coordination
 * and tie rules), so the merge only decides between the heads of the lists. Ties go to the
 * archive listed first (bundled, then packs by name).
 */
function mergeInOrder(
  lists: readonly SearchHit[][],
  compare: (a: SearchHit, b: SearchHit) => number,
  count: number,
): SearchHit[] {
  const heads = lists.map(() => 0);
  const out: SearchHit[] = [];
  while (out.length < count) {
    let best = -1;
    lists.forEach((list, index) => {
      const candidate = list[heads[index] ?? 0];
      if (candidate === undefined) return;
      const current = best < 0 ? undefined : lists[best]?.[heads[best] ?? 0];
      if (current === undefined || compare(candidate, current) < 0) best = index;
    });
    if (best < 0) break;
    const next = lists[best]?.[heads[best] ?? 0];
    if (next === undefined) break;
    out.push(next);
    heads[best] = (heads[best] ?? 0) + 1;
  }
  return out;
}

/** Higher score first; equal scores (e.g. the whole library, where all are 0) newest first. */
function compareByScore(a: SearchHit, b: SearchHit): number {
  return b.score - a.score || compareByDate(a, b);
}

/** Newest first, undated last, then title (the single archive's date order). */
function compareByDate(a: SearchHit, b: SearchHit): number {
  if (a.date !== b.date) {
    if (a.date === null) return 1;
    if (b.date === null) return -1;
    return a.date < b.date ? 1 : -1;
  }
  return spanishCollator.compare(a.title, b.title);
}

/** Oldest first, undated still last, then title (the single archive's oldest-first order). */
function compareByOldest(a: SearchHit, b: SearchHit): number {
  if (a.date !== b.date) {
    if (a.date === null) return 1;
    if (b.date === null) return -1;
    return a.date < b.date ? -1 : 1;
  }
  return spanishCollator.compare(a.title, b.title);
}

/** Most frequent first, ties by label (as a single archive's facets). */
function sortCounts(counts: FacetCount[]): FacetCount[] {
  return counts.sort(
    (a, b) =>
      b.count - a.count ||
      spanishCollator.compare(a.value, b.value) ||
      (a.value < b.value ? -1 : a.value > b.value ? 1 : 0),
  );
}

function clampInteger(value: number | undefined, fallback: number, min: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.max(min, Math.trunc(value));
}
