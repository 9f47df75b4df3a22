import type { SearchNotice } from '../../common/types';
import type { SpanishAnalyzer } from './analyzer';

/**
 * A query made only of words too common to index (`de la`, `el`, `y tú`) finds nothing: the
 * analyzer drops Spanish stop words, as Lunr's pipeline and every peer engine's does. The
 * phrase positions keep every word, though, so the same words in quotes are found. This tells
 * such a query apart, so the answer can say why it is empty and offer the phrase.
 *
 * Only for a query of plain words (letters, digits, spaces): one with quotes, fields, wildcards
 * or operators was written on purpose and is answered as written.
 */
const PLAIN_QUERY = /^[\p{L}\p{M}\p{N}\s]+$/u;

/** The words of `query` when it is plain and every word is a stop word; null otherwise. */
export function commonWordsOf(query: string, analyzer: SpanishAnalyzer): string[] | null {
  const text = query.normalize('NFC').trim();
  if (!PLAIN_QUERY.test(text)) return null;
  const words = text.split(/\s+/u);
  return words.every((word) => analyzer.analyzeWord(word.toLowerCase()) === null) ? words : null;
}

/**
 * The phrase to offer for such words: two or more, in quotes. Not for one word: a phrase of one
 * stop word (`"de"`) holds almost every document, and search-as-you-type passes through such a
 * word at nearly every query, where counting its holders (every document's positions of it)
 * would cost each keystroke tens of milliseconds per 10,000 documents, for an answer of little use.
 */
export function commonWordsPhrase(words: readonly string[]): string | null {
  return words.length >= 2 ? `"${words.join(' ')}"` : null;
}

/** The notice of such an answer, with the phrase when one is offered (the UI words it by its code). */
export function commonWordsNotice(query: string, phrase: string | null): SearchNotice {
  const why = `Every word of "${query.trim()}" is too common to be searched on its own`;
  return { code: 'common-words', message: phrase ? `${why}; as a phrase, ${phrase}, it is found.` : `${why}.` };
}
