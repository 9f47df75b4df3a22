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
  /** Prepared on first use: a stale database is refused (analyzer id) before it is needed. */
  private phraseTexts: PhraseTexts | null = null;

  constructor(readonly file: string) {
    this.db = openDatabase(file, { readonly: true });
    try {
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
    const row = this.summaryById.get(id);
    return row ? toSummary(row, this.file) : null;
  }

  /** Title and description only (phrase checks of thousands of matches): no lists to parse. */
  getTitleAndDescription(id: string): { title: string; description: string | null } | null {
    return this.titleById.get(id) ?? null;
  }

  getDocument(id: string): DocumentRecord | null {
    const row = this.documentById.get(id);
    if (!row) return null;
    const extra = row.extra === null ? null : parseExtra(row.extra, this.file, row.id);
    return {
      ...toSummary(row, this.file),
      source: row.source,
      sha256: row.sha256.toString('hex'),
      html: this.blocks.read(slice(row.html_block, row.html_offset, row.html_length)),
      text: this.blocks.read(textSlice(row)),
      ...(extra ? { extra } : {}),
    };
  }

  /** Plain text only (phrase checks and snippets need nothing else): decompresses only its block. */
  getText(id: string): string | null {
    const row = this.textById.get(id);
    return row ? this.blocks.read(textSlice(row)) : null;
  }

  /** Ids of the documents whose text holds a phrase folded with foldPhrase (word boundaries respected). */
  documentsWithPhrase(foldedPhrase: string): ReadonlySet<string> {
    this.phraseTexts ??= new PhraseTexts(this.db, (id) => this.getText(id));
    return this.phraseTexts.documentsContaining(foldedPhrase);
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
