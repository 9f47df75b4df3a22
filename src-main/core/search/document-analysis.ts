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
  /** Word positions of the body text folded for phrase matching (foldForMatching); the folded text itself is not kept. */
  words: WordPositions;
  /**
   * Distinct folded word forms of every field (stop words excluded), each with the index term its
   * accented spelling stems to (`formTerms[i]` for `forms[i]`; a form spelt two ways that stem
   * apart appears twice). The corpus's vocabulary of forms (word-forms.ts): prefix search,
   * exact-form ranking, fuzzy matching and accent-free queries are answered from it.
   */
  forms: string[];
  formTerms: string[];
}

export type DocumentAnalyser = (document: IndexableDocument) => DocumentAnalysis;

/**
 * An analyser with its own memo of analysed words (one per thread or per build: Spanish text
 * repeats a small vocabulary, so the stemmer runs once per distinct word form).
 */
export function createDocumentAnalyser(): DocumentAnalyser {
  const analyzer = createSpanishAnalyzer();

  return (document) => {
    const forms = new Map<string, string>();
    const fieldTerms = (text: string): FieldTerms => {
      const counts = new Map<string, number>();
      let length = 0;
      // The index tokenizer's rule (tokenizeForIndex): NFC, then runs of letters, marks, digits.
      // Stemmed from the word as written (accents kept), then folded: see analyzer.ts.
      for (const match of text.normalize('NFC').matchAll(WORD_PATTERN)) {
        const word = match[0];
        const term = analyzer.analyzeWord(word);
        if (term === null) continue;
        length += 1;
        counts.set(term, (counts.get(term) ?? 0) + 1);
        const form = analyzer.foldWord(word);
        const known = forms.get(form);
        // Two spellings of one folded form stemming apart (rare) are both kept, under a key of their own.
        if (known === undefined) forms.set(form, term);
        else if (known !== term) forms.set(`${form}\u0000${term}`, term);
      }
      return { terms: [...counts.keys()], counts: Int32Array.from(counts.values()), length };
    };
    const folded = foldForMatching(document.text);
    const fields = INDEX_FIELD_NAMES.map((name) =>
      fieldTerms(name === 'body' ? document.text : fieldText(document, name)),
    );
    const formList: string[] = [];
    const formTerms: string[] = [];
    for (const [key, term] of forms) {
      const zero = key.indexOf('\u0000');
      formList.push(zero < 0 ? key : key.slice(0, zero));
      formTerms.push(term);
    }
    return { fields, words: wordPositionsOf(folded), forms: formList, formTerms };
  };
}
