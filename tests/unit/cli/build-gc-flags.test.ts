import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { buildV8Flags, FEW_CORES_BUILD_V8_FLAGS, startedWith } from '../../../scripts/build-gc-flags.mjs';
import { makeTempFolder } from '../../support/temp-folders';
import { SEED_FOLDER } from '../annotations/seed-corpus';

const root = path.resolve(__dirname, '../../..');
const corpusScript = path.join(root, 'scripts/corpus.mjs');

interface CorpusRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** `process.execArgv` of every Node process the run started, in the order they started. */
  execArgvs: string[][];
}

/**
 * `npm run corpus -- <args>` (scripts/corpus.mjs), with a preloaded module that writes each Node
 * process's start flags to a file: a relaunch passes the parent's flags on, so it loads it too.
 */
function runCorpus(folder: string, args: string[]): CorpusRun {
  const log = path.join(folder, `exec-argv-${String(Date.now())}.jsonl`);
  const recorder = path.join(folder, 'record-exec-argv.mjs');
  writeFileSync(
    recorder,
    "import { appendFileSync } from 'node:fs';\n" +
      'appendFileSync(process.env.EXEC_ARGV_LOG, JSON.stringify(process.execArgv) + "\\n");\n',
  );
  const run = spawnSync(process.execPath, ['--import', recorder, corpusScript, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, EXEC_ARGV_LOG: log },
  });
  const execArgvs = readFileSync(log, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as string[]);
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, execArgvs };
}

describe("a corpus build's V8 flags", () => {
  it('are --single-threaded-gc on machines of one or two cores, none with more', () => {
    expect(FEW_CORES_BUILD_V8_FLAGS).toEqual(['--single-threaded-gc']);
    expect(buildV8Flags(1)).toEqual(['--single-threaded-gc']);
    expect(buildV8Flags(2)).toEqual(['--single-threaded-gc']);
    expect(buildV8Flags(3)).toEqual([]);
    expect(buildV8Flags(16)).toEqual([]);
  });

  it('are found in a process that started with them, among other flags', () => {
    expect(startedWith(['--single-threaded-gc'], ['--import', 'x.mjs', '--single-threaded-gc'])).toBe(true);
    expect(startedWith(['--single-threaded-gc'], ['--import', 'x.mjs'])).toBe(false);
    expect(startedWith([], [])).toBe(true);
  });

  it("build the seed corpus in a process started with this machine's flags; a search starts none", () => {
    const folder = makeTempFolder('build-gc-flags-');
    const out = path.join(folder, 'seed.sqlite');
    const flags = buildV8Flags();
    console.log(`this machine's build flags: ${flags.length > 0 ? flags.join(' ') : 'none'}`);

    const build = runCorpus(folder, ['build', SEED_FOLDER, '--out', out, '--name', 'Semilla']);
    expect(build.status).toBe(0);
    expect(build.stdout).toContain('2 documents (1 articles, 1 letters, 0 other)');
    // On few cores: this script, then the build in a second process with the flags (and the
    // preload, passed on); otherwise the build in this script's own process.
    const preload = build.execArgvs[0] ?? [];
    expect(build.execArgvs).toEqual(flags.length > 0 ? [preload, [...flags, ...preload]] : [preload]);
    expect(preload).not.toContain('--single-threaded-gc');
    const db = new Database(out, { readonly: true });
    try {
      const letter = db.prepare("SELECT date FROM documents WHERE type = 'letter'").get() as { date: string };
      expect(letter.date).toBe('2017-05-23');
    } finally {
      db.close();
    }

    const search = runCorpus(folder, ['search', out, 'espionaje', '--json']);
    expect(search.status).toBe(0);
    expect(search.execArgvs).toHaveLength(1);
  });

  it("end with the build process's exit code and message when it fails", () => {
    const folder = makeTempFolder('build-gc-flags-');
    const missing = path.join(folder, 'no-such-folder');
    const build = runCorpus(folder, ['build', missing, '--out', path.join(folder, 'x.sqlite')]);
    expect(build.status).toBe(1);
    expect(build.stderr).toContain(`corpus: cannot read ${missing}: no such file or folder`);
    expect(build.execArgvs).toHaveLength(buildV8Flags().length > 0 ? 2 : 1);
  });
});
