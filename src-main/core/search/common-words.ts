import type { SpanishAnalyzer } from './analyzer';

/**
 * A query made only of words too common to index (`de la`, `el`, `y tú`) finds nothing: the
 * analyzer drops Spanish stop words, as Lunr's pipeline and every peer engine's does. The
 * phrase positions keep every word, though, so the same words in quotes are found. This gives
 * that phrase for such a query, so the answer can offer it instead of a bare "no results".
 *
 * Only for a query of plain words (letters, digits, spaces): one with quotes, fields, wildcards
 * or operators was written on purpose and is answered as written.
 */
const PLAIN_QUERY = /^[\p{L}\p{M}\p{N}\s]+$/u;

/** `"<the words>"` when every word of `query` is a stop word; null otherwise. */
export function commonWordsPhrase(query: string, analyzer: SpanishAnalyzer): string | null {
  const text = query.normalize('NFC').trim();
  if (!PLAIN_QUERY.test(text)) return null;
  const words = text.split(/\s+/u);
  if (!words.every((word) => analyzer.analyzeWord(word.toLowerCase()) === null)) return null;
  return `"${words.join(' ')}"`;
}

/** The notice of an answer that offers the phrase (the UI words it by its code). */
export function commonWordsNotice(query: string, phrase: string): { code: 'common-words'; message: string } {
  return {
    code: 'common-words',
    message: `Every word of "${query.trim()}" is too common to be searched on its own; as a phrase, ${phrase}, it is found.`,
  };
}
