import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createRandom, deriveSeed, WeightedTable, zipfWeights, type Random } from './prng';
import { buildVocabulary, logNormalFit, type Vocabulary } from './vocabulary';
import { syntheticWordPool, syntheticWordTable } from './synthetic-words';
import { SPANISH_MONTHS } from '../src-main/core/import/spanish-dates';

/**
 * Synthetic Spanish documents for the benchmarks, shaped like the real corpus:
 * Jekyll posts with front matter (about 90%) and letters in the seed letter's
 * shape (about 10%). Document i depends only on (seed, i), so the first 1,000
 * documents of a 10,000-document run are the 1,000-document run.
 */

export type GeneratedKind = 'article' | 'letter';

export interface GeneratedDocument {
  /** Path relative to the output folder (posix separators). */
  relativePath: string;
  content: string;
  kind: GeneratedKind;
  title: string;
  /** ISO date the document carries (front matter, file name or dateline). */
  date: string;
  author: string | null;
  category: string | null;
  tags: string[];
  /** Words of prose written (markup not counted). */
  words: number;
}

export interface GeneratorModel {
  vocabulary: Vocabulary;
  synthetic: WeightedTable<string>;
  length: { mu: number; sigma: number };
  authors: string[];
  tags: WeightedTable<string>;
  categories: WeightedTable<string>;
  organisations: string[];
  seed: number;
}

export interface GenerateOptions {
  /** Folder to write into; created if missing. */
  dir: string;
  count: number;
  seed: number;
  /** A model built once and reused across sizes; built from `corpusRoot` otherwise. */
  model?: GeneratorModel;
  corpusRoot?: string;
}

export interface GenerationSummary {
  dir: string;
  documents: number;
  articles: number;
  letters: number;
  words: number;
  bytes: number;
}

const LETTER_SHARE = 0.1;
const SYNTHETIC_POOL_SIZE = 60_000;
/** Share of prose words drawn from the synthetic pool (names, places, rare words). */
const SYNTHETIC_SHARE = 0.05;
/** How often the next word follows the real bigram chain instead of being drawn on its own. */
const CHAIN_SHARE = 0.75;
const MIN_WORDS = 60;
const MAX_WORDS = 12_000;
const YEARS = { from: 2008, to: 2024 };
const LETTER_PLACES = [
  'Ciudad de México',
  'Ciudad de México',
  'Ciudad de México',
  'Oaxaca de Juárez',
  'Puebla',
  'Monterrey',
  'Guadalajara',
  'Hermosillo',
];
const LEGAL_FORMS = ['A.C.', 'A. C.', 'S.C.', ''];

export function defaultCorpusRoot(): string {
  return path.resolve(import.meta.dirname, '..', '..', 'shared', 'corpus');
}

export function createGeneratorModel(corpusRoot: string, seed: number): GeneratorModel {
  const vocabulary = buildVocabulary(corpusRoot);
  const random = createRandom(deriveSeed(seed, -1));
  const pool = syntheticWordPool(vocabulary.lowerWords, SYNTHETIC_POOL_SIZE, deriveSeed(seed, -2));
  const capitalise = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);
  // Names come from the synthetic pool so that no real person is credited with generated text.
  const names = pool
    .filter((word) => word.length <= 9)
    .slice(0, 400)
    .map(capitalise);
  const authors = Array.from({ length: 40 }, () => `${random.pick(names)} ${random.pick(names)}`);
  const extraTags = pool.slice(400, 460).map(capitalise);
  const tagPool = [...vocabulary.tags, ...extraTags];
  const categoryPool = [...vocabulary.categories, ...pool.slice(460, 470).map(capitalise)];
  const capitalisedReal = [...vocabulary.wordCounts.keys()].filter((word) => /^\p{Lu}\p{Ll}{3,}$/u.test(word)).sort();
  const organisations = Array.from({ length: 60 }, () => {
    const form = random.pick(LEGAL_FORMS);
    return [
      random.pick(capitalisedReal),
      random.pick(['para el', 'de la', 'y', 'por la']),
      random.pick(capitalisedReal),
      form,
    ]
      .filter(Boolean)
      .join(' ');
  });
  return {
    vocabulary,
    synthetic: syntheticWordTable(pool),
    length: logNormalFit(vocabulary.logLengths),
    authors,
    tags: new WeightedTable(zipfWeights(tagPool, 0.8)),
    categories: new WeightedTable(zipfWeights(categoryPool, 0.8)),
    organisations,
    seed,
  };
}

/** Writes `count` documents and returns what was written. */
export function generateCorpus(options: GenerateOptions): GenerationSummary {
  const model = options.model ?? createGeneratorModel(options.corpusRoot ?? defaultCorpusRoot(), options.seed);
  const summary: GenerationSummary = { dir: options.dir, documents: 0, articles: 0, letters: 0, words: 0, bytes: 0 };
  const madeDirs = new Set<string>();
  for (let index = 0; index < options.count; index++) {
    const document = generateDocument(model, index);
    const target = path.join(options.dir, ...document.relativePath.split('/'));
    const parent = path.dirname(target);
    if (!madeDirs.has(parent)) {
      mkdirSync(parent, { recursive: true });
      madeDirs.add(parent);
    }
    writeFileSync(target, document.content);
    summary.documents += 1;
    summary[document.kind === 'letter' ? 'letters' : 'articles'] += 1;
    summary.words += document.words;
    summary.bytes += Buffer.byteLength(document.content);
  }
  return summary;
}

export function generateDocument(model: GeneratorModel, index: number): GeneratedDocument {
  const random = createRandom(deriveSeed(model.seed, index));
  const isLetter = random.chance(LETTER_SHARE);
  const targetWords = Math.round(
    Math.min(MAX_WORDS, Math.max(MIN_WORDS, Math.exp(model.length.mu + model.length.sigma * random.normal()))),
  );
  const date = {
    year: random.int(YEARS.from, YEARS.to),
    month: random.int(1, 12),
    day: random.int(1, 28),
  };
  const iso = `${date.year}-${pad(date.month)}-${pad(date.day)}`;
  const writer = new ProseWriter(model, random);
  return isLetter
    ? writeLetter(model, random, writer, index, date, iso, targetWords)
    : writeArticle(model, random, writer, index, iso, targetWords);
}

function writeArticle(
  model: GeneratorModel,
  random: Random,
  writer: ProseWriter,
  index: number,
  iso: string,
  targetWords: number,
): GeneratedDocument {
  const title = writer.phrase(random.int(4, 11));
  const description = writer.sentence(random.int(14, 30));
  const author = random.pick(model.authors);
  const category = model.categories.draw(random);
  const tags = [...new Set(Array.from({ length: random.int(1, 4) }, () => model.tags.draw(random)))];
  const frontMatter = [
    '---',
    'layout: post',
    `title: ${JSON.stringify(title)}`,
    `description: ${JSON.stringify(description)}`,
    // Half the posts carry their date only in the file name, as the real site does.
    ...(random.chance(0.5) ? [`date: ${iso}`] : []),
    `category: ${JSON.stringify(category)}`,
    `tags: [${tags.map((tag) => JSON.stringify(tag)).join(', ')}]`,
    `author: ${JSON.stringify(author)}`,
    '---',
    '{% include JB/setup %}',
    '',
  ];
  const body = writer.markdownBody(targetWords);
  const slug = slugify(title).slice(0, 60) || 'entrada';
  return {
    relativePath: `_posts/${iso}-${slug}-${index}.md`,
    content: `${frontMatter.join('\n')}\n${body}\n`,
    kind: 'article',
    title,
    date: iso,
    author,
    category,
    tags,
    words: writer.words,
  };
}

function writeLetter(
  model: GeneratorModel,
  random: Random,
  writer: ProseWriter,
  index: number,
  date: { year: number; month: number; day: number },
  iso: string,
  targetWords: number,
): GeneratedDocument {
  const place = random.pick(LETTER_PLACES);
  const addressee = writer.phrase(random.int(5, 14));
  const signatories = [...new Set(Array.from({ length: random.int(2, 10) }, () => random.pick(model.organisations)))];
  const [lead, ...others] = signatories;
  const paragraphs: string[] = [];
  while (writer.words < targetWords) paragraphs.push(writer.paragraph());
  const content = [
    '\n\n',
    `${place}, a ${date.day} de ${SPANISH_MONTHS[date.month - 1]} de ${date.year}`,
    '',
    `## **${addressee}**`,
    '',
    paragraphs.join('\n\n'),
    '',
    `#### ${lead ?? 'Organizaciones firmantes'}`,
    '',
    others.join('  \n'),
  ].join('\n');
  return {
    relativePath: `cartas/${String(index).padStart(5, '0')}_${deriveSeed(model.seed, index).toString(16).padStart(8, '0')}.txt`,
    content,
    kind: 'letter',
    title: addressee,
    date: iso,
    author: null,
    category: null,
    tags: [],
    words: writer.words,
  };
}

/** Writes prose by walking the real bigram chain, with synthetic words mixed in; counts what it writes. */
class ProseWriter {
  words = 0;

  constructor(
    private readonly model: GeneratorModel,
    private readonly random: Random,
  ) {}

  private nextWord(previous: string | null): string {
    const { vocabulary, synthetic } = this.model;
    if (this.random.chance(SYNTHETIC_SHARE)) return synthetic.draw(this.random);
    const followers = previous ? vocabulary.followers.get(previous) : undefined;
    if (followers && this.random.chance(CHAIN_SHARE)) return followers.draw(this.random);
    return vocabulary.unigrams.draw(this.random);
  }

  private words_(count: number, start: string | null): string[] {
    const out: string[] = [];
    let previous = start;
    if (start) out.push(start);
    while (out.length < count) {
      previous = this.nextWord(previous);
      out.push(previous);
    }
    this.words += out.length;
    return out;
  }

  /** A capitalised phrase without final punctuation (titles, headings, addressees). */
  phrase(count: number): string {
    return capitaliseFirst(this.words_(count, this.model.vocabulary.starters.draw(this.random)).join(' '));
  }

  sentence(count = Math.max(5, Math.round(22 + 8 * this.random.normal()))): string {
    const words = this.words_(count, this.model.vocabulary.starters.draw(this.random));
    const text = words
      .map((word, i) => (i < words.length - 1 && this.random.chance(0.06) ? `${word},` : word))
      .join(' ');
    return `${capitaliseFirst(text)}.`;
  }

  paragraph(): string {
    const sentences = Array.from({ length: this.random.int(2, 6) }, () => this.sentence());
    let text = sentences.join(' ');
    if (this.random.chance(0.15)) text = this.withLink(text);
    if (this.random.chance(0.1)) text = this.withEmphasis(text);
    return text;
  }

  /** Paragraphs with headings, lists, quotes and links until `targetWords` words are written. */
  markdownBody(targetWords: number): string {
    const blocks: string[] = [];
    let lastWasHeading = true;
    while (this.words < targetWords) {
      const roll = this.random.next();
      if (!lastWasHeading && roll < 0.08) {
        blocks.push(`${this.random.chance(0.8) ? '##' : '###'} ${this.phrase(this.random.int(2, 7))}`);
        lastWasHeading = true;
        continue;
      }
      lastWasHeading = false;
      if (roll < 0.14) {
        const marker = this.random.chance(0.7) ? '-' : '1.';
        blocks.push(
          Array.from({ length: this.random.int(3, 6) }, () => `${marker} ${this.phrase(this.random.int(3, 12))}`).join(
            '\n',
          ),
        );
      } else if (roll < 0.18) {
        blocks.push(`> “${this.sentence()}”`);
      } else {
        blocks.push(this.paragraph());
      }
    }
    return blocks.join('\n\n');
  }

  private withLink(text: string): string {
    const words = text.split(' ');
    if (words.length < 8) return text;
    const start = this.random.int(1, words.length - 5);
    const length = this.random.int(1, 4);
    const anchor = words
      .slice(start, start + length)
      .join(' ')
      .replace(/[.,]$/, '');
    const url = `https://ejemplo.org/${slugify(anchor) || 'recurso'}`;
    return [...words.slice(0, start), `[${anchor}](${url})`, ...words.slice(start + length)].join(' ');
  }

  private withEmphasis(text: string): string {
    const words = text.split(' ');
    const at = this.random.int(0, words.length - 1);
    const word = words[at] ?? '';
    if (/^[\p{L}\p{N}]+$/u.test(word)) words[at] = this.random.chance(0.5) ? `**${word}**` : `*${word}*`;
    return words.join(' ');
  }
}

function capitaliseFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function slugify(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9ñ]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
