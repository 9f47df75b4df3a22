import lunr from 'lunr';
import stemmerSupport from 'lunr-languages/lunr.stemmer.support';
import spanish from 'lunr-languages/lunr.es';
import { foldString } from './fold';

/**
 * The Spanish analyzer shared by the index (build time) and the queries (run time).
 *
 * Pipeline order, and why:
 *   1. split-es    break a token on anything that is not a letter, mark or digit, so the
 *                  query side (whose terms lunr never tokenises) splits `estimados/as` or
 *                  `(SFP)` exactly like the index side does;
 *   2. lower-es    lower-case (NFC), KEEPING the accents: the Snowball Spanish rules for
 *                  `-ía`, `-ió`, `-á`, `-án`, `-í` only fire on accented input, so folding first
 *                  split `acudió`/`acudirá`/`acudían` from `acudir` (95.7% agreement with
 *                  Snowball's own output; now above 99.9%, see snowball-agreement.test.ts);
 *   3. stop-es     lunr-languages' Spanish stop words, compared in folded form (`más`, `qué`
 *                  typed without accents are still stop words). It is in the SEARCH pipeline
 *                  too, so a required stop word (`+de`, or inside a phrase) is simply dropped
 *                  instead of matching nothing;
 *   4. stem-es     the Snowball Spanish stemmer on the accented word, then the stem folded
 *                  (keeping ñ), so index terms are accent-free. A word typed without any accent
 *                  gets the accent of `-ción`/`-logía` restored first (Spanish always writes it),
 *                  so `organizacion` still meets `organizaciones`. Other words typed without their
 *                  accent (`acudio` for `acudió`) meet their forms through the corpus's vocabulary
 *                  of folded word forms, which records the stem of every accented form it saw
 *                  (word-forms.ts, used by query-runner.ts).
 *
 * Lunr serialises a pipeline as the labels of its functions, so each one is registered under
 * a label; `lunr.Index.load` looks them up again. Registration touches lunr's global registry
 * (that is how lunr works), so it is idempotent and done lazily.
 */

/** Stored next to the index; bump it when the analysis or the stored index format changes. */
export const ANALYZER_ID =
  'es-stem-then-fold-v2/lunr-compact-6/blocks-2/positions-2/summaries-1/word-forms-1/catalog-1';

const WORD = /[\p{L}\p{M}\p{N}]+/gu;

type LunrLanguage = {
  stemmer: lunr.PipelineFunction;
  stopWordFilter: lunr.PipelineFunction;
};
type LunrWithSpanish = typeof lunr & { es?: LunrLanguage; stemmerSupport?: unknown };

export interface SpanishAnalyzer {
  /** Functions of the index pipeline and, identical, of the search pipeline. */
  readonly functions: lunr.PipelineFunction[];
  /** Index term for one word (stemmed, then folded), or null for a stop word. Memoised. */
  analyzeWord(word: string): string | null;
  /** The folded form of one word (what prefix, exact-form and fuzzy matching compare). Memoised. */
  foldWord(word: string): string;
  /** All index terms of a free text, in order (stop words removed). */
  analyzeText(text: string): string[];
}

let registered: lunr.PipelineFunction[] | null = null;

function registerSpanishPipeline(): lunr.PipelineFunction[] {
  if (registered) return registered;
  const l = lunr as LunrWithSpanish;
  if (!l.stemmerSupport) stemmerSupport(lunr);
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- lunr-languages' typings declare lunr.es always there; it exists only once registered.
  if (!l.es) spanish(lunr);
  const es = l.es as LunrLanguage;

  const split: lunr.PipelineFunction = (token) => {
    const text = token.toString().normalize('NFC');
    const words = text.match(WORD)?.map(capWordLength);
    if (!words || words.length === 0) return null;
    if (words.length === 1 && words[0] === text) return token;
    return words.map((word) => token.clone(() => word));
  };

  const lower: lunr.PipelineFunction = (token) => token.update((text) => lowerCase(text));

  const isStopWord = foldedStopWordTest(es.stopWordFilter);
  const stop: lunr.PipelineFunction = (token) => (isStopWord(foldString(token.toString())) ? null : token);

  const stem: lunr.PipelineFunction = (token, i, tokens) => {
    const restored = token.update((text) => restoreAccentedSuffix(text));
    const stemmed = es.stemmer(restored, i, tokens);
    if (stemmed === null || Array.isArray(stemmed)) return stemmed;
    return stemmed.update((text) => foldString(text));
  };

  lunr.Pipeline.registerFunction(split, 'split-es');
  lunr.Pipeline.registerFunction(lower, 'lower-es');
  lunr.Pipeline.registerFunction(stop, 'stop-es');
  lunr.Pipeline.registerFunction(stem, 'stem-es');
  registered = [split, lower, stop, stem];
  return registered;
}

/**
 * lunr-languages' Spanish stop list is written with accents (`más`, `qué`, `él`) and kept in a
 * closure. Rather than copy it, we ask its filter about the folded word and about each form
 * of it with one acute accent (a Spanish word carries at most one), memoising the answer.
 */
function foldedStopWordTest(filter: lunr.PipelineFunction): (folded: string) => boolean {
  const memo = new Map<string, boolean>();
  const isListed = (word: string): boolean => {
    // Lunr's typings say a pipeline function returns a token or null; its stop-word filter
    // returns undefined for a stop word.
    const result: unknown = filter(new lunr.Token(word, {}), 0, []);
    return result === null || result === undefined;
  };
  return (folded) => {
    const known = memo.get(folded);
    if (known !== undefined) return known;
    let stop = isListed(folded);
    // No Spanish stop word is longer than a dozen letters: skip the accent variants of long words.
    for (let i = 0; !stop && folded.length <= 16 && i < folded.length; i += 1) {
      const accented = ACUTE[folded[i] ?? ''];
      if (accented) stop = isListed(folded.slice(0, i) + accented + folded.slice(i + 1));
    }
    if (memo.size < 100_000) memo.set(folded, stop);
    return stop;
  };
}

const ACUTE: Record<string, string> = { a: 'á', e: 'é', i: 'í', o: 'ó', u: 'ú' };

/**
 * Longest word kept whole. Nothing in a language is longer; a 100,000-letter "word" (a pasted
 * blob, a hostile query) would otherwise cost the stemmer and the stop-word test quadratic time.
 */
export const MAX_WORD_LENGTH = 64;

function capWordLength(word: string): string {
  return word.length > MAX_WORD_LENGTH ? word.slice(0, MAX_WORD_LENGTH) : word;
}

/** Lower case with accents kept (NFC, so a decomposed accent is seen by the stemmer). */
export function lowerCase(word: string): string {
  return word.normalize('NFC').toLowerCase();
}

const NON_ASCII_CHAR = /[\u0080-\uffff]/;

/** `-cion`/`-logia` typed in a word without any accent get their accent back (see stem-es). */
function restoreAccentedSuffix(word: string): string {
  if (NON_ASCII_CHAR.test(word)) return word;
  if (word.endsWith('cion')) return `${word.slice(0, -4)}ción`;
  if (word.endsWith('logia')) return `${word.slice(0, -5)}logía`;
  if (word.endsWith('logias')) return `${word.slice(0, -6)}logías`;
  return word;
}

export function createSpanishAnalyzer(): SpanishAnalyzer {
  const functions = registerSpanishPipeline();
  const pipeline = new lunr.Pipeline();
  pipeline.add(...functions);
  const cache = new Map<string, string | null>();
  const folds = new Map<string, string>();
  const foldWord = (word: string): string => {
    let folded = folds.get(word);
    if (folded === undefined) {
      folded = foldString(word.normalize('NFC'));
      if (folds.size > 200_000) folds.clear();
      folds.set(word, folded);
    }
    return folded;
  };
  const analyzeWord = (word: string): string | null => {
    const cached = cache.get(word);
    if (cached !== undefined) return cached;
    const terms = pipeline.runString(word);
    const term = terms[0] ?? null;
    if (cache.size > 200_000) cache.clear();
    cache.set(word, term);
    return term;
  };
  return {
    functions,
    analyzeWord,
    foldWord,
    analyzeText(text) {
      const out: string[] = [];
      for (const match of text.normalize('NFC').matchAll(WORD)) {
        const term = analyzeWord(match[0]);
        if (term) out.push(term);
      }
      return out;
    },
  };
}

/** Index-side tokenizer: runs of letters, marks and digits (the same rule `split-es` applies). */
export function tokenizeForIndex(value: unknown): lunr.Token[] {
  if (value === null || value === undefined) return [];
  const text = (
    Array.isArray(value) ? value.join(' ') : typeof value === 'string' ? value : JSON.stringify(value)
  ).normalize('NFC');
  const tokens: lunr.Token[] = [];
  for (const match of text.matchAll(WORD)) {
    tokens.push(new lunr.Token(match[0], { index: tokens.length }));
  }
  return tokens;
}

export { WORD as WORD_PATTERN };
