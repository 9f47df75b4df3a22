import lunr from 'lunr';
import type { DocumentType, MatchMode, SearchNotice } from '../../common/types';
import { MAX_QUERY_LENGTH } from '../../common/limits';
import { lowerCase, WORD_PATTERN, type SpanishAnalyzer } from './analyzer';
import { foldPhrase, foldString } from './fold';
import {
  INDEX_FIELD_NAMES,
  QUERY_FIELD_ALIASES,
  QUERY_FIELDS_HELP,
  TYPE_QUERY_FIELDS,
  type IndexField,
} from './fields';
import { dropEditDistance } from './lunr-clauses';

/**
 * Turns what the user typed into Lunr clauses plus the constraints Lunr cannot express
 * (quoted phrases, `type:`). Never throws: anything Lunr's parser rejects, or that we
 * reject ourselves (unknown field, unbalanced quotes, bad `type:` value), is searched as
 * its plain words, with a `literal-fallback` notice saying so.
 */

/** More terms than this are cut: every clause costs an index walk, fuzzy ones a big one. */
export const MAX_QUERY_TERMS = 64;
/**
 * Distinct quoted phrases checked per query (each is a walk over its words' positions): more are
 * dropped with a `query-budget` notice. 3,000 × `"de la"` is one phrase once repeats are merged.
 */
export const MAX_PHRASES = 8;
/** Lunr's fuzzy matching explodes beyond 2 (a `~100` exhausts memory): clamp. */
export const MAX_EDIT_DISTANCE = 2;
const MAX_BOOST = 1000;

const { REQUIRED, PROHIBITED, OPTIONAL } = lunr.Query.presence;

/**
 * Words that make the query's plain words alternatives (OR) instead of all required (AND):
 * `datos OR abiertos`, `datos | abiertos`, `datos|abiertos`. Upper-case only, so the word "or"
 * (an English title, an acronym in lower case) stays a word.
 */
const OR_OPERATOR = /^(?:OR|\|)$/;

export interface PhraseConstraint {
  /** As typed, for the response and the reader. */
  typed: string;
  /** Folded and whitespace-collapsed: compared with folded text. */
  folded: string;
  /** Restricted to one field (`title:"..."`), or null for the document text and title. */
  field: IndexField | null;
  /** `-"..."`: documents containing the phrase are excluded. */
  exclude: boolean;
}

export interface ParsedQuery {
  /**
   * `all`: no search terms, list every document (filters still apply);
   * `none`: terms that can match nothing (only stop words); `search`: run `clauses`.
   */
  mode: 'all' | 'none' | 'search';
  clauses: lunr.Query.Clause[];
  phrases: PhraseConstraint[];
  includeTypes: DocumentType[];
  excludeTypes: DocumentType[];
  /** Analysed terms of the positive clauses (wildcards as typed), for highlighting. */
  terms: string[];
  notice: SearchNotice | null;
  /**
   * How plain words combine: `all` (every word required, the default) or `any` (asked for, or
   * an `OR` / `|` in the query). `+word` and `-word` keep their meaning either way.
   */
  match: MatchMode;
}

const TYPE_VALUES: Readonly<Record<string, DocumentType>> = {
  article: 'article',
  articles: 'article',
  articulo: 'article',
  articulos: 'article',
  letter: 'letter',
  letters: 'letter',
  carta: 'letter',
  cartas: 'letter',
  other: 'other',
  otro: 'other',
  otros: 'other',
};

class MalformedQuery extends Error {}

/**
 * @param forceLiteral when set, skip the syntax and search the words (the reason goes into
 *   the notice); the archive uses it to retry a query whose syntax Lunr accepted but failed on.
 */
export function parseQuery(
  raw: string,
  analyzer: SpanishAnalyzer,
  forceLiteral?: string,
  match: MatchMode = 'all',
): ParsedQuery {
  let text = typeof raw === 'string' ? raw : '';
  let truncated: SearchNotice | null = null;
  if (text.length > MAX_QUERY_LENGTH) {
    text = text.slice(0, MAX_QUERY_LENGTH);
    truncated = {
      code: 'query-truncated',
      message: `The query was longer than ${MAX_QUERY_LENGTH} characters; only its beginning was searched.`,
    };
  }
  const trimmed = text.trim();
  if (trimmed === '' || trimmed === '*') return emptyQuery('all', truncated, match);

  let parsed: ParsedQuery;
  try {
    if (forceLiteral !== undefined) throw new MalformedQuery(forceLiteral);
    parsed = parseStructured(trimmed, analyzer, match);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    parsed = parseLiteral(trimmed, analyzer, reason, match);
  }
  if (parsed.clauses.length > MAX_QUERY_TERMS) {
    parsed.clauses = parsed.clauses.slice(0, MAX_QUERY_TERMS);
    parsed.terms = collectTerms(parsed.clauses, analyzer);
    truncated ??= {
      code: 'query-truncated',
      message: `The query had more than ${MAX_QUERY_TERMS} terms; only the first ${MAX_QUERY_TERMS} were searched.`,
    };
  }
  if (truncated) {
    // One notice per response: truncation wins, but say if the syntax was also ignored.
    const extra =
      parsed.notice?.code === 'literal-fallback'
        ? ' Its syntax could not be read either, so its words were searched literally.'
        : '';
    parsed.notice = { code: 'query-truncated', message: truncated.message + extra };
  }
  return parsed;
}

function emptyQuery(mode: ParsedQuery['mode'], notice: SearchNotice | null, match: MatchMode): ParsedQuery {
  return { mode, clauses: [], phrases: [], includeTypes: [], excludeTypes: [], terms: [], notice, match };
}

/**
 * AND by default: a plain word (Lunr's optional presence) becomes required, so `datos abiertos`
 * finds only documents holding both (each by stem, accent-folded form or pattern, as before).
 * Stop words stay optional: required, they would match nothing (Lunr fails on them).
 */
function requireEveryWord(clauses: lunr.Query.Clause[], analyzer: SpanishAnalyzer): void {
  for (const clause of clauses) {
    if ((clause.presence ?? OPTIONAL) !== OPTIONAL) continue;
    if (clause.usePipeline && analyzer.analyzeText(clause.term).length === 0) continue;
    clause.presence = REQUIRED;
  }
}

/** A chunk's pieces around `|` (`datos|abiertos`), and whether it held one. */
function splitAlternatives(chunk: string): { pieces: string[]; hadOr: boolean } {
  if (OR_OPERATOR.test(chunk)) return { pieces: [], hadOr: true };
  if (!chunk.includes('|')) return { pieces: [chunk], hadOr: false };
  return { pieces: chunk.split('|').filter((piece) => piece !== ''), hadOr: true };
}

/** Full syntax: phrases, `type:`, field aliases, then Lunr's own parser for the rest. */
function parseStructured(text: string, analyzer: SpanishAnalyzer, requested: MatchMode): ParsedQuery {
  const quotes = text.match(/"/g)?.length ?? 0;
  if (quotes % 2 !== 0) throw new MalformedQuery('unbalanced quotes');

  const phrases: PhraseConstraint[] = [];
  const includeTypes: DocumentType[] = [];
  const excludeTypes: DocumentType[] = [];
  const lunrParts: string[] = [];
  let droppedPhrases = 0;
  let match = requested;

  for (const found of text.matchAll(/([^\s"]*)"([^"]*)"|[^\s"]+/g)) {
    const phraseText = found[2];
    if (phraseText !== undefined) {
      const prefix = /^([+-]?)(?:([^\s:]+):)?$/u.exec(found[1] ?? '');
      if (!prefix) throw new MalformedQuery(`unexpected "${found[1]}" before a quoted phrase`);
      const field = prefix[2] === undefined ? null : resolveField(prefix[2]);
      const folded = foldPhrase(phraseText);
      if (folded === '') continue;
      const exclude = prefix[1] === '-';
      if (phrases.some((known) => known.folded === folded && known.field === field && known.exclude === exclude))
        continue;
      if (phrases.length >= MAX_PHRASES) {
        droppedPhrases += 1;
        continue;
      }
      phrases.push({ typed: phraseText.trim(), folded, field, exclude });
      continue;
    }
    const alternatives = splitAlternatives(found[0]);
    if (alternatives.hadOr) match = 'any';
    for (const chunk of alternatives.pieces) addChunk(chunk);
  }

  function addChunk(chunk: string): void {
    const fielded = /^([+-]?)([^:]*):(.*)$/su.exec(chunk);
    if (!fielded) {
      lunrParts.push(chunk);
      return;
    }
    const [, sign = '', name = '', rest = ''] = fielded;
    if (TYPE_QUERY_FIELDS.has(foldString(name))) {
      const type = TYPE_VALUES[foldString(rest)];
      if (!type)
        throw new MalformedQuery(`unknown document type "${rest}" (use article/artículo, letter/carta or other/otro)`);
      (sign === '-' ? excludeTypes : includeTypes).push(type);
      return;
    }
    lunrParts.push(`${sign}${resolveField(name)}:${rest}`);
  }

  // Lower-cased, not folded: the stemmer needs the accents (analyzer.ts).
  const clauses = parseWithLunr(lowerCase(lunrParts.join(' ')));
  if (match === 'all') requireEveryWord(clauses, analyzer);
  for (const phrase of phrases) {
    if (phrase.exclude) continue;
    // A phrase's words are required terms; the phrase itself is checked on the stored text.
    // The words as typed (accents kept) go through the pipeline like any other word.
    const seen = new Set<string>();
    for (const word of lowerCase(phrase.typed).match(WORD_PATTERN) ?? []) {
      if (seen.has(word) || analyzer.analyzeWord(word) === null) continue;
      seen.add(word);
      clauses.push({
        term: word,
        fields: phrase.field ? [phrase.field] : [...INDEX_FIELD_NAMES],
        boost: 1,
        editDistance: 0,
        usePipeline: true,
        wildcard: lunr.Query.wildcard.NONE,
        presence: REQUIRED,
      });
    }
  }

  const positivePhrases = phrases.filter((phrase) => !phrase.exclude);
  let mode: ParsedQuery['mode'] = 'search';
  if (clauses.length === 0) {
    // Only `type:` and/or phrases made of stop words: list everything, then filter.
    mode = 'all';
  } else if (!hasEffectiveClause(clauses, analyzer) && positivePhrases.length === 0) {
    mode = 'none';
  }
  return {
    mode,
    clauses,
    phrases,
    includeTypes,
    excludeTypes,
    terms: collectTerms(clauses, analyzer),
    notice:
      droppedPhrases > 0
        ? {
            code: 'query-budget',
            message: `The query had more than ${MAX_PHRASES} different phrases; only the first ${MAX_PHRASES} were searched.`,
          }
        : null,
    match,
  };
}

function resolveField(name: string): IndexField {
  const field = QUERY_FIELD_ALIASES[foldString(name)];
  if (!field) {
    throw new MalformedQuery(`unknown field "${name}" (fields: ${QUERY_FIELDS_HELP})`);
  }
  return field;
}

function parseWithLunr(text: string): lunr.Query.Clause[] {
  if (text.trim() === '') return [];
  const Parser = lunr.QueryParser;
  const query = new lunr.Query([...INDEX_FIELD_NAMES]);
  try {
    new Parser(text, query).parse();
  } catch (error) {
    throw new MalformedQuery(error instanceof Error ? error.message : String(error));
  }
  const seen = new Set<string>();
  const clauses: lunr.Query.Clause[] = [];
  for (const clause of query.clauses) {
    if (clause.editDistance > MAX_EDIT_DISTANCE) clause.editDistance = MAX_EDIT_DISTANCE;
    // Fuzziness over a wildcard pattern multiplies two expansions of the index's token set
    // (`*a*~2` took 0.5 s on 27 documents, 64 of them 5 s): the pattern alone already matches loosely.
    if (clause.term.includes('*')) dropEditDistance(clause);
    if (!Number.isFinite(clause.boost) || clause.boost < 0) clause.boost = 1;
    if (clause.boost > MAX_BOOST) clause.boost = MAX_BOOST;
    // A clause typed twice finds nothing new and costs a second index walk.
    const key = JSON.stringify([
      clause.term,
      clause.fields,
      clause.editDistance,
      clause.boost,
      clause.usePipeline,
      clause.wildcard,
    ]);
    if (seen.has(key)) continue;
    seen.add(key);
    clauses.push(clause);
  }
  return clauses;
}

/** Malformed syntax: search the words only, in every field, all required unless OR was asked for. */
function parseLiteral(text: string, analyzer: SpanishAnalyzer, reason: string, requested: MatchMode): ParsedQuery {
  const notice: SearchNotice = {
    code: 'literal-fallback',
    message: `The query could not be read as search syntax (${reason}); its words were searched literally.`,
  };
  const match: MatchMode = text.split(/\s+/).some((chunk) => splitAlternatives(chunk).hadOr) ? 'any' : requested;
  const words = (text.normalize('NFC').match(WORD_PATTERN) ?? []).filter((word) => !OR_OPERATOR.test(word));
  if (words.length === 0) return emptyQuery('all', notice, match);
  const clauses = words.map((word): lunr.Query.Clause => ({
    term: lowerCase(word),
    fields: [...INDEX_FIELD_NAMES],
    boost: 1,
    editDistance: 0,
    usePipeline: true,
    wildcard: lunr.Query.wildcard.NONE,
  }));
  if (match === 'all') requireEveryWord(clauses, analyzer);
  const mode = hasEffectiveClause(clauses, analyzer) ? 'search' : 'none';
  return {
    mode,
    clauses,
    phrases: [],
    includeTypes: [],
    excludeTypes: [],
    terms: collectTerms(clauses, analyzer),
    notice,
    match,
  };
}

/** False when every clause is a stop word (Lunr would then match every document). */
function hasEffectiveClause(clauses: readonly lunr.Query.Clause[], analyzer: SpanishAnalyzer): boolean {
  return clauses.some((clause) => !clause.usePipeline || analyzer.analyzeText(clause.term).length > 0);
}

function collectTerms(clauses: readonly lunr.Query.Clause[], analyzer: SpanishAnalyzer): string[] {
  const terms = new Set<string>();
  for (const clause of clauses) {
    if (clause.presence === PROHIBITED) continue;
    if (!clause.usePipeline) terms.add(clause.term);
    else for (const term of analyzer.analyzeText(clause.term)) terms.add(term);
  }
  return [...terms];
}
