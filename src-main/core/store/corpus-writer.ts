import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { ImportedAsset, ImportedDocument } from '../import/model';
import { describeError, openDatabase, type SqliteDatabase } from '../db/open-database';
import { migrate } from '../db/migrations';
import { ANALYZER_ID } from '../search/analyzer';
import { encodeIndex } from '../search/compact-index';
import { packList } from '../search/packed-list';
import { encodeUnsignedVarints } from '../search/varint';
import { CompactIndexBuilder } from '../search/direct-builder';
import { INDEX_FIELD_NAMES, INDEX_FIELDS } from '../search/fields';
import {
  analysisKeys,
  createDocumentAnalyser,
  type DocumentAnalyser,
  type DocumentAnalysis,
} from '../search/document-analysis';
import { StringTable } from '../build/string-table';
import { encodePhraseWords } from './phrase-word-list';
import { BatchedPositionsBuilder } from '../build/batched-positions';
import { BatchedFormsBuilder } from '../build/batched-forms';
import { FileRunStore } from '../build/run-spill';
import { ListPackPool } from '../build/list-pack-pool';
import { buildCatalog, type CatalogEntry } from '../search/search-catalog';
import { CORPUS_MIGRATIONS, CORPUS_SCHEMA_VERSION } from './corpus-schema';
import { BlockWriter } from './document-blocks';
import { removeAbandonedBuildFiles, type BuildFileNames } from './abandoned-build-files';
import { refuseFolderAsOutput } from './output-file';
import { toSummary, type DocumentRow } from './corpus-reader';

export interface CorpusContent {
  documents: ImportedDocument[];
  assets: ImportedAsset[];
  name: string;
  version: string;
  /** ISO timestamp; defaults to now. Pass it for byte-for-byte reproducible meta. */
  buildDate?: string;
  /**
   * Documents' search analyses by id, when the import computed them (in its worker threads);
   * any document without one is analysed here. The result is the same either way.
   */
  analyses?: ReadonlyMap<string, DocumentAnalysis>;
  /** Documents per spilled batch of search data (CorpusWriterOptions); the output is the same for any. */
  batchSize?: number;
}

/**
 * Writes a complete corpus database (documents, facets, assets, search index) to `outPath`:
 * a `CorpusWriter` fed the documents in id order. Documents without a given analysis are analysed here.
 */
export function writeCorpusDatabase(outPath: string, content: CorpusContent): void {
  const writer = new CorpusWriter(outPath, content.batchSize === undefined ? {} : { batchSize: content.batchSize });
  try {
    for (const document of [...content.documents].sort(byId)) writer.add(document, content.analyses?.get(document.id));
    writer.finish(content);
  } finally {
    writer.abort();
  }
}

/** What `CorpusWriter.finish` needs besides the documents. */
export interface CorpusCompletion {
  assets: ImportedAsset[];
  name: string;
  version: string;
  /** ISO timestamp; defaults to now. Pass it for byte-for-byte reproducible meta. */
  buildDate?: string;
}

export interface CorpusWriterOptions {
  /**
   * Documents per batch of the search data (postings, phrase positions, word forms): each batch
   * is spilled to a temporary file next to the output and merged at `finish`, so memory does not
   * grow with the corpus. The output is the same for any batch size.
   */
  batchSize?: number;
}

/** Documents per spilled batch: a few tens of MB of search data at the bench's document sizes. */
export const DEFAULT_BATCH_SIZE = 4096;

/**
 * What the writer keeps until `finish` of a document that references images (the rest is written
 * and let go). Summaries for the search catalog are read back from the documents table at the
 * end: kept here, they were about a kilobyte per document for the whole build (100 MB at 100,000).
 */
interface WrittenDocument {
  id: string;
  source: string;
  assetIds: string[];
}

/**
 * Writes a corpus database one document at a time, in ascending id order, then completes it
 * (images, search index, phrase positions, meta) in `finish`.
 *
 * Why streaming: a build hands each document over as soon as the import has rendered it, so
 * writing overlaps rendering instead of following it, and the build never holds every
 * document's HTML and text at once.
 *
 * Everything goes into `<out>.tmp-<pid>-<random>` in the same directory (same file system,
 * so the final rename is atomic), inside one transaction; only a finished, closed file is
 * renamed over `outPath`. On any failure (or `abort`) the temporary file and its side files
 * (the spilled runs of the search data, see `CorpusWriterOptions.batchSize`) are removed and a
 * previous `outPath` is left exactly as it was; the files of a build whose process ended before
 * it could remove them (Ctrl-C, a kill) are removed by the next writer of the same target
 * (abandoned-build-files.ts). Rows are written in id
 * order so the same input always produces the same rows. Errors name the target file.
 */
export class CorpusWriter {
  readonly target: string;
  /**
   * Every index term, word form and phrase word of the build, numbered once: analyses numbered
   * here (ImportOptions.strings) reach the builders without a single string lookup.
   */
  readonly strings = new StringTable();
  private readonly temp: string;
  private db: SqliteDatabase | null = null;
  private statements: WriterStatements | null = null;
  /** Documents with images (`WrittenDocument`), in id order. */
  private readonly withAssets: WrittenDocument[] = [];
  private documents = 0;
  private readonly runs: FileRunStore[];
  private readonly index: CompactIndexBuilder;
  private readonly positions: BatchedPositionsBuilder;
  private readonly forms: BatchedFormsBuilder;
  /** Each document's text and HTML, in compressed blocks (document-blocks.ts). */
  private blocks: BlockWriter | null = null;
  private lastId: string | null = null;
  /** Created on the first document that comes without an analysis. */
  private analyser: DocumentAnalyser | null = null;
  private closed = false;

  constructor(outPath: string, options: CorpusWriterOptions = {}) {
    this.target = path.resolve(outPath);
    // Before any document is imported (see output-file.ts).
    refuseFolderAsOutput(this.target, 'corpus database');
    this.temp = `${this.target}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`;
    const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    if (!Number.isInteger(batchSize) || batchSize < 1)
      throw new Error(`Cannot write corpus database ${this.target}: batch size ${batchSize} is not a positive integer`);
    const [indexRuns, positionRuns, formRuns] = RUN_FILES.map((suffix) => new FileRunStore(`${this.temp}${suffix}`));
    if (!indexRuns || !positionRuns || !formRuns) throw new Error('corpus writer: missing run store');
    this.runs = [indexRuns, positionRuns, formRuns];
    const fields = INDEX_FIELD_NAMES.map((name) => ({ name, boost: INDEX_FIELDS[name].boost }));
    this.index = new CompactIndexBuilder(fields, indexRuns, batchSize, this.strings);
    this.positions = new BatchedPositionsBuilder(positionRuns, batchSize, this.strings);
    this.forms = new BatchedFormsBuilder(formRuns, batchSize, this.strings);
  }

  /** Documents added so far. */
  get documentCount(): number {
    return this.documents;
  }

  /**
   * Adds one document and its search analysis (analysed here when not given); ids must ascend.
   * The file is created on the first call.
   */
  add(document: ImportedDocument, given?: DocumentAnalysis | null): void {
    this.guard(() => {
      const analysis = given ?? (this.analyser ??= createDocumentAnalyser(this.strings))(document);
      if (this.lastId !== null && !(this.lastId < document.id)) {
        throw new Error(
          `document ${document.id} (${document.source}) added after ${this.lastId}: documents must come in ascending id order, each once`,
        );
      }
      const statements = this.open();
      try {
        this.blocks ??= new BlockWriter((id, data) => statements.insertBlock.run(id, data));
        const { text, html } = this.blocks.add(document.text, document.html);
        statements.insertDocument.run({
          id: document.id,
          type: document.type,
          title: document.title,
          date: document.date,
          place: document.place,
          authors: JSON.stringify(document.authors),
          signatories: JSON.stringify(document.signatories),
          addressee: document.addressee,
          category: document.category,
          tags: JSON.stringify(document.tags),
          description: document.description,
          source: document.source,
          sha256: sha256Bytes(document.sha256),
          words: document.words,
          textBlock: text.block,
          textOffset: text.offset,
          textLength: text.length,
          htmlBlock: html.block,
          htmlOffset: html.offset,
          htmlLength: html.length,
          extra: document.extra && Object.keys(document.extra).length > 0 ? JSON.stringify(document.extra) : null,
        });
        // Documents come in id order: the count so far is this document's place in the index's refs.
        const keys = analysisKeys(this.strings, analysis);
        this.positions.addWords(this.documents, analysis.words, keys.words);
        this.forms.add(this.documents, analysis.forms, analysis.formTerms, keys);
        this.index.addKeyed(document.id, analysis.fields, keys.fields);
      } catch (error) {
        throw new Error(`document ${document.id} (${document.source}): ${describeError(error)}`, { cause: error });
      }
      this.documents += 1;
      if (document.assetIds.length > 0)
        this.withAssets.push({ id: document.id, source: document.source, assetIds: [...document.assetIds].sort() });
      this.lastId = document.id;
    });
  }

  /** Writes images, image links, search index and meta, commits, and renames the finished file into place. */
  finish(completion: CorpusCompletion): void {
    this.guard(() => {
      const steps = this.finishing(completion, packHere);
      for (let step = steps.next(); !step.done; step = steps.next())
        throw new Error('corpus writer: a list was packed elsewhere in a synchronous finish');
    });
  }

  /**
   * `finish`, with the index's long lists compressed in worker threads while this thread merges and
   * writes (build/list-pack-pool.ts): the same file, in less time on more than one core.
   */
  async finishInParallel(completion: CorpusCompletion): Promise<void> {
    const pool = new ListPackPool();
    try {
      await this.guardAsync(async () => {
        const steps = this.finishing(completion, (items, bytesOf, write) => pool.packEach(items, bytesOf, write));
        for (let step = steps.next(); !step.done; step = steps.next()) await step.value;
      });
    } finally {
      await pool.close();
    }
  }

  /**
   * The finish as steps: each packing of lists is yielded to the caller to wait for when `pack` is
   * asynchronous (`packHere` yields nothing), so the sync and parallel finishes run the same code.
   */
  private *finishing(completion: CorpusCompletion, pack: ListPacking): Generator<Promise<void>, void, undefined> {
    const statements = this.open();
    this.blocks?.flush();
    const assets = [...completion.assets].sort(byId);
    checkReferences(this.withAssets, assets);
    const meta: Array<[string, string]> = [
      ['name', completion.name],
      ['version', completion.version],
      ['build_date', completion.buildDate ?? new Date().toISOString()],
      ['schema_version', String(CORPUS_SCHEMA_VERSION)],
      ['document_count', String(this.documents)],
    ];
    for (const [key, value] of meta) statements.insertMeta.run(key, value);
    for (const asset of assets) {
      try {
        statements.insertAsset.run(asset.id, asset.mime, asset.bytes, asset.bytes.length, asset.source);
      } catch (error) {
        throw new Error(`asset ${asset.id} (${asset.source}): ${describeError(error)}`, { cause: error });
      }
    }
    for (const document of this.withAssets) {
      for (const assetId of document.assetIds) statements.insertLink.run(document.id, assetId);
    }
    const phraseWords: string[] = [];
    yield* packed(
      pack,
      this.positions.unpackedEntries(),
      ([, list]) => list,
      ([word], data) => {
        statements.insertPositions.run(phraseWords.length, data);
        phraseWords.push(word);
      },
    );
    statements.insertPhraseWords.run(encodePhraseWords(phraseWords));
    yield* packed(
      pack,
      this.forms.unpackedRows(),
      (row) => row.docs,
      (row, docs) => statements.insertForm.run({ ...row, docs }),
    );
    statements.insertCatalog.run(buildCatalog(catalogEntries(statements.selectSummaries.iterate(), this.temp)));
    // The header (terms, token set) first, then each term's posting as the runs are merged.
    const index = this.index.finish();
    statements.insertIndex.run({ analyzer: ANALYZER_ID, ...encodeIndex({ ...index.header, postings: [] }).parts });
    let term = 0;
    yield* packed(
      pack,
      index.postings,
      // A posting is valid until the next: its bytes are taken at once (encodePosting's varints).
      ({ posting }) => encodeUnsignedVarints(posting),
      (_, data) => statements.insertPosting.run(term++, data),
    );
    const db = this.db;
    if (!db) throw new Error('the database closed before the commit');
    db.exec('COMMIT');
    db.close();
    this.db = null;
    for (const runs of this.runs) runs.dispose();
    renameSync(this.temp, this.target);
    this.closed = true;
    syncDirectory(path.dirname(this.target));
  }

  /** Drops the unfinished temporary file; the target is untouched. Does nothing after `finish`. */
  abort(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.db?.open) this.db.close();
    this.db = null;
    for (const runs of this.runs) runs.dispose();
    removeWithSideFiles(this.temp);
  }

  private guard(step: () => void): void {
    if (this.closed)
      throw new Error(`Cannot write corpus database ${this.target}: the writer is already finished or aborted`);
    try {
      step();
    } catch (error) {
      this.abort();
      throw new Error(`Cannot write corpus database ${this.target}: ${describeError(error)}`, { cause: error });
    }
  }

  private async guardAsync(step: () => Promise<void>): Promise<void> {
    if (this.closed)
      throw new Error(`Cannot write corpus database ${this.target}: the writer is already finished or aborted`);
    try {
      await step();
    } catch (error) {
      this.abort();
      throw new Error(`Cannot write corpus database ${this.target}: ${describeError(error)}`, { cause: error });
    }
  }

  private open(): WriterStatements {
    if (this.statements) return this.statements;
    mkdirSync(path.dirname(this.target), { recursive: true });
    removeAbandonedBuildFiles(this.target, CORPUS_BUILD_FILES);
    const db = openDatabase(this.temp);
    this.db = db;
    // A rollback journal, not openDatabase's WAL: the shipped corpus must be one self-contained
    // file that opens read-only, and in WAL mode the build's one big transaction was written
    // twice (into the WAL, then checkpointed into the file). A new file's pages have no old
    // content to journal, so this writes the database once. synchronous=FULL still holds.
    db.pragma('journal_mode = DELETE');
    // Room for the B-tree pages the inserts keep touching (document and facet keys), so the
    // long transaction does not spill them to the file and read them back.
    db.pragma(`cache_size = -${BUILD_CACHE_KIB}`);
    migrate(db, CORPUS_MIGRATIONS, this.temp);
    this.statements = prepareStatements(db);
    db.exec('BEGIN');
    return this.statements;
  }
}

/**
 * The documents' summaries one row at a time, in id order: the catalog keeps only what it reads of
 * each, where reading every row at once held all 100,000 summaries (descriptions and all) at the
 * finish of a large build.
 */
function* catalogEntries(rows: Iterable<DocumentRow>, file: string): Generator<CatalogEntry> {
  for (const row of rows) yield toSummary(row, file);
}

/**
 * Packs each item's list (`bytesOf`, then packList's framing) and writes it, in item order: here at
 * once (undefined), or elsewhere, with a promise of the last write.
 */
type ListPacking = <T>(
  items: Iterable<T>,
  bytesOf: (item: T) => Uint8Array,
  write: (item: T, packed: Buffer) => void,
) => Promise<void> | undefined;

const packHere: ListPacking = (items, bytesOf, write) => {
  for (const item of items) write(item, packList(bytesOf(item)));
  return undefined;
};

/** One packing as a finish step: yields its promise, if any, for `finishInParallel` to wait for. */
function* packed<T>(
  pack: ListPacking,
  items: Iterable<T>,
  bytesOf: (item: T) => Uint8Array,
  write: (item: T, packed: Buffer) => void,
): Generator<Promise<void>, void, undefined> {
  const done = pack(items, bytesOf, write);
  if (done) yield done;
}

/** Side files of the spilled runs (index postings, phrase positions, word forms), after the temporary name. */
const RUN_FILES = ['-index.runs', '-positions.runs', '-forms.runs'];

/** What `<target>.tmp-<pid>-<random>` is followed by in the names of a build's files. */
const SQLITE_FILE_SUFFIXES = ['', '-wal', '-shm', '-journal'];

/** How a corpus writer names its files beside the target (abandoned-build-files.ts). */
export const CORPUS_BUILD_FILES: BuildFileNames = { kinds: ['tmp'], suffixes: [...SQLITE_FILE_SUFFIXES, ...RUN_FILES] };

/** SQLite page cache of the build connection (KiB); the default is 2 MB. */
const BUILD_CACHE_KIB = 64 * 1024;

type WriterStatements = ReturnType<typeof prepareStatements>;

function prepareStatements(db: SqliteDatabase) {
  return {
    insertMeta: db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)'),
    insertDocument: db.prepare(`
      INSERT INTO documents (id, type, title, date, place, authors, signatories, addressee, category,
                             tags, description, source, sha256, words, text_block, text_offset, text_length,
                             html_block, html_offset, html_length, extra)
      VALUES (@id, @type, @title, @date, @place, @authors, @signatories, @addressee, @category,
              @tags, @description, @source, @sha256, @words, @textBlock, @textOffset, @textLength,
              @htmlBlock, @htmlOffset, @htmlLength, @extra)`),
    insertBlock: db.prepare('INSERT INTO document_blocks (id, data) VALUES (?, ?)'),
    insertAsset: db.prepare('INSERT INTO assets (id, mime, bytes, size, source) VALUES (?, ?, ?, ?, ?)'),
    insertLink: db.prepare('INSERT OR IGNORE INTO document_assets (document_id, asset_id) VALUES (?, ?)'),
    insertIndex: db.prepare(`
      INSERT INTO search_index (id, analyzer, header, refs, terms, term_order, token_set, field_lengths)
      VALUES (1, @analyzer, @header, @refs, @terms, @termOrder, @tokenSet, @fieldLengths)`),
    insertPosting: db.prepare('INSERT INTO search_postings (term, data) VALUES (?, ?)'),
    insertPositions: db.prepare('INSERT INTO phrase_positions (id, data) VALUES (?, ?)'),
    insertPhraseWords: db.prepare('INSERT INTO phrase_words (id, words) VALUES (1, ?)'),
    insertCatalog: db.prepare(`
      INSERT INTO search_catalog (id, facets, date_rank, dates, facet_starts, facet_ids)
      VALUES (1, @facets, @dateRank, @dates, @facetStarts, @facetIds)`),
    insertForm: db.prepare('INSERT INTO word_forms (form, terms, df, docs) VALUES (@form, @terms, @df, @docs)'),
    // The columns of DocumentSummary, as the reader reads them (corpus-reader.ts, toSummary).
    selectSummaries: db.prepare<[], DocumentRow>(
      `SELECT id, type, title, date, place, authors, signatories, addressee, category, tags, description, words
       FROM documents ORDER BY id`,
    ),
  };
}

/** A document's SHA-256 as its 32 bytes (half the size of its hex text); the caller names the document. */
function sha256Bytes(hex: string): Buffer {
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`SHA-256 "${hex}" is not 64 lowercase hex digits`);
  return Buffer.from(hex, 'hex');
}

/** A document naming an image that was not imported is an importer bug: say which, before writing. */
function checkReferences(documents: readonly WrittenDocument[], assets: readonly ImportedAsset[]): void {
  const known = new Set(assets.map((asset) => asset.id));
  for (const document of documents) {
    const missing = document.assetIds.find((id) => !known.has(id));
    if (missing !== undefined) {
      throw new Error(
        `document ${document.id} (${document.source}) references asset ${missing}, which is not among the imported assets`,
      );
    }
  }
}

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function removeWithSideFiles(file: string): void {
  for (const suffix of SQLITE_FILE_SUFFIXES) {
    const candidate = `${file}${suffix}`;
    if (existsSync(candidate)) rmSync(candidate, { force: true });
  }
}

/** Makes the rename itself durable. Directories cannot be opened for fsync on Windows; skip there. */
function syncDirectory(directory: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(directory, 'r');
    fsyncSync(fd);
  } catch {
    // Not supported on this platform; the rename is still atomic, just not yet flushed.
  } finally {
    if (fd !== null) closeSync(fd);
  }
}
