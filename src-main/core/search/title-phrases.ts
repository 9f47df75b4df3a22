import { foldForMatching } from './fold';
import { isWordChar } from './text-match';
import { asOneByteString } from './latin1-text';

/** A document's title and description as stored (unfielded phrase checks look at both). */
export interface TitleAndDescription {
  title: string;
  description: string | null;
}

/** Documents per chunk of folded text: a chunk with one char beyond Latin-1 is stored with two bytes a char. */
const CHUNK_DOCUMENTS = 256;
/** Keeps folded fields apart; never in a folded phrase (see `documentsWith`) and not a word char. */
const SEPARATOR = '\u0000';
/**
 * Stands in the stored text for every char beyond Latin-1 (and for itself): see `Chunk.standIns`.
 * A phrase holding it or such a char is checked document by document instead (`documentsWith`).
 */
const STAND_IN = '\u007f';
/**
 * Code units beyond Latin-1, and the stand-in itself. Without the `u` flag: each half of a
 * surrogate pair is replaced on its own, so offsets stay those of the folded text.
 */
const NEEDS_STAND_IN = /[\u007f\u0100-\uffff]/g;
/** Phrases whose answers are kept: the UI asks again for page 2, or with a filter added. */
const RECENT_PHRASES = 16;

interface Chunk {
  /** Folded title, SEPARATOR, folded description, SEPARATOR, for each of the chunk's documents. */
  text: string;
  /** Offset in `text` where each document's title starts (ascending). */
  starts: Int32Array;
  /** Position of the chunk's first document. */
  first: number;
  /**
   * The folded char each STAND_IN of `text` replaced, by offset. Why: one char beyond Latin-1
   * (the `…` ending generated descriptions) made V8 keep a whole chunk at two bytes a char: 38
   * of 40 chunks at 10,000 documents, 3.5 MB instead of 1.8. A phrase match never covers a
   * stand-in (such phrases are not looked up here), so only the word-boundary checks beside a
   * match read the replaced chars.
   */
  standIns: Map<number, string>;
}

/**
 * Which documents hold a folded phrase in their title or description, for the unfielded phrase
 * checks of every match whose body lacks the phrase (`"gobierno abierto"` has ~7,000 matches at
 * 10,000 documents, most of them such).
 *
 * Why: those checks read and folded each match's title and description, kept in a 4 MB cache
 * that held fewer documents than one phrase query checks, so each such query read thousands of
 * rows from SQLite (a third of its time). Here every document's fields are folded once, on the
 * first phrase, into a few long strings (about 1.8 MB at 10,000 documents) and a phrase is found
 * in them with `indexOf`, then kept as one byte per document for the next few queries.
 * Same answers as `containsPhrase(foldForMatching(field), phrase)` on each field: the separator is
 * not a word char, so it bounds words as a field's start or end does, and no phrase spans it.
 */
export class TitlePhrases {
  private chunks: Chunk[] | null = null;
  private readonly recent = new Map<string, Uint8Array>();

  constructor(
    private readonly documentCount: number,
    /** Every document's title and description, in document position order. */
    private readonly readAll: () => Iterable<TitleAndDescription>,
  ) {}

  /**
   * One byte per document position, 1 where its folded title or description holds the folded
   * phrase on word boundaries. Null for a phrase holding the separator (never typed), the
   * stand-in or a char beyond Latin-1: the caller checks each document instead.
   */
  documentsWith(foldedPhrase: string): Uint8Array | null {
    if (foldedPhrase.includes(SEPARATOR) || foldedPhrase.search(NEEDS_STAND_IN) >= 0) return null;
    const known = this.recent.get(foldedPhrase);
    if (known) {
      this.recent.delete(foldedPhrase);
      this.recent.set(foldedPhrase, known);
      return known;
    }
    const found = new Uint8Array(this.documentCount);
    if (foldedPhrase !== '') for (const chunk of this.foldedChunks()) markChunk(chunk, foldedPhrase, found);
    this.recent.set(foldedPhrase, found);
    if (this.recent.size > RECENT_PHRASES) {
      const oldest = this.recent.keys().next().value;
      if (oldest !== undefined) this.recent.delete(oldest);
    }
    return found;
  }

  private foldedChunks(): Chunk[] {
    if (this.chunks) return this.chunks;
    const chunks: Chunk[] = [];
    let parts: string[] = [];
    let starts: number[] = [];
    let length = 0;
    let position = 0;
    const close = (): void => {
      const standIns = new Map<number, string>();
      const text = asOneByteString(
        parts.join('').replace(NEEDS_STAND_IN, (char, offset: number) => {
          standIns.set(offset, char);
          return STAND_IN;
        }),
      );
      chunks.push({ text, starts: Int32Array.from(starts), first: position - starts.length, standIns });
      parts = [];
      starts = [];
      length = 0;
    };
    for (const { title, description } of this.readAll()) {
      const entry = `${foldForMatching(title)}${SEPARATOR}${foldForMatching(description ?? '')}${SEPARATOR}`;
      starts.push(length);
      parts.push(entry);
      length += entry.length;
      position += 1;
      if (starts.length === CHUNK_DOCUMENTS) close();
    }
    if (starts.length > 0) close();
    if (position !== this.documentCount) {
      throw new Error('the documents and the search index disagree on the number of documents; rebuild the corpus');
    }
    this.chunks = chunks;
    return chunks;
  }
}

/** Marks the documents of one chunk where the phrase occurs on word boundaries (containsPhrase's rule). */
function markChunk(chunk: Chunk, phrase: string, found: Uint8Array): void {
  const { text, starts, first, standIns } = chunk;
  const charAt = (offset: number): string => standIns.get(offset) ?? text[offset] ?? '';
  const wordStart = isWordChar(phrase[0] ?? '');
  const wordEnd = isWordChar(phrase[phrase.length - 1] ?? '');
  for (let at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + 1)) {
    const end = at + phrase.length;
    const startsWord = at === 0 || !wordStart || !isWordChar(charAt(at - 1));
    const endsWord = end === text.length || !wordEnd || !isWordChar(charAt(end));
    if (startsWord && endsWord) found[first + documentAt(starts, at)] = 1;
  }
}

/** Index of the last start at or before `offset`, by binary search. */
function documentAt(starts: Int32Array, offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if ((starts[middle] ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}
