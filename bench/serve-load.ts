/**
 * Serving benchmark (`npm run bench:serve`, also the last part of `npm run bench`): browser mode
 * under load, the way a room of phones uses it, on the 10,000-document generated corpus.
 *
 * The bundled server (`scripts/serve.mjs`, what `npm run serve` runs) is started twice in the
 * same run: with its search pool (one worker thread per core) and, as the baseline, with
 * `--search-threads 0` (searches on the main thread, as before the pool). For each it measures
 * with autocannon:
 * - a typical search at 10, 50 and 200 concurrent connections: p50, p99, requests/s, errors;
 * - cheap requests (`/api/status`, `index.html`) alone, then while one client sends the
 *   pathological queries one after another: their p99 must not move;
 * - each pathological query alone: its status and time (the deadline answers 503 in about 1 s).
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
import { buildCorpus } from '../src-main/core/build';
import { createGeneratorModel, defaultCorpusRoot, generateCorpus } from './generate';

const benchDir = import.meta.dirname;
const projectRoot = path.resolve(benchDir, '..');

export const TYPICAL_SEARCH = { query: 'transparencia presupuestaria', limit: 15 };
export const PATHOLOGICAL_QUERIES: { name: string; query: string }[] = [
  { name: '*a* *e* *o* *i*', query: '*a* *e* *o* *i*' },
  { name: '3,000 × "de la"', query: Array.from({ length: 3_000 }, () => '"de la"').join(' ') },
  { name: '1,000 × "gobierno abierto"', query: Array.from({ length: 1_000 }, () => '"gobierno abierto"').join(' ') },
];
const CONCURRENCY = [10, 50, 200];

export interface ServeBenchOptions {
  documents: number;
  seed: number;
  /** Seconds of each search load. */
  duration: number;
  output: string | null;
  db?: string;
}

interface LoadFigures {
  connections: number;
  p50: number;
  p99: number;
  max: number;
  requestsPerSecond: number;
  /** Connection errors and timeouts plus non-2xx answers. */
  errors: number;
}

interface ModeFigures {
  mode: 'pool' | 'main thread';
  search: LoadFigures[];
  cheapAlone: LoadFigures;
  cheapDuringPathological: LoadFigures;
  pathological: { name: string; status: number; ms: number; notice: string | null }[];
}

function log(message: string): void {
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${message}\n`);
}

async function prepareDatabase(options: ServeBenchOptions, work: string): Promise<string> {
  if (options.db) return path.resolve(options.db);
  const folder = path.join(work, 'documents');
  const model = createGeneratorModel(defaultCorpusRoot(), options.seed);
  generateCorpus({ dir: folder, count: options.documents, seed: options.seed, model });
  const out = path.join(work, 'corpus.sqlite');
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
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

const searchRequest = (body: object): autocannon.Request => ({
  method: 'POST',
  path: '/api/search',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
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
  mode: ModeFigures['mode'],
  database: string,
  work: string,
  options: ServeBenchOptions,
): Promise<ModeFigures> {
  const server = await startServer(database, work, mode === 'pool' ? [] : ['--search-threads', '0']);
  try {
    for (let i = 0; i < 20; i += 1) await timedSearch(server.base, TYPICAL_SEARCH.query);
    const search: LoadFigures[] = [];
    for (const connections of CONCURRENCY) {
      search.push(await load(connections, options.duration, [searchRequest(TYPICAL_SEARCH)], server.base));
      log(
        `  ${mode}: search at ${connections} connections: p50 ${search.at(-1)?.p50} ms, p99 ${search.at(-1)?.p99} ms`,
      );
    }
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
    return { mode, search, cheapAlone, cheapDuringPathological, pathological };
  } finally {
    await stopServer(server);
  }
}

/** autocannon rounds latencies to whole milliseconds: 0 means under one. */
const ms = (value: number): string => (value < 1 ? '<1 ms' : `${value} ms`);

function formatMarkdown(results: ModeFigures[], options: ServeBenchOptions, loadAverage: number): string {
  const lines = [
    `# Serving benchmark (${options.documents.toLocaleString('en')} generated documents)`,
    '',
    `${new Date().toISOString()}, Node ${process.version}, ${os.availableParallelism()} cores, load average before: ${loadAverage.toFixed(2)}. ` +
      `Search: \`${TYPICAL_SEARCH.query}\` (${TYPICAL_SEARCH.limit} results), ${options.duration} s per level, autocannon. ` +
      'Baseline: the same server with `--search-threads 0` (searches on the main thread), same run.',
    '',
    '| search load | pool p50 | pool p99 | pool req/s | pool errors | main-thread p50 | main-thread p99 | main-thread req/s | main-thread errors | p99 ratio |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  const [pool, baseline] = results;
  for (let i = 0; i < CONCURRENCY.length; i += 1) {
    const a = pool?.search[i];
    const b = baseline?.search[i];
    if (!a || !b) continue;
    lines.push(
      `| ${a.connections} connections | ${ms(a.p50)} | ${ms(a.p99)} | ${a.requestsPerSecond} | ${a.errors} | ${ms(b.p50)} | ${ms(b.p99)} | ${b.requestsPerSecond} | ${b.errors} | ${(a.p99 / b.p99).toFixed(2)} |`,
    );
  }
  lines.push(
    '',
    '| cheap requests (status, index.html), 10 connections | pool p99 | main-thread p99 |',
    '|---|---|---|',
  );
  if (pool && baseline) {
    lines.push(`| alone | ${ms(pool.cheapAlone.p99)} | ${ms(baseline.cheapAlone.p99)} |`);
    lines.push(
      `| while pathological queries run | ${ms(pool.cheapDuringPathological.p99)} (max ${ms(pool.cheapDuringPathological.max)}, ${pool.cheapDuringPathological.errors} errors) | ${ms(baseline.cheapDuringPathological.p99)} (max ${ms(baseline.cheapDuringPathological.max)}, ${baseline.cheapDuringPathological.errors} errors) |`,
    );
    lines.push('', '| pathological query, alone | pool | main thread |', '|---|---|---|');
    pool.pathological.forEach((entry, index) => {
      const other = baseline.pathological[index];
      const describe = (item: { status: number; ms: number; notice: string | null } | undefined) =>
        item ? `${item.status}${item.notice ? ` (${item.notice})` : ''} in ${Math.round(item.ms)} ms` : '—';
      lines.push(`| \`${entry.name}\` | ${describe(entry)} | ${describe(other)} |`);
    });
  }
  return `${lines.join('\n')}\n`;
}

export async function runServeBenchmark(options: ServeBenchOptions): Promise<string> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'archivo-serve-bench-'));
  try {
    log(`serving benchmark: ${options.documents} documents`);
    const database = await prepareDatabase(options, work);
    const loadAverage = os.loadavg()[0] ?? 0;
    // The baseline first: the pool is not measured while the machine is still busy with the build.
    const baseline = await measureMode('main thread', database, work, options);
    const results = [await measureMode('pool', database, work, options), baseline];
    const markdown = formatMarkdown(results, options, loadAverage);
    if (options.output) {
      mkdirSync(options.output, { recursive: true });
      writeFileSync(path.join(options.output, 'serve-latest.md'), markdown);
      writeFileSync(
        path.join(options.output, 'serve-latest.json'),
        `${JSON.stringify({ options, loadAverage, results }, null, 2)}\n`,
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
    .option('--db <file>', 'an existing corpus database instead of generating one')
    .option('--output <dir>', 'where serve-latest.md/json go ("-" for none)', path.join(benchDir, 'results'))
    .parse(argv)
    .opts<{ documents: string; seed: string; duration: string; db?: string; output: string }>();
  return {
    documents: Number(raw.documents),
    seed: Number(raw.seed),
    duration: Number(raw.duration),
    output: raw.output === '-' ? null : path.resolve(raw.output),
    ...(raw.db ? { db: raw.db } : {}),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.join(benchDir, 'serve-load.ts')) {
  process.stdout.write(await runServeBenchmark(parseOptions(process.argv)));
}
