/**
 * Child process: one other in-memory search engine on the same documents as the app, each
 * step in a fresh Node process (see run.ts):
 *   tsx bench/competitor-probe.ts build <engine> <app.sqlite> <index-file>
 *     reads every document (title and plain text) from the app's corpus database, builds the
 *     engine's index and writes it serialised (its on-disk size is the file's size);
 *   tsx bench/competitor-probe.ts search <engine> <index-file> <repetitions> <warmup>
 *     loads the serialised index (open time) and times the query set, top 20 (no snippets,
 *     no facets: lighter work than the app's answer).
 * Engines: flexsearch (0.8, Index, default encoder), minisearch (title and text fields), lunr
 * (plain Lunr with lunr-languages' Spanish pipeline, as apps usually set it up).
 * Queries: each engine gets the words of the query (`queryTerms`); Lunr gets the app's query
 * string, or its words where its parser refuses it.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import FlexSearch from 'flexsearch';
import lunr from 'lunr';
import stemmerSupport from 'lunr-languages/lunr.stemmer.support';
import spanish from 'lunr-languages/lunr.es';
import MiniSearch from 'minisearch';
import { CorpusReader } from '../src-main/core/store/corpus-reader';
import { cpuMs, elapsedMs, emitResult, maxRssMb } from './child-protocol';
import { BENCH_QUERIES, queryTerms } from './queries';
import { percentile } from './stats';

type CompetitorName = 'flexsearch' | 'minisearch' | 'lunr';

interface Row {
  id: number;
  title: string;
  text: string;
}

interface Competitor {
  build(rows: readonly Row[]): Promise<string>;
  load(serialised: string): Promise<(query: (typeof BENCH_QUERIES)[number]) => unknown[]>;
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

const COMPETITORS: Record<CompetitorName, Competitor> = {
  flexsearch: {
    build(rows) {
      const index = new FlexSearch.Index({ tokenize: 'strict' });
      for (const row of rows) index.add(row.id, `${row.title}\n${row.text}`);
      const parts: Record<string, string> = {};
      // With a synchronous handler FlexSearch 0.8 exports synchronously (its types say so).
      index.export((key: string, data: string) => {
        parts[key] = data;
      });
      return Promise.resolve(JSON.stringify(parts));
    },
    load(serialised) {
      const index = new FlexSearch.Index({ tokenize: 'strict' });
      const parts = JSON.parse(serialised) as Record<string, string>;
      for (const [key, data] of Object.entries(parts)) index.import(key, data);
      return Promise.resolve((query: (typeof BENCH_QUERIES)[number]) =>
        index.search(queryTerms(query).join(' ').replace(/\*/g, ''), { limit: 20 }),
      );
    },
  },
  minisearch: {
    build(rows) {
      const search = new MiniSearch<Row>({ fields: ['title', 'text'] });
      search.addAll(rows);
      return Promise.resolve(JSON.stringify(search));
    },
    load(serialised) {
      const search = MiniSearch.loadJSON<Row>(serialised, { fields: ['title', 'text'] });
      return Promise.resolve((query) =>
        search
          .search(queryTerms(query).join(' ').replace(/\*/g, ''), { prefix: (term) => term.length > 3 })
          .slice(0, 20),
      );
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
      return Promise.resolve(JSON.stringify(index));
    },
    load(serialised) {
      const l = spanishLunr();
      const index = l.Index.load(JSON.parse(serialised) as object);
      return Promise.resolve((query) => {
        try {
          return index.search(query.lunr).slice(0, 20);
        } catch {
          return index.search(queryTerms(query).join(' ')).slice(0, 20);
        }
      });
    },
  },
};

function competitor(name: string | undefined): Competitor {
  if (name === 'flexsearch' || name === 'minisearch' || name === 'lunr') return COMPETITORS[name];
  throw new Error(`unknown engine "${String(name)}" (flexsearch, minisearch, lunr)`);
}

async function build(name: string | undefined, database: string, indexFile: string): Promise<void> {
  const engine = competitor(name);
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  // Texts live in compressed blocks (store/document-blocks.ts): read them through the app's reader.
  const reader = new CorpusReader(database);
  const db = new Database(database, { readonly: true });
  const rows = db
    .prepare<[], { id: number; ref: string; title: string }>(
      'SELECT rowid AS id, id AS ref, title FROM documents ORDER BY id',
    )
    .all()
    .map((row): Row => ({ id: row.id, title: row.title, text: reader.getText(row.ref) ?? '' }));
  db.close();
  reader.close();
  writeFileSync(indexFile, await engine.build(rows));
  emitResult({
    documents: rows.length,
    totalMs: elapsedMs(started),
    cpuMs: cpuMs(cpu),
    maxRssMb: maxRssMb(),
    indexBytes: statSync(indexFile).size,
  } as never);
}

async function search(name: string | undefined, indexFile: string, repetitions: number, warmup: number): Promise<void> {
  const engine = competitor(name);
  const started = process.hrtime.bigint();
  const openCpu = process.cpuUsage();
  const run = await engine.load(readFileSync(indexFile, 'utf8'));
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
const done =
  mode === 'build'
    ? build(name, rest[0] as string, rest[1] as string)
    : mode === 'search'
      ? search(name, rest[0] as string, Number(rest[1] ?? 3), Number(rest[2] ?? 1))
      : Promise.reject(new Error('usage: competitor-probe.ts build|search <engine> …'));
done.catch((error: unknown) => {
  process.stderr.write(
    `competitor-probe failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
