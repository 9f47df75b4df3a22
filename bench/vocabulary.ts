import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { WeightedTable } from './prng';

/**
 * Statistics learnt at run time from the real corpus in `../shared/corpus`:
 * which words occur and how often, which word tends to follow which, how long
 * documents are, and which categories and tags the authors used. Nothing of the
 * corpus is stored in the repository; the generator only samples from these.
 */
export interface Vocabulary {
  /** Every word form seen in the bodies, with its count (case kept: proper nouns stay capitalised). */
  wordCounts: Map<string, number>;
  /** Words drawn independently of context, in proportion to their counts. */
  unigrams: WeightedTable<string>;
  /** For each word, the words that followed it and how often. */
  followers: Map<string, WeightedTable<string>>;
  /** Words that began sentences. */
  starters: WeightedTable<string>;
  /** Lower-cased letters-only words, for the synthetic-word model and for query checks. */
  lowerWords: Set<string>;
  /** Natural logarithm of each real document's word count (for the log-normal length model). */
  logLengths: number[];
  categories: string[];
  tags: string[];
  /** How many real documents were read (posts + seeds). */
  documents: number;
}

export interface CorpusText {
  /** Path relative to the corpus root, for messages. */
  file: string;
  frontMatter: Record<string, unknown>;
  body: string;
}

const WORD = /[\p{L}\p{M}\p{N}]+(?:[-'’][\p{L}\p{M}\p{N}]+)*/gu;

/** Reads the Jekyll posts and the two seeds (the documents the generator imitates). */
export function readCorpusTexts(corpusRoot: string): CorpusText[] {
  const postsDir = path.join(corpusRoot, 'gobiernofacil', '_posts');
  const seedsDir = path.join(corpusRoot, 'seeds');
  const files = [
    ...readdirSync(postsDir).map((name) => path.join(postsDir, name)),
    ...readdirSync(seedsDir).map((name) => path.join(seedsDir, name)),
  ].sort();
  if (files.length === 0) throw new Error(`No documents found under ${corpusRoot}`);
  return files.map((file) => splitFrontMatter(path.relative(corpusRoot, file), readFileSync(file, 'utf8')));
}

function splitFrontMatter(file: string, source: string): CorpusText {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(source);
  if (!match) return { file, frontMatter: {}, body: source };
  let frontMatter: Record<string, unknown> = {};
  try {
    const parsed: unknown = parseYaml(match[1] ?? '');
    if (parsed && typeof parsed === 'object') frontMatter = parsed as Record<string, unknown>;
  } catch (error) {
    throw new Error(
      `${file}: front matter is not valid YAML (${error instanceof Error ? error.message : String(error)})`,
      {
        cause: error,
      },
    );
  }
  return { file, frontMatter, body: source.slice(match[0].length) };
}

/** Removes what is markup rather than prose: Liquid tags, HTML, URLs, link targets, Markdown punctuation. */
export function proseOf(body: string): string {
  return body
    .replace(/\{%[\s\S]*?%\}/g, ' ')
    .replace(/\{\{[\s\S]*?\}\}/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\]\([^)]*\)/g, ' ')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/[#*_>`|[\]]/g, ' ');
}

export function wordsOf(text: string): string[] {
  return text.match(WORD) ?? [];
}

export function buildVocabulary(corpusRoot: string): Vocabulary {
  const texts = readCorpusTexts(corpusRoot);
  const wordCounts = new Map<string, number>();
  const pairCounts = new Map<string, Map<string, number>>();
  const starterCounts = new Map<string, number>();
  const logLengths: number[] = [];
  const categories = new Set<string>();
  const tags = new Set<string>();

  for (const text of texts) {
    const prose = proseOf(text.body);
    logLengths.push(Math.log(Math.max(1, wordsOf(prose).length)));
    // Sentences bound the bigram chains so that a generated sentence starts like a real one.
    for (const sentence of prose.split(/[.!?;:]+\s|\n\s*\n/)) {
      const words = wordsOf(sentence);
      const first = words[0];
      if (first && words.length >= 4) increment(starterCounts, first);
      words.forEach((word, i) => {
        increment(wordCounts, word);
        const nextWord = words[i + 1];
        if (nextWord) {
          let followers = pairCounts.get(word);
          if (!followers) pairCounts.set(word, (followers = new Map<string, number>()));
          increment(followers, nextWord);
        }
      });
    }
    const category = text.frontMatter.category;
    if (typeof category === 'string' && category.trim()) categories.add(category.trim());
    const postTags = text.frontMatter.tags;
    if (Array.isArray(postTags))
      for (const tag of postTags) if (typeof tag === 'string' && tag.trim()) tags.add(tag.trim());
  }

  const followers = new Map<string, WeightedTable<string>>();
  for (const [word, counts] of pairCounts) followers.set(word, new WeightedTable([...counts]));
  const lowerWords = new Set<string>();
  for (const word of wordCounts.keys()) if (/^[\p{L}\p{M}]+$/u.test(word)) lowerWords.add(word.toLowerCase());

  return {
    wordCounts,
    unigrams: new WeightedTable(sortedByCount(wordCounts)),
    followers,
    starters: new WeightedTable(sortedByCount(starterCounts)),
    lowerWords,
    logLengths,
    categories: [...categories].sort(),
    tags: [...tags].sort(),
    documents: texts.length,
  };
}

function increment(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function sortedByCount(map: Map<string, number>): Array<[string, number]> {
  return [...map].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

/** Mean and standard deviation of the log word counts: the parameters of the log-normal length model. */
export function logNormalFit(logLengths: readonly number[]): { mu: number; sigma: number } {
  const n = logLengths.length;
  const mu = logLengths.reduce((sum, x) => sum + x, 0) / n;
  const variance = logLengths.reduce((sum, x) => sum + (x - mu) ** 2, 0) / Math.max(1, n - 1);
  return { mu, sigma: Math.sqrt(variance) };
}
