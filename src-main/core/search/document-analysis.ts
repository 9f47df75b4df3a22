import { createSpanishAnalyzer, WORD_PATTERN } from './analyzer';
import { INDEX_FIELD_NAMES, fieldText } from './fields';
import { foldForMatching } from './fold';
import { IntList } from './int-list';
import { NumberedNames } from './numbered-names';
import type { IndexableDocument } from './index-builder';
import { groupedPositions, wordCharTable, type WordPositions } from './phrase-positions';
import { HASH_START, hashOf, hashStep, WordRangeTable } from './word-range-table';
import { StringTable } from '../build/string-table';
import { foldedWord, forEachFusedWord, isFusable } from './fused-body-scan';
import { detachedCopy } from './detached-string';

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
  /**
   * The same strings as numbers of a `StringTable` (the analyser's, or the corpus writer's once
   * decoded from a worker): what the writer's builders look up instead of the strings.
   */
  keys?: AnalysisKeys;
}

/** A document analysis' strings as numbers of `table`, list for list. */
export interface AnalysisKeys {
  table: StringTable;
  /** `fields[f][i]` numbers `fields[f].terms[i]`. */
  fields: Int32Array[];
  words: Int32Array;
  forms: Int32Array;
  formTerms: Int32Array;
}

/** The keys of an analysis in `table`: its own when numbered there, else its strings numbered now. */
export function analysisKeys(table: StringTable, analysis: DocumentAnalysis): AnalysisKeys {
  if (analysis.keys?.table === table) return analysis.keys;
  return {
    table,
    fields: analysis.fields.map((field) => table.internAll(field.terms)),
    words: table.internAll(analysis.words.words),
    forms: table.internAll(analysis.forms),
    formTerms: table.internAll(analysis.formTerms),
  };
}

export type DocumentAnalyser = (document: IndexableDocument) => DocumentAnalysis;

/**
 * An analyser with its own memo of analysed words (one per thread or per build: Spanish text
 * repeats a small vocabulary, so the stemmer runs once per distinct word form).
 *
 * Why one memo entry per word holding both its index term and its folded form, and per-term and
 * per-form slots that count in place: this runs for every word of every document (7 million at
 * 10,000 documents). A lookup in the stemmer's memo, another in the fold memo, a per-field Map of
 * counts and a per-document Map of forms were four hash lookups per word, a quarter of a render
 * thread's time; now it is one, and a document's lists are read off the slots it touched.
 */
export function createDocumentAnalyser(table = new StringTable(), memoLimit = MEMO_LIMIT): DocumentAnalyser {
  const analyzer = createSpanishAnalyzer();
  /** Words as written, numbered: number n's term slot, form slot (-1 for a stop word) and phrase word below. */
  const memo = new WordRangeTable();
  /**
   * Per memo number: its term slot, form slot (both -1 for a stop word) and its folded form's number
   * in `phraseWords` (-1 until a fused scan, or after a reset, needs it). Columns of numbers, not an
   * object per word pointing at an object per term and per form: the scan reads them for every word
   * of every document, and following three pointers into a vocabulary of 100,000 objects was where
   * its time went (cache misses on `entries[number]` and its slots, by a line-level profile).
   */
  const wordTerm = new IntList(1 << 12);
  const wordForm = new IntList(1 << 12);
  const wordPhrase = new IntList(1 << 12);
  /** Term slots by number: the term and its key in `table`, its count in the field analysed and that field's stamp. */
  const terms = new NumberedNames(table);
  const termNames = terms.names;
  const termKeys = terms.keys;
  const termCounts = new IntList(1 << 12);
  const termStamps = new IntList(1 << 12);
  /** Form slots by number: the folded form and its key, the document that last used it, its first term there. */
  const forms = new NumberedNames(table);
  const formNames = forms.names;
  const formKeysOf = forms.keys;
  const formStamps = new IntList(1 << 12);
  const formFirstTerms = new IntList(1 << 12);
  /** Folded words of the phrase positions, numbered in `phraseWords`, with their slots by number. */
  const phraseWords = new WordRangeTable();
  let phraseSlots = newPhraseSlots();
  /**
   * Lists refilled for each document (its form keys and their terms' keys, copied out at its end)
   * and each field (the term slots it touched, read at its end): kept, not allocated again, as a
   * typed array of some size costs a backing store of its own each time.
   */
  const formKeys = new IntList(1 << 8);
  const formTermKeys = new IntList(1 << 8);
  const touched = new IntList(1 << 8);
  /** Stamps tell a slot first touched in this field (or document) from one left by an earlier one. */
  let fieldStamp = 0;
  let documentStamp = 0;

  /** Adds the memo's entry for a new word (its number is the next one). */
  const addWord = (word: string): void => {
    const term = analyzer.analyzeWord(word);
    // Its own entry: a stop word still has a phrase word.
    if (term === null) {
      wordTerm.push(-1);
      wordForm.push(-1);
      wordPhrase.push(-1);
      return;
    }
    const termsBefore = terms.size;
    const termNumber = terms.numberOf(term);
    if (termNumber === termsBefore) {
      termCounts.push(0);
      termStamps.push(0);
    }
    const formsBefore = forms.size;
    const formNumber = forms.numberOf(analyzer.foldWord(word));
    if (formNumber === formsBefore) {
      formStamps.push(0);
      formFirstTerms.push(termNumber);
    }
    wordTerm.push(termNumber);
    wordForm.push(formNumber);
    wordPhrase.push(-1);
  };

  /** The number of the folded word `source[start, end)` (its `hashOf` is `hash`) in `phraseWords`, added if new. */
  const phraseNumberOf = (source: string, start: number, end: number, hash: number): number => {
    let number = phraseWords.find(source, start, end, hash);
    if (number < 0) {
      // Kept in build-long tables: detached, so it does not keep the document's text alive.
      const word = detachedCopy(source.slice(start, end));
      number = phraseWords.add(word, hash);
      phraseSlots.keys.push(table.intern(word));
      phraseSlots.stamps.push(0);
      phraseSlots.local.push(0);
    }
    return number;
  };

  /** Collects one document's word positions (as `wordPositionsOf` gives them) and their keys in `table`. */
  const positionCollector = () => {
    const words: string[] = [];
    const keys: number[] = [];
    const occurrenceWord: number[] = [];
    const occurrencePosition: number[] = [];
    const slots = phraseSlots;
    return {
      record(number: number, position: number): void {
        if (slots.stamps.data[number] !== documentStamp) {
          slots.stamps.data[number] = documentStamp;
          slots.local.data[number] = words.length;
          words.push(phraseWords.word(number));
          keys.push(slots.keys.data[number] ?? 0);
        }
        occurrenceWord.push(slots.local.data[number] ?? 0);
        occurrencePosition.push(position);
      },
      finish(): { words: WordPositions; keys: Int32Array } {
        return { words: groupedPositions(words, occurrenceWord, occurrencePosition), keys: Int32Array.from(keys) };
      },
    };
  };

  /** The word positions of the folded body, by a scan of their own (a body `isFusable` turns down). */
  const positionsOf = (folded: string): { words: WordPositions; keys: Int32Array } => {
    const collector = positionCollector();
    forEachFoldedWord(folded, (start, end, hash, position) => {
      collector.record(phraseNumberOf(folded, start, end, hash), position);
    });
    return collector.finish();
  };

  return (document) => {
    documentStamp += 1;
    // Bounded like the analyzer's own memo (a huge vocabulary must not grow it forever); only
    // between documents, as a document's lists are read off the slots it touches.
    if (memo.size + terms.size + forms.size > memoLimit) {
      memo.clear();
      for (const column of [wordTerm, wordForm, wordPhrase, termCounts, termStamps, formStamps, formFirstTerms])
        column.clear();
      terms.clear();
      forms.clear();
    }
    if (phraseWords.size > memoLimit) {
      phraseWords.clear();
      phraseSlots = newPhraseSlots();
      // Their numbers are gone: each word finds its phrase word again when next met.
      wordPhrase.data.fill(-1, 0, wordPhrase.length);
    }
    // The document's distinct (form, term) pairs in order of first occurrence; a form spelt two
    // ways that stem apart (rare) appears once more per further term.
    const formList: string[] = [];
    const formTerms: string[] = [];
    formKeys.clear();
    formTermKeys.clear();
    const fieldKeys: Int32Array[] = [];
    let splitForms: Set<string> | null = null;
    /** The memo's number for the word `source[start, end)` as written (its `hashOf` is `hash`), added if new. */
    const wordAt = (source: string, start: number, end: number, hash: number): number => {
      const number = memo.find(source, start, end, hash);
      if (number >= 0) return number;
      const word = detachedCopy(source.slice(start, end));
      addWord(word);
      return memo.add(word, hash);
    };
    const fieldTerms = (text: string, positions: ReturnType<typeof positionCollector> | null): FieldTerms => {
      fieldStamp += 1;
      touched.clear();
      let length = 0;
      const count = (word: number): void => {
        const term = wordTerm.data[word] ?? -1;
        if (term < 0) return;
        const form = wordForm.data[word] ?? 0;
        length += 1;
        if (termStamps.data[term] !== fieldStamp) {
          termStamps.data[term] = fieldStamp;
          termCounts.data[term] = 0;
          touched.push(term);
        }
        termCounts.data[term] = (termCounts.data[term] ?? 0) + 1;
        if (formStamps.data[form] !== documentStamp) {
          formStamps.data[form] = documentStamp;
          formFirstTerms.data[form] = term;
          formList.push(formNames[form] ?? '');
          formTerms.push(termNames[term] ?? '');
          formKeys.push(formKeysOf.data[form] ?? 0);
          formTermKeys.push(termKeys.data[term] ?? 0);
        } else if (formFirstTerms.data[form] !== term) {
          splitForms ??= new Set();
          const key = `${formNames[form] ?? ''}\u0000${termNames[term] ?? ''}`;
          if (!splitForms.has(key)) {
            splitForms.add(key);
            formList.push(formNames[form] ?? '');
            formTerms.push(termNames[term] ?? '');
            formKeys.push(formKeysOf.data[form] ?? 0);
            formTermKeys.push(termKeys.data[term] ?? 0);
          }
        }
      };
      if (positions) {
        // A fusable NFC body (see fused-body-scan.ts): its terms and its phrase positions in one scan.
        forEachFusedWord(text, (start, end, hash, position) => {
          const word = wordAt(text, start, end, hash);
          count(word);
          let phrase = wordPhrase.data[word] ?? -1;
          if (phrase < 0) {
            const folded = foldedWord(text, start, end);
            phrase = phraseNumberOf(folded.word, 0, folded.word.length, folded.hash);
            wordPhrase.data[word] = phrase;
          }
          positions.record(phrase, position);
        });
      } else {
        // The index tokenizer's rule (tokenizeForIndex): NFC, then runs of letters, marks, digits.
        // Stemmed from the word as written (accents kept), then folded: see analyzer.ts.
        forEachWord(text.normalize('NFC'), (source, start, end, hash) => {
          count(wordAt(source, start, end, hash));
        });
      }
      const counts = new Int32Array(touched.length);
      const keys = new Int32Array(touched.length);
      const terms: string[] = [];
      for (let i = 0; i < touched.length; i += 1) {
        const term = touched.data[i] ?? 0;
        terms.push(termNames[term] ?? '');
        keys[i] = termKeys.data[term] ?? 0;
        counts[i] = termCounts.data[term] ?? 0;
      }
      fieldKeys.push(keys);
      return { terms, counts, length };
    };
    const body = document.text;
    const fusedPositions = isFusable(body) && body.normalize('NFC') === body ? positionCollector() : null;
    const fields = INDEX_FIELD_NAMES.map((name) =>
      name === 'body' ? fieldTerms(body, fusedPositions) : fieldTerms(fieldText(document, name), null),
    );
    const positions = fusedPositions ? fusedPositions.finish() : positionsOf(foldForMatching(body));
    const keys: AnalysisKeys = {
      table,
      fields: fieldKeys,
      words: positions.keys,
      forms: formKeys.view().slice(),
      formTerms: formTermKeys.view().slice(),
    };
    return { fields, words: positions.words, forms: formList, formTerms, keys };
  };
}

/** Per number of the phrase word table: its key in the string table, the last document that used it, its number there. */
interface PhraseSlots {
  keys: IntList;
  stamps: IntList;
  local: IntList;
}

function newPhraseSlots(): PhraseSlots {
  return { keys: new IntList(1 << 12), stamps: new IntList(1 << 12), local: new IntList(1 << 12) };
}

const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * The words of WORD_PATTERN in `text` (runs of letters, marks and digits by code point), each as
 * a range of a string with its `hashOf`. A scan over code units with phrase-positions' table of
 * word chars: the same words (without surrogates a code point is one code unit) without a match
 * object or a string per word, which was a good part of analysing 7 million words; a text
 * holding an astral char takes the regex.
 */
function forEachWord(text: string, visit: (source: string, start: number, end: number, hash: number) => void): void {
  if (SURROGATE.test(text)) {
    for (const match of text.matchAll(WORD_PATTERN)) visit(match[0], 0, match[0].length, hashOf(match[0]));
    return;
  }
  const wordChar = wordCharTable();
  const length = text.length;
  let i = 0;
  while (i < length) {
    while (i < length && wordChar[text.charCodeAt(i)] === 0) i += 1;
    if (i === length) return;
    const start = i;
    let hash = HASH_START;
    while (i < length) {
      const code = text.charCodeAt(i);
      if (wordChar[code] !== 1) break;
      hash = hashStep(hash, code);
      i += 1;
    }
    visit(text, start, i, hash);
  }
}

/**
 * The words of a folded text with their positions: `forEachWordPosition`'s words and positions,
 * each word as a range of `folded` with its `hashOf`.
 */
function forEachFoldedWord(
  folded: string,
  visit: (start: number, end: number, hash: number, position: number) => void,
): void {
  const wordChar = wordCharTable();
  const length = folded.length;
  let position = -1;
  let previousEnd = -1;
  let i = 0;
  while (i < length) {
    while (i < length && wordChar[folded.charCodeAt(i)] === 0) i += 1;
    if (i === length) break;
    const start = i;
    let hash = HASH_START;
    while (i < length) {
      const code = folded.charCodeAt(i);
      if (wordChar[code] !== 1) break;
      hash = hashStep(hash, code);
      i += 1;
    }
    const adjacent = previousEnd >= 0 && start === previousEnd + 1 && folded.charCodeAt(previousEnd) === 32;
    position += adjacent || previousEnd < 0 ? 1 : 2;
    visit(start, i, hash, position);
    previousEnd = i;
  }
}

/**
 * Words, terms and forms memoised before the memo starts again (the analyzer's own memo keeps
 * 200,000); a test passes a small limit to `createDocumentAnalyser` to go through the reset.
 */
const MEMO_LIMIT = 400_000;
