/**
 * Data shapes shared by every part of the app: the core (Node), the Electron
 * main process, browser mode and the React renderer. This folder imports
 * nothing, so any runtime may depend on it.
 */

export type DocumentType = 'article' | 'letter' | 'other';
/** Every document type, for checking a stored value. */
export const DOCUMENT_TYPES: readonly DocumentType[] = ['article', 'letter', 'other'];

/** What a result list or library row needs to show a document. */
export interface DocumentSummary {
  /** Stable id derived from the source path; unchanged by re-import. */
  id: string;
  type: DocumentType;
  title: string;
  /** ISO date `YYYY-MM-DD`, or null when the source gives none (never invented). */
  date: string | null;
  place: string | null;
  authors: string[];
  signatories: string[];
  addressee: string | null;
  category: string | null;
  tags: string[];
  description: string | null;
  words: number;
}

/** A whole document as stored in the corpus database (the CLI `show --json` shape). */
export interface DocumentRecord extends DocumentSummary {
  /** Source path relative to the folder it was imported from (posix separators). */
  source: string;
  /** SHA-256 (hex) of the source file's bytes. */
  sha256: string;
  /**
   * Sanitised HTML. Conventions the renderer relies on:
   * - images stored in the database: `<img data-asset-id="<sha256>" alt="...">` (no src; the
   *   transport supplies the URL through `ArchiveApi.assetUrl`);
   * - images that were missing at import: `<span class="asset-missing" data-missing-src="path">alt</span>`;
   * - remote images are never loaded: `<a class="external remote-image" href="...">alt</a>`;
   * - links to other documents of the archive: `<a data-doc-id="<id>" href="#doc/<id>">`;
   * - external links: `<a class="external" href="https://..." rel="noopener noreferrer">`;
   * - footnotes follow GFM's output (`data-footnote-ref`, `section[data-footnotes]`).
   */
  html: string;
  /** Plain text of the document (what search, snippets and annotations address). */
  text: string;
  /**
   * Front-matter fields no app field maps (`location: Local`), as the site wrote them, values
   * flattened to text; shown in the reader's header and searchable. Absent when there are none.
   */
  extra?: Record<string, string>;
}

export interface CorpusInfo {
  name: string;
  version: string;
  /** ISO timestamp of the build. */
  buildDate: string;
  schemaVersion: number;
  documentCount: number;
}

/** `date`: newest first (undated last); `oldest`: oldest first (undated last). */
export type SortOrder = 'relevance' | 'date' | 'oldest';

/** How a query's plain words combine: `all` (AND, the default) or `any` (OR). */
export type MatchMode = 'all' | 'any';

export interface SearchFilters {
  type?: DocumentType[];
  category?: string[];
  tag?: string[];
  author?: string[];
  year?: number[];
  /** Library archive ids (`LibraryArchive.id`); absent or empty means every archive. */
  archive?: string[];
  /** Inclusive lower bound, `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. Undated documents are excluded when set. */
  from?: string;
  /** Inclusive upper bound, same formats as `from`. */
  to?: string;
}

export interface SearchRequest {
  /** Lunr syntax plus quoted phrases; empty or `*` lists all documents. */
  query: string;
  filters?: SearchFilters;
  sort?: SortOrder;
  /** Default `all`; an `OR` or `|` in the query makes it `any` whatever this says. */
  match?: MatchMode;
  offset?: number;
  limit?: number;
  /**
   * Default true. False: the caller will not show this answer's facets (a phone typing, its
   * facets in a closed sheet), so browser mode sends them as empty lists, saving about 40% of
   * the answer's bytes on a slow link; elsewhere they may still be counted and sent.
   */
  facets?: boolean;
}

export interface SearchHit extends DocumentSummary {
  score: number;
  /** Plain text around the best match, HTML-escaped, matched words wrapped in `<mark>`. */
  snippet: string;
  /** How many times the query's terms occur in the title and the text's first 8,000 chars (snippet.ts, SNIPPET_SCAN). */
  matches: number;
}

export interface FacetCount {
  value: string;
  count: number;
}

export type FacetName = 'type' | 'category' | 'tag' | 'author' | 'year';

export const FACET_NAMES: readonly FacetName[] = ['type', 'category', 'tag', 'author', 'year'];

/** Counts over all documents matching the query and filters, most frequent first. */
export type Facets = Record<FacetName, FacetCount[]> & {
  /** Documents per archive of the library (value: `LibraryArchive.id`); set by the library, absent from a lone corpus. */
  archive?: FacetCount[];
};

export type SearchNoticeCode =
  /** The query's syntax was malformed; it was searched as literal words. */
  | 'literal-fallback'
  /** The query was longer than the limit and was cut. */
  | 'query-truncated'
  /** The query asked for more work than one search may do (expansions, phrases): the answer is partial. */
  | 'query-budget'
  /** The search ran until its deadline (browser mode under load, a pathological query): the answer is partial. */
  | 'search-deadline'
  /**
   * Every word was a stop word, so nothing was searched; for two words or more `suggestion` may hold
   * them as a phrase, offered only when the phrase finds something.
   */
  | 'common-words';

export interface SearchNotice {
  code: SearchNoticeCode;
  /** English sentence for logs and the CLI; the UI translates by `code`. */
  message: string;
}

export interface SearchResponse {
  total: number;
  hits: SearchHit[];
  facets: Facets;
  notice: SearchNotice | null;
  /** Terms after analysis (folded and stemmed), for highlighting in the reader. */
  terms: string[];
  /** Quoted phrases of the query as typed, for highlighting in the reader. */
  phrases: string[];
  /** How the words were combined (the request's `match`, or `any` when the query holds `OR` / `|`). */
  match?: MatchMode;
  /**
   * "Did you mean": the query with its misspelt words replaced by close words of the archive's
   * vocabulary, when it found nothing or very little; absent otherwise.
   */
  suggestion?: string;
}
