import type { AnchorState, Annotation, AnnotationColour, AnnotationMotivation } from '../../common/annotations';
import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from '../db/open-database';
import * as z from 'zod';
import { foldPhrase } from '../search/fold';

/** The `tags` column: a JSON list written by `toRow`, checked as it is read back. */
const STORED_TAGS = z.array(z.string());

/** A row as the SQL fixes it: the CHECK constraints of user-schema.ts allow only these literals. */
interface AnnotationRow {
  id: string;
  created: string;
  modified: string;
  motivation: AnnotationMotivation;
  document_id: string;
  document_sha256: string;
  quote_exact: string | null;
  quote_prefix: string | null;
  quote_suffix: string | null;
  position_start: number | null;
  position_end: number | null;
  original_quote: string | null;
  note: string;
  tags: string;
  colour: AnnotationColour;
  state: AnchorState;
  similarity: number;
  search_text: string;
  tags_folded: string;
}

/** Filters of `AnnotationStore.search`; `words` are already folded. */
export interface StoredAnnotationFilter {
  words: string[];
  colour?: string;
  tag?: string;
  documentId?: string;
  state?: string;
  limit: number;
  offset: number;
}

/**
 * All SQL on annotations, as prepared statements with bound parameters. Knows rows, not rules:
 * validation and anchoring happen before anything reaches it. Callers group writes of one user
 * action with `transaction`.
 */
export class AnnotationStore {
  private readonly insertStatement;
  private readonly updateStatement;
  private readonly deleteStatement;
  private readonly getStatement;
  private readonly allStatement;
  private readonly byDocumentStatement;
  private readonly searchStatements = new Map<string, Statement<Array<string | number>, AnnotationRow>>();

  constructor(readonly db: SqliteDatabase) {
    const columns =
      'id, created, modified, motivation, document_id, document_sha256, quote_exact, quote_prefix, quote_suffix, ' +
      'position_start, position_end, original_quote, note, tags, colour, state, similarity, search_text, tags_folded';
    const values = columns
      .split(', ')
      .map((column) => `@${column}`)
      .join(', ');
    this.insertStatement = db.prepare<AnnotationRow>(`INSERT INTO annotations (${columns}) VALUES (${values})`);
    this.updateStatement = db.prepare<AnnotationRow>(
      `UPDATE annotations SET ${columns
        .split(', ')
        .filter((column) => column !== 'id')
        .map((column) => `${column} = @${column}`)
        .join(', ')} WHERE id = @id`,
    );
    this.deleteStatement = db.prepare<[string]>('DELETE FROM annotations WHERE id = ?');
    this.getStatement = db.prepare<[string], AnnotationRow>('SELECT * FROM annotations WHERE id = ?');
    this.allStatement = db.prepare<[], AnnotationRow>(
      'SELECT * FROM annotations ORDER BY document_id, position_start, created, id',
    );
    this.byDocumentStatement = db.prepare<[string], AnnotationRow>(
      // Reading order: document-level notes (NULL position) first, then by position.
      'SELECT * FROM annotations WHERE document_id = ? ORDER BY position_start IS NOT NULL, position_start, position_end, created, id',
    );
  }

  /** Runs `work` in one transaction (BEGIN IMMEDIATE: no other writer can slip in between). */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }

  insert(annotation: Annotation): void {
    this.insertStatement.run(toRow(annotation));
  }

  /** Replaces every stored field of the annotation with that id; false when there is none. */
  replace(annotation: Annotation): boolean {
    return this.updateStatement.run(toRow(annotation)).changes === 1;
  }

  delete(id: string): boolean {
    return this.deleteStatement.run(id).changes === 1;
  }

  get(id: string): Annotation | null {
    const row = this.getStatement.get(id);
    return row ? fromRow(row) : null;
  }

  all(): Annotation[] {
    return this.allStatement.all().map(fromRow);
  }

  forDocument(documentId: string): Annotation[] {
    return this.byDocumentStatement.all(documentId).map(fromRow);
  }

  /** Newest first (by last modification). Every word must occur in the folded quote/note/tags. */
  search(filter: StoredAnnotationFilter): Annotation[] {
    const conditions: string[] = [];
    const parameters: Array<string | number> = [];
    for (const word of filter.words) {
      conditions.push('instr(search_text, ?) > 0');
      parameters.push(word);
    }
    if (filter.colour !== undefined) {
      conditions.push('colour = ?');
      parameters.push(filter.colour);
    }
    if (filter.documentId !== undefined) {
      conditions.push('document_id = ?');
      parameters.push(filter.documentId);
    }
    if (filter.state !== undefined) {
      conditions.push('state = ?');
      parameters.push(filter.state);
    }
    if (filter.tag !== undefined) {
      // Tags compare case- and accent-insensitively, like the words.
      conditions.push('EXISTS (SELECT 1 FROM json_each(annotations.tags_folded) WHERE value = ?)');
      parameters.push(foldPhrase(filter.tag));
    }
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    const sql = `SELECT * FROM annotations ${where} ORDER BY modified DESC, created DESC, id LIMIT ? OFFSET ?`;
    // The SQL text varies only in which fixed conditions it has (a few dozen shapes at most);
    // every value is bound. Prepared once per shape.
    let statement = this.searchStatements.get(sql);
    if (!statement) {
      statement = this.db.prepare<Array<string | number>, AnnotationRow>(sql);
      if (this.searchStatements.size < 64) this.searchStatements.set(sql, statement);
    }
    return statement.all(...parameters, filter.limit, filter.offset).map(fromRow);
  }
}

/** The folded text notes search looks in. */
export function searchTextOf(annotation: Pick<Annotation, 'target' | 'note' | 'tags'>): string {
  return foldPhrase([annotation.target?.quote.exact ?? '', annotation.note, annotation.tags.join(' ')].join(' '));
}

function toRow(annotation: Annotation): AnnotationRow {
  const target = annotation.target;
  return {
    id: annotation.id,
    created: annotation.created,
    modified: annotation.modified,
    motivation: annotation.motivation,
    document_id: annotation.documentId,
    document_sha256: annotation.documentSha256,
    quote_exact: target?.quote.exact ?? null,
    quote_prefix: target?.quote.prefix ?? null,
    quote_suffix: target?.quote.suffix ?? null,
    position_start: target?.position.start ?? null,
    position_end: target?.position.end ?? null,
    original_quote: annotation.originalQuote,
    note: annotation.note,
    tags: JSON.stringify(annotation.tags),
    colour: annotation.colour,
    state: annotation.state,
    similarity: annotation.similarity,
    search_text: searchTextOf(annotation),
    tags_folded: JSON.stringify(annotation.tags.map((tag) => foldPhrase(tag))),
  };
}

function fromRow(row: AnnotationRow): Annotation {
  const target =
    row.quote_exact !== null && row.position_start !== null && row.position_end !== null
      ? {
          quote: {
            type: 'TextQuoteSelector' as const,
            exact: row.quote_exact,
            prefix: row.quote_prefix ?? '',
            suffix: row.quote_suffix ?? '',
          },
          position: { type: 'TextPositionSelector' as const, start: row.position_start, end: row.position_end },
        }
      : null;
  return {
    id: row.id,
    created: row.created,
    modified: row.modified,
    motivation: row.motivation,
    documentId: row.document_id,
    documentSha256: row.document_sha256,
    target,
    originalQuote: row.original_quote,
    note: row.note,
    tags: STORED_TAGS.parse(JSON.parse(row.tags)),
    colour: row.colour,
    state: row.state,
    similarity: row.similarity,
  };
}
