import { createSpanishAnalyzer, WORD_PATTERN } from './analyzer';
import { INDEX_FIELD_NAMES, fieldText } from './fields';
import { foldForMatching } from './fold';
import { IntList } from './int-list';
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
export function createDocumentAnalyser(table = new StringTable()): DocumentAnalyser {
  const analyzer = createSpanishAnalyzer();
  /** Words as written -> `entries[number]`. */
  const memo = new WordRangeTable();
  const entries: WordEntry[] = [];
  const termSlots = new Map<string, TermSlot>();
  const formSlots = new Map<string, FormSlot>();
  /** Folded words of the phrase positions, numbered in `phraseWords`, with their slots by number. */
  const phraseWords = new WordRangeTable();
  let phraseSlots: PhraseSlots = { keys: [], stamps: [], local: [] };
  /** Stamps tell a slot first touched in this field (or document) from one left by an earlier one. */
  let fieldStamp = 0;
  let documentStamp = 0;

  const entryOf = (word: string): WordEntry => {
    const term = analyzer.analyzeWord(word);
    // Its own entry: a stop word still has a phrase word (`phrase`).
    if (term === null) return { termSlot: null, formSlot: null, phrase: -1 };
    let termSlot = termSlots.get(term);
    if (!termSlot) {
      termSlot = { term, key: table.intern(term), count: 0, stamp: 0 };
      termSlots.set(term, termSlot);
    }
    const form = analyzer.foldWord(word);
    let formSlot = formSlots.get(form);
    if (!formSlot) {
      formSlot = { form, key: table.intern(form), stamp: 0, firstTerm: termSlot };
      formSlots.set(form, formSlot);
    }
    return { termSlot, formSlot, phrase: -1 };
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
        if (slots.stamps[number] !== documentStamp) {
          slots.stamps[number] = documentStamp;
          slots.local[number] = words.length;
          words.push(phraseWords.word(number));
          keys.push(slots.keys[number] ?? 0);
        }
        occurrenceWord.push(slots.local[number] ?? 0);
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
    if (memo.size + termSlots.size + formSlots.size > MEMO_LIMIT) {
      memo.clear();
      entries.length = 0;
      termSlots.clear();
      formSlots.clear();
    }
    if (phraseWords.size > MEMO_LIMIT) {
      phraseWords.clear();
      phraseSlots = { keys: [], stamps: [], local: [] };
      // Their numbers are gone: each entry finds its phrase word again when next met.
      for (const entry of entries) entry.phrase = -1;
    }
    // The document's distinct (form, term) pairs in order of first occurrence; a form spelt two
    // ways that stem apart (rare) appears once more per further term.
    const formList: string[] = [];
    const formTerms: string[] = [];
    const formKeys = new IntList(1 << 8);
    const formTermKeys = new IntList(1 << 8);
    const fieldKeys: Int32Array[] = [];
    let splitForms: Set<string> | null = null;
    /** The memo's entry for the word `source[start, end)` as written (its `hashOf` is `hash`). */
    const entryAt = (source: string, start: number, end: number, hash: number): WordEntry => {
      const number = memo.find(source, start, end, hash);
      let entry = number < 0 ? undefined : entries[number];
      if (!entry) {
        const word = detachedCopy(source.slice(start, end));
        entry = entryOf(word);
        memo.add(word, hash);
        entries.push(entry);
      }
      return entry;
    };
    const fieldTerms = (text: string, positions: ReturnType<typeof positionCollector> | null): FieldTerms => {
      fieldStamp += 1;
      const touched: TermSlot[] = [];
      let length = 0;
      const count = (entry: WordEntry): void => {
        const { termSlot, formSlot } = entry;
        if (!termSlot || !formSlot) return;
        length += 1;
        if (termSlot.stamp !== fieldStamp) {
          termSlot.stamp = fieldStamp;
          termSlot.count = 0;
          touched.push(termSlot);
        }
        termSlot.count += 1;
        if (formSlot.stamp !== documentStamp) {
          formSlot.stamp = documentStamp;
          formSlot.firstTerm = termSlot;
          formList.push(formSlot.form);
          formTerms.push(termSlot.term);
          formKeys.push(formSlot.key);
          formTermKeys.push(termSlot.key);
        } else if (formSlot.firstTerm !== termSlot) {
          splitForms ??= new Set();
          const key = `${formSlot.form}\u0000${termSlot.term}`;
          if (!splitForms.has(key)) {
            splitForms.add(key);
            formList.push(formSlot.form);
            formTerms.push(termSlot.term);
            formKeys.push(formSlot.key);
            formTermKeys.push(termSlot.key);
          }
        }
      };
      if (positions) {
        // A fusable NFC body (see fused-body-scan.ts): its terms and its phrase positions in one scan.
        forEachFusedWord(text, (start, end, hash, position) => {
          const entry = entryAt(text, start, end, hash);
          count(entry);
          if (entry.phrase < 0) {
            const folded = foldedWord(text, start, end);
            entry.phrase = phraseNumberOf(folded.word, 0, folded.word.length, folded.hash);
          }
          positions.record(entry.phrase, position);
        });
      } else {
        // The index tokenizer's rule (tokenizeForIndex): NFC, then runs of letters, marks, digits.
        // Stemmed from the word as written (accents kept), then folded: see analyzer.ts.
        forEachWord(text.normalize('NFC'), (source, start, end, hash) => {
          count(entryAt(source, start, end, hash));
        });
      }
      const counts = new Int32Array(touched.length);
      const keys = new Int32Array(touched.length);
      const terms: string[] = [];
      touched.forEach((slot, i) => {
        terms.push(slot.term);
        keys[i] = slot.key;
        counts[i] = slot.count;
      });
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
  keys: number[];
  stamps: number[];
  local: number[];
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

/** One distinct index term: its count in the field being analysed. */
interface TermSlot {
  readonly term: string;
  /** Its number in the analyser's string table. */
  readonly key: number;
  count: number;
  stamp: number;
}

/** One distinct folded form: the first term it stemmed to in the document being analysed. */
interface FormSlot {
  readonly form: string;
  readonly key: number;
  stamp: number;
  firstTerm: TermSlot;
}

/** What the memo knows of a word: its term and form slots, both null for a stop word. */
interface WordEntry {
  termSlot: TermSlot | null;
  formSlot: FormSlot | null;
  /** Its folded form's number in the phrase word table, -1 until a fused scan (or after a reset) needs it. */
  phrase: number;
}

/** Words, terms and forms memoised before the memo starts again (the analyzer's own memo keeps 200,000). */
const MEMO_LIMIT = 400_000;
