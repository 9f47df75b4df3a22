/**
 * A benchmark run that survives interruption (issue 14: one 100,000-document run takes hours on
 * a shared 2-core machine). Every step's outcome (one engine's build or search in one run, the
 * generation of the documents, …) is written to its own file in the run's state folder as soon as
 * it completes; `--resume` reads them back and runs only the steps that have none, provided the
 * parameters that shape the figures (seed, sizes, runs, repetitions, …) are the same.
 *
 * Layout of a state folder:
 *   params.json                 the parameters, the command line and the code version that started it
 *   steps/<key>.json            one StepOutcome per finished step (written to a temporary file, then renamed)
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** What must be equal for two invocations to be the same run (their figures are medians of one another). */
export interface RunParameters {
  seed: number;
  sizes: number[];
  /** Runs for each size, in the order of `sizes`. */
  runsPerSize: number[];
  repetitionsPerSize: number[];
  warmup: number;
  competitors: boolean;
  zim: boolean;
}

export interface StateHeader {
  parameters: RunParameters;
  /** `git describe`-like version of the code that started the run. */
  codeVersion: string;
  startedAt: string;
  commandLine: string[];
}

/** A finished step: its value, or why it failed (a failure is a result too: the engine's row says why). */
export type StepOutcome<T> = ({ ok: true; value: T } | { ok: false; error: string }) & {
  wallMs: number;
  /** 1-minute load average when the step started: a shared machine's figures move with it. */
  loadAverage: number;
  finishedAt: string;
  codeVersion: string;
};

/** How a step is timed; replaced in tests. */
export interface StepProbes {
  clock: () => number;
  loadAverage: () => number;
}

const SYSTEM_PROBES: StepProbes = { clock: () => performance.now(), loadAverage: () => os.loadavg()[0] ?? 0 };

/**
 * The step was stopped from outside (Ctrl-C, a closed session, `kill`): not an outcome of the
 * step, so nothing is stored and the run ends; `--resume` runs the step again.
 */
export class StepInterrupted extends Error {
  override name = 'StepInterrupted';
}

const PARAMS_FILE = 'params.json';
const STEPS_DIR = 'steps';
const LOCK_FILE = 'running.pid';

/** Whether a process with this id is alive (signal 0 only checks). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error instanceof Error && 'code' in error && error.code === 'EPERM';
  }
}

/**
 * Marks the state folder as in use by this process: two invocations writing the same steps would
 * mix their figures. A lock left by a process that no longer runs is taken over.
 */
function lockState(dir: string): void {
  const lock = path.join(dir, LOCK_FILE);
  if (existsSync(lock)) {
    const owner = Number(readFileSync(lock, 'utf8').trim());
    if (Number.isInteger(owner) && owner !== process.pid && alive(owner))
      throw new Error(`${dir} is in use by the benchmark running as process ${String(owner)} (${lock})`);
  }
  writeFileAtomic(lock, `${String(process.pid)}\n`);
}

/** Releases the folder, if this process holds it. */
export function unlockState(dir: string): void {
  const lock = path.join(dir, LOCK_FILE);
  if (existsSync(lock) && readFileSync(lock, 'utf8').trim() === String(process.pid)) rmSync(lock, { force: true });
}

/** Names the fields that differ, e.g. `seed 1 ≠ 2`; empty when the parameters match. */
export function parameterDifferences(stored: RunParameters, current: RunParameters): string[] {
  const keys: Array<keyof RunParameters> = [
    'seed',
    'sizes',
    'runsPerSize',
    'repetitionsPerSize',
    'warmup',
    'competitors',
    'zim',
  ];
  return keys
    .filter((key) => JSON.stringify(stored[key]) !== JSON.stringify(current[key]))
    .map((key) => `${key} ${JSON.stringify(stored[key])} ≠ ${JSON.stringify(current[key])}`);
}

/** Step keys become file names: letters, digits, dots and dashes only. */
function stepFileName(key: string): string {
  if (!/^[a-z0-9][a-z0-9.-]*$/i.test(key)) throw new Error(`bench step key "${key}" is not a safe file name`);
  return `${key}.json`;
}

/** Writes a file whole or not at all: an interrupted write leaves the old file (or none), never half of one. */
export function writeFileAtomic(file: string, text: string): void {
  const temporary = `${file}.${String(process.pid)}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseHeader(file: string): StateHeader {
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!isRecord(parsed) || !isRecord(parsed.parameters) || typeof parsed.codeVersion !== 'string')
    throw new Error(`${file}: not a benchmark state header (no parameters or codeVersion)`);
  return parsed as unknown as StateHeader;
}

export class RunState {
  readonly header: StateHeader;
  private readonly outcomes = new Map<string, StepOutcome<unknown>>();
  /** Steps an earlier invocation had finished when this one opened the run. */
  private stepsFromEarlier = 0;

  private constructor(
    readonly dir: string,
    header: StateHeader,
    /** The code running now (may differ from the header's on a resumed run: printed, recorded per step). */
    readonly codeVersion: string,
  ) {
    this.header = header;
  }

  /**
   * Starts a new run in `dir`, or resumes the one there. Without `resume`, a folder holding
   * finished steps is refused (so an interrupted run is never discarded by accident) unless
   * `restart` says to discard it. With `resume`, the stored parameters must equal `parameters`.
   */
  static open(
    dir: string,
    parameters: RunParameters,
    options: { resume: boolean; restart: boolean; codeVersion: string; commandLine: string[]; now?: Date },
  ): RunState {
    const paramsFile = path.join(dir, PARAMS_FILE);
    mkdirSync(dir, { recursive: true });
    lockState(dir);
    if (options.restart)
      for (const name of [STEPS_DIR, PARAMS_FILE]) rmSync(path.join(dir, name), { recursive: true, force: true });
    if (existsSync(paramsFile)) {
      const stored = parseHeader(paramsFile);
      const finished = RunState.readOutcomes(dir);
      if (!options.resume && finished.size > 0)
        throw new Error(
          `${dir} holds ${String(finished.size)} finished step(s) of a run started ${stored.startedAt} ` +
            `(${stored.commandLine.join(' ')}): add --resume to continue it, or --restart to discard it`,
        );
      const differences = parameterDifferences(stored.parameters, parameters);
      if (options.resume && differences.length > 0)
        throw new Error(
          `${paramsFile}: cannot resume with other parameters (${differences.join('; ')}); ` +
            `the run was started with: ${stored.commandLine.join(' ')}`,
        );
      if (options.resume) {
        const state = new RunState(dir, stored, options.codeVersion);
        for (const [key, outcome] of finished) state.outcomes.set(key, outcome);
        state.stepsFromEarlier = finished.size;
        return state;
      }
    } else if (options.resume && existsSync(path.join(dir, STEPS_DIR))) {
      throw new Error(`${dir} has steps but no ${PARAMS_FILE}: cannot tell which run they belong to`);
    }
    rmSync(path.join(dir, STEPS_DIR), { recursive: true, force: true });
    mkdirSync(path.join(dir, STEPS_DIR), { recursive: true });
    const header: StateHeader = {
      parameters,
      codeVersion: options.codeVersion,
      startedAt: (options.now ?? new Date()).toISOString(),
      commandLine: options.commandLine,
    };
    writeFileAtomic(paramsFile, `${JSON.stringify(header, null, 2)}\n`);
    return new RunState(dir, header, options.codeVersion);
  }

  /** A run's header and finished steps, read only (`--status`); null when `dir` holds no run. */
  static peek(dir: string): { header: StateHeader; outcomes: ReadonlyMap<string, StepOutcome<unknown>> } | null {
    const paramsFile = path.join(dir, PARAMS_FILE);
    if (!existsSync(paramsFile)) return null;
    return { header: parseHeader(paramsFile), outcomes: RunState.readOutcomes(dir) };
  }

  private static readOutcomes(dir: string): Map<string, StepOutcome<unknown>> {
    const found = new Map<string, StepOutcome<unknown>>();
    const stepsDir = path.join(dir, STEPS_DIR);
    if (!existsSync(stepsDir)) return found;
    for (const name of readdirSync(stepsDir).sort()) {
      if (!name.endsWith('.json')) continue; // a *.tmp left by an interrupted write is not a result
      const file = path.join(stepsDir, name);
      const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
      if (!isRecord(parsed) || typeof parsed.ok !== 'boolean' || typeof parsed.wallMs !== 'number')
        throw new Error(`${file}: not a benchmark step outcome (no ok or wallMs)`);
      found.set(name.slice(0, -'.json'.length), parsed as unknown as StepOutcome<unknown>);
    }
    return found;
  }

  /** Whether an earlier invocation of this run had finished steps (this one was started with --resume). */
  get resumed(): boolean {
    return this.stepsFromEarlier > 0;
  }

  /** Finished steps, by key (the resumed ones and those of this invocation). */
  finished(): ReadonlyMap<string, StepOutcome<unknown>> {
    return this.outcomes;
  }

  outcome<T>(key: string): StepOutcome<T> | undefined {
    return this.outcomes.get(key) as StepOutcome<T> | undefined;
  }

  /** Forgets every failed step, so that a resumed run tries them again (`--retry-failed`). */
  forgetFailures(): string[] {
    const failed = [...this.outcomes].filter(([, outcome]) => !outcome.ok).map(([key]) => key);
    for (const key of failed) this.forget(key);
    return failed;
  }

  /** Forgets a step (e.g. a build whose database has since been removed), on disk too. */
  forget(key: string): void {
    this.outcomes.delete(key);
    rmSync(path.join(this.dir, STEPS_DIR, stepFileName(key)), { force: true });
  }

  /**
   * The step's stored outcome, or runs it and stores its outcome before returning. A thrown
   * error is stored as the step's failure (the run goes on); the caller decides what it means.
   * A `StepInterrupted` is not a failure of the step: it is thrown on, and nothing is stored.
   */
  run<T>(key: string, action: () => T, probes: StepProbes = SYSTEM_PROBES): StepOutcome<T> {
    const known = this.outcome<T>(key);
    if (known) return known;
    const loadAverage = probes.loadAverage();
    const started = probes.clock();
    let result: { ok: true; value: T } | { ok: false; error: string };
    try {
      result = { ok: true, value: action() };
    } catch (error) {
      if (error instanceof StepInterrupted) throw error;
      result = { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
    const outcome: StepOutcome<T> = {
      ...result,
      wallMs: probes.clock() - started,
      loadAverage,
      finishedAt: new Date().toISOString(),
      codeVersion: this.codeVersion,
    };
    writeFileAtomic(path.join(this.dir, STEPS_DIR, stepFileName(key)), `${JSON.stringify(outcome)}\n`);
    this.outcomes.set(key, outcome);
    return outcome;
  }

  /** Code versions that produced the finished steps (more than one when the run was resumed under newer code). */
  codeVersions(): string[] {
    return [
      ...new Set([this.header.codeVersion, ...[...this.outcomes.values()].map((outcome) => outcome.codeVersion)]),
    ];
  }
}
