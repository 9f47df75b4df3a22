import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  parameterDifferences,
  RunState,
  StepInterrupted,
  unlockState,
  type RunParameters,
  type StepProbes,
} from '../../../bench/run-state';

const PARAMETERS: RunParameters = {
  seed: 20170523,
  sizes: [100_000],
  runsPerSize: [3],
  repetitionsPerSize: [3],
  warmup: 2,
  competitors: true,
  zim: false,
};

/** A clock that advances 1.5 s per reading and a load average of 7.5: outcomes are predictable. */
function fixedProbes(): StepProbes {
  let now = 0;
  return {
    clock: () => (now += 1500),
    loadAverage: () => 7.5,
  };
}

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'run-state-test-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function open(
  options: Partial<{ resume: boolean; restart: boolean; codeVersion: string }> = {},
  parameters = PARAMETERS,
) {
  return RunState.open(dir, parameters, {
    resume: options.resume ?? false,
    restart: options.restart ?? false,
    codeVersion: options.codeVersion ?? 'abc123',
    commandLine: ['npm', 'run', 'bench', '--', '--docs', '100000'],
    now: new Date('2026-12-07T07:00:00Z'),
  });
}

describe('a resumable benchmark run', () => {
  it('writes each step as it completes, with its wall time, load and code version', () => {
    const state = open();
    const outcome = state.run('100000.r1.app-build', () => ({ documents: 100_000 }), fixedProbes());
    // Steps of this invocation do not make it a resumed run.
    expect(state.resumed).toBe(false);
    expect(outcome).toMatchObject({ ok: true, value: { documents: 100_000 }, wallMs: 1500, loadAverage: 7.5 });
    const stored: unknown = JSON.parse(readFileSync(path.join(dir, 'steps', '100000.r1.app-build.json'), 'utf8'));
    expect(stored).toMatchObject({ ok: true, value: { documents: 100_000 }, wallMs: 1500, codeVersion: 'abc123' });
    // Written through a temporary file that is renamed: none is left behind.
    expect(readdirSync(path.join(dir, 'steps'))).toEqual(['100000.r1.app-build.json']);
  });

  it('keeps a failed step as its outcome, with the message, and goes on', () => {
    const state = open();
    const outcome = state.run(
      '100000.r1.lunr-build',
      () => {
        throw new Error('competitor-probe.ts build lunr failed (timed out after 45 min)');
      },
      fixedProbes(),
    );
    expect(outcome).toMatchObject({
      ok: false,
      error: 'competitor-probe.ts build lunr failed (timed out after 45 min)',
    });
    expect(state.run('100000.r1.lunr-search', () => 3, fixedProbes()).ok).toBe(true);
  });

  it('stores nothing for a step stopped from outside, so that --resume runs it again', () => {
    const state = open();
    expect(() =>
      state.run('100000.r1.FTS5-build', () => {
        throw new StepInterrupted('build-probe.ts fts5 was stopped by SIGINT');
      }),
    ).toThrow('stopped by SIGINT');
    expect(state.outcome('100000.r1.FTS5-build')).toBeUndefined();
    expect(readdirSync(path.join(dir, 'steps'))).toEqual([]);
  });

  it('on --resume, runs only the steps that have no outcome yet', () => {
    const first = open();
    first.run('100000.generate', () => ({ documents: 100_000 }), fixedProbes());
    first.run('100000.r1.app-build', () => 'built once', fixedProbes());
    // The invocation is interrupted here; the next one resumes under newer code.
    const second = open({ resume: true, codeVersion: 'def456' });
    expect(second.resumed).toBe(true);
    let calls = 0;
    const again = second.run('100000.r1.app-build', () => {
      calls += 1;
      return 'built twice';
    });
    expect(calls).toBe(0);
    expect(again).toMatchObject({ ok: true, value: 'built once', codeVersion: 'abc123' });
    const fresh = second.run('100000.r1.FTS5-build', () => 'new', fixedProbes());
    expect(fresh).toMatchObject({ ok: true, value: 'new', codeVersion: 'def456' });
    expect(second.codeVersions()).toEqual(['abc123', 'def456']);
    expect([...second.finished().keys()].sort()).toEqual([
      '100000.generate',
      '100000.r1.FTS5-build',
      '100000.r1.app-build',
    ]);
  });

  it('refuses to resume with other parameters, naming each difference and the original command', () => {
    open().run('100000.generate', () => 1, fixedProbes());
    expect(() => open({ resume: true }, { ...PARAMETERS, seed: 1, runsPerSize: [1] })).toThrow(
      /cannot resume with other parameters \(seed 20170523 ≠ 1; runsPerSize \[3\] ≠ \[1\]\); the run was started with: npm run bench -- --docs 100000/,
    );
  });

  it('never discards an interrupted run without --resume or --restart', () => {
    open().run('100000.generate', () => 1, fixedProbes());
    expect(() => open()).toThrow(/holds 1 finished step\(s\).*add --resume to continue it, or --restart to discard it/);
    const restarted = open({ restart: true });
    expect(restarted.resumed).toBe(false);
    expect(restarted.finished().size).toBe(0);
    expect(readdirSync(path.join(dir, 'steps'))).toEqual([]);
  });

  it('on --retry-failed, forgets the failed steps only', () => {
    const first = open();
    first.run('100000.r1.app-build', () => 'ok', fixedProbes());
    first.run(
      '100000.r1.lunr-build',
      () => {
        throw new Error('out of memory');
      },
      fixedProbes(),
    );
    const second = open({ resume: true });
    expect(second.forgetFailures()).toEqual(['100000.r1.lunr-build']);
    expect(existsSync(path.join(dir, 'steps', '100000.r1.lunr-build.json'))).toBe(false);
    expect(second.outcome('100000.r1.app-build')).toMatchObject({ ok: true, value: 'ok' });
  });

  it('ignores a temporary file left by an interrupted write and rejects a damaged step file by name', () => {
    open().run('100000.generate', () => 1, fixedProbes());
    writeFileSync(path.join(dir, 'steps', '100000.r1.app-build.json.123.tmp'), '{"ok": tr');
    expect(open({ resume: true }).finished().size).toBe(1);
    writeFileSync(path.join(dir, 'steps', '100000.r1.FTS5-build.json'), '{"value": 1}\n');
    expect(() => open({ resume: true })).toThrow(/100000\.r1\.FTS5-build\.json: not a benchmark step outcome/);
  });

  it('refuses steps without the parameters they belong to, and keys that are not file names', () => {
    mkdirSync(path.join(dir, 'steps'));
    writeFileSync(path.join(dir, 'steps', '100000.generate.json'), '{}');
    expect(() => open({ resume: true })).toThrow(/has steps but no params\.json/);
    rmSync(path.join(dir, 'steps'), { recursive: true });
    expect(() => open().run('../escape', () => 1)).toThrow(/not a safe file name/);
  });
});

describe('the state folder lock', () => {
  it('refuses a folder another running benchmark holds, and takes over one left by a process that ended', () => {
    mkdirSync(dir, { recursive: true });
    // The test runner's parent process is alive and is not this process.
    writeFileSync(path.join(dir, 'running.pid'), `${String(process.ppid)}\n`);
    expect(() => open()).toThrow(`is in use by the benchmark running as process ${String(process.ppid)}`);
    // Linux process ids stay below 2^22: this one cannot be running.
    writeFileSync(path.join(dir, 'running.pid'), '4194999\n');
    open();
    expect(readFileSync(path.join(dir, 'running.pid'), 'utf8')).toBe(`${String(process.pid)}\n`);
    unlockState(dir);
    expect(existsSync(path.join(dir, 'running.pid'))).toBe(false);
  });
});

describe('parameterDifferences', () => {
  it('is empty for equal parameters and names each field that differs', () => {
    expect(parameterDifferences(PARAMETERS, { ...PARAMETERS })).toEqual([]);
    expect(parameterDifferences(PARAMETERS, { ...PARAMETERS, zim: true, sizes: [10_000] })).toEqual([
      'sizes [100000] ≠ [10000]',
      'zim false ≠ true',
    ]);
  });
});
