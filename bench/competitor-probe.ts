/**
 * Child process: one other in-memory search engine on the same documents as the app, each
 * step in a fresh Node process (see run.ts):
 *   tsx bench/competitor-probe.ts build <engine> <app.sqlite> <index-file>
 *     reads every document (title and plain text) from the app's corpus database, builds the
 *     engine's index and writes it serialised, one JSON value per line (json-lines.ts: one string
 *     of a whole 100,000-document index is longer than V8 allows); its on-disk size is the file's size;
 *   tsx bench/competitor-probe.ts search <engine> <index-file> <repetitions> <warmup>
 *     loads the serialised index (open time) and times the query set, top 20 (no snippets,
 *     no facets: lighter work than the app's answer).
 * Engines: flexsearch (0.8, Index, default encoder), minisearch (title and text fields), lunr
 * (plain Lunr with lunr-languages' Spanish pipeline, as apps usually set it up).
 * Queries: each engine gets the words of the query (`queryTerms`); Lunr gets the app's query
 * string, or its words where its parser refuses it.
 */
import { statSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';
import Database from 'better-sqlite3';
import FlexSearch from 'flexsearch';
import lunr from 'lunr';
import stemmerSupport from 'lunr-languages/lunr.stemmer.support';
import spanish from 'lunr-languages/lunr.es';
import MiniSearch from 'minisearch';
import { CorpusReader } from '../src-main/core/store/corpus-reader';
import { cannotFit } from './child-memory-guard';
import { cpuMs, elapsedMs, emitResult, maxRssMb } from './child-protocol';
import { batches, readJsonLines, writeJsonLines } from './json-lines';
import { BENCH_QUERIES, queryTerms } from './queries';
import { percentile } from './stats';

type CompetitorName = 'flexsearch' | 'minisearch' | 'lunr';

interface Row {
  id: number;
  title: string;
  text: string;
}

/** Entries per line of the stored index: lines of a few MB, never near V8's string limit. */
const ENTRIES_PER_LINE = 2000;

type Search = (query: (typeof BENCH_QUERIES)[number]) => unknown[];

/**
 * An engine: builds from rows streamed from the app's database (no array of 100,000 texts held
 * beside the index) into the lines of its stored index (json-lines.ts), and loads from them.
 */
interface Competitor {
  build(rows: Iterable<Row>): Iterable<unknown>;
  load(lines: Iterable<unknown>): Search;
}

type LunrWithSpanish = typeof lunr & { es?: unknown; stemmerSupport?: unknown };

let registered = false;

/** Registers lunr-languages' Spanish support once (it throws when registered twice). */
function spanishLunr(): typeof lunr {
  if (!registered) {
    stemmerSupport(lunr);
    spanish(lunr);
    registered = true;
  }
  return lunr;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A stored index's line: `{ part, items }` for the entries of a large list, `{ part: 'header', … }` for the rest. */
function lineOf(value: unknown, file: string): Record<string, unknown> & { part: string } {
  if (!isRecord(value) || typeof value.part !== 'string') throw new Error(`${file}: a line without "part"`);
  return { ...value, part: value.part };
}

function itemsOf(line: Record<string, unknown>): unknown[] {
  if (!Array.isArray(line.items)) throw new Error(`stored index: line "${String(line.part)}" without items`);
  return line.items;
}

/**
 * Lunr's and MiniSearch's serialised form is one object whose large lists (Lunr's inverted index
 * and field vectors, MiniSearch's index) are written in batches after a header holding the rest.
 */
function* splitObject(whole: Record<string, unknown>, lists: readonly string[]): Generator {
  const header: Record<string, unknown> = { part: 'header' };
  for (const [key, value] of Object.entries(whole)) if (!lists.includes(key)) header[key] = value;
  yield header;
  for (const list of lists) {
    const items = whole[list];
    if (!Array.isArray(items)) throw new Error(`serialised index has no list "${list}"`);
    for (const batch of batches(items, ENTRIES_PER_LINE)) yield { part: list, items: batch };
  }
}

function joinObject(lines: Iterable<unknown>, lists: readonly string[]): Record<string, unknown> {
  const whole: Record<string, unknown> = {};
  const gathered = new Map<string, unknown[]>(lists.map((list) => [list, []]));
  for (const value of lines) {
    const line = lineOf(value, 'stored index');
    const list = gathered.get(line.part);
    if (list) {
      for (const item of itemsOf(line)) list.push(item);
    } else if (line.part === 'header') {
      for (const [key, field] of Object.entries(line)) if (key !== 'part') whole[key] = field;
    } else throw new Error(`stored index: unknown part "${line.part}"`);
  }
  for (const [list, items] of gathered) whole[list] = items;
  return whole;
}

const LUNR_LISTS = ['invertedIndex', 'fieldVectors'];
const MINISEARCH_LISTS = ['index'];
const MINISEARCH_OPTIONS = { fields: ['title', 'text'] };

const COMPETITORS: Record<CompetitorName, Competitor> = {
  flexsearch: {
    build(rows) {
      const index = new FlexSearch.Index({ tokenize: 'strict' });
      for (const row of rows) index.add(row.id, `${row.title}\n${row.text}`);
      const parts: unknown[] = [];
      // With a synchronous handler FlexSearch 0.8 exports synchronously (its types say so), in
      // parts of bounded size: one line each.
      index.export((key: string, data: string) => {
        parts.push({ part: 'export', key, data });
      });
      return parts;
    },
    load(lines) {
      const index = new FlexSearch.Index({ tokenize: 'strict' });
      for (const value of lines) {
        const line = lineOf(value, 'flexsearch index');
        if (typeof line.key !== 'string' || typeof line.data !== 'string')
          throw new Error('flexsearch index: a line without key or data');
        index.import(line.key, line.data);
      }
      return (query) => index.search(queryTerms(query).join(' ').replace(/\*/g, ''), { limit: 20 });
    },
  },
  minisearch: {
    build(rows) {
      const search = new MiniSearch<Row>(MINISEARCH_OPTIONS);
      for (const row of rows) search.add(row);
      return splitObject(search.toJSON(), MINISEARCH_LISTS);
    },
    load(lines) {
      const whole = joinObject(lines, MINISEARCH_LISTS);
      // MiniSearch checks the serialisation version and shape itself (loadJS throws on a mismatch).
      const search = MiniSearch.loadJS<Row>(
        whole as unknown as Parameters<typeof MiniSearch.loadJS>[0],
        MINISEARCH_OPTIONS,
      );
      return (query) =>
        search
          .search(queryTerms(query).join(' ').replace(/\*/g, ''), { prefix: (term) => term.length > 3 })
          .slice(0, 20);
    },
  },
  lunr: {
    build(rows) {
      const l = spanishLunr();
      const index = l(function build() {
        (this as unknown as { use(plugin: unknown): void }).use((l as LunrWithSpanish).es);
        this.ref('id');
        this.field('title', { boost: 10 });
        this.field('text');
        for (const row of rows) this.add({ id: String(row.id), title: row.title, text: row.text });
      });
      const whole = index.toJSON();
      if (!isRecord(whole)) throw new Error('lunr: toJSON did not give an object');
      return splitObject(whole, LUNR_LISTS);
    },
    load(lines) {
      const l = spanishLunr();
      const index = l.Index.load(joinObject(lines, LUNR_LISTS));
      return (query) => {
        try {
          return index.search(query.lunr).slice(0, 20);
        } catch {
          return index.search(queryTerms(query).join(' ')).slice(0, 20);
        }
      };
    },
  },
};

function competitor(name: string | undefined): Competitor {
  if (name === 'flexsearch' || name === 'minisearch' || name === 'lunr') return COMPETITORS[name];
  throw new Error(`unknown engine "${String(name)}" (flexsearch, minisearch, lunr)`);
}

/** How often (share of the documents) the build's heap is checked against what the whole corpus would need. */
const MEMORY_CHECK_EVERY = 0.1;

/**
 * Ends the build with "out of memory, projected" once the heap used so far, scaled to every
 * document, clearly exceeds the heap limit (child-memory-guard.ts). The cheap reading comes first;
 * only when it says "cannot fit" is a full collection forced (run.ts starts these children with
 * --expose-gc) and the live heap read again, so engines that fit pay nothing.
 */
function checkMemory(documentsAdded: number, documentsTotal: number): void {
  const heapLimitMb = getHeapStatistics().heap_size_limit / 2 ** 20;
  const reading = (): string | null =>
    cannotFit({ documentsAdded, documentsTotal, heapUsedMb: process.memoryUsage().heapUsed / 2 ** 20, heapLimitMb });
  if (reading() === null) return;
  globalThis.gc?.();
  const confirmed = reading();
  if (confirmed !== null) throw new Error(confirmed);
}

/** Title and plain text of every document, read one at a time (texts live in compressed blocks: store/document-blocks.ts). */
function* documentRows(database: string, counted: { documents: number }): Generator<Row> {
  const reader = new CorpusReader(database);
  const db = new Database(database, { readonly: true });
  try {
    const total = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM documents').get()?.n ?? 0;
    const checkEvery = Math.max(1, Math.round(total * MEMORY_CHECK_EVERY));
    const statement = db.prepare<[], { id: number; ref: string; title: string }>(
      'SELECT rowid AS id, id AS ref, title FROM documents ORDER BY id',
    );
    for (const row of statement.iterate()) {
      counted.documents += 1;
      if (counted.documents % checkEvery === 0) checkMemory(counted.documents, total);
      yield { id: row.id, title: row.title, text: reader.getText(row.ref) ?? '' };
    }
  } finally {
    db.close();
    reader.close();
  }
}

function build(name: string | undefined, database: string, indexFile: string): void {
  const engine = competitor(name);
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  const counted = { documents: 0 };
  writeJsonLines(indexFile, engine.build(documentRows(database, counted)));
  emitResult({
    documents: counted.documents,
    totalMs: elapsedMs(started),
    cpuMs: cpuMs(cpu),
    maxRssMb: maxRssMb(),
    indexBytes: statSync(indexFile).size,
  } as never);
}

function search(name: string | undefined, indexFile: string, repetitions: number, warmup: number): void {
  const engine = competitor(name);
  const started = process.hrtime.bigint();
  const openCpu = process.cpuUsage();
  const run = engine.load(readJsonLines(indexFile));
  const openMs = elapsedMs(started);
  const openCpuMs = cpuMs(openCpu);
  const queries = BENCH_QUERIES.filter((query) => query.fts !== null);
  for (let pass = 0; pass < warmup; pass += 1) for (const query of queries) run(query);
  const times: number[] = [];
  for (let r = 0; r < repetitions; r += 1) {
    for (const query of queries) {
      const at = process.hrtime.bigint();
      run(query);
      times.push(elapsedMs(at));
    }
  }
  emitResult({
    openMs,
    openCpuMs,
    p50Ms: percentile(times, 50),
    p95Ms: percentile(times, 95),
    maxRssMb: maxRssMb(),
  } as never);
}

const [mode, name, ...rest] = process.argv.slice(2);
try {
  if (mode === 'build') build(name, rest[0] as string, rest[1] as string);
  else if (mode === 'search') search(name, rest[0] as string, Number(rest[1] ?? 3), Number(rest[2] ?? 1));
  else throw new Error('usage: competitor-probe.ts build|search <engine> …');
} catch (error: unknown) {
  process.stderr.write(
    `competitor-probe failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
}
