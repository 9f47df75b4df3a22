/**
 * Serving benchmark (`npm run bench:serve`, also the last part of `npm run bench`): browser mode
 * under load, the way a room of phones uses it, on the 10,000-document generated corpus.
 *
 * The bundled server (`scripts/serve.mjs`, what `npm run serve` runs) is started in two modes in
 * the same run: as served (search pool + answers kept by request), and as the baseline the same
 * server with `--no-search-cache` (every search runs on the pool: the behaviour before the cache).
 * For each it measures with autocannon:
 * - a typical search at 10, 50 and 200 concurrent connections: p50, p99, requests/s, errors;
 * - a different search on every request, at 50 connections: the 44 queries of the search
 *   benchmark (bench/queries.ts: words, phrases, fields, wildcards, fuzzy, filters, date order)
 *   in turn, each written differently every time round (trailing spaces, which the search
 *   ignores), so no kept answer can be reused: what a room typing its own searches costs;
 * - cheap requests (`/api/status`, `index.html`) alone, then while one client sends the
 *   pathological queries one after another: their p99 must not move;
 * - each pathological query alone: its status and time (the deadline answers 503 in about 1 s).
 * `--runs n` repeats both modes n times (alternating) and reports the median of each figure.
 *
 * Every connection comes from 127.0.0.1, so the per-device limits are raised
 * (`--searches-per-address`, `--connections-per-address`, `--max-connections`): the load stands
 * for many phones, each with one search at a time.
 * The machine is shared: figures are approximate; the load average is recorded.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { Command } from 'commander';
import { buildCorpus } from '../src-main/core/build/build';
import { createGeneratorModel, defaultCorpusRoot, generateCorpus } from './generate';
import { BENCH_QUERIES } from './queries';

const benchDir = import.meta.dirname;
const projectRoot = path.resolve(benchDir, '..');

export const TYPICAL_SEARCH = { query: 'transparencia presupuestaria', limit: 15 };
export const PATHOLOGICAL_QUERIES: { name: string; query: string }[] = [
  { name: '*a* *e* *o* *i*', query: '*a* *e* *o* *i*' },
  { name: '3,000 × "de la"', query: Array.from({ length: 3_000 }, () => '"de la"').join(' ') },
  { name: '1,000 × "gobierno abierto"', query: Array.from({ length: 1_000 }, () => '"gobierno abierto"').join(' ') },
];
const CONCURRENCY = [10, 50, 200];
/** Connections of the load where no answer can be reused. */
const VARIED_CONNECTIONS = 50;
/** Rounds of the query list before a written form repeats (more than a load sends in its duration). */
const UNSEEN_FORMS = 5_000;

/** The two servers compared in one run: as served, and the baseline without kept answers. */
const MODES = [
  { mode: 'served', args: [] },
  { mode: 'baseline', args: ['--no-search-cache'] },
] as const;
type ModeName = (typeof MODES)[number]['mode'];

export interface ServeBenchOptions {
  documents: number;
  seed: number;
  /** Seconds of each search load. */
  duration: number;
  output: string | null;
  db?: string;
  /** Times each mode is measured; the report gives the median of each figure. */
  runs: number;
}

interface LoadFigures {
  connections: number;
  p50: number;
  p99: number;
  max: number;
  requestsPerSecond: number;
  /** Connection errors and timeouts plus non-2xx answers. */
  errors: number;
  /** Of `errors`: answers other than 2xx (503 busy, 429), as opposed to sockets that failed. */
  non2xx: number;
}

interface ModeFigures {
  mode: ModeName;
  search: LoadFigures[];
  varied: LoadFigures;
  cheapAlone: LoadFigures;
  cheapDuringPathological: LoadFigures;
  pathological: { name: string; status: number; ms: number; notice: string | null }[];
}

function log(message: string): void {
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${message}\n`);
}

/** `--db` names a corpus to reuse; when it does not exist yet it is generated there and kept (repeated runs). */
async function prepareDatabase(options: ServeBenchOptions, work: string): Promise<string> {
  if (options.db && existsSync(options.db)) return path.resolve(options.db);
  const folder = path.join(work, 'documents');
  const model = createGeneratorModel(defaultCorpusRoot(), options.seed);
  generateCorpus({ dir: folder, count: options.documents, seed: options.seed, model });
  const out = options.db ? path.resolve(options.db) : path.join(work, 'corpus.sqlite');
  const started = performance.now();
  const summary = await buildCorpus({ inputs: [folder], out, name: 'bench', version: '1' });
  log(`built ${summary.documents} documents in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  rmSync(folder, { recursive: true, force: true });
  return out;
}

interface Server {
  base: string;
  child: ChildProcess;
}

function startServer(database: string, work: string, extraArgs: string[]): Promise<Server> {
  const staticDir = path.join(projectRoot, 'dist/renderer');
  const ui = existsSync(path.join(staticDir, 'index.html')) ? staticDir : path.join(work, 'ui');
  if (ui !== staticDir) {
    mkdirSync(ui, { recursive: true });
    writeFileSync(path.join(ui, 'index.html'), '<!doctype html><title>bench</title>');
  }
  const args = [
    path.join(projectRoot, 'scripts/serve.mjs'),
    '--db',
    database,
    '--port',
    '0',
    '--no-build',
    '--static',
    ui,
    '--user-data',
    mkdtempSync(path.join(work, 'user-')),
    '--searches-per-address',
    '100000',
    '--connections-per-address',
    '1000',
    '--max-connections',
    '1000',
    ...extraArgs,
  ];
  const child = spawn(process.execPath, args, { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /http:\/\/127\.0\.0\.1:\d+\//.exec(output);
      if (match) resolve({ base: match[0], child });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      reject(new Error(`server exited with ${String(code)}:\n${output}`));
    });
  });
}

async function stopServer(server: Server): Promise<void> {
  if (server.child.exitCode !== null) return;
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  await exited;
}

async function load(
  connections: number,
  duration: number,
  requests: autocannon.Request[],
  url: string,
): Promise<LoadFigures> {
  const result = await autocannon({ url, connections, duration, timeout: 30, requests });
  return {
    connections,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    requestsPerSecond: Math.round(result.requests.average),
    errors: result.errors + result.non2xx,
    non2xx: result.non2xx,
  };
}

const searchRequest = (body: object): autocannon.Request => ({
  method: 'POST',
  path: '/api/search',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
/**
 * A different search on every request: the search benchmark's queries in turn (with their
 * filters and sort), 15 results, each written differently every time round (trailing spaces,
 * which the search ignores), so that no kept answer can be reused and a worker's last few
 * matches (it keeps 8) never hold the next query.
 */
function unseenSearch(): autocannon.Request {
  let next = 0;
  return {
    ...searchRequest(TYPICAL_SEARCH),
    setupRequest: (request) => {
      const query = BENCH_QUERIES[next % BENCH_QUERIES.length];
      const round = Math.floor(next / BENCH_QUERIES.length) % UNSEEN_FORMS;
      next += 1;
      if (!query) return request;
      const body = {
        query: `${query.lunr}${' '.repeat(round)}`,
        limit: TYPICAL_SEARCH.limit,
        ...(query.filters ? { filters: query.filters } : {}),
        ...(query.sort ? { sort: query.sort } : {}),
      };
      return { ...request, body: JSON.stringify(body) };
    },
  };
}
const CHEAP: autocannon.Request[] = [
  { method: 'GET', path: '/api/status' },
  { method: 'GET', path: '/' },
];

async function timedSearch(
  base: string,
  query: string,
): Promise<{ status: number; ms: number; notice: string | null }> {
  const started = performance.now();
  const response = await fetch(new URL('api/search', base), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { notice?: { code?: string } | null };
  return { status: response.status, ms: performance.now() - started, notice: body.notice?.code ?? null };
}

async function measureMode(
  { mode, args }: (typeof MODES)[number],
  database: string,
  work: string,
  options: ServeBenchOptions,
): Promise<ModeFigures> {
  const server = await startServer(database, work, [...args]);
  try {
    for (let i = 0; i < 20; i += 1) await timedSearch(server.base, TYPICAL_SEARCH.query);
    const search: LoadFigures[] = [];
    for (const connections of CONCURRENCY) {
      search.push(await load(connections, options.duration, [searchRequest(TYPICAL_SEARCH)], server.base));
      log(
        `  ${mode}: search at ${connections} connections: p50 ${search.at(-1)?.p50} ms, p99 ${search.at(-1)?.p99} ms`,
      );
    }
    const varied = await load(VARIED_CONNECTIONS, options.duration, [unseenSearch()], server.base);
    log(
      `  ${mode}: a different search per request at ${VARIED_CONNECTIONS} connections: p50 ${varied.p50} ms, p99 ${varied.p99} ms`,
    );
    const cheapAlone = await load(10, 5, CHEAP, server.base);
    const pathological = [];
    for (const { name, query } of PATHOLOGICAL_QUERIES) {
      pathological.push({ name, ...(await timedSearch(server.base, query)) });
      log(`  ${mode}: ${name}: ${pathological.at(-1)?.status} in ${Math.round(pathological.at(-1)?.ms ?? 0)} ms`);
    }
    // One client keeps sending the pathological queries while the cheap requests are measured.
    const hostileClient = { stop: false };
    const hostile = (async () => {
      for (let i = 0; !hostileClient.stop; i += 1) {
        const next = PATHOLOGICAL_QUERIES[i % PATHOLOGICAL_QUERIES.length];
        if (next) await timedSearch(server.base, next.query).catch(() => undefined);
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const cheapDuringPathological = await load(10, 5, CHEAP, server.base);
    hostileClient.stop = true;
    await hostile;
    return { mode, search, varied, cheapAlone, cheapDuringPathological, pathological };
  } finally {
    await stopServer(server);
  }
}

/** autocannon rounds latencies to whole milliseconds: 0 means under one. */
const ms = (value: number): string => (value < 1 ? '<1 ms' : `${Math.round(value)} ms`);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Each figure of a load, the median over the runs. */
function medianLoad(loads: LoadFigures[]): LoadFigures {
  const of = (pick: (figures: LoadFigures) => number) => median(loads.map(pick));
  return {
    connections: loads[0]?.connections ?? 0,
    p50: of((f) => f.p50),
    p99: of((f) => f.p99),
    max: of((f) => f.max),
    requestsPerSecond: of((f) => f.requestsPerSecond),
    errors: of((f) => f.errors),
    non2xx: of((f) => f.non2xx),
  };
}

/** One mode's figures, each the median over its runs. */
function medianMode(runs: ModeFigures[]): ModeFigures {
  const first = runs[0];
  if (!first) throw new Error('no run to summarise');
  return {
    mode: first.mode,
    search: first.search.map((level, index) => medianLoad(runs.map((run) => run.search[index] ?? level))),
    varied: medianLoad(runs.map((run) => run.varied)),
    cheapAlone: medianLoad(runs.map((run) => run.cheapAlone)),
    cheapDuringPathological: medianLoad(runs.map((run) => run.cheapDuringPathological)),
    pathological: first.pathological.map((entry, index) => ({
      ...entry,
      ms: median(runs.map((run) => run.pathological[index]?.ms ?? entry.ms)),
    })),
  };
}

const errorsOf = (figures: LoadFigures): string =>
  figures.errors === 0 ? '0' : `${figures.errors} (${figures.non2xx} non-2xx)`;
const ratio = (a: number, b: number): string => (b > 0 ? (a / b).toFixed(2) : '–');

function formatMarkdown(
  served: ModeFigures,
  baseline: ModeFigures,
  options: ServeBenchOptions,
  loadAverages: number[],
): string {
  const loads = loadAverages.map((value) => value.toFixed(1)).join(', ');
  const lines = [
    `# Serving benchmark (${options.documents.toLocaleString('en')} generated documents)`,
    '',
    `${new Date().toISOString()}, Node ${process.version}, ${os.availableParallelism()} cores, load average before each run: ${loads}. ` +
      `Search: \`${TYPICAL_SEARCH.query}\` (${TYPICAL_SEARCH.limit} results), ${options.duration} s per level, autocannon, ` +
      `${options.runs} run(s) per mode, medians. Served: search pool + answers kept by request. ` +
      'Baseline: the same server with `--no-search-cache` (every search runs on the pool), same runs.',
    '',
    '| search load | p50 | p99 | errors | req/s | baseline p50 | baseline p99 | baseline errors | baseline req/s | p99 ratio |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  const row = (label: string, a: LoadFigures, b: LoadFigures) =>
    `| ${label} | ${ms(a.p50)} | ${ms(a.p99)} | ${errorsOf(a)} | ${a.requestsPerSecond} | ${ms(b.p50)} | ${ms(b.p99)} | ${errorsOf(b)} | ${b.requestsPerSecond} | ${ratio(a.p99, b.p99)} |`;
  served.search.forEach((a, level) => {
    const b = baseline.search[level];
    if (b) lines.push(row(`same search, ${a.connections} connections`, a, b));
  });
  lines.push(
    row(
      `a different search per request (the ${BENCH_QUERIES.length} bench queries in turn, never seen), ${served.varied.connections} connections`,
      served.varied,
      baseline.varied,
    ),
  );
  lines.push(
    '',
    '| cheap requests (status, index.html), 10 connections | p99 | baseline p99 |',
    '|---|---|---|',
    `| alone | ${ms(served.cheapAlone.p99)} | ${ms(baseline.cheapAlone.p99)} |`,
    `| while one client sends pathological queries | ${ms(served.cheapDuringPathological.p99)} (max ${ms(served.cheapDuringPathological.max)}, errors ${errorsOf(served.cheapDuringPathological)}) | ${ms(baseline.cheapDuringPathological.p99)} (max ${ms(baseline.cheapDuringPathological.max)}, errors ${errorsOf(baseline.cheapDuringPathological)}) |`,
    '',
    '| pathological query, alone (first time) | served | baseline |',
    '|---|---|---|',
  );
  const describe = (item: { status: number; ms: number; notice: string | null } | undefined) =>
    item ? `${item.status}${item.notice ? ` (${item.notice})` : ''} in ${Math.round(item.ms)} ms` : '—';
  served.pathological.forEach((entry, index) => {
    lines.push(`| \`${entry.name}\` | ${describe(entry)} | ${describe(baseline.pathological[index])} |`);
  });
  return `${lines.join('\n')}\n`;
}

export async function runServeBenchmark(options: ServeBenchOptions): Promise<string> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'archivo-serve-bench-'));
  try {
    log(`serving benchmark: ${options.documents} documents, ${options.runs} run(s) per mode`);
    const database = await prepareDatabase(options, work);
    const runs: Record<ModeName, ModeFigures[]> = { served: [], baseline: [] };
    const loadAverages: number[] = [];
    for (let run = 0; run < options.runs; run += 1) {
      loadAverages.push(os.loadavg()[0] ?? 0);
      // Alternating, the baseline first: neither mode always gets the quieter minutes.
      for (const mode of run % 2 === 0 ? [...MODES].reverse() : MODES) {
        runs[mode.mode].push(await measureMode(mode, database, work, options));
      }
    }
    const served = medianMode(runs.served);
    const baseline = medianMode(runs.baseline);
    const markdown = formatMarkdown(served, baseline, options, loadAverages);
    if (options.output) {
      mkdirSync(options.output, { recursive: true });
      writeFileSync(path.join(options.output, 'serve-latest.md'), markdown);
      writeFileSync(
        path.join(options.output, 'serve-latest.json'),
        `${JSON.stringify({ options, loadAverages, medians: { served, baseline }, runs }, null, 2)}\n`,
      );
    }
    return markdown;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function parseOptions(argv: string[]): ServeBenchOptions {
  const raw = new Command()
    .name('bench:serve')
    .description('Browser mode under load (autocannon): searches, cheap requests, pathological queries')
    .option('--documents <n>', 'generated documents', '10000')
    .option('--seed <n>', 'generator seed', '20170523')
    .option('--duration <s>', 'seconds per search load level', '10')
    .option('--runs <n>', 'times each mode is measured (medians are reported)', '3')
    .option('--db <file>', 'a corpus database to reuse (generated there when missing)')
    .option('--output <dir>', 'where serve-latest.md/json go ("-" for none)', path.join(benchDir, 'results'))
    .parse(argv)
    .opts<{ documents: string; seed: string; duration: string; runs: string; db?: string; output: string }>();
  return {
    documents: Number(raw.documents),
    seed: Number(raw.seed),
    duration: Number(raw.duration),
    runs: Math.max(1, Number(raw.runs)),
    output: raw.output === '-' ? null : path.resolve(raw.output),
    ...(raw.db ? { db: raw.db } : {}),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.join(benchDir, 'serve-load.ts')) {
  process.stdout.write(await runServeBenchmark(parseOptions(process.argv)));
}
