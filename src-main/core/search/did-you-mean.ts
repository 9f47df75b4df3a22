import lunr from 'lunr';
import type { SpanishAnalyzer } from './analyzer';
import { MIN_WORD_LENGTH, type FuzzyWords } from './fuzzy-words';
import type { WordFormSource } from './word-forms';
import { expandsTerms, presenceOf } from './lunr-clauses';

/**
 * "Did you mean": a correction of a query that found nothing (or very little), taken from the
 * archive's own vocabulary, never from a dictionary of the language: `gobirno` → `gobierno`,
 * `espionage` → `espionaje`.
 *
 * Each plain word of the query (no wildcard, no `~`, not excluded, not a stop word) is looked up among the corpus's
 * folded word forms (word-forms.ts). A word no document holds, or (when the query found almost
 * nothing) one held by very few documents, is replaced by the closest form: fewer edits first
 * (optimal string alignment, accents folded on both sides, see fuzzy-words.ts), then the form
 * held by more documents. Words the corpus knows are left as typed.
 *
 * Bounded: at most MAX_WORDS words are checked, each with two scans of the forms of similar
 * length (cached by FuzzyWords), and at most MAX_CANDIDATES rows looked up for their counts.
 */

/** A query with at most this many hits may get a suggestion (0 always; 1–2 only for rare words). */
export const FEW_RESULTS = 2;
/** Words of one query checked for a correction. */
const MAX_WORDS = 8;
/** Near forms whose document counts are read per word (the first ones found, shortest distance first). */
const MAX_CANDIDATES = 200;
/** A word the corpus holds is still "misspelt" when a form one edit away is this many times more frequent. */
const RARE_RATIO = 10;

export interface VocabularySource {
  forms: WordFormSource;
  fuzzyWords: FuzzyWords;
}

export interface Correction {
  /** The query with its misspelt words replaced, otherwise as typed. */
  query: string;
}

interface Replacement {
  form: string;
  df: number;
}

/**
 * The corrected query, or null when no word needs (or has) a correction.
 * @param clauses the parsed query's clauses, to know which words are plain words.
 * @param few whether the query found very few documents (not none): only rare words are replaced then.
 */
export function suggestCorrection(
  raw: string,
  clauses: readonly lunr.Query.Clause[],
  vocabulary: VocabularySource,
  analyzer: SpanishAnalyzer,
  few: boolean,
): Correction | null {
  const plain = new Set<string>();
  for (const clause of clauses) {
    if (!isPlainWord(clause)) continue;
    plain.add(analyzer.foldWord(clause.term));
  }
  let replaced = 0;
  let checked = 0;
  const corrected = raw.replace(/[\p{L}\p{N}]+/gu, (word) => {
    const folded = analyzer.foldWord(word);
    if (!plain.has(folded) || folded.length < MIN_WORD_LENGTH || checked >= MAX_WORDS) return word;
    // Stop words are not indexed, so the vocabulary may not know them: never "correct" them.
    if (analyzer.analyzeWord(word.toLowerCase()) === null) return word;
    checked += 1;
    const replacement = replacementFor(folded, vocabulary, few);
    if (!replacement) return word;
    replaced += 1;
    return matchCase(word, replacement.form);
  });
  return replaced > 0 ? { query: corrected } : null;
}

/** A clause typed as a bare word: no wildcard, no fuzziness, not excluded. */
function isPlainWord(clause: lunr.Query.Clause): boolean {
  return (
    clause.usePipeline &&
    !clause.term.includes('*') &&
    !expandsTerms(clause) &&
    presenceOf(clause) !== lunr.Query.presence.PROHIBITED
  );
}

function replacementFor(folded: string, vocabulary: VocabularySource, few: boolean): Replacement | null {
  const known = vocabulary.forms.lookup(folded)?.df ?? 0;
  if (known > 0 && !few) return null;
  // Two edits for longer words only: two edits of a five-letter word reach too many other words.
  const maxDistance = folded.length >= 7 ? 2 : 1;
  for (let distance = 1; distance <= maxDistance; distance += 1) {
    const best = mostFrequent(folded, vocabulary, distance);
    if (!best) continue;
    if (known === 0 || best.df >= known * RARE_RATIO) return best;
    return null;
  }
  return null;
}

/** Of the forms within `distance` edits (but not the word itself), the one most documents hold. */
function mostFrequent(folded: string, vocabulary: VocabularySource, distance: number): Replacement | null {
  let best: Replacement | null = null;
  let read = 0;
  for (const form of vocabulary.fuzzyWords.near(folded, distance)) {
    if (form === folded || read >= MAX_CANDIDATES) continue;
    read += 1;
    const df = vocabulary.forms.lookup(form)?.df ?? 0;
    if (df > 0 && (best === null || df > best.df || (df === best.df && form < best.form))) best = { form, df };
  }
  return best;
}

/** Keeps the typed word's capitals: `Gobirno` → `Gobierno`, `GOBIRNO` → `GOBIERNO`. */
function matchCase(typed: string, form: string): string {
  if (typed.length > 1 && typed === typed.toUpperCase() && typed !== typed.toLowerCase()) return form.toUpperCase();
  const first = typed.charAt(0);
  if (first !== first.toLowerCase()) return form.charAt(0).toUpperCase() + form.slice(1);
  return form;
}
