import {
  DOCUMENT_TYPES,
  type CorpusInfo,
  type DocumentRecord,
  type DocumentSummary,
  type DocumentType,
} from '../../common/types';
import type { StoredAsset } from './archive';
import { describeError, openDatabase, type SqliteDatabase } from '../db/open-database';
import { assertNotNewer, SchemaVersionError } from '../db/migrations';
import { CORPUS_MIGRATIONS, CORPUS_SCHEMA_VERSION } from './corpus-schema';
import { ANALYZER_ID } from '../search/analyzer';
import { PhraseTexts } from './phrase-texts';
import type { LoadableIndexParts } from '../search/index-builder';
import { StoredWordForms } from './stored-word-forms';
import type { StoredCatalog } from '../search/search-catalog';
import { LRUCache } from 'lru-cache';
import { fromLatin1Text, latin1TextBytes, toLatin1Text, type Latin1Text } from '../search/latin1-text';
import { BlockReader, type BlockSlice } from './document-blocks';

export interface DocumentRow {
  id: string;
  type: string;
  title: string;
  date: string | null;
  place: string | null;
  authors: string;
  signatories: string;
  addressee: string | null;
  category: string | null;
  tags: string;
  description: string | null;
  words: number;
}

/** Where a document's text sits in the compressed blocks (document-blocks.ts). */
interface TextSliceRow {
  text_block: number;
  text_offset: number;
  text_length: number;
}

interface FullDocumentRow extends DocumentRow, TextSliceRow {
  source: string;
  /** 32 bytes (schema 6; hex text before). */
  sha256: Buffer;
  html_block: number;
  html_offset: number;
  html_length: number;
  /** JSON object of extra front-matter fields, or NULL (schema 3). */
  extra: string | null;
}

/** The start of a document's text (see CorpusReader.getTextStart). */
export interface TextStart {
  text: string;
  /** The text goes on after `text`. */
  truncated: boolean;
}

/** Bytes of text starts kept for snippets (see CorpusReader.textStarts). */
const TEXT_START_BYTES = 6 * 1024 * 1024;

/**
 * SQLite's page cache of the corpus connection, in KiB. better-sqlite3 is built with a default of
 * 16 MB a connection; the corpus is read-only and its pages stay in the OS's file cache, so a
 * page SQLite no longer holds costs a read from memory, not from disk. Measured with the bench's
 * search probe (10,000 generated documents, 44 queries × 7 passes, with the search heap growth
 * of common/search-thread-limits.ts): peak RSS 125-126 → 122-124 MB at 4 MB for the same CPU p95
 * (8.5-9.0 vs 8.0-8.9 ms at a load average of 15-24); at 2 MB 119-123 MB but CPU p95 10.2 ms.
 */
export const CORPUS_PAGE_CACHE_KIB = 4000;

/** Bytes of summary rows kept (see CorpusReader.summaryRows): about 4,000 documents. */
const SUMMARY_ROW_BYTES = 2 * 1024 * 1024;

/** A summary row's strings (two bytes a char at most), plus the object. */
function summaryRowBytes(row: DocumentRow): number {
  const strings = [row.id, row.type, row.title, row.date, row.place, row.authors, row.signatories, row.addressee];
  strings.push(row.category, row.tags, row.description);
  return strings.reduce((sum: number, value) => sum + 2 * (value?.length ?? 0), 160);
}

export interface StoredSearchIndex {
  analyzer: string;
  parts: LoadableIndexParts;
}

/**
 * Read-only access to a corpus database. Opens the file read-only (it may live inside an
 * installer), refuses schemas it does not know, and reads with prepared statements.
 */
export class CorpusReader {
  private readonly db: SqliteDatabase;
  private readonly documentById;
  private readonly textById;
  private readonly summaryById;
  private readonly titleById;
  private readonly assetById;
  private readonly blocks: BlockReader;
  /**
   * Starts of texts already read for snippets, as strings: the documents of a results page come
   * back on the next page, the next query typed, the same query refined. Strings rather than
   * decompressed blocks: a hit costs no decompression and no new Buffer (external memory, which
   * pushed V8 into full collections), and 6 MB holds about 1,200 snippet texts (Spanish text is
   * Latin-1, one byte a char in V8), against 45 decompressed blocks.
   */
  private readonly textStarts = new LRUCache<string, { start: Latin1Text; truncated: boolean }>({
    maxSize: TEXT_START_BYTES,
    // Kept one byte a char (latin1-text.ts), read back as the text it was.
    sizeCalculation: ({ start }, key) => latin1TextBytes(start) + key.length + 64,
  });
  /**
   * Summary rows of the documents last shown: a results page reads 20, and reading one from
   * SQLite cost ~50 µs (its pages had left SQLite's page cache to the postings and blocks
   * a query reads), a seventh of a query without snippets. About 0.5 kB each.
   */
  private readonly summaryRows = new LRUCache<string, DocumentRow>({
    maxSize: SUMMARY_ROW_BYTES,
    sizeCalculation: (row) => summaryRowBytes(row),
  });
  /** Prepared on first use: a stale database is refused (analyzer id) before it is needed. */
  private phraseTexts: PhraseTexts | null = null;

  constructor(readonly file: string) {
    this.db = openDatabase(file, { readonly: true });
    try {
      this.db.pragma(`cache_size = -${String(CORPUS_PAGE_CACHE_KIB)}`);
      const version = assertNotNewer(this.db, CORPUS_MIGRATIONS, file);
      if (version !== CORPUS_SCHEMA_VERSION) {
        throw new SchemaVersionError(
          `${file} is not a corpus database of a known version (schema ${version}, expected ${CORPUS_SCHEMA_VERSION}); rebuild it with this version of the app`,
          version,
          CORPUS_SCHEMA_VERSION,
        );
      }
      this.documentById = this.db.prepare<[string], FullDocumentRow>('SELECT * FROM documents WHERE id = ?');
      this.summaryById = this.db.prepare<[string], DocumentRow>(
        `SELECT id, type, title, date, place, authors, signatories, addressee, category, tags, description, words
         FROM documents WHERE id = ?`,
      );
      this.titleById = this.db.prepare<[string], { title: string; description: string | null }>(
        'SELECT title, description FROM documents WHERE id = ?',
      );
      this.textById = this.db.prepare<[string], TextSliceRow>(
        'SELECT text_block, text_offset, text_length FROM documents WHERE id = ?',
      );
      const blockById = this.db.prepare<[number], { data: Buffer }>('SELECT data FROM document_blocks WHERE id = ?');
      this.blocks = new BlockReader((block) => blockById.get(block)?.data ?? null, file);
      this.assetById = this.db.prepare<[string], { mime: string; bytes: Buffer }>(
        'SELECT mime, bytes FROM assets WHERE id = ?',
      );
    } catch (error) {
      this.db.close();
      throw error;
    }
  }

  info(): CorpusInfo {
    const rows = this.db.prepare<[], { key: string; value: string }>('SELECT key, value FROM meta').all();
    const meta = new Map(rows.map((row) => [row.key, row.value]));
    const required = (key: string): string => {
      const value = meta.get(key);
      if (value === undefined) throw new Error(`${this.file}: corpus metadata lacks "${key}"`);
      return value;
    };
    return {
      name: required('name'),
      version: required('version'),
      buildDate: required('build_date'),
      schemaVersion: Number(required('schema_version')),
      documentCount: Number(required('document_count')),
    };
  }

  /** Every document's summary, in id order (kept in memory by the searcher). */
  summaries(): DocumentSummary[] {
    // The searcher no longer needs this at open (search_catalog); the CLI and tools read it here.
    return this.db
      .prepare<[], DocumentRow>(
        `SELECT id, type, title, date, place, authors, signatories, addressee, category, tags, description, words
         FROM documents ORDER BY id`,
      )
      .all()
      .map((row) => toSummary(row, this.file));
  }

  /** The search catalog (search/search-catalog.ts): dates, facets and date order of every document. */
  searchCatalog(): StoredCatalog {
    const row = this.db
      .prepare<[], StoredCatalog>(
        `SELECT facets, date_rank AS dateRank, dates, facet_starts AS facetStarts, facet_ids AS facetIds
         FROM search_catalog WHERE id = 1`,
      )
      .get();
    if (!row) throw new Error(`${this.file} has no search catalog; rebuild the corpus`);
    return row;
  }

  /** One document's summary (the searcher reads those of the page it shows). */
  getSummary(id: string): DocumentSummary | null {
    let row = this.summaryRows.get(id);
    if (!row) {
      row = this.summaryById.get(id);
      if (!row) return null;
      this.summaryRows.set(id, row);
    }
    // Parsed afresh each time: callers get lists of their own.
    return toSummary(row, this.file);
  }

  /** Title and description only (phrase checks of thousands of matches): no lists to parse. */
  getTitleAndDescription(id: string): { title: string; description: string | null } | null {
    return this.titleById.get(id) ?? null;
  }

  /** Every document's title and description, in id order (= position in the index's refs), streamed. */
  allTitlesAndDescriptions(): IterableIterator<{ title: string; description: string | null }> {
    return this.db
      .prepare<[], { title: string; description: string | null }>(
        'SELECT title, description FROM documents ORDER BY id',
      )
      .iterate();
  }

  getDocument(id: string): DocumentRecord | null {
    const row = this.documentById.get(id);
    if (!row) return null;
    const extra = row.extra === null ? null : parseExtra(row.extra, this.file, row.id);
    return {
      ...toSummary(row, this.file),
      source: row.source,
      sha256: row.sha256.toString('hex'),
      html: this.blocks.readHtml(slice(row.html_block, row.html_offset, row.html_length)),
      text: this.blocks.readText(textSlice(row)),
      ...(extra ? { extra } : {}),
    };
  }

  /** Plain text only (phrase checks and snippets need nothing else): decompresses only its block. */
  getText(id: string): string | null {
    const row = this.textById.get(id);
    return row ? this.blocks.readText(textSlice(row)) : null;
  }

  /**
   * At least the first `chars` UTF-16 code units of a document's text (all of it when shorter),
   * and whether the text goes on: a snippet looks at the start of a text only, so a long text's
   * block is decompressed only up to there. Read as bytes: first a little more than `chars`
   * (Spanish text is about 1.03 bytes per char), then, when accents made that fall short, up to
   * 3 bytes per code unit, the most UTF-8 takes.
   */
  getTextStart(id: string, chars: number): TextStart | null {
    const key = `${String(chars)} ${id}`;
    const cached = this.textStarts.get(key);
    if (cached) return { text: fromLatin1Text(cached.start), truncated: cached.truncated };
    const row = this.textById.get(id);
    if (!row) return null;
    const slice = textSlice(row);
    let start = this.blocks.readTextPrefix(slice, Math.ceil(chars * 1.25) + 16);
    if (!start.complete && start.text.length < chars) start = this.blocks.readTextPrefix(slice, chars * 3);
    const found = { text: start.text, truncated: !start.complete };
    this.textStarts.set(key, { start: toLatin1Text(found.text), truncated: found.truncated });
    return found;
  }

  /** Ids of the documents whose text holds a phrase folded with foldPhrase (word boundaries respected). */
  documentsWithPhrase(foldedPhrase: string): ReadonlySet<string> {
    this.phraseTexts ??= new PhraseTexts(this.db, (id) => this.getText(id));
    return this.phraseTexts.documentsContaining(foldedPhrase);
  }

  /** documentsWithPhrase by position in id order (= in the search index's refs), ascending. */
  documentPositionsWithPhrase(foldedPhrase: string): readonly number[] {
    this.phraseTexts ??= new PhraseTexts(this.db, (id) => this.getText(id));
    return this.phraseTexts.positionsContaining(foldedPhrase);
  }

  getAsset(id: string): StoredAsset | null {
    const row = this.assetById.get(id);
    return row ? { mime: row.mime, bytes: row.bytes } : null;
  }

  searchIndex(): StoredSearchIndex {
    // The analyzer id first: a database of an older format may lack the other columns.
    const analyzer = this.db.prepare<[], { analyzer: string }>('SELECT analyzer FROM search_index WHERE id = 1').get();
    if (!analyzer) throw new Error(`${this.file} has no search index; rebuild the corpus`);
    if (analyzer.analyzer !== ANALYZER_ID) return { analyzer: analyzer.analyzer, parts: EMPTY_PARTS };
    const parts = this.db
      .prepare<[], Omit<LoadableIndexParts, 'readPosting'>>(
        `SELECT header, refs, terms, term_order AS termOrder, token_set AS tokenSet, field_lengths AS fieldLengths
         FROM search_index WHERE id = 1`,
      )
      .get();
    if (!parts) throw new Error(`${this.file} has no search index; rebuild the corpus`);
    const posting = this.db.prepare<[number], { data: Buffer }>('SELECT data FROM search_postings WHERE term = ?');
    return {
      analyzer: analyzer.analyzer,
      parts: {
        ...parts,
        readPosting: (term) => posting.get(term)?.data ?? null,
        wordForms: new StoredWordForms(this.db),
      },
    };
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

const EMPTY_PARTS: LoadableIndexParts = {
  header: '{}',
  refs: '',
  terms: '',
  termOrder: Buffer.alloc(0),
  tokenSet: Buffer.alloc(0),
  fieldLengths: Buffer.alloc(0),
  readPosting: () => null,
};

function slice(block: number, offset: number, length: number): BlockSlice {
  return { block, offset, length };
}

function textSlice(row: TextSliceRow): BlockSlice {
  return slice(row.text_block, row.text_offset, row.text_length);
}

export function toSummary(row: DocumentRow, file: string): DocumentSummary {
  return {
    id: row.id,
    type: documentType(row.type, file, row.id),
    title: row.title,
    date: row.date,
    place: row.place,
    authors: parseStringArray(row.authors, file, row.id, 'authors'),
    signatories: parseStringArray(row.signatories, file, row.id, 'signatories'),
    addressee: row.addressee,
    category: row.category,
    tags: parseStringArray(row.tags, file, row.id, 'tags'),
    description: row.description,
    words: row.words,
  };
}

/** The row's type, checked: the schema's CHECK allows only these, so anything else is a damaged file. */
function documentType(value: string, file: string, id: string): DocumentType {
  const type = DOCUMENT_TYPES.find((known) => known === value);
  if (type === undefined) throw new Error(`${file}: document ${id} has unknown type ${JSON.stringify(value)}`);
  return type;
}

function parseStringArray(json: string, file: string, id: string, field: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value;
  } catch (error) {
    throw new Error(`${file}: document ${id} has unreadable ${field}: ${describeError(error)}`, { cause: error });
  }
  throw new Error(`${file}: document ${id} has ${field} that is not a list of strings`);
}

/** A document's extra front-matter fields (a JSON object of strings, written by the corpus writer). */
function parseExtra(json: string, file: string, id: string): Record<string, string> {
  try {
    const value: unknown = JSON.parse(json);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const entries = Object.entries(value);
      if (entries.every(([, item]) => typeof item === 'string')) return Object.fromEntries(entries);
    }
  } catch (error) {
    throw new Error(`${file}: document ${id} has unreadable extra fields: ${describeError(error)}`, { cause: error });
  }
  throw new Error(`${file}: document ${id} has extra fields that are not text`);
}
