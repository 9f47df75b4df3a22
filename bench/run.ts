/**
 * `npm run bench`: generates synthetic Spanish documents, then for each size
 * builds them with this app (Lunr) and with an SQLite FTS5 baseline, and times
 * index loading and a fixed query set in fresh processes. Prints a table of
 * medians and writes bench/results/latest.json and latest.md.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundledBuildProbe, bundledChild } from './child-bundle';
import { buildV8Flags } from '../scripts/build-gc-flags.mjs';
import { RESULT_PREFIX, type BuildMeasurement, type SearchMeasurement } from './child-protocol';
import { appIndexBytes, fts5IndexBytes, lunrIndexBytes, measureDatabase, type DatabaseSizes } from './db-sizes';
import {
  createGeneratorModel,
  defaultCorpusRoot,
  generateCorpus,
  type GenerationSummary,
  type GeneratorModel,
} from './generate';
import { BENCH_QUERIES } from './queries';
import { median } from './stats';
import {
  formatCompleteness,
  formatEngines,
  formatLargeReadme,
  formatReport,
  formatStatus,
  formatStepTimes,
  largeReadmeMarkers,
  outputBaseName,
  type Completeness,
  type MetricRow,
  type SizeReport,
} from './report';
import {
  COMPETITORS,
  type CompetitorBuild,
  type CompetitorSearch,
  type LunrSizes,
  type RunRecord,
  type StepTiming,
} from './run-record';
import { LARGE_DEFAULTS_FROM, parseOptions, type Options } from './run-options';
import { RunState, StepInterrupted, unlockState, type RunParameters, type StepOutcome } from './run-state';
import { runServeBenchmark } from './serve-load';
import type { ZimComparison } from './zim-compare';
import { formatZimReport, writeReadmeTable, type ZimRuns } from './zim-report';
import { shortFailure } from './child-failure';
import { measureColdCli } from './cold-cli';
import { startChildrenWithoutExtraCaCerts } from './node-start-env';
import { formatStartReport, START_README_END, START_README_START, startGoals, type StartRun } from './start-report';

const benchDir = import.meta.dirname;
const projectRoot = path.resolve(benchDir, '..');

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
 * (child-bundle.ts); so do the builds (the app's and FTS5's, which imports with the same code),
 * bundled as `corpus build` is, with the render worker beside the probe (bundledBuildProbe).
 * The ZIM comparison and the other engines' builds run through tsx.
 */
const BUNDLED_CHILDREN = new Set(['search-probe.ts', 'competitor-probe.ts']);
const BUILD_PROBE = 'build-probe.ts';

interface ChildLimits {
  /** V8 old-space limit of the child (`--max-old-space-size`). */
  heapMb?: number;
  timeoutMs?: number;
}

/** Signals that mean someone stopped the run (a time-out is reported apart; SIGABRT and SIGKILL are failures: V8's out-of-memory, the kernel's). */
const INTERRUPTING_SIGNALS = new Set<string>(['SIGINT', 'SIGTERM', 'SIGHUP']);

/** Runs a bench child in a fresh Node process and returns the JSON it reported. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the report its own child script prints.
function runChild<T>(script: string, args: string[], profile: boolean, limits: ChildLimits = {}): T {
  const source = path.join(benchDir, script);
  const buildProbe = script === BUILD_PROBE;
  const bundled = buildProbe || BUNDLED_CHILDREN.has(script);
  const nodeArgs = bundled ? [] : ['--import', 'tsx'];
  // A build runs with the V8 flags `npm run corpus -- build` starts it with on this machine.
  if (buildProbe) nodeArgs.push(...buildV8Flags());
  // --expose-gc: the in-memory engines' builds confirm a projected lack of memory on the live heap (child-memory-guard.ts).
  if (limits.heapMb !== undefined) nodeArgs.push(`--max-old-space-size=${String(limits.heapMb)}`, '--expose-gc');
  if (profile) nodeArgs.push('--cpu-prof', '--cpu-prof-dir', path.join(benchDir, 'results', 'profiles'));
  const entry = buildProbe ? bundledBuildProbe(projectRoot) : bundled ? bundledChild(source, projectRoot) : source;
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
  // Stopped from outside (Ctrl-C reaches the child first, or a `kill`): an interruption, not a result.
  if (child.signal !== null && INTERRUPTING_SIGNALS.has(child.signal))
    throw new StepInterrupted(`${script} ${args.join(' ')} was stopped by ${child.signal}`);
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

/**
 * One benchmark step of one run, through the run's state (run-state.ts): a step finished in an
 * earlier invocation is not run again; a failure is recorded (and printed) instead of ending the
 * whole benchmark, as `<part>: <message>` (child-failure.ts reads the part before the colon).
 */
function step<T>(state: RunState, errors: string[], key: string, part: string, action: () => T): T | undefined {
  const earlier = state.outcome<T>(key) !== undefined;
  const outcome = state.run(key, action);
  if (earlier) log(`  ${part}: from an earlier invocation (${outcome.finishedAt.slice(0, 19)} UTC)`);
  else log(`  ${part}: ${outcome.ok ? 'done' : 'failed'} in ${(outcome.wallMs / 1000).toFixed(1)} s`);
  if (outcome.ok) return outcome.value;
  const message = `${part}: ${outcome.error}`;
  errors.push(message);
  log(`  FAILED ${message.split('\n').slice(0, 12).join('\n    ')}`);
  return undefined;
}

/** The file a finished step left for later steps; when it is gone, the step is forgotten so that it runs again. */
function needFile(state: RunState, key: string, file: string, dependents: readonly string[]): void {
  const outcome = state.outcome(key);
  if (!outcome?.ok || existsSync(file)) return;
  if (dependents.every((dependent) => state.outcome(dependent) !== undefined)) return;
  log(`  ${key}: ${file} is gone and later steps need it: running it again`);
  state.forget(key);
}

interface BuildStep<S> {
  measurement: BuildMeasurement;
  sizes: S;
}

/**
 * Bounds for the in-memory engines (competitor-probe.ts): at 100,000 documents Lunr and MiniSearch
 * hold several GB (785 and 754 MB of RSS at 10,000), and an unbounded child would take the memory
 * of a machine it shares. With a heap limit it stops with "out of memory" and the run goes on. A
 * 100,000-document Lunr build alone takes several minutes on a quiet machine and 3–4× that on a
 * shared one, hence the longer time-out there.
 */
function competitorLimits(size: number): ChildLimits {
  return { heapMb: 4096, timeoutMs: (size >= LARGE_DEFAULTS_FROM ? 45 : 30) * 60 * 1000 };
}

function measureRun(state: RunState, documents: string, size: number, run: number, options: Options): RunRecord {
  const runs = runsOf(size, options);
  const key = (part: string): string => `${String(size)}.r${String(run)}.${part.replace(/ /g, '-')}`;
  const seconds = (ms: number | undefined): string => (ms === undefined ? '?' : (ms / 1000).toFixed(1));
  const errors: string[] = [];
  const lunrDb = path.join(state.dir, `lunr-${String(size)}-${String(run)}.sqlite`);
  const ftsDb = path.join(state.dir, `fts5-${String(size)}-${String(run)}.sqlite`);
  const competitorParts = options.competitors
    ? COMPETITORS.flatMap((engine) => [`${engine} build`, `${engine} search`])
    : [];
  needFile(state, key('app build'), lunrDb, [
    key('app search'),
    key('cold CLI search'),
    ...(options.zim ? [key('ZIM comparison')] : []),
    ...competitorParts.filter((part) => part.endsWith('build')).map(key),
  ]);
  needFile(state, key('FTS5 build'), ftsDb, [key('FTS5 search')]);
  log(
    `N=${String(size)} run ${String(run)}/${String(runs)} (load average ${(os.loadavg()[0] ?? 0).toFixed(1)} on ${String(os.cpus().length)} cores)`,
  );
  const lunrBuilt = step(state, errors, key('app build'), 'app build', (): BuildStep<LunrSizes> => {
    const measurement = runChild<BuildMeasurement>(BUILD_PROBE, ['lunr', documents, lunrDb], options.profile);
    const measured = measureDatabase(lunrDb);
    const index = lunrIndexBytes(lunrDb) ?? appIndexBytes(measured);
    return {
      measurement,
      sizes: { ...measured, indexBytes: index?.bytes ?? null, indexLocation: index?.location ?? null },
    };
  });
  const lunrBuild = lunrBuilt?.measurement;
  log(
    `  app: ${String(lunrBuild?.documents ?? '?')} documents in ${seconds(lunrBuild?.totalMs)} s ` +
      `(import, documents analysed and written as they come: ${seconds(lunrBuild?.importMs)} s)`,
  );
  const ftsBuilt = step(
    state,
    errors,
    key('FTS5 build'),
    'FTS5 build',
    (): BuildStep<DatabaseSizes & { indexBytes: number }> => {
      const measurement = runChild<BuildMeasurement>(BUILD_PROBE, ['fts5', documents, ftsDb], false);
      const sizes = measureDatabase(ftsDb);
      return { measurement, sizes: { ...sizes, indexBytes: fts5IndexBytes(sizes) } };
    },
  );
  const ftsBuild = ftsBuilt?.measurement;
  log(
    `  FTS5: ${String(ftsBuild?.documents ?? '?')} documents in ${seconds(ftsBuild?.totalMs)} s (import ${seconds(ftsBuild?.importMs)} s)`,
  );
  const repetitions = repetitionsOf(size, options);
  const searchArgs = [String(repetitions), String(options.warmup)];
  const lunrSearch = lunrBuild
    ? step(state, errors, key('app search'), 'app search', () =>
        runChild<SearchMeasurement>('search-probe.ts', ['lunr', lunrDb, ...searchArgs], options.profile),
      )
    : undefined;
  const ftsSearch = ftsBuild
    ? step(state, errors, key('FTS5 search'), 'FTS5 search', () =>
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
  const record: RunRecord = {
    run,
    // The load when the run's first step started (stored with it, so a resumed run keeps it).
    loadAverage: state.outcome(key('app build'))?.loadAverage ?? os.loadavg()[0] ?? 0,
    build: {},
    search: {},
    sizes: {},
    errors,
    competitors: {},
  };
  if (options.competitors && lunrBuild) {
    const limits = competitorLimits(size);
    for (const engine of COMPETITORS) {
      const file = path.join(state.dir, `${engine}-${String(size)}-${String(run)}.jsonl`);
      needFile(state, key(`${engine} build`), file, [key(`${engine} search`)]);
      const errorsBefore = errors.length;
      const built = step(state, errors, key(`${engine} build`), `${engine} build`, () =>
        runChild<CompetitorBuild>('competitor-probe.ts', ['build', engine, lunrDb, file], false, limits),
      );
      const searched = built
        ? step(state, errors, key(`${engine} search`), `${engine} search`, () =>
            runChild<CompetitorSearch>('competitor-probe.ts', ['search', engine, file, ...searchArgs], false, limits),
          )
        : undefined;
      const failed = errors.slice(errorsBefore)[0];
      (record.competitors ??= {})[engine] = {
        build: built,
        search: searched,
        ...(failed === undefined ? {} : { failure: shortFailure(failed, limits.heapMb ?? null) }),
      };
      log(
        `  ${engine}: build ${seconds(built?.totalMs)} s, open ${searched?.openMs.toFixed(0) ?? '?'} ms, p95 ${searched?.p95Ms.toFixed(2) ?? '?'} ms`,
      );
      rmSync(file, { force: true });
    }
  }
  if (lunrBuilt) {
    record.build.lunr = lunrBuilt.measurement;
    record.sizes.lunr = lunrBuilt.sizes;
  }
  if (ftsBuilt) {
    record.build.fts5 = ftsBuilt.measurement;
    record.sizes.fts5 = ftsBuilt.sizes;
  }
  if (lunrSearch) record.search.lunr = lunrSearch;
  if (ftsSearch) record.search.fts5 = ftsSearch;
  if (lunrBuild) {
    record.coldCli = step(state, errors, key('cold CLI search'), 'cold CLI search', () =>
      measureColdCli(lunrDb, COLD_CLI_STARTS),
    );
    log(
      `  cold corpus search ${record.coldCli?.searchMs.toFixed(0) ?? '?'} ms (CPU ${record.coldCli?.searchCpuMs?.toFixed(0) ?? '?'} ms); ` +
        `bare node ${record.coldCli?.bareNodeMs.toFixed(0) ?? '?'} ms`,
    );
  }
  if (lunrBuild && options.zim) {
    log('  comparing with a ZIM of the same documents…');
    record.zim = step(state, errors, key('ZIM comparison'), 'ZIM comparison', () =>
      runChild<ZimComparison>(
        'zim-compare.ts',
        [lunrDb, path.join(state.dir, `zim-${String(size)}-${String(run)}`)],
        false,
      ),
    );
  }
  // Every step of this run has an outcome now: its databases are no longer needed.
  if (!options.keep) {
    rmSync(lunrDb, { force: true });
    rmSync(ftsDb, { force: true });
  }
  return record;
}

function runsOf(size: number, options: Options): number {
  return size >= options.largeFrom ? options.largeRuns : options.runs;
}

function repetitionsOf(size: number, options: Options): number {
  return size >= options.largeFrom ? options.largeRepetitions : options.repetitions;
}

/** The generated documents of one size, once per resumable run (generation is 5 minutes at 100,000). */
function generated(state: RunState, model: () => GeneratorModel, size: number, options: Options): GenerationSummary {
  const dir = path.join(state.dir, `docs-${String(size)}`);
  const key = `${String(size)}.generate`;
  const builds = Array.from({ length: runsOf(size, options) }, (_, run) => [
    `${String(size)}.r${String(run + 1)}.app-build`,
    `${String(size)}.r${String(run + 1)}.FTS5-build`,
  ]).flat();
  needFile(state, key, dir, builds);
  const outcome = state.run(key, () => generateCorpus({ dir, count: size, seed: options.seed, model: model() }));
  if (!outcome.ok) throw new Error(`generating ${String(size)} documents in ${dir} failed: ${outcome.error}`);
  log(
    `generated ${String(outcome.value.documents)} documents (${String(outcome.value.letters)} letters, ${String(outcome.value.words)} words, ` +
      `${(outcome.value.bytes / MB).toFixed(1)} MB) in ${(outcome.wallMs / 1000).toFixed(0)} s`,
  );
  return outcome.value;
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

/** The code that runs: the commit, "+modified" when the benchmark or the app differ from it (printed, stored per step). */
function codeVersion(): string {
  const git = (args: string[]): string => spawnSync('git', args, { cwd: projectRoot, encoding: 'utf8' }).stdout.trim();
  const commit = git(['rev-parse', '--short=12', 'HEAD']) || 'unknown';
  const modified = git(['status', '--porcelain', '--', 'bench', 'src-main', 'scripts', 'package.json']) !== '';
  return modified ? `${commit}+modified` : commit;
}

/** `--status`: where an unfinished run stands, from its state folder alone. */
function printStatus(options: Options): void {
  const found = RunState.peek(options.state);
  if (!found) {
    process.stdout.write(`No run in ${options.state}.\n`);
    return;
  }
  const { header, outcomes } = found;
  process.stdout.write(
    `${formatStatus(header, outcomes)}\n\n${formatStepTimes(stepTimings(outcomes))}\n\n` +
      'Not a result yet: the tables are written when every step of every run has an outcome ' +
      `(continue with the command above plus --resume; state in ${options.state}).\n`,
  );
}

function main(options: Options): void {
  if (options.status) {
    printStatus(options);
    return;
  }
  const corpusRoot = defaultCorpusRoot();
  const version = codeVersion();
  const parameters: RunParameters = {
    seed: options.seed,
    sizes: options.sizes,
    runsPerSize: options.sizes.map((size) => runsOf(size, options)),
    repetitionsPerSize: options.sizes.map((size) => repetitionsOf(size, options)),
    warmup: options.warmup,
    competitors: options.competitors,
    zim: options.zim,
  };
  const state = RunState.open(options.state, parameters, {
    resume: options.resume,
    restart: options.restart,
    codeVersion: version,
    commandLine: ['npm', 'run', 'bench', '--', ...process.argv.slice(2)],
  });
  if (options.defaultsNote) log(options.defaultsNote);
  log(`state folder ${state.dir} (code ${version})`);
  if (state.resumed) {
    log(
      `resuming the run started ${state.header.startedAt} with code ${state.header.codeVersion}: ` +
        `${String(state.finished().size)} step(s) already finished`,
    );
    if (state.header.codeVersion !== version)
      log(`  NOTE: this invocation runs code ${version}; each step records the version that measured it`);
    if (options.retryFailed) {
      const again = state.forgetFailures();
      log(`  --retry-failed: ${again.length === 0 ? 'no failed step' : again.join(', ')} will run again`);
    }
  }
  const startedAt = new Date(state.header.startedAt);
  const reports: SizeReport[] = [];
  const raw: Array<{ size: number; runs: RunRecord[] }> = [];
  let model: GeneratorModel | undefined;
  const modelOnce = (): GeneratorModel => {
    if (!model) {
      model = createGeneratorModel(corpusRoot, options.seed);
      log(
        `vocabulary: ${String(model.vocabulary.wordCounts.size)} word forms from ${String(model.vocabulary.documents)} real documents; ${String(model.synthetic.size)} synthetic words`,
      );
    }
    return model;
  };
  for (const size of options.sizes) {
    const documents = path.join(state.dir, `docs-${String(size)}`);
    const corpus = generated(state, modelOnce, size, options);
    const records = Array.from({ length: runsOf(size, options) }, (_, index) =>
      measureRun(state, documents, size, index + 1, options),
    );
    raw.push({ size, runs: records });
    reports.push(summarise(size, corpus, records));
    if (!options.keep) rmSync(documents, { recursive: true, force: true });
  }
  const zimRuns = options.zim ? compareRealCorpus(state, corpusRoot, options) : [];

  const environment = {
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    totalMemoryMb: Math.round(os.totalmem() / MB),
    platform: `${os.platform()} ${os.release()}`,
  };
  const finishedAt = new Date();
  const timings = stepTimings(state.finished());
  const completeness: Completeness = {
    runs: raw.map(({ size, runs }) => ({ size, runs: runs.length })),
    steps: state.finished().size,
    failedSteps: [...state.finished().values()].filter((outcome) => !outcome.ok).length,
    invocations: new Set([...state.finished().values()].map((outcome) => outcome.codeVersion)).size,
    codeVersions: state.codeVersions(),
    resumed: state.resumed,
    stepWallS: timings.reduce((sum, timing) => sum + timing.wallMs, 0) / 1000,
  };
  const markdown = formatReport(reports, {
    startedAt,
    durationS: (finishedAt.getTime() - startedAt.getTime()) / 1000,
    environment,
    runsNote: runsNote(options),
    queryCount: BENCH_QUERIES.length,
    repetitionsNote:
      options.sizes.some((size) => size >= options.largeFrom) && options.largeRepetitions !== options.repetitions
        ? `${String(options.repetitions)}× (${String(options.largeRepetitions)}× from ${options.largeFrom.toLocaleString('en-US')} documents)`
        : `${String(options.repetitions)}×`,
  });
  const engines = formatEngines(raw);
  const when = `${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const generatedZim: ZimRuns[] = raw.map(({ runs }) => ({
    label: 'generated posts',
    runs: runs.flatMap((record) => (record.zim ? [record.zim] : [])),
  }));
  const zimTable = options.zim
    ? formatZimReport(
        [...generatedZim, ...zimRuns],
        when,
        raw.flatMap(({ runs }) => runs.map((record) => record.loadAverage)),
      )
    : '';
  const startTable = raw.map(({ size, runs }) => formatStartReport(size, runs.map(startRunOf), when)).join('\n\n');
  const complete = formatCompleteness(completeness, state.header.commandLine);
  const times = formatStepTimes(timings);
  const sections = [complete, markdown, engines, times, zimTable, startTable].filter((text) => text !== '');
  process.stdout.write(`\n${sections.join('\n\n')}\n`);

  if (options.output) {
    const base = outputBaseName(options.sizes);
    mkdirSync(options.output, { recursive: true });
    const lastRun = (size: number): RunRecord | undefined => raw.find((entry) => entry.size === size)?.runs.at(-1);
    const json = {
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      environment,
      completeness,
      commandLine: state.header.commandLine,
      options: { ...options, output: undefined, state: undefined },
      queries: BENCH_QUERIES,
      stepTimings: timings,
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
    writeFileSync(path.join(options.output, `${base}.json`), `${JSON.stringify(json, null, 2)}\n`);
    writeFileSync(path.join(options.output, `${base}.md`), `${sections.join('\n\n')}\n`);
    const readme = path.join(projectRoot, 'README.md');
    // The README's 10,000-document tables come from the default run only; a large size has its own block.
    if (base === 'latest') {
      if (zimTable !== '') writeReadmeTable(readme, zimTable);
      if (startTable !== '') writeReadmeTable(readme, startTable, { start: START_README_START, end: START_README_END });
    }
    for (const { size, runs } of raw) {
      const markers = largeReadmeMarkers(size);
      if (markers)
        writeReadmeTable(
          readme,
          formatLargeReadme({ size, runs, when, completeness, commandLine: state.header.commandLine, timings }),
          markers,
        );
    }
    log(`wrote ${path.relative(projectRoot, path.join(options.output, `${base}.json`))} and ${base}.md`);
  }
  unlockState(state.dir);
  if (options.keep) log(`kept ${state.dir}`);
  else rmSync(state.dir, { recursive: true, force: true });
}

/** Every finished step's wall time, in the order they finished (generation first). */
function stepTimings(outcomes: ReadonlyMap<string, StepOutcome<unknown>>): StepTiming[] {
  const inOrder = [...outcomes].sort(([, a], [, b]) => a.finishedAt.localeCompare(b.finishedAt));
  return inOrder.map(([key, outcome]) => {
    const match = /^(?:\d+|real)\.(?:r(\d+)\.)?(.+)$/.exec(key);
    return {
      part: `${key.startsWith('real.') ? 'real corpus ' : ''}${(match?.[2] ?? key).replace(/-/g, ' ')}`,
      run: Number(match?.[1] ?? 0),
      wallMs: outcome.wallMs,
      ok: outcome.ok,
      loadAverage: outcome.loadAverage,
    };
  });
}

/**
 * The real documents of ../shared/corpus: the app's build, then the ZIM comparison, `runs` times
 * (the real corpus is small; each run is a fresh build so the figures are medians like the rest).
 */
function compareRealCorpus(state: RunState, corpusRoot: string, options: Options): ZimRuns[] {
  const runs: ZimComparison[] = [];
  for (let run = 1; run <= options.runs; run++) {
    const database = path.join(state.dir, `real-${String(run)}.sqlite`);
    const errors: string[] = [];
    log(`real corpus run ${String(run)}/${String(options.runs)}: building with the app, then comparing with a ZIM…`);
    const compared = step(state, errors, `real.r${String(run)}.ZIM-comparison`, 'real corpus ZIM comparison', () => {
      runChild<BuildMeasurement>(BUILD_PROBE, ['lunr', corpusRoot, database], false);
      return runChild<ZimComparison>(
        'zim-compare.ts',
        [database, path.join(state.dir, `zim-real-${String(run)}`)],
        false,
      );
    });
    if (compared) runs.push(compared);
    rmSync(database, { force: true });
  }
  return [{ label: '../shared/corpus', runs }];
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
  startChildrenWithoutExtraCaCerts();
  if (options.only === null) main(options);
  if (options.serve || options.only === 'serve') await serve(options);
} catch (error) {
  if (error instanceof StepInterrupted) {
    process.stderr.write(
      `bench interrupted: ${error.message}; nothing of that step was stored, run the same command plus --resume\n`,
    );
    process.exit(130);
  }
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
