import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { ImportedAsset, ImportedDocument } from '../model';
import type { DocumentSummary } from '../../common/types';
import { describeError, openDatabase, type SqliteDatabase } from '../db/open-database';
import { migrate } from '../db/migrations';
import { ANALYZER_ID } from '../search/analyzer';
import { buildSearchIndex } from '../search/index-builder';
import type { StoredIndex } from '../search/compact-index';
import { createDocumentAnalyser, type DocumentAnalyser, type DocumentAnalysis } from '../search/document-analysis';
import { PhrasePositionsBuilder } from '../search/phrase-positions';
import { CORPUS_MIGRATIONS, CORPUS_SCHEMA_VERSION } from './corpus-schema';
import { facetValues } from './facet-values';

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
}

/**
 * Writes a complete corpus database (documents, facets, assets, search index) to `outPath`.
 *
 * Everything goes into `<out>.tmp-<pid>-<random>` in the same directory (same file system,
 * so the final rename is atomic); only a finished, closed file is renamed over `outPath`.
 * On any failure the temporary file and its side files are removed and a previous
 * `outPath` is left exactly as it was. Rows are written in id order so the same input
 * always produces the same rows.
 */
export function writeCorpusDatabase(outPath: string, content: CorpusContent): void {
  const target = path.resolve(outPath);
  const temp = `${target}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`;
  const documents = [...content.documents].sort(byId);
  const assets = [...content.assets].sort(byId);

  let db: SqliteDatabase | null = null;
  try {
    checkReferences(documents, assets);
    const analyses = completeAnalyses(documents, content.analyses);
    const index = buildSearchIndex(documents, analyses);
    db = openDatabase(temp);
    migrate(db, CORPUS_MIGRATIONS, temp);
    writeContent(db, { ...content, documents, assets }, index, analyses);
    // Fold the WAL back into the main file and leave WAL mode: the shipped corpus must be
    // one self-contained file that opens read-only (see openDatabase).
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('journal_mode = DELETE');
    db.close();
    db = null;
    renameSync(temp, target);
    syncDirectory(path.dirname(target));
  } catch (error) {
    if (db?.open) db.close();
    removeWithSideFiles(temp);
    throw new Error(`Cannot write corpus database ${target}: ${describeError(error)}`);
  }
}

function writeContent(db: SqliteDatabase, content: CorpusContent, index: StoredIndex, analyses: ReadonlyMap<string, DocumentAnalysis>): void {
  const insertMeta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
  const insertDocument = db.prepare(`
    INSERT INTO documents (id, type, title, date, place, authors, signatories, addressee, category,
                           tags, description, source, sha256, words, text, html)
    VALUES (@id, @type, @title, @date, @place, @authors, @signatories, @addressee, @category,
            @tags, @description, @source, @sha256, @words, @text, @html)`);
  const insertFacet = db.prepare('INSERT OR IGNORE INTO document_facets (facet, value, document_id) VALUES (?, ?, ?)');
  const insertAsset = db.prepare('INSERT INTO assets (id, mime, bytes, size, source) VALUES (?, ?, ?, ?, ?)');
  const insertLink = db.prepare('INSERT OR IGNORE INTO document_assets (document_id, asset_id) VALUES (?, ?)');
  const insertFolded = db.prepare('INSERT INTO folded_texts (document_id, folded) VALUES (?, ?)');
  const insertIndex = db.prepare(`
    INSERT INTO search_index (id, analyzer, header, refs, terms, term_order, token_set, summaries)
    VALUES (1, @analyzer, @header, @refs, @terms, @termOrder, @tokenSet, @summaries)`);
  const insertPosting = db.prepare('INSERT INTO search_postings (term, data) VALUES (?, ?)');
  const insertPositions = db.prepare('INSERT INTO phrase_positions (word, data) VALUES (?, ?)');
  const positions = new PhrasePositionsBuilder();

  const writeAll = db.transaction(() => {
    const meta: Array<[string, string]> = [
      ['name', content.name],
      ['version', content.version],
      ['build_date', content.buildDate ?? new Date().toISOString()],
      ['schema_version', String(CORPUS_SCHEMA_VERSION)],
      ['document_count', String(content.documents.length)],
    ];
    for (const [key, value] of meta) insertMeta.run(key, value);

    for (const asset of content.assets) {
      try {
        insertAsset.run(asset.id, asset.mime, asset.bytes, asset.bytes.length, asset.source);
      } catch (error) {
        throw new Error(`asset ${asset.id} (${asset.source}): ${describeError(error)}`);
      }
    }
    content.documents.forEach((document, position) => {
      try {
        insertDocument.run({
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
          sha256: document.sha256,
          words: document.words,
          html: document.html,
          text: document.text,
        });
        const analysis = analyses.get(document.id) as DocumentAnalysis;
        insertFolded.run(document.id, analysis.folded);
        // Documents are in id order: `position` is the document's place in the index's refs.
        positions.addWords(position, analysis.words);
        const facets = facetValues(document);
        for (const [facet, values] of Object.entries(facets)) {
          for (const value of values) insertFacet.run(facet, value, document.id);
        }
        for (const assetId of [...document.assetIds].sort()) insertLink.run(document.id, assetId);
      } catch (error) {
        throw new Error(`document ${document.id} (${document.source}): ${describeError(error)}`);
      }
    });
    for (const [word, data] of positions.entries()) insertPositions.run(word, data);
    insertIndex.run({ analyzer: ANALYZER_ID, ...index.parts, summaries: JSON.stringify(content.documents.map(summaryOf)) });
    index.postings.forEach((posting, term) => insertPosting.run(term, posting));
  });
  writeAll();
}

/** Every document's analysis: the given ones, the others computed now. */
function completeAnalyses(documents: readonly ImportedDocument[], given: ReadonlyMap<string, DocumentAnalysis> | undefined): Map<string, DocumentAnalysis> {
  const analyses = new Map<string, DocumentAnalysis>();
  let analyse: DocumentAnalyser | null = null;
  for (const document of documents) {
    let analysis = given?.get(document.id);
    if (!analysis) {
      analyse ??= createDocumentAnalyser();
      analysis = analyse(document);
    }
    analyses.set(document.id, analysis);
  }
  return analyses;
}

/** A document naming an image that was not imported is an importer bug: say which, before writing. */
function checkReferences(documents: readonly ImportedDocument[], assets: readonly ImportedAsset[]): void {
  const known = new Set(assets.map((asset) => asset.id));
  for (const document of documents) {
    const missing = document.assetIds.find((id) => !known.has(id));
    if (missing !== undefined) {
      throw new Error(`document ${document.id} (${document.source}) references asset ${missing}, which is not among the imported assets`);
    }
  }
}

/** The DocumentSummary fields of a document, in the contract's order. */
function summaryOf(document: ImportedDocument): DocumentSummary {
  return {
    id: document.id,
    type: document.type,
    title: document.title,
    date: document.date,
    place: document.place,
    authors: document.authors,
    signatories: document.signatories,
    addressee: document.addressee,
    category: document.category,
    tags: document.tags,
    description: document.description,
    words: document.words,
  };
}

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function removeWithSideFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) {
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
