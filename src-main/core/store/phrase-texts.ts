import type { SqliteDatabase } from '../db/open-database';
import { containsPhrase, isWordChar } from '../search/text-match';
import { documentsWithWords, phraseWords } from '../search/phrase-positions';

/**
 * Phrases of words and single spaces are answered from the word positions stored at build
 * time (phrase_positions, see search/phrase-positions.ts). Any other phrase is checked in SQL over the `folded_texts` table (one row per document: its text folded
 * with foldForMatching at build time, the same fold the phrase checks used to apply per query).
 *
 * Why: checking "gobierno abierto" at 10,000 documents read and folded thousands of texts in
 * JS per query (1.5 s). Here SQLite's `instr` (C, over the stored folded text) finds the
 * documents holding the phrase as a substring, and the word-boundary rule of containsPhrase
 * is checked in SQL at that first occurrence. Only the rare documents whose first
 * occurrence is inside a longer word (`federales` for `federal`) have their folded text read
 * into JS, where containsPhrase looks at the later occurrences: same answers as before.
 */
const RECENT_PHRASES = 16;

export class PhraseTexts {
  private readonly statement;
  private readonly textById;
  private readonly positionsOf;
  private readonly positionsSize;
  private readonly allIds;
  private ids: string[] | null = null;
  /** Answers to the last few phrases: the UI asks again for page 2 or with a filter added. */
  private readonly recent = new Map<string, Set<string>>();

  constructor(db: SqliteDatabase) {
    // One code unit tested like text-match.ts does on a JS string: an astral char (two code
    // units there) never counts as a word char, so SQL and JS agree on every boundary.
    db.function('archive_word_char', { deterministic: true }, (char: unknown) =>
      typeof char === 'string' && char.length === 1 && isWordChar(char) ? 1 : 0,
    );
    this.statement = db.prepare<
      { phrase: string; checkStart: number; checkEnd: number },
      { id: string; clean: number }
    >(`
      SELECT document_id AS id,
             (at = 1 OR @checkStart = 0 OR NOT archive_word_char(substr(folded, at - 1, 1)))
         AND (@checkEnd = 0 OR NOT archive_word_char(substr(folded, at + length(@phrase), 1))) AS clean
      FROM (SELECT document_id, folded, instr(folded, @phrase) AS at FROM folded_texts)
      WHERE at > 0`);
    this.textById = db.prepare<[string], { folded: string }>('SELECT folded FROM folded_texts WHERE document_id = ?');
    this.positionsOf = db.prepare<[string], { data: Buffer }>('SELECT data FROM phrase_positions WHERE word = ?');
    // length() of a blob comes from the record header: the list itself is not read.
    this.positionsSize = db.prepare<[string], { size: number }>(
      'SELECT length(data) AS size FROM phrase_positions WHERE word = ?',
    );
    this.allIds = db.prepare<[], { id: string }>('SELECT id FROM documents ORDER BY id');
  }

  /** Ids of the documents whose text holds the folded phrase on word boundaries. */
  documentsContaining(foldedPhrase: string): ReadonlySet<string> {
    const cached = this.recent.get(foldedPhrase);
    if (cached) {
      this.recent.delete(foldedPhrase);
      this.recent.set(foldedPhrase, cached);
      return cached;
    }
    const found = this.find(foldedPhrase);
    this.recent.set(foldedPhrase, found);
    if (this.recent.size > RECENT_PHRASES) {
      const oldest = this.recent.keys().next().value;
      if (oldest !== undefined) this.recent.delete(oldest);
    }
    return found;
  }

  private find(foldedPhrase: string): Set<string> {
    const found = new Set<string>();
    if (foldedPhrase === '') return found;
    const words = phraseWords(foldedPhrase);
    if (words) {
      // Words and single spaces only: the word positions answer (see phrase-positions.ts).
      const ids = (this.ids ??= this.allIds.all().map((row) => row.id));
      const docs = documentsWithWords(words, {
        size: (word) => this.positionsSize.get(word)?.size ?? null,
        read: (word) => this.positionsOf.get(word)?.data ?? null,
        verify: (doc) => containsPhrase(this.textById.get(ids[doc] ?? '')?.folded ?? '', foldedPhrase),
      });
      for (const doc of docs) {
        const id = ids[doc];
        if (id !== undefined) found.add(id);
      }
      return found;
    }
    const rows = this.statement.all({
      phrase: foldedPhrase,
      checkStart: isWordChar(foldedPhrase[0] as string) ? 1 : 0,
      checkEnd: isWordChar(foldedPhrase[foldedPhrase.length - 1] as string) ? 1 : 0,
    });
    for (const row of rows) {
      if (row.clean === 1) {
        found.add(row.id);
        continue;
      }
      const folded = this.textById.get(row.id)?.folded ?? '';
      if (containsPhrase(folded, foldedPhrase)) found.add(row.id);
    }
    return found;
  }
}
