import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  processIsRunning,
  removeAbandonedBuildFiles,
  removeAbandonedWorkFolders,
} from '../../../src-main/core/store/abandoned-build-files';
import { cliBundle } from '../../support/bundles';
import { makeTempFolder } from '../../support/temp-folders';
import { SEED_FOLDER } from '../annotations/seed-corpus';

const BUILD_FILES = { kinds: ['tmp'], suffixes: ['', '-journal', '-index.runs'] } as const;

/** The id of a process that has ended (a Node that ran an empty script). */
function endedPid(): number {
  const run = spawnSync(process.execPath, ['-e', ''], { stdio: 'ignore' });
  if (run.pid === undefined) throw new Error('could not start node');
  return run.pid;
}

function touch(folder: string, name: string): void {
  writeFileSync(path.join(folder, name), 'left by a build');
}

describe('the files an interrupted build left beside its target', () => {
  it('are removed for processes that ended, with every suffix a build writes, and nothing else', () => {
    const folder = makeTempFolder('abandoned-build-');
    const target = path.join(folder, 'archivo.sqlite');
    const running = new Set([4242]);
    for (const name of [
      'archivo.sqlite.tmp-1111-0123456789ab',
      'archivo.sqlite.tmp-1111-0123456789ab-journal',
      'archivo.sqlite.tmp-1111-0123456789ab-index.runs',
      'archivo.sqlite.tmp-4242-0123456789ab', // a build that still runs
      `archivo.sqlite.tmp-${String(process.pid)}-0123456789ab`, // this process's own
      'archivo.sqlite.tmp-1111-0123456789ab-notes', // not a suffix a build writes
      'archivo.sqlite.tmp-1111-short', // not a build's random part
      'archivo.sqlite.staging-1111-0123456789ab', // a kind not asked for
      'archivo.sqlite2.tmp-1111-0123456789ab', // another target
      'archivo.sqlite',
    ])
      touch(folder, name);

    const removed = removeAbandonedBuildFiles(target, BUILD_FILES, (pid) => running.has(pid));

    expect(removed.map((file) => path.basename(file)).sort()).toEqual([
      'archivo.sqlite.tmp-1111-0123456789ab',
      'archivo.sqlite.tmp-1111-0123456789ab-index.runs',
      'archivo.sqlite.tmp-1111-0123456789ab-journal',
    ]);
    expect(readdirSync(folder).sort()).toEqual(
      [
        'archivo.sqlite',
        'archivo.sqlite.staging-1111-0123456789ab',
        'archivo.sqlite.tmp-1111-0123456789ab-notes',
        'archivo.sqlite.tmp-1111-short',
        `archivo.sqlite.tmp-${String(process.pid)}-0123456789ab`,
        'archivo.sqlite.tmp-4242-0123456789ab',
        'archivo.sqlite2.tmp-1111-0123456789ab',
      ].sort(), // where this process's id sorts depends on its digits
    );
    expect(removeAbandonedBuildFiles(path.join(folder, 'missing', 'x.sqlite'), BUILD_FILES)).toEqual([]);
  });

  it("are a pack's staging folder with its contents and its temporary file, for a pack writer", () => {
    const folder = makeTempFolder('abandoned-build-');
    const target = path.join(folder, 'archivo.pack');
    mkdirSync(path.join(folder, 'archivo.pack.staging-1111-0123456789ab'));
    touch(folder, 'archivo.pack.staging-1111-0123456789ab/corpus.sqlite');
    touch(folder, 'archivo.pack.tmp-1111-0123456789ab');
    const names = { kinds: ['staging', 'tmp'], suffixes: [''] } as const;
    expect(removeAbandonedBuildFiles(target, names, () => false)).toHaveLength(2);
    expect(readdirSync(folder)).toEqual([]);
  });

  it("are a pack's work folders of processes that ended, in the temporary folder, and no one else's", () => {
    const parent = makeTempFolder('abandoned-work-');
    for (const name of [
      'archivo-pack-1111-AbC123',
      'archivo-pack-4242-XyZ789',
      'archivo-pack-Qw12er',
      'otro-1111-AbC123',
    ])
      mkdirSync(path.join(parent, name));
    touch(parent, 'archivo-pack-1111-AbC123/corpus.sqlite');
    const removed = removeAbandonedWorkFolders(parent, 'archivo-pack-', (pid) => pid === 4242);
    expect(removed).toEqual([path.join(parent, 'archivo-pack-1111-AbC123')]);
    // A running process's, an old name without a process id, another program's: left alone.
    expect(readdirSync(parent).sort()).toEqual(['archivo-pack-4242-XyZ789', 'archivo-pack-Qw12er', 'otro-1111-AbC123']);
  });

  it('tells a running process from one that ended', () => {
    expect(processIsRunning(process.pid)).toBe(true);
    expect(processIsRunning(endedPid())).toBe(false);
  });

  it("are removed by the next `corpus build` of the same target, which a running build's files do not stop", () => {
    const folder = makeTempFolder('abandoned-build-');
    const target = path.join(folder, 'semilla.sqlite');
    const ended = endedPid();
    const abandoned = [`.tmp-${String(ended)}-00aa11bb22cc`, `.tmp-${String(ended)}-00aa11bb22cc-journal`];
    const running = `.tmp-${String(process.pid)}-33dd44ee55ff`;
    for (const suffix of [...abandoned, running]) touch(folder, `semilla.sqlite${suffix}`);

    const build = spawnSync(process.execPath, [cliBundle, 'build', SEED_FOLDER, '--out', target], { encoding: 'utf8' });

    expect(build.stderr).toBe('');
    expect(build.status).toBe(0);
    for (const suffix of abandoned) expect(existsSync(`${target}${suffix}`)).toBe(false);
    expect(readdirSync(folder).sort()).toEqual(['semilla.sqlite', `semilla.sqlite${running}`]);
    const db = new Database(target, { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) AS n FROM documents').get()).toEqual({ n: 2 });
    } finally {
      db.close();
    }
  });
});
