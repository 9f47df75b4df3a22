import { createSpanishAnalyzer, WORD_PATTERN } from './analyzer';
import { INDEX_FIELD_NAMES, fieldText } from './fields';
import { foldForMatching } from './fold';
import type { IndexableDocument } from './index-builder';
import { wordPositionsOf, type WordPositions } from './phrase-positions';

/**
 * Everything the corpus writer needs from one document's text for the search index and the
 * phrase positions, computed from that document alone.
 *
 * Why a separate step: tokenising, stemming and folding 10,000 documents on the main thread,
 * after the import, was more than a third of a build. Since none of it depends on the other
 * documents, the import's render lanes (worker threads) compute it right after rendering each
 * document, in parallel; the writer then only merges per-document lists (term ids, BM25, position
 * lists), work proportional to distinct words rather than to every word occurrence.
 *
 * Plain data (strings and typed arrays) so that it crosses threads by structured clone.
 */
export interface FieldTerms {
  /** Distinct index terms of the field, in order of first occurrence (Lunr numbers terms that way). */
  terms: string[];
  /** Occurrences of `terms[i]` in the field. */
  counts: Int32Array;
  /** Number of indexed tokens in the field (stop words excluded): Lunr's field length. */
  length: number;
}

export interface DocumentAnalysis {
  /** One entry per index field, in `INDEX_FIELD_NAMES` order. */
  fields: FieldTerms[];
  /** The body text folded for phrase matching (foldForMatching). */
  folded: string;
  words: WordPositions;
}

export type DocumentAnalyser = (document: IndexableDocument) => DocumentAnalysis;

/**
 * An analyser with its own memo of analysed words (one per thread or per build: Spanish text
 * repeats a small vocabulary, so the stemmer runs once per distinct word form).
 */
export function createDocumentAnalyser(): DocumentAnalyser {
  const analyzer = createSpanishAnalyzer();

  const fieldTerms = (text: string): FieldTerms => {
    const counts = new Map<string, number>();
    let length = 0;
    // The index tokenizer's rule (tokenizeForIndex): NFC, then runs of letters, marks, digits.
    for (const match of text.normalize('NFC').matchAll(WORD_PATTERN)) {
      const term = analyzer.analyzeWord(match[0]);
      if (term === null) continue;
      length += 1;
      counts.set(term, (counts.get(term) ?? 0) + 1);
    }
    return { terms: [...counts.keys()], counts: Int32Array.from(counts.values()), length };
  };

  /**
   * The body's terms from its folded words (each analysed once per document, with its number of
   * positions as its count) instead of from every token of the raw text: the same terms, counts
   * and first-occurrence order, for half the stemmer lookups and no second pass over the text.
   * Same because folding is what the analyzer does first, and without combining marks or astral
   * characters in the text the folded text splits into the same words as the raw text (both
   * differ on those: marks vanish when folded, astral letters split phrase words). Texts with
   * either take the general path.
   */
  const bodyTermsFromWords = ({ words, starts }: WordPositions): FieldTerms => {
    const counts = new Map<string, number>();
    let length = 0;
    for (let i = 0; i < words.length; i += 1) {
      const term = analyzer.analyzeWord(words[i] as string);
      if (term === null) continue;
      const occurrences = (starts[i + 1] as number) - (starts[i] as number);
      length += occurrences;
      counts.set(term, (counts.get(term) ?? 0) + occurrences);
    }
    return { terms: [...counts.keys()], counts: Int32Array.from(counts.values()), length };
  };

  return (document) => {
    const folded = foldForMatching(document.text);
    const words = wordPositionsOf(folded);
    const simple = !ASTRAL.test(document.text) && !MARK.test(document.text);
    return {
      fields: INDEX_FIELD_NAMES.map((name) =>
        name === 'body'
          ? simple
            ? bodyTermsFromWords(words)
            : fieldTerms(document.text)
          : fieldTerms(fieldText(document, name)),
      ),
      folded,
      words,
    };
  };
}

/** Either half of a surrogate pair (code units, hence no `u` flag). */
const ASTRAL = /[\uD800-\uDFFF]/;
const MARK = /\p{M}/u;
