import lunr from 'lunr';
import type { CorpusInfo, DocumentRecord, SearchRequest, SearchResponse } from '../../common/types';
import { CorpusReader } from './corpus-reader';
import { ANALYZER_ID, createSpanishAnalyzer } from '../search/analyzer';
import { loadSearchIndex } from '../search/index-builder';
import { parseQuery } from '../search/query';
import { Searcher, type HitSnippet, type SearchOptions } from '../search/searcher';
import { UnrunnableQuery } from '../search/query-runner';

function isUnrunnable(error: unknown): error is Error {
  return error instanceof lunr.QueryParseError || error instanceof UnrunnableQuery;
}
import { loadCatalog } from '../search/search-catalog';

/** An image stored in the corpus database. */
export interface StoredAsset {
  mime: string;
  bytes: Buffer;
}

/**
 * A corpus database opened for reading, with its search index loaded.
 * Synchronous: callers that must not block (the Electron main process) run it in a worker.
 */
export interface Archive {
  readonly info: CorpusInfo;
  /** `options.snippets === false`: hits without snippets, for `snippets` to fill in (merged searches). */
  search(request: SearchRequest, options?: SearchOptions): SearchResponse;
  /** Snippets of the given documents for a request's query (page, then snippet); optional. */
  snippets?(request: SearchRequest, ids: readonly string[]): Map<string, HitSnippet>;
  getDocument(id: string): DocumentRecord | null;
  getAsset(id: string): StoredAsset | null;
  close(): void;
}

/**
 * Opens a corpus database read-only and loads its stored search index (no rebuild).
 * Throws with a message naming the file when it is missing, not a corpus, from a newer
 * version of the app, or indexed with an analyzer this version does not have.
 * `search` never throws on a query string.
 */
export function openArchive(databasePath: string): Archive {
  const reader = new CorpusReader(databasePath);
  try {
    const info = reader.info();
    const stored = reader.searchIndex();
    if (stored.analyzer !== ANALYZER_ID) {
      throw new Error(
        `${databasePath} was indexed with analyzer "${stored.analyzer}", this app uses "${ANALYZER_ID}"; rebuild the corpus`,
      );
    }
    const analyzer = createSpanishAnalyzer();
    const index = loadSearchIndex(stored.parts);
    const searcher = new Searcher(
      {
        catalog: loadCatalog(reader.searchCatalog(), index.refs.length),
        index,
        getSummary: (id) => reader.getSummary(id),
        getTitleAndDescription: (id) => reader.getTitleAndDescription(id),
        allTitlesAndDescriptions: () => reader.allTitlesAndDescriptions(),
        getText: (id) => reader.getText(id),
        getTextStart: (id, chars) => reader.getTextStart(id, chars),
        documentsWithPhrase: (phrase) => reader.documentsWithPhrase(phrase),
        documentPositionsWithPhrase: (phrase) => reader.documentPositionsWithPhrase(phrase),
      },
      analyzer,
    );
    return {
      info,
      search(request, options) {
        try {
          return searcher.search(request, options);
        } catch (error) {
          // Only a query that cannot be run as written (Lunr's parser refused it, or the runner
          // found it unrunnable) is retried as its bare words. Anything else (a damaged index, a
          // bug) propagates: hiding it behind a notice would hide corruption.
          if (!isUnrunnable(error)) throw error;
          return searcher.run(parseQuery(request.query, analyzer, error.message, request.match), request, options);
        }
      },
      snippets(request, ids) {
        try {
          return searcher.snippets(request, ids);
        } catch (error) {
          // The same literal retry as `search` made for this query, and only for it.
          if (!isUnrunnable(error)) throw error;
          return searcher.snippets(request, ids, parseQuery(request.query, analyzer, error.message, request.match));
        }
      },
      getDocument: (id) => reader.getDocument(id),
      getAsset: (id) => reader.getAsset(id),
      close: () => reader.close(),
    };
  } catch (error) {
    reader.close();
    throw error;
  }
}
