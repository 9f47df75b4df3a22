import { renameSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { DocumentRecord, FacetCount, FacetName, SearchFilters, SortOrder } from '../src-main/common/types';

/**
 * The baseline the benchmark compares this app against: the same documents in
 * SQLite's own full-text engine, FTS5, with accent folding
 * (`unicode61 remove_diacritics 2`) and no stemming. The documents table keeps
 * what the app keeps (metadata, HTML, text); the FTS5 table is external-content
 * so the text is stored once, as the app stores it once.
 *
 * This is benchmark code, not app code: SQL here never reaches the product.
 */

const SCHEMA = `
CREATE TABLE documents (
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  title TEXT NOT NULL,
  date TEXT,
  place TEXT,
  authors TEXT NOT NULL,
  signatories TEXT NOT NULL,
  addressee TEXT,
  category TEXT,
  tags TEXT NOT NULL,
  description TEXT,
  source TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  words INTEGER NOT NULL,
  html TEXT NOT NULL,
  text TEXT NOT NULL
);
CREATE INDEX documents_date ON documents(date);
CREATE VIRTUAL TABLE documents_fts USING fts5(
  title, description, text, tags, authors, category,
  content = 'documents', content_rowid = 'rowid',
  tokenize = "unicode61 remove_diacritics 2"
);
`;

/** Column weights for bm25, in the FTS5 table's column order: titles and tags count most. */
const BM25_WEIGHTS = '10.0, 3.0, 1.0, 5.0, 2.0, 2.0';

export interface Fts5BuildTimings {
  insertMs: number;
  indexMs: number;
  optimiseMs: number;
}

/** Writes the baseline database to a temporary file and renames it into place, as the app's writer does. */
export function writeFts5Database(outPath: string, documents: readonly DocumentRecord[]): Fts5BuildTimings {
  const temporary = `${outPath}.tmp-${process.pid}`;
  rmSync(temporary, { force: true });
  const db = new Database(temporary);
  try {
    // Written like the app's build database (corpus-writer.ts): a rollback journal, so the data
    // is written once rather than to a WAL and again at the checkpoint.
    db.pragma('journal_mode = DELETE');
    db.pragma('synchronous = FULL');
    db.exec(SCHEMA);
    const insert = db.prepare(
      `INSERT INTO documents (id, type, title, date, place, authors, signatories, addressee, category, tags, description, source, sha256, words, html, text)
       VALUES (@id, @type, @title, @date, @place, @authors, @signatories, @addressee, @category, @tags, @description, @source, @sha256, @words, @html, @text)`,
    );
    let started = performance.now();
    db.transaction(() => {
      for (const document of documents) {
        insert.run({
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
      }
    })();
    const insertMs = performance.now() - started;
    started = performance.now();
    db.exec(
      `INSERT INTO documents_fts (rowid, title, description, text, tags, authors, category)
       SELECT rowid, title, description, text, tags, authors, category FROM documents`,
    );
    const indexMs = performance.now() - started;
    started = performance.now();
    db.exec(`INSERT INTO documents_fts (documents_fts) VALUES ('optimize')`);
    const optimiseMs = performance.now() - started;
    db.close();
    renameSync(temporary, outPath);
    return { insertMs, indexMs, optimiseMs };
  } catch (error) {
    if (db.open) db.close();
    rmSync(temporary, { force: true });
    throw error;
  }
}

export interface Fts5Request {
  match: string | null;
  filters?: SearchFilters;
  sort?: SortOrder;
  limit?: number;
  /**
   * false: only the page of hits (what "ORDER BY bm25 LIMIT 20" costs); total and
   * facets are then left empty. true (default): the app's full response shape.
   */
  facets?: boolean;
}

export interface Fts5Hit {
  id: string;
  title: string;
  type: string;
  date: string | null;
  score: number;
  snippet: string;
}

export interface Fts5Response {
  total: number;
  hits: Fts5Hit[];
  facets: Record<FacetName, FacetCount[]>;
}

interface FacetRow {
  type: string;
  category: string | null;
  date: string | null;
  tags: string;
  authors: string;
}

/**
 * Answers a request with the same parts as the app's search response: the
 * total, a page of hits ordered by bm25 (or date) with snippets, and facet
 * counts over every match. Statements are prepared per filter shape and cached.
 */
export class Fts5Searcher {
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(databasePath: string) {
    this.db = new Database(databasePath, { readonly: true, fileMustExist: true });
  }

  search(request: Fts5Request): Fts5Response {
    const { where, params } = whereClause(request);
    const from =
      request.match === null ? 'documents d' : 'documents_fts JOIN documents d ON d.rowid = documents_fts.rowid';
    const matchParams = request.match === null ? [] : [request.match];

    const withFacets = request.facets !== false;
    const facetRows = withFacets
      ? (this.statement(
          `SELECT d.type AS type, d.category AS category, d.date AS date, d.tags AS tags, d.authors AS authors FROM ${from} ${where}`,
        ).all(...matchParams, ...params) as FacetRow[])
      : [];

    const order = request.sort === 'date' || request.match === null ? 'd.date DESC' : 'score';
    const score = request.match === null ? '0' : `bm25(documents_fts, ${BM25_WEIGHTS})`;
    const snippet =
      request.match === null ? `substr(d.text, 1, 160)` : `snippet(documents_fts, 2, '<mark>', '</mark>', '…', 24)`;
    const hits = this.statement(
      `SELECT d.id AS id, d.title AS title, d.type AS type, d.date AS date, ${score} AS score, ${snippet} AS snippet
       FROM ${from} ${where} ORDER BY ${order} LIMIT ?`,
    ).all(...matchParams, ...params, request.limit ?? 20) as Fts5Hit[];

    return { total: withFacets ? facetRows.length : hits.length, hits, facets: countFacets(facetRows) };
  }

  close(): void {
    this.db.close();
  }

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }
}

function whereClause(request: Fts5Request): { where: string; params: Array<string | number> } {
  const conditions: string[] = [];
  const params: Array<string | number> = [];
  if (request.match !== null) conditions.push('documents_fts MATCH ?');
  const filters = request.filters ?? {};
  const inList = (column: string, values: ReadonlyArray<string | number> | undefined): void => {
    if (!values || values.length === 0) return;
    conditions.push(`${column} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  inList('d.type', filters.type);
  inList('d.category', filters.category);
  inList('CAST(substr(d.date, 1, 4) AS INTEGER)', filters.year);
  for (const [column, values] of [
    ['d.tags', filters.tag],
    ['d.authors', filters.author],
  ] as const) {
    if (!values || values.length === 0) continue;
    conditions.push(`EXISTS (SELECT 1 FROM json_each(${column}) WHERE value IN (${values.map(() => '?').join(', ')}))`);
    params.push(...values);
  }
  if (filters.from) {
    conditions.push('d.date >= ?');
    params.push(filters.from);
  }
  if (filters.to) {
    // An upper bound of `2016-06` includes every day of June: compare against the next prefix.
    conditions.push('d.date < ?');
    params.push(`${filters.to}\uffff`);
  }
  return { where: conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '', params };
}

function countFacets(rows: readonly FacetRow[]): Record<FacetName, FacetCount[]> {
  const counters: Record<FacetName, Map<string, number>> = {
    type: new Map(),
    category: new Map(),
    tag: new Map(),
    author: new Map(),
    year: new Map(),
  };
  const add = (facet: FacetName, value: string | null | undefined): void => {
    if (value) counters[facet].set(value, (counters[facet].get(value) ?? 0) + 1);
  };
  for (const row of rows) {
    add('type', row.type);
    add('category', row.category);
    add('year', row.date?.slice(0, 4));
    for (const tag of JSON.parse(row.tags) as string[]) add('tag', tag);
    for (const author of JSON.parse(row.authors) as string[]) add('author', author);
  }
  const sorted = (map: Map<string, number>): FacetCount[] =>
    [...map]
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  return {
    type: sorted(counters.type),
    category: sorted(counters.category),
    tag: sorted(counters.tag),
    author: sorted(counters.author),
    year: sorted(counters.year),
  };
}
