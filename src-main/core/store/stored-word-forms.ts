import type { SqliteDatabase } from '../db/open-database';
import { literalPrefix, type WordFormRow, type WordFormSource } from '../search/word-forms';
import { unpackList } from '../search/packed-list';

/** Above every code point: the upper bound of a prefix range in SQLite's binary text order. */
const AFTER_EVERYTHING = '\u{10FFFF}';

/**
 * The `word_forms` table (search/word-forms.ts) read per query: one indexed lookup per typed
 * word; a prefix pattern is a range of the primary key, so `minero*` reads only the forms that
 * begin with `minero`; only a pattern that starts with `*` scans the vocabulary (bounded by the
 * caller's limit, most frequent forms first).
 */
export class StoredWordForms implements WordFormSource {
  private readonly byForm;
  private readonly inRange;
  private readonly anywhere;
  private readonly every;

  constructor(db: SqliteDatabase) {
    this.byForm = db.prepare<[string], WordFormRow>('SELECT form, terms, df, docs FROM word_forms WHERE form = ?');
    this.inRange = db.prepare<{ low: string; high: string; glob: string; limit: number }, WordFormRow>(
      `SELECT form, terms, df, docs FROM word_forms
       WHERE form >= @low AND form < @high AND form GLOB @glob ORDER BY df DESC, form LIMIT @limit`,
    );
    this.anywhere = db.prepare<{ glob: string; limit: number }, WordFormRow>(
      'SELECT form, terms, df, docs FROM word_forms WHERE form GLOB @glob ORDER BY df DESC, form LIMIT @limit',
    );
    this.every = db.prepare<[], { form: string }>('SELECT form FROM word_forms');
  }

  lookup(form: string): WordFormRow | null {
    const row = this.byForm.get(form);
    return row ? unpacked(row) : null;
  }

  matching(pattern: string, limit: number): WordFormRow[] {
    const glob = pattern.replace(/[[?]/g, (char) => `[${char}]`);
    const prefix = literalPrefix(pattern);
    if (prefix === '') return this.anywhere.all({ glob, limit }).map(unpacked);
    return this.inRange.all({ low: prefix, high: prefix + AFTER_EVERYTHING, glob, limit }).map(unpacked);
  }

  /** Streamed, not kept: FuzzyWords keeps them packed by length (one string per length). */
  *all(): IterableIterator<string> {
    for (const row of this.every.iterate()) yield row.form;
  }
}

/** A row with its document list as encodeAscending wrote it (stored packed: search/packed-list.ts). */
function unpacked(row: WordFormRow): WordFormRow {
  return { ...row, docs: Buffer.from(unpackList(row.docs, 'word forms')) };
}
