import type { SqliteDatabase } from '../db/open-database';
import { foldForMatching } from '../search/fold';
import { containsPhrase, isWordChar } from '../search/text-match';
import { documentsWithWords, phraseWords, type PositionLists } from '../search/phrase-positions';
import { PhraseWordList } from './phrase-word-list';

/**
 * Which documents hold a quoted phrase, answered from the word positions stored at build time
 * (phrase_positions, see search/phrase-positions.ts) without a second, folded copy of the texts.
 *
 * - A phrase of words and single spaces is found where its words sit at consecutive positions.
 *   When only a few candidates are left and the remaining word's list is long, those few texts
 *   are checked instead: read (one compressed block each, store/document-blocks.ts), folded on
 *   the fly and searched with containsPhrase.
 * - Any other phrase (punctuation, several spaces…) holds runs of such words: every word of it is
 *   a whole word of a matching text (containsPhrase respects word boundaries, and the chars that
 *   separate the runs are part of the phrase). So the documents with every run are the
 *   candidates, and each candidate's folded text is checked. A phrase with no word at all has
 *   every document as a candidate (slow, and rare: "--" or "¿?").
 */
const RECENT_PHRASES = 16;

/** The documents holding one phrase, by id and by position. */
interface PhraseHolders {
  ids: Set<string>;
  positions: number[];
}

export class PhraseTexts {
  private readonly positionsOf;
  private readonly positionsSize;
  private readonly allIds;
  private readonly wordListRow;
  private ids: string[] | null = null;
  /** Read on the first phrase (store/phrase-word-list.ts), then kept. */
  private wordList: PhraseWordList | null = null;
  /** Answers to the last few phrases: the UI asks again for page 2 or with a filter added. */
  private readonly recent = new Map<string, PhraseHolders>();

  constructor(
    db: SqliteDatabase,
    private readonly textOf: (id: string) => string | null,
  ) {
    this.positionsOf = db.prepare<[number], { data: Buffer }>('SELECT data FROM phrase_positions WHERE id = ?');
    // length() of a blob comes from the record header: the list itself is not read.
    this.positionsSize = db.prepare<[number], { size: number }>(
      'SELECT length(data) AS size FROM phrase_positions WHERE id = ?',
    );
    this.wordListRow = db.prepare<[], { words: Buffer }>('SELECT words FROM phrase_words WHERE id = 1');
    this.allIds = db.prepare<[], { id: string }>('SELECT id FROM documents ORDER BY id');
  }

  /** Ids of the documents whose text holds the folded phrase on word boundaries. */
  documentsContaining(foldedPhrase: string): ReadonlySet<string> {
    return this.holders(foldedPhrase).ids;
  }

  /** The same documents by position in id order (= in the search index's refs), ascending. */
  positionsContaining(foldedPhrase: string): readonly number[] {
    return this.holders(foldedPhrase).positions;
  }

  private holders(foldedPhrase: string): PhraseHolders {
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

  private find(foldedPhrase: string): PhraseHolders {
    if (foldedPhrase === '') return { ids: new Set(), positions: [] };
    const ids = (this.ids ??= this.allIds.all().map((row) => row.id));
    const verify = (doc: number): boolean => {
      const text = this.textOf(ids[doc] ?? '');
      return text !== null && containsPhrase(foldForMatching(text), foldedPhrase);
    };
    const words = phraseWords(foldedPhrase);
    const docs = words ? documentsWithWords(words, this.lists(verify)) : this.otherPhrase(foldedPhrase, ids, verify);
    const positions = docs.filter((doc) => ids[doc] !== undefined).sort((a, b) => a - b);
    return { ids: new Set(positions.map((doc) => ids[doc] ?? '')), positions };
  }

  /** A phrase with chars other than words and single spaces: candidates by its word runs, then each text checked. */
  private otherPhrase(foldedPhrase: string, ids: readonly string[], verify: (doc: number) => boolean): number[] {
    let candidates: number[] | null = null;
    // Candidates only: documentsWithWords may stop early and leave the rest to the check below.
    const lists = this.lists(() => true);
    for (const run of wordRuns(foldedPhrase)) {
      const docs = documentsWithWords(run, lists);
      const kept: Set<number> | null = candidates === null ? null : new Set(candidates);
      candidates = kept === null ? docs : docs.filter((doc) => kept.has(doc));
      if (candidates.length === 0) return [];
    }
    return (candidates ?? ids.map((_, doc) => doc)).filter(verify);
  }

  private lists(verify: (doc: number) => boolean): PositionLists {
    return {
      size: (word) => {
        const id = this.wordId(word);
        return id === null ? null : (this.positionsSize.get(id)?.size ?? null);
      },
      read: (word) => {
        const id = this.wordId(word);
        return id === null ? null : (this.positionsOf.get(id)?.data ?? null);
      },
      verify,
    };
  }

  /** The phrase_positions row of a word form, null when no text holds it. */
  private wordId(word: string): number | null {
    if (!this.wordList) {
      const row = this.wordListRow.get();
      if (!row) throw new Error('the corpus has no list of phrase words; rebuild the corpus');
      this.wordList = new PhraseWordList(row.words);
    }
    return this.wordList.idOf(word);
  }
}

/**
 * The phrase's words grouped into runs of words separated by exactly one space (the adjacency
 * rule of phrase-positions.ts); anything else between two words starts a new run. Words are
 * maximal runs of code units that isWordChar accepts, as in the stored positions.
 */
export function wordRuns(foldedPhrase: string): string[][] {
  const runs: string[][] = [];
  let run: string[] = [];
  let previousEnd = -1;
  let i = 0;
  while (i < foldedPhrase.length) {
    if (!isWordChar(foldedPhrase[i] ?? '')) {
      i += 1;
      continue;
    }
    const start = i;
    while (i < foldedPhrase.length && isWordChar(foldedPhrase[i] ?? '')) i += 1;
    const adjacent = previousEnd >= 0 && start === previousEnd + 1 && foldedPhrase[previousEnd] === ' ';
    if (!adjacent && run.length > 0) {
      runs.push(run);
      run = [];
    }
    run.push(foldedPhrase.slice(start, i));
    previousEnd = i;
  }
  if (run.length > 0) runs.push(run);
  return runs;
}
