import { packList, unpackList } from '../search/packed-list';
import { indexInSorted } from '../search/sorted-strings';

/**
 * The word forms that have phrase positions (phrase_positions rows are numbered by a form's place
 * in this list), stored as one packed row (phrase_words): sorted by code unit, joined by newlines.
 *
 * Why not the word as the rows' key: a text primary key is stored twice, in the row and in its
 * index (1.2 MB of 15.6 at 10,000 posts); an integer key is the row id itself. The list costs
 * 0.1 MB packed and is read once per open archive, on its first phrase query.
 */
export function encodePhraseWords(words: readonly string[]): Buffer {
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i] ?? '';
    if (word === '' || word.includes('\n')) throw new Error(`phrase word ${JSON.stringify(word)} cannot be stored`);
    if (i > 0 && !((words[i - 1] ?? '') < word))
      throw new Error(`phrase words are not sorted at ${JSON.stringify(word)}`);
  }
  return packList(Buffer.from(words.join('\n'), 'utf8'));
}

/** Looks a word form's row number up by binary search over the stored list. */
export class PhraseWordList {
  private readonly words: readonly string[];

  constructor(stored: Buffer) {
    const text = Buffer.from(unpackList(stored, 'phrase words')).toString('utf8');
    this.words = text === '' ? [] : text.split('\n');
  }

  /** The row number of `word` in phrase_positions, or null when no text holds it. */
  idOf(word: string): number | null {
    const id = indexInSorted(this.words, word);
    return id < 0 ? null : id;
  }
}
