import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import {
  createGeneratorModel,
  generateCorpus,
  generateDocument,
  type GeneratedDocument,
  type GeneratorModel,
} from '../../../bench/generate';
import { BENCH_QUERIES, queryTerms } from '../../../bench/queries';
import { median } from '../../../bench/stats';
import { proseOf, wordsOf } from '../../../bench/vocabulary';

const corpusRoot = path.resolve(__dirname, '../../../../shared/corpus');
const MONTHS = [
  'enero',
  'febrero',
  'marzo',
  'abril',
  'mayo',
  'junio',
  'julio',
  'agosto',
  'septiembre',
  'octubre',
  'noviembre',
  'diciembre',
];
const fold = (word: string): string => word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

let model: GeneratorModel;
let sample: GeneratedDocument[];
const tempDirs: string[] = [];

beforeAll(() => {
  model = createGeneratorModel(corpusRoot, 7);
  sample = Array.from({ length: 400 }, (_, i) => generateDocument(model, i));
});

afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describe('benchmark vocabulary', () => {
  it('learns the real corpus: 27 documents, its categories and tags, and words such as espionaje', () => {
    expect(model.vocabulary.documents).toBe(27);
    expect(model.vocabulary.categories).toContain('Transparencia');
    expect(model.vocabulary.tags).toContain('Datos Abiertos');
    // Case is kept (proper nouns stay capitalised): "Gobierno Federal" and "el gobierno" are counted apart.
    const gobierno =
      (model.vocabulary.wordCounts.get('gobierno') ?? 0) + (model.vocabulary.wordCounts.get('Gobierno') ?? 0);
    expect(gobierno).toBeGreaterThan(100);
    expect(model.vocabulary.lowerWords.has('espionaje')).toBe(true);
  });

  it('only queries words that occur in the real corpus (accents folded)', () => {
    const folded = new Set([...model.vocabulary.lowerWords].map(fold));
    const missing = BENCH_QUERIES.flatMap((query) => queryTerms(query).map((term) => [query.id, term] as const)).filter(
      ([, term]) =>
        term.endsWith('*')
          ? ![...folded].some((word) => word.startsWith(fold(term.slice(0, -1))))
          : !folded.has(fold(term)),
    );
    expect(missing).toEqual([]);
    expect(BENCH_QUERIES.length).toBeGreaterThanOrEqual(40);
  });
});

describe('generateDocument', () => {
  it('is deterministic: the same seed and index give the same bytes, another seed does not', () => {
    const again = createGeneratorModel(corpusRoot, 7);
    expect(generateDocument(again, 123).content).toBe(sample[123]?.content);
    expect(generateDocument(again, 5).relativePath).toBe(sample[5]?.relativePath);
    const other = createGeneratorModel(corpusRoot, 8);
    expect(generateDocument(other, 123).content).not.toBe(sample[123]?.content);
  });

  it('writes about one letter in ten', () => {
    const letters = sample.filter((document) => document.kind === 'letter').length;
    expect(letters / sample.length).toBeGreaterThan(0.06);
    expect(letters / sample.length).toBeLessThan(0.14);
  });

  it('gives articles Jekyll front matter whose fields match what it reports, dated in the file name', () => {
    const articles = sample.filter((document) => document.kind === 'article');
    for (const article of articles) {
      const match = /^---\n([\s\S]*?)\n---\n/.exec(article.content);
      expect(match, article.relativePath).not.toBeNull();
      const front = parseYaml(match?.[1] ?? '') as Record<string, unknown>;
      expect(front.title).toBe(article.title);
      expect(front.author).toBe(article.author);
      expect(front.category).toBe(article.category);
      expect(front.tags).toEqual(article.tags);
      expect(article.relativePath.startsWith(`_posts/${article.date}-`)).toBe(true);
    }
    const withDate = articles.filter((article) => /\ndate: \d{4}-\d{2}-\d{2}\n/.test(article.content)).length;
    // Half carry the date only in the file name, as the real posts do.
    expect(withDate / articles.length).toBeGreaterThan(0.35);
    expect(withDate / articles.length).toBeLessThan(0.65);
    const years = new Set(articles.map((article) => article.date.slice(0, 4)));
    expect(years.size).toBeGreaterThanOrEqual(15);
    expect(new Set(articles.map((article) => article.author)).size).toBeGreaterThan(20);
  });

  it('shapes letters like the seed letter: dateline, bold addressee heading, signatories after the last heading', () => {
    const letters = sample.filter((document) => document.kind === 'letter');
    expect(letters.length).toBeGreaterThan(20);
    for (const letter of letters) {
      const lines = letter.content.split('\n');
      const dateline = lines.find((line) => line.trim() !== '') ?? '';
      const parsed = /^([^,]+), a (\d{1,2}) de (\p{Ll}+) de (\d{4})$/u.exec(dateline);
      expect(parsed, dateline).not.toBeNull();
      const [, , day, month, year] = parsed ?? [];
      expect(
        `${year}-${String(MONTHS.indexOf(month ?? '') + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      ).toBe(letter.date);
      expect(letter.content).toContain(`## **${letter.title}**`);
      expect(letter.content).not.toMatch(/^---/);
      const lastHeading = letter.content.lastIndexOf('\n#### ');
      expect(lastHeading).toBeGreaterThan(0);
      expect(letter.relativePath).toMatch(/^cartas\/\d{5}_[0-9a-f]{8}\.txt$/);
    }
  });

  it("spreads lengths log-normally around the real documents' lengths", () => {
    const logWords = sample.map((document) => Math.log(document.words));
    const realMedian = median(model.vocabulary.logLengths);
    expect(Math.abs(median(logWords) - realMedian)).toBeLessThan(0.3);
    const spread = Math.sqrt(logWords.reduce((sum, x) => sum + (x - model.length.mu) ** 2, 0) / logWords.length);
    expect(Math.abs(spread - model.length.sigma)).toBeLessThan(0.15);
    expect(Math.min(...sample.map((document) => document.words))).toBeGreaterThanOrEqual(60);
  });

  it('writes mostly real Spanish words, with some new ones and Markdown structure', () => {
    const bodies = sample.map((document) => document.content.replace(/^---\n[\s\S]*?\n---\n/, ''));
    const words = bodies.flatMap((body) => wordsOf(proseOf(body)));
    const real = words.filter((word) => model.vocabulary.wordCounts.has(word)).length;
    expect(real / words.length).toBeGreaterThan(0.9);
    expect(real / words.length).toBeLessThan(0.99);
    const all = bodies.join('\n');
    expect(all).toMatch(/^## \S/m);
    expect(all).toMatch(/^- \S/m);
    expect(all).toMatch(/^> “/m);
    expect(all).toMatch(/\]\(https:\/\/ejemplo\.org\/[a-z0-9ñ-]+\)/);
  });
});

describe('generateCorpus', () => {
  it('writes the documents it reports, and a smaller run is the prefix of a larger one', () => {
    const small = mkdtempSync(path.join(os.tmpdir(), 'bench-gen-'));
    const large = mkdtempSync(path.join(os.tmpdir(), 'bench-gen-'));
    tempDirs.push(small, large);
    const smallSummary = generateCorpus({ dir: small, count: 30, seed: 7, model });
    const largeSummary = generateCorpus({ dir: large, count: 60, seed: 7, model });
    expect(smallSummary.documents).toBe(30);
    expect(smallSummary.articles + smallSummary.letters).toBe(30);
    expect(largeSummary.documents).toBe(60);
    const list = (dir: string): string[] =>
      readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
    const smallFiles = list(small);
    expect(smallFiles).toHaveLength(30);
    for (const file of smallFiles)
      expect(readFileSync(path.join(large, file), 'utf8')).toBe(readFileSync(path.join(small, file), 'utf8'));
    expect(list(large)).toHaveLength(60);
  });
});
