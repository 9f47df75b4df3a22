/** `npm run bench`'s command line (run.ts): parsed and checked, with the defaults that depend on the sizes. */
import path from 'node:path';
import { Command } from 'commander';

export interface Options {
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
  /** Where each step's outcome is kept (run-state.ts); the generated documents and databases live there too. */
  state: string;
  resume: boolean;
  restart: boolean;
  retryFailed: boolean;
  /** Print the finished steps of the run in the state folder and stop (nothing is measured or written). */
  status: boolean;
  /** Why the ZIM comparison or the serving benchmark is off without being asked to be (printed). */
  defaultsNote: string | null;
  /** `serve`: only the serving benchmark (bench/serve-load.ts). */
  only: 'serve' | null;
}

/** From this size the ZIM comparison and the serving benchmark are off unless asked for. */
export const LARGE_DEFAULTS_FROM = 100_000;

const benchDir = import.meta.dirname;

export function parseOptions(argv: string[]): Options {
  const program = new Command()
    .name('bench')
    .description('Import and search benchmarks of this app (Lunr) against an SQLite FTS5 baseline')
    .option('--sizes <list>', 'document counts, comma-separated', '10000')
    .option('--docs <n>', 'one document count (same as --sizes <n>), e.g. --docs 100000')
    .option('--no-competitors', 'skip FlexSearch, MiniSearch and plain Lunr')
    .option(
      '--zim',
      `compare with a ZIM of the same documents (zimwriterfs, kiwix-serve); default below ${String(LARGE_DEFAULTS_FROM)} documents`,
    )
    .option('--no-zim', 'skip the comparison with a ZIM of the same documents')
    .option(
      '--serve',
      `run the serving benchmark (10,000 documents); default below ${String(LARGE_DEFAULTS_FROM)} documents`,
    )
    // Each positive option before its --no- twin: commander then leaves the value unset when neither is given.
    .option('--no-serve', 'skip the serving benchmark (browser mode under load, bench/serve-load.ts)')
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
    .option(
      '--state <dir>',
      'folder of the resumable run (default: node_modules/.cache/archivo-bench/state-<sizes>-<seed> of this checkout)',
    )
    .option('--resume', 'continue the interrupted run of the same parameters: only steps without a stored outcome run')
    .option('--restart', 'discard an interrupted run of the same parameters and start over')
    .option('--retry-failed', 'with --resume: run again the steps that failed (e.g. a time-out under load)')
    .option('--status', 'print the finished steps of the run in the state folder (figures, wall times) and stop')
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
  const seed = integer('seed', raw.seed, 0);
  // Issue 23 needs the ZIM only at 10,000 documents and on the real corpus, and the serving
  // benchmark always serves 10,000: at 100,000 they would add an hour and measure nothing new.
  const large = sizes.every((size) => size >= LARGE_DEFAULTS_FROM);
  const zim = typeof raw.zim === 'boolean' ? raw.zim : !large;
  const serve = typeof raw.serve === 'boolean' ? raw.serve : !large;
  const defaultsOff = [
    ...(raw.zim === undefined && !zim ? ['the ZIM comparison'] : []),
    ...(raw.serve === undefined && !serve ? ['the serving benchmark'] : []),
  ];
  return {
    sizes,
    runs,
    largeRuns: quick || raw.largeRuns === '' ? runs : largeRunsOf(program, raw.largeRuns, runs, integer),
    largeFrom: integer('large-from', raw.largeFrom, 1),
    largeRepetitions: quick ? 1 : integer('large-repetitions', raw.largeRepetitions, 1),
    repetitions: quick ? 1 : integer('repetitions', raw.repetitions, 1),
    warmup: quick ? 1 : integer('warmup', raw.warmup, 0),
    seed,
    keep: raw.keep === true,
    competitors: raw.competitors !== false,
    zim,
    serve,
    profile: raw.profile === true,
    // Quick runs are smoke tests: they never overwrite the committed results.
    output: quick && raw.output === undefined ? null : output,
    only: onlyPart(raw.only),
    state: path.resolve(
      typeof raw.state === 'string'
        ? raw.state
        : // Per checkout (several worktrees may run the bench at once), outside git, kept across sessions.
          path.join(
            benchDir,
            '..',
            'node_modules',
            '.cache',
            'archivo-bench',
            `state-${sizes.join('-')}-${String(seed)}`,
          ),
    ),
    resume: raw.resume === true,
    restart: raw.restart === true,
    retryFailed: raw.retryFailed === true,
    status: raw.status === true,
    defaultsNote:
      defaultsOff.length === 0
        ? null
        : `${defaultsOff.join(' and ')} off by default from ${LARGE_DEFAULTS_FROM.toLocaleString('en-US')} documents ` +
          '(issue 23 measures the ZIM at 10,000 and on the real corpus; the serving benchmark serves 10,000): --zim / --serve turn them on',
  };
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
