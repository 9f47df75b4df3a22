import { randomUUID } from 'node:crypto';
import type { Collection, NewSavedSearch, SavedSearch } from '../../common/collections';
import type { SqliteDatabase } from '../db/open-database';
import { ApiError } from '../../common/errors';

interface CollectionRow {
  id: string;
  name: string;
  created: string;
  modified: string;
}

interface MemberRow {
  collection_id: string;
  document_id: string;
}

/**
 * Collections (named reading lists of documents) and saved searches: all their SQL, as
 * prepared statements with bound parameters. Names arrive validated (trimmed, 1–200 characters).
 */
export class CollectionStore {
  private readonly statements;

  constructor(
    readonly db: SqliteDatabase,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.statements = {
      all: db.prepare<[], CollectionRow>('SELECT * FROM collections ORDER BY name COLLATE NOCASE, created, id'),
      get: db.prepare<[string], CollectionRow>('SELECT * FROM collections WHERE id = ?'),
      members: db.prepare<[], MemberRow>(
        'SELECT collection_id, document_id FROM collection_documents ORDER BY added, rowid',
      ),
      membersOf: db.prepare<[string], MemberRow>(
        'SELECT collection_id, document_id FROM collection_documents WHERE collection_id = ? ORDER BY added, rowid',
      ),
      insert: db.prepare<Pick<CollectionRow, 'id' | 'name' | 'created' | 'modified'>>(
        'INSERT INTO collections (id, name, created, modified) VALUES (@id, @name, @created, @modified)',
      ),
      rename: db.prepare<[string, string, string]>('UPDATE collections SET name = ?, modified = ? WHERE id = ?'),
      touch: db.prepare<[string, string]>('UPDATE collections SET modified = ? WHERE id = ?'),
      delete: db.prepare<[string]>('DELETE FROM collections WHERE id = ?'),
      add: db.prepare<[string, string, string]>(
        'INSERT OR IGNORE INTO collection_documents (collection_id, document_id, added) VALUES (?, ?, ?)',
      ),
      remove: db.prepare<[string, string]>(
        'DELETE FROM collection_documents WHERE collection_id = ? AND document_id = ?',
      ),
      searches: db.prepare<[], SavedSearch>(
        'SELECT id, name, query, params, created FROM saved_searches ORDER BY name COLLATE NOCASE, created, id',
      ),
      insertSearch: db.prepare<SavedSearch>(
        'INSERT INTO saved_searches (id, name, query, params, created) VALUES (@id, @name, @query, @params, @created)',
      ),
      deleteSearch: db.prepare<[string]>('DELETE FROM saved_searches WHERE id = ?'),
    };
  }

  /** Every collection with its documents (in the order they were added), sorted by name. */
  list(): Collection[] {
    const byCollection = new Map<string, string[]>();
    for (const row of this.statements.members.all()) {
      const list = byCollection.get(row.collection_id) ?? [];
      list.push(row.document_id);
      byCollection.set(row.collection_id, list);
    }
    return this.statements.all.all().map((row) => toCollection(row, byCollection.get(row.id) ?? []));
  }

  /** Null when no collection has that id. */
  get(id: string): Collection | null {
    const row = this.statements.get.get(id);
    if (!row) return null;
    return toCollection(
      row,
      this.statements.membersOf.all(id).map((member) => member.document_id),
    );
  }

  create(name: string, documentIds: readonly string[] = []): Collection {
    const at = this.stamp();
    const id = randomUUID();
    this.db
      .transaction(() => {
        this.statements.insert.run({ id, name, created: at, modified: at });
        for (const documentId of documentIds) this.statements.add.run(id, documentId, at);
      })
      .immediate();
    return this.require(id);
  }

  rename(id: string, name: string): Collection {
    if (this.statements.rename.run(name, this.stamp(), id).changes !== 1) throw missing(id);
    return this.require(id);
  }

  /** False when no collection had that id. Its list goes with it; the documents stay in the archive. */
  delete(id: string): boolean {
    return this.statements.delete.run(id).changes === 1;
  }

  /** Adds (`member` true) or removes a document; adding one already there changes nothing. */
  setMembership(id: string, documentId: string, member: boolean): Collection {
    this.db
      .transaction(() => {
        if (!this.statements.get.get(id)) throw missing(id);
        const at = this.stamp();
        const changes = member
          ? this.statements.add.run(id, documentId, at).changes
          : this.statements.remove.run(id, documentId).changes;
        if (changes > 0) this.statements.touch.run(at, id);
      })
      .immediate();
    return this.require(id);
  }

  listSavedSearches(): SavedSearch[] {
    return this.statements.searches.all();
  }

  saveSearch(input: NewSavedSearch): SavedSearch {
    const saved: SavedSearch = { id: randomUUID(), ...input, created: this.stamp() };
    this.statements.insertSearch.run(saved);
    return saved;
  }

  deleteSavedSearch(id: string): boolean {
    return this.statements.deleteSearch.run(id).changes === 1;
  }

  /**
   * Merges a collection from an import, inside the caller's transaction: a new id is added as
   * it is; a known one keeps its documents and gains the imported ones (a newer import also
   * renames it). Nothing the user already has is removed.
   */
  mergeImported(collection: Collection): void {
    const existing = this.statements.get.get(collection.id);
    if (!existing) this.statements.insert.run(collection);
    else if (collection.modified > existing.modified)
      this.statements.rename.run(collection.name, collection.modified, collection.id);
    for (const documentId of collection.documentIds)
      this.statements.add.run(collection.id, documentId, collection.modified);
  }

  /** Adds a saved search from an import unless one with its id is already kept. */
  mergeImportedSearch(search: SavedSearch): void {
    if (this.listSavedSearches().some((kept) => kept.id === search.id)) return;
    this.statements.insertSearch.run(search);
  }

  private require(id: string): Collection {
    const collection = this.get(id);
    if (!collection) throw missing(id);
    return collection;
  }

  private stamp(): string {
    return this.now().toISOString();
  }
}

function toCollection(row: CollectionRow, documentIds: string[]): Collection {
  return { id: row.id, name: row.name, created: row.created, modified: row.modified, documentIds };
}

function missing(id: string): ApiError {
  return new ApiError('NotFound', `No collection has the id ${id}.`);
}
