/**
 * `npm run bench`: generates synthetic Spanish documents, then for each size
 * builds them with this app (Lunr) and with an SQLite FTS5 baseline, and times
 * index loading and a fixed query set in fresh processes. Prints a table of
 * medians and writes bench/results/latest.json and latest.md.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { bundledChild } from './child-bundle';
import { RESULT_PREFIX, type BuildMeasurement, type Engine, type SearchMeasurement } from './child-protocol';
import { appIndexBytes, fts5IndexBytes, lunrIndexBytes, measureDatabase, type DatabaseSizes } from './db-sizes';
import { createGeneratorModel, defaultCorpusRoot, generateCorpus, type GenerationSummary } from './generate';
import { BENCH_QUERIES } from './queries';
import { median } from './stats';
import { formatReport, type MetricRow, type SizeReport } from './report';
import { runServeBenchmark } from './serve-load';
import type { ZimComparison } from './zim-compare';
import { formatZimReport, writeReadmeTable, type ZimRuns } from './zim-report';
import { shortFailure } from './child-failure';
import { measureColdCli, type ColdCliMeasurement } from './cold-cli';
import { formatStartReport, START_README_END, START_README_START, startGoals, type StartRun } from './start-report';

interface Options {
  sizes: number[];
  runs: number;
  largeRuns: number;
  largeFrom: number;
  largeRepetitions: number;
  repetitions: number;
  warmup: number;
  seed: number;
  keep: boolean;
  competitors: boolean;
  zim: boolean;
  serve: boolean;
  profile: boolean;
  output: string | null;
  /** `serve`: only the serving benchmark (bench/serve-load.ts). */
  only: 'serve' | null;
}

interface LunrSizes extends DatabaseSizes {
  indexBytes: number | null;
  indexLocation: string | null;
}

/** Other in-memory engines on the app's documents (competitor-probe.ts). */
const COMPETITORS = ['flexsearch', 'minisearch', 'lunr'] as const;
type CompetitorName = (typeof COMPETITORS)[number];

interface CompetitorBuild {
  documents: number;
  totalMs: number;
  cpuMs: number;
  maxRssMb: number;
  indexBytes: number;
}

interface CompetitorSearch {
  openMs: number;
  openCpuMs: number;
  p50Ms: number;
  p95Ms: number;
  maxRssMb: number;
}

interface CompetitorRecord {
  build?: CompetitorBuild;
  search?: CompetitorSearch;
  /** Why a step failed, short enough for the engine's row (e.g. out of memory at 100,000 documents). */
  failure?: string;
}

interface RunRecord {
  competitors?: Partial<Record<CompetitorName, CompetitorRecord>>;
  run: number;
  /** 1-minute load average before the run: other work on a shared machine moves the numbers. */
  loadAverage: number;
  build: Partial<Record<Engine, BuildMeasurement>>;
  search: Partial<Record<Engine, SearchMeasurement>>;
  sizes: { lunr?: LunrSizes; fts5?: DatabaseSizes & { indexBytes: number } };
  /** Steps that failed (e.g. out of memory), with the reason; the rest of the run still counts. */
  errors: string[];
  /** The app's archive of this run beside a ZIM of the same documents (zim-compare.ts). */
  zim?: ZimComparison;
  /** Cold `corpus search` on this run's archive beside bare Node starts (cold-cli.ts). */
  coldCli?: ColdCliMeasurement;
}

const benchDir = import.meta.dirname;
const projectRoot = path.resolve(benchDir, '..');

function parseOptions(argv: string[]): Options {
  const program = new Command()
    .name('bench')
    .description('Import and search benchmarks of this app (Lunr) against an SQLite FTS5 baseline')
    .option('--sizes <list>', 'document counts, comma-separated', '10000')
    .option('--docs <n>', 'one document count (same as --sizes <n>), e.g. --docs 100000')
    .option('--no-competitors', 'skip FlexSearch, MiniSearch and plain Lunr')
    .option('--no-serve', 'skip the serving benchmark (browser mode under load, bench/serve-load.ts)')
    .option('--no-zim', 'skip the comparison with a ZIM of the same documents (zimwriterfs, kiwix-serve)')
    .option('--runs <n>', 'repetitions of each build and search measurement', '3')
    .option(
      '--large-runs <n>',
      'repetitions for sizes of --large-from documents or more (default: --runs when given, else 3; a 100,000-document run takes over an hour here)',
    )
    .option('--large-from <n>', 'size from which --large-runs and --large-repetitions apply', '10000')
    .option(
      '--large-repetitions <n>',
      'times each query is timed per search process at large sizes (phrase queries take seconds there)',
      '3',
    )
    .option('--repetitions <n>', 'times each query is timed per search process', '5')
    .option('--warmup <n>', 'untimed passes over the query set before timing', '2')
    .option('--seed <n>', 'generator seed', '20170523')
    .option('--quick', 'smoke test: 200 documents, one run, one repetition')
    .option('--profile', "write V8 CPU profiles of the app's children to bench/results/profiles/")
    .option('--keep', 'keep the generated documents and databases (the folder is printed)')
    .option('--output <dir>', 'where latest.json and latest.md go (default bench/results; "-" for none)')
    .option('--only <part>', 'run one part only: "serve" (browser mode under load, bench/serve-load.ts)')
    .parse(argv);
  const raw = program.opts<Record<string, string | boolean | undefined>>();
  const integer = (name: string, value: unknown, min: number): number => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min)
      throw new Error(`--${name} must be an integer ≥ ${min}, got ${JSON.stringify(value)}`);
    return parsed;
  };
  const quick = raw.quick === true;
  const sizes = (quick ? '200' : String(raw.docs ?? raw.sizes))
    .split(',')
    .map((size) => integer('sizes', size.trim(), 1));
  const runs = quick ? 1 : integer('runs', raw.runs, 1);
  const output = raw.output === '-' ? null : path.resolve(String(raw.output ?? path.join(benchDir, 'results')));
  return {
    sizes,
    runs,
    largeRuns: quick || raw.largeRuns === '' ? runs : largeRunsOf(program, raw.largeRuns, runs, integer),
    largeFrom: integer('large-from', raw.largeFrom, 1),
    largeRepetitions: quick ? 1 : integer('large-repetitions', raw.largeRepetitions, 1),
    repetitions: quick ? 1 : integer('repetitions', raw.repetitions, 1),
    warmup: quick ? 1 : integer('warmup', raw.warmup, 0),
    seed: integer('seed', raw.seed, 0),
    keep: raw.keep === true,
    competitors: raw.competitors !== false,
    zim: raw.zim !== false,
    serve: raw.serve !== false,
    profile: raw.profile === true,
    // Quick runs are smoke tests: they never overwrite the committed results.
    output: quick && raw.output === undefined ? null : output,
    only: onlyPart(raw.only),
  };
}

/**
 * How long one child may run: a 100,000-document build on this 2-core machine shared by several
 * sessions took over 30 minutes (the former limit), and a stopped child loses the whole run.
 */
const CHILD_TIMEOUT_MS = 2 * 60 * 60 * 1000;

/** Issue 14's goals for the search engine at this corpus size (10,000 and 100,000 documents). */
function engineGoals(documents: number) {
  const large = documents >= 100_000;
  return { buildDocsPerSecond: 1000, queryP95Ms: large ? 25 : 5, searchRssMb: large ? 400 : 120 };
}

/**
 * The children that time searches run from an esbuild bundle, as the app's search processes do
 * (child-bundle.ts); builds and the ZIM comparison run through tsx (their start is not timed).
 */
const BUNDLED_CHILDREN = new Set(['search-probe.ts', 'competitor-probe.ts']);

/**
 * Bounds for the in-memory engines (competitor-probe.ts): at 100,000 documents Lunr and MiniSearch
 * hold several GB (785 and 754 MB of RSS at 10,000), and an unbounded child would take the memory
 * of a machine it shares. With a heap limit it stops with "out of memory" and the run goes on.
 */
const COMPETITOR_LIMITS: ChildLimits = { heapMb: 4096, timeoutMs: 30 * 60 * 1000 };

interface ChildLimits {
  /** V8 old-space limit of the child (`--max-old-space-size`). */
  heapMb?: number;
  timeoutMs?: number;
}

/** Runs a bench child in a fresh Node process and returns the JSON it reported. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the report its own child script prints.
function runChild<T>(script: string, args: string[], profile: boolean, limits: ChildLimits = {}): T {
  const source = path.join(benchDir, script);
  const bundled = BUNDLED_CHILDREN.has(script);
  const nodeArgs = bundled ? [] : ['--import', 'tsx'];
  if (limits.heapMb !== undefined) nodeArgs.push(`--max-old-space-size=${String(limits.heapMb)}`);
  if (profile) nodeArgs.push('--cpu-prof', '--cpu-prof-dir', path.join(benchDir, 'results', 'profiles'));
  const entry = bundled ? bundledChild(source, projectRoot) : source;
  const child = spawnSync(process.execPath, [...nodeArgs, entry, ...args], {
    cwd: projectRoot,
    encoding: 'utf8',
    maxBuffer: 64 * 2 ** 20,
    timeout: limits.timeoutMs ?? CHILD_TIMEOUT_MS,
  });
  // A child that could not start has no output at all.
  if (child.error) {
    const timedOut = 'code' in child.error && child.error.code === 'ETIMEDOUT';
    const why = timedOut
      ? `timed out after ${String(Math.round((limits.timeoutMs ?? CHILD_TIMEOUT_MS) / 60_000))} min`
      : child.error.message;
    throw new Error(`${script} ${args.join(' ')} failed (${why})`, { cause: child.error });
  }
  const line = child.stdout.split('\n').find((text) => text.startsWith(RESULT_PREFIX));
  if (child.status !== 0 || !line) {
    const why = `exit code ${String(child.status)}${child.signal ? `, signal ${child.signal}` : ''}`;
    throw new Error(`${script} ${args.join(' ')} failed (${why}):\n${child.stderr.slice(-4000)}`);
  }
  return JSON.parse(line.slice(RESULT_PREFIX.length)) as T;
}

function log(message: string): void {
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${message}\n`);
}

/** Runs one step; a failure is recorded (and printed) instead of ending the whole benchmark. */
function attempt<T>(errors: string[], step: string, action: () => T): T | undefined {
  try {
    return action();
  } catch (error) {
    const message = `${step}: ${error instanceof Error ? error.message : String(error)}`;
    errors.push(message);
    log(`  FAILED ${message.split('\n').slice(0, 12).join('\n    ')}`);
    return undefined;
  }
}

function measureSize(workDir: string, documents: string, size: number, runs: number, options: Options): RunRecord[] {
  const records: RunRecord[] = [];
  const seconds = (ms: number | undefined): string => (ms === undefined ? '?' : (ms / 1000).toFixed(1));
  for (let run = 1; run <= runs; run++) {
    const loadAverage = os.loadavg()[0] ?? 0;
    const errors: string[] = [];
    const lunrDb = path.join(workDir, `lunr-${size}-${run}.sqlite`);
    const ftsDb = path.join(workDir, `fts5-${size}-${run}.sqlite`);
    log(
      `N=${size} run ${run}/${runs} (load average ${loadAverage.toFixed(1)} on ${os.cpus().length} cores): building with the app…`,
    );
    const lunrBuild = attempt(errors, 'app build', () =>
      runChild<BuildMeasurement>('build-probe.ts', ['lunr', documents, lunrDb], options.profile),
    );
    log(
      `  app: ${lunrBuild?.documents ?? '?'} documents in ${seconds(lunrBuild?.totalMs)} s; building the FTS5 baseline…`,
    );
    log(
      `  app: import (documents analysed and written as they come) ${seconds(lunrBuild?.importMs)} s of it; building with FTS5…`,
    );
    const ftsBuild = attempt(errors, 'FTS5 build', () =>
      runChild<BuildMeasurement>('build-probe.ts', ['fts5', documents, ftsDb], false),
    );
    log(
      `  FTS5: ${ftsBuild?.documents ?? '?'} documents in ${seconds(ftsBuild?.totalMs)} s (import ${seconds(ftsBuild?.importMs)} s); searching…`,
    );
    const repetitions = size >= options.largeFrom ? options.largeRepetitions : options.repetitions;
    const searchArgs = [String(repetitions), String(options.warmup)];
    const lunrSearch = lunrBuild
      ? attempt(errors, 'app search', () =>
          runChild<SearchMeasurement>('search-probe.ts', ['lunr', lunrDb, ...searchArgs], options.profile),
        )
      : undefined;
    const ftsSearch = ftsBuild
      ? attempt(errors, 'FTS5 search', () =>
          runChild<SearchMeasurement>('search-probe.ts', ['fts5', ftsDb, ...searchArgs], false),
        )
      : undefined;
    log(
      `  app open ${lunrSearch?.openMs.toFixed(0) ?? '?'} ms, p95 ${lunrSearch?.p95Ms.toFixed(1) ?? '?'} ms; ` +
        `FTS5 open ${ftsSearch?.openMs.toFixed(1) ?? '?'} ms, p95 ${ftsSearch?.p95Ms.toFixed(1) ?? '?'} ms`,
    );
    if (lunrSearch?.relevanceViolations) {
      log(
        lunrSearch.relevanceViolations.length === 0
          ? '  relevance: in every multi-word query, documents with every word come first in the top 10'
          : `  RELEVANCE: documents lacking a word rank above ones with every word in ${lunrSearch.relevanceViolations.join(', ')}`,
      );
      if (lunrSearch.relevanceViolations.length > 0)
        errors.push(`relevance check failed for ${lunrSearch.relevanceViolations.join(', ')}`);
    }
    const record: RunRecord = { run, loadAverage, build: {}, search: {}, sizes: {}, errors, competitors: {} };
    if (options.competitors && lunrBuild) {
      for (const engine of COMPETITORS) {
        const file = path.join(workDir, `${engine}-${size}-${run}.json`);
        const errorsBefore = errors.length;
        const built = attempt(errors, `${engine} build`, () =>
          runChild<CompetitorBuild>('competitor-probe.ts', ['build', engine, lunrDb, file], false, COMPETITOR_LIMITS),
        );
        const searched = built
          ? attempt(errors, `${engine} search`, () =>
              runChild<CompetitorSearch>(
                'competitor-probe.ts',
                ['search', engine, file, ...searchArgs],
                false,
                COMPETITOR_LIMITS,
              ),
            )
          : undefined;
        const failed = errors.slice(errorsBefore)[0];
        (record.competitors ??= {})[engine] = {
          build: built,
          search: searched,
          ...(failed === undefined ? {} : { failure: shortFailure(failed, COMPETITOR_LIMITS.heapMb ?? null) }),
        };
        log(
          `  ${engine}: build ${seconds(built?.totalMs)} s, open ${searched?.openMs.toFixed(0) ?? '?'} ms, p95 ${searched?.p95Ms.toFixed(2) ?? '?'} ms`,
        );
        rmSync(file, { force: true });
      }
    }
    if (lunrBuild) {
      record.build.lunr = lunrBuild;
      const measured = measureDatabase(lunrDb);
      const index = lunrIndexBytes(lunrDb) ?? appIndexBytes(measured);
      record.sizes.lunr = { ...measured, indexBytes: index?.bytes ?? null, indexLocation: index?.location ?? null };
    }
    if (ftsBuild) {
      record.build.fts5 = ftsBuild;
      const sizes = measureDatabase(ftsDb);
      record.sizes.fts5 = { ...sizes, indexBytes: fts5IndexBytes(sizes) };
    }
    if (lunrSearch) record.search.lunr = lunrSearch;
    if (ftsSearch) record.search.fts5 = ftsSearch;
    if (lunrBuild) {
      record.coldCli = attempt(errors, 'cold CLI search', () => measureColdCli(lunrDb, COLD_CLI_STARTS));
      log(
        `  cold corpus search ${record.coldCli?.searchMs.toFixed(0) ?? '?'} ms (CPU ${record.coldCli?.searchCpuMs?.toFixed(0) ?? '?'} ms); ` +
          `bare node ${record.coldCli?.bareNodeMs.toFixed(0) ?? '?'} ms`,
      );
    }
    if (lunrBuild && options.zim) {
      log('  comparing with a ZIM of the same documents…');
      record.zim = attempt(errors, 'ZIM comparison', () =>
        runChild<ZimComparison>('zim-compare.ts', [lunrDb, path.join(workDir, `zim-${size}-${run}`)], false),
      );
    }
    records.push(record);
    if (run < runs) {
      rmSync(lunrDb, { force: true });
      rmSync(ftsDb, { force: true });
    }
  }
  return records;
}

const MB = 2 ** 20;
/** Cold `corpus search` processes per run (and as many bare Node starts); medians. */
const COLD_CLI_STARTS = 3;

function summarise(size: number, corpus: GenerationSummary, runs: RunRecord[]): SizeReport {
  const med = (pick: (record: RunRecord) => number | null | undefined): number | null => {
    const values = runs
      .map(pick)
      .filter((value): value is number => typeof value === 'number' && Number.isFinite(value));
    return values.length > 0 ? median(values) : null;
  };
  // Each engine's whole build in its own process: the same import (the app's also analyses and
  // writes each document during it), then the rest of the index and the write.
  const ftsTotalMs = (r: RunRecord): number | undefined => r.build.fts5?.totalMs;
  const ftsCpuMs = (r: RunRecord): number | undefined => r.build.fts5?.cpuMs;
  const rows: MetricRow[] = [
    {
      metric: 'build throughput (docs/s)',
      app: med((r) => r.build.lunr && (r.build.lunr.documents / r.build.lunr.totalMs) * 1000),
      baseline: med((r) => r.build.fts5 && (r.build.fts5.documents / (ftsTotalMs(r) ?? Number.NaN)) * 1000),
      target: { op: '>=', value: engineGoals(size).buildDocsPerSecond },
      digits: 0,
    },
    {
      metric: 'build throughput per CPU-second (docs/s)',
      app: med((r) => r.build.lunr && (r.build.lunr.documents / r.build.lunr.cpuMs) * 1000),
      baseline: med((r) => r.build.fts5 && (r.build.fts5.documents / (ftsCpuMs(r) ?? Number.NaN)) * 1000),
      digits: 0,
    },
    {
      metric: 'build time (s)',
      app: med((r) => r.build.lunr && r.build.lunr.totalMs / 1000),
      baseline: med((r) => (ftsTotalMs(r) ?? Number.NaN) / 1000),
      digits: 1,
    },
    {
      metric: '… until the last document is imported (s)',
      app: med((r) => (r.build.lunr?.importMs ?? Number.NaN) / 1000),
      baseline: med((r) => (r.build.fts5?.importMs ?? Number.NaN) / 1000),
      digits: 1,
    },
    {
      metric: '… after it: index, write, commit (s)',
      app: med((r) => r.build.lunr && (r.build.lunr.totalMs - (r.build.lunr.importMs ?? Number.NaN)) / 1000),
      baseline: med((r) => r.build.fts5 && (r.build.fts5.totalMs - (r.build.fts5.importMs ?? Number.NaN)) / 1000),
      digits: 1,
    },
    { metric: 'build peak RSS (MB)', app: med((r) => r.build.lunr?.maxRssMb), baseline: null, digits: 0 },
    {
      metric: 'database size (MB)',
      app: med((r) => r.sizes.lunr && r.sizes.lunr.fileBytes / MB),
      baseline: med((r) => r.sizes.fts5 && r.sizes.fts5.fileBytes / MB),
      digits: 1,
    },
    {
      metric: 'index size (MB)',
      app: med((r) => (typeof r.sizes.lunr?.indexBytes === 'number' ? r.sizes.lunr.indexBytes / MB : null)),
      baseline: med((r) => r.sizes.fts5 && r.sizes.fts5.indexBytes / MB),
      digits: 1,
    },
    {
      metric: 'index load, fresh process (ms)',
      app: med((r) => r.search.lunr?.openMs),
      baseline: med((r) => r.search.fts5?.openMs),
      target: { op: '<=', value: startGoals(size).openMs },
      digits: 1,
    },
    {
      metric: 'index load, CPU time (ms)',
      app: med((r) => r.search.lunr?.openCpuMs),
      baseline: med((r) => r.search.fts5?.openCpuMs),
      digits: 1,
    },
    {
      metric: 'first query (ms)',
      app: med((r) => r.search.lunr?.firstQueryMs),
      baseline: med((r) => r.search.fts5?.firstQueryMs),
      digits: 1,
    },
    {
      metric: 'query p50 (ms)',
      app: med((r) => r.search.lunr?.p50Ms),
      baseline: med((r) => r.search.fts5?.p50Ms),
      digits: 2,
    },
    {
      metric: 'query p95 (ms)',
      app: med((r) => r.search.lunr?.p95Ms),
      baseline: med((r) => r.search.fts5?.p95Ms),
      target: { op: '<=', value: engineGoals(size).queryP95Ms },
      digits: 2,
    },
    {
      metric: 'query p95, CPU time (ms)',
      app: med((r) => r.search.lunr?.cpuP95Ms),
      baseline: med((r) => r.search.fts5?.cpuP95Ms),
      digits: 2,
    },
    {
      metric: 'query p50, FTS5 top 20 only (ms)',
      app: null,
      baseline: med((r) => r.search.fts5?.topOnlyP50Ms),
      digits: 2,
    },
    {
      metric: 'query p95, FTS5 top 20 only (ms)',
      app: null,
      baseline: med((r) => r.search.fts5?.topOnlyP95Ms),
      digits: 2,
    },
    {
      metric: 'search peak RSS (MB)',
      app: med((r) => r.search.lunr?.maxRssMb),
      baseline: med((r) => r.search.fts5?.maxRssMb),
      target: { op: '<=', value: engineGoals(size).searchRssMb },
      digits: 0,
    },
  ];
  rows.push(
    {
      metric: 'cold `corpus search`, wall (ms; baseline: bare `node -e ""`)',
      app: med((r) => r.coldCli?.searchMs),
      baseline: med((r) => r.coldCli?.bareNodeMs),
      target: { op: '<=', value: startGoals(size).coldCliMs },
      digits: 0,
    },
    {
      metric: 'cold `corpus search`, CPU (ms; baseline: bare `node -e ""`)',
      app: med((r) => r.coldCli?.searchCpuMs),
      baseline: med((r) => r.coldCli?.bareNodeCpuMs),
      digits: 0,
    },
  );
  const errors = runs.flatMap((record) =>
    record.errors.map((error) => `run ${record.run}: ${error.split('\n')[0] ?? ''}`),
  );
  return {
    size,
    runs: runs.length,
    corpus,
    rows,
    loadAverage: median(runs.map((record) => record.loadAverage)),
    errors,
  };
}

function main(): void {
  const options = parseOptions(process.argv);
  const corpusRoot = defaultCorpusRoot();
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'archivo-bench-'));
  log(`work folder ${workDir}`);
  const startedAt = new Date();
  const reports: SizeReport[] = [];
  const raw: Array<{ size: number; runs: RunRecord[] }> = [];
  const zimRuns: ZimRuns[] = [];
  try {
    const model = createGeneratorModel(corpusRoot, options.seed);
    log(
      `vocabulary: ${model.vocabulary.wordCounts.size} word forms from ${model.vocabulary.documents} real documents; ${model.synthetic.size} synthetic words`,
    );
    for (const size of options.sizes) {
      const documents = path.join(workDir, `docs-${size}`);
      const corpus = generateCorpus({ dir: documents, count: size, seed: options.seed, model });
      log(
        `generated ${corpus.documents} documents (${corpus.letters} letters, ${corpus.words} words, ${(corpus.bytes / MB).toFixed(1)} MB)`,
      );
      const runs = size >= options.largeFrom ? options.largeRuns : options.runs;
      const records = measureSize(workDir, documents, size, runs, options);
      raw.push({ size, runs: records });
      reports.push(summarise(size, corpus, records));
      if (!options.keep) rmSync(documents, { recursive: true, force: true });
    }
    if (options.zim) zimRuns.push(...compareRealCorpus(workDir, corpusRoot, options));
  } finally {
    if (options.keep) log(`kept ${workDir}`);
    else rmSync(workDir, { recursive: true, force: true });
  }

  const environment = {
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    totalMemoryMb: Math.round(os.totalmem() / MB),
    platform: `${os.platform()} ${os.release()}`,
  };
  const finishedAt = new Date();
  const markdown = formatReport(reports, {
    startedAt,
    durationS: (finishedAt.getTime() - startedAt.getTime()) / 1000,
    environment,
    runsNote: runsNote(options),
    queryCount: BENCH_QUERIES.length,
    repetitionsNote:
      options.sizes.some((size) => size >= options.largeFrom) && options.largeRepetitions !== options.repetitions
        ? `${options.repetitions}× (${options.largeRepetitions}× from ${options.largeFrom.toLocaleString('en-US')} documents)`
        : `${options.repetitions}×`,
  });
  const engines = formatEngines(raw);
  const generatedZim: ZimRuns[] = raw.map(({ runs }) => ({
    label: 'generated posts',
    runs: runs.flatMap((record) => (record.zim ? [record.zim] : [])),
  }));
  const zimTable = options.zim
    ? formatZimReport(
        [...generatedZim, ...zimRuns],
        `${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
        raw.flatMap(({ runs }) => runs.map((record) => record.loadAverage)),
      )
    : '';
  const when = `${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const startTable = raw.map(({ size, runs }) => formatStartReport(size, runs.map(startRunOf), when)).join('\n\n');
  process.stdout.write(`\n${markdown}\n\n${engines}\n\n${zimTable}\n\n${startTable}\n`);

  if (options.output) {
    mkdirSync(options.output, { recursive: true });
    const lastRun = (size: number): RunRecord | undefined => raw.find((entry) => entry.size === size)?.runs.at(-1);
    const json = {
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      environment,
      options: { ...options, output: undefined },
      queries: BENCH_QUERIES,
      sizes: reports.map((report) => ({
        ...report,
        // Per-query answers of the last run, to check that both engines found comparable documents.
        queriesLastRun: BENCH_QUERIES.map((query) => ({
          id: query.id,
          lunr: lastRun(report.size)?.search.lunr?.queries.find((entry) => entry.id === query.id) ?? null,
          fts5: lastRun(report.size)?.search.fts5?.queries.find((entry) => entry.id === query.id) ?? null,
        })),
      })),
      raw,
    };
    writeFileSync(path.join(options.output, 'latest.json'), `${JSON.stringify(json, null, 2)}\n`);
    writeFileSync(
      path.join(options.output, 'latest.md'),
      `${markdown}\n\n${engines}\n\n${zimTable}\n\n${startTable}\n`,
    );
    if (zimTable !== '') writeReadmeTable(path.join(projectRoot, 'README.md'), zimTable);
    if (startTable !== '')
      writeReadmeTable(path.join(projectRoot, 'README.md'), startTable, {
        start: START_README_START,
        end: START_README_END,
      });
    log(`wrote ${path.relative(projectRoot, path.join(options.output, 'latest.json'))} and latest.md`);
  }
}

/**
 * One table per size, every engine side by side, medians over the runs, ratio = engine / this
 * app. The app's build includes rendering Markdown and storing documents; the others index the
 * app's plain text in memory and serialise it to one file; their queries return ids only (no
 * snippets, facets or totals).
 */
function formatEngines(raw: ReadonlyArray<{ size: number; runs: RunRecord[] }>): string {
  const out: string[] = [];
  for (const { size, runs } of raw) {
    const med = (pick: (record: RunRecord) => number | null | undefined): number | null => {
      const values = runs
        .map(pick)
        .filter((value): value is number => typeof value === 'number' && Number.isFinite(value));
      return values.length > 0 ? median(values) : null;
    };
    const rows: Array<[string, Array<number | null>]> = [
      [
        'this app',
        [
          med((r) => r.build.lunr && r.build.lunr.totalMs / 1000),
          med((r) => r.sizes.lunr && r.sizes.lunr.fileBytes / MB),
          med((r) => r.search.lunr?.openMs),
          med((r) => r.search.lunr?.p50Ms),
          med((r) => r.search.lunr?.p95Ms),
          med((r) => r.search.lunr?.maxRssMb),
        ],
      ],
      [
        'SQLite FTS5',
        [
          med((r) => r.build.fts5 && r.build.fts5.totalMs / 1000),
          med((r) => r.sizes.fts5 && r.sizes.fts5.fileBytes / MB),
          med((r) => r.search.fts5?.openMs),
          med((r) => r.search.fts5?.p50Ms),
          med((r) => r.search.fts5?.p95Ms),
          med((r) => r.search.fts5?.maxRssMb),
        ],
      ],
      ...COMPETITORS.map((engine): [string, Array<number | null>] => [
        competitorLabel(engine, runs),
        [
          med((r) => {
            const build = r.competitors?.[engine]?.build;
            return build && build.totalMs / 1000;
          }),
          med((r) => {
            const build = r.competitors?.[engine]?.build;
            return build && build.indexBytes / MB;
          }),
          med((r) => r.competitors?.[engine]?.search?.openMs),
          med((r) => r.competitors?.[engine]?.search?.p50Ms),
          med((r) => r.competitors?.[engine]?.search?.p95Ms),
          med((r) => r.competitors?.[engine]?.search?.maxRssMb),
        ],
      ]),
    ];
    const app = rows[0]?.[1] ?? [];
    const cell = (value: number | null, column: number, digits: number): string => {
      if (value === null) return '—';
      const base = app[column];
      const ratio = base && rows[0]?.[1] !== undefined && value !== base ? ` (${(value / base).toFixed(2)}×)` : '';
      return `${value.toFixed(digits)}${ratio}`;
    };
    out.push(
      `**All engines, ${size.toLocaleString('en-US')} documents** (medians of ${runs.length} run(s); in brackets: engine / this app)`,
      '',
      '| engine | build s | on disk MB | open ms | p50 ms | p95 ms | search RSS MB |',
      '|---|---:|---:|---:|---:|---:|---:|',
      ...rows.map(
        ([name, values]) =>
          `| ${name} | ${[1, 1, 1, 2, 2, 0].map((digits, column) => cell(values[column] ?? null, column, digits)).join(' | ')} |`,
      ),
      '',
    );
  }
  return out.join('\n');
}

/** An engine's row name, with why it has no figures in a run where a step failed (never dropped silently). */
function competitorLabel(engine: CompetitorName, runs: readonly RunRecord[]): string {
  const name =
    engine === 'lunr' ? 'Lunr + lunr-languages' : engine === 'flexsearch' ? 'FlexSearch 0.8' : 'MiniSearch 7';
  const failures = [...new Set(runs.flatMap((record) => record.competitors?.[engine]?.failure ?? []))];
  return failures.length === 0 ? name : `${name} (not measured: ${failures.join('; ')})`;
}

/**
 * The real documents of ../shared/corpus: the app's build, then the ZIM comparison, `runs` times
 * (the real corpus is small; each run is a fresh build so the figures are medians like the rest).
 */
function compareRealCorpus(workDir: string, corpusRoot: string, options: Options): ZimRuns[] {
  const runs: ZimComparison[] = [];
  for (let run = 1; run <= options.runs; run++) {
    const database = path.join(workDir, `real-${run}.sqlite`);
    const errors: string[] = [];
    log(`real corpus run ${run}/${options.runs}: building with the app, then comparing with a ZIM…`);
    const built = attempt(errors, 'real corpus build', () =>
      runChild<BuildMeasurement>('build-probe.ts', ['lunr', corpusRoot, database], false),
    );
    const compared =
      built &&
      attempt(errors, 'real corpus ZIM comparison', () =>
        runChild<ZimComparison>('zim-compare.ts', [database, path.join(workDir, `zim-real-${run}`)], false),
      );
    if (compared) runs.push(compared);
    rmSync(database, { force: true });
  }
  return [{ label: '../shared/corpus', runs }];
}

/**
 * Runs at large sizes: `--large-runs`, else `--runs` when it was given (`--docs 100000 --runs 1`
 * means one run: a 100,000-document run builds for over an hour on a shared 2-core machine), else 3.
 */
function largeRunsOf(
  program: Command,
  given: unknown,
  runs: number,
  integer: (name: string, value: unknown, min: number) => number,
): number {
  if (given !== undefined) return integer('large-runs', given, 1);
  return program.getOptionValueSource('runs') === 'cli' ? runs : 3;
}

function onlyPart(value: unknown): 'serve' | null {
  if (value === undefined) return null;
  if (value === 'serve') return 'serve';
  throw new Error(`--only must be "serve", got ${JSON.stringify(value)}`);
}

/** The serving benchmark, after the import and search ones (or alone with `--only serve`). */
async function serve(options: Options): Promise<void> {
  const quick = options.sizes.length === 1 && options.sizes[0] === 200;
  process.stdout.write(
    `\n${await runServeBenchmark({
      documents: quick ? 200 : 10_000,
      seed: options.seed,
      duration: quick ? 2 : 10,
      runs: quick ? 1 : 3,
      output: options.output,
    })}\n`,
  );
}

/** A run's start-up figures (start-report.ts). */
function startRunOf(record: RunRecord): StartRun {
  const app = record.search.lunr;
  const fts5 = record.search.fts5;
  return {
    loadAverage: record.loadAverage,
    ...(app && fts5
      ? { open: { appMs: app.openMs, appCpuMs: app.openCpuMs, fts5Ms: fts5.openMs, fts5CpuMs: fts5.openCpuMs } }
      : {}),
    ...(record.zim ? { serve: { app: record.zim.app, kiwix: record.zim.kiwix } } : {}),
    ...(record.coldCli ? { cli: record.coldCli } : {}),
  };
}

function runsNote(options: Options): string {
  const large = options.sizes.filter((size) => size >= options.largeFrom);
  if (large.length === 0 || options.largeRuns === options.runs) return `${options.runs} run(s) per size`;
  return `${options.runs} run(s) per size, ${options.largeRuns} for ${large.join(', ')} documents (builds are slow)`;
}

try {
  const options = parseOptions(process.argv);
  if (options.only === null) main();
  if (options.serve || options.only === 'serve') await serve(options);
} catch (error) {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
