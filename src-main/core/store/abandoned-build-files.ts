import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

/**
 * The files a corpus build (and a pack's writer) writes beside its target until it renames the
 * finished file over it: `<target>.<kind>-<pid>-<12 hex digits>` (kind `tmp`, or `staging` for a
 * pack's folder) and that name plus a suffix (SQLite's journal, the spilled runs of the search
 * data). A writer removes its own on every failure it sees; a build whose process ended first
 * (Ctrl-C, a crash, a kill, the laptop's battery) leaves them, and at 100,000 documents they are
 * hundreds of megabytes beside a librarian's archive.
 */
const BUILD_FILE = /^\.(tmp|staging)-(\d+)-[0-9a-f]{12}(.*)$/;

/** A build's files: which kinds, and the suffixes its writer adds to their names. */
export interface BuildFileNames {
  kinds: ReadonlyArray<'tmp' | 'staging'>;
  suffixes: readonly string[];
}

/** Whether a process with this id runs now; another user's (EPERM) counts as running: it may be writing. */
export function processIsRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error instanceof Error && 'code' in error && error.code === 'EPERM';
  }
}

/**
 * Removes the build files of `target` (see BUILD_FILE) named as `names` says whose process no
 * longer runs (a folder with what it holds); returns their paths. Files of this process and of
 * running ones (a second build of the same target, started meanwhile) are left alone. Called by a
 * writer before it creates its own, so an interrupted build's files last only until the next
 * build of the same target.
 */
export function removeAbandonedBuildFiles(
  target: string,
  names: BuildFileNames,
  isRunning: (pid: number) => boolean = processIsRunning,
): string[] {
  return removeEntries(path.dirname(target), buildFilePid(target, names), endedProcess(isRunning));
}

/**
 * Removes this process's own build files of `target` (named as `names` says): what a command
 * stopped by a signal leaves, removed before it ends (interruption.ts in the command line).
 */
export function removeOwnBuildFiles(target: string, names: BuildFileNames): string[] {
  return removeEntries(path.dirname(target), buildFilePid(target, names), isThisProcess);
}

/** The process id in the name of one of `target`'s build files named as `names` says; null for any other name. */
function buildFilePid(target: string, names: BuildFileNames): (name: string) => number | null {
  const stem = path.basename(target);
  return (name) => {
    const match = name.startsWith(stem) ? BUILD_FILE.exec(name.slice(stem.length)) : null;
    if (!match) return null;
    const [, kind, pid, suffix] = match;
    const named = names.kinds.some((known) => known === kind) && names.suffixes.includes(suffix ?? '');
    return named ? Number(pid) : null;
  };
}

/**
 * Removes the folders `<prefix><pid>-<6 chars>` (as `mkdtempSync(prefix + pid + '-')` names them)
 * in `parent` whose process no longer runs; returns their paths. For work folders in the
 * system's temporary folder (a pack's build), which an interrupted run leaves there until the
 * machine restarts: hundreds of megabytes for a large pack.
 */
export function removeAbandonedWorkFolders(
  parent: string,
  prefix: string,
  isRunning: (pid: number) => boolean = processIsRunning,
): string[] {
  return removeEntries(parent, workFolderPid(prefix), endedProcess(isRunning));
}

/** Removes this process's own work folders `<prefix><pid>-…` in `parent` (see removeOwnBuildFiles). */
export function removeOwnWorkFolders(parent: string, prefix: string): string[] {
  return removeEntries(parent, workFolderPid(prefix), isThisProcess);
}

function workFolderPid(prefix: string): (name: string) => number | null {
  return (name) => {
    const match = name.startsWith(prefix) ? /^(\d+)-[^-]{6}$/.exec(name.slice(prefix.length)) : null;
    return match ? Number(match[1]) : null;
  };
}

/** A process other than this one that no longer runs. */
function endedProcess(isRunning: (pid: number) => boolean): (pid: number) => boolean {
  return (pid) => pid !== process.pid && !isRunning(pid);
}

function isThisProcess(pid: number): boolean {
  return pid === process.pid;
}

/**
 * Removes each entry of `folder` whose name `pidOf` reads a process id from (null: not a build's)
 * when `removable` says so of that process; returns the paths removed. A folder that cannot be
 * read removes nothing.
 */
function removeEntries(
  folder: string,
  pidOf: (name: string) => number | null,
  removable: (pid: number) => boolean,
): string[] {
  let entries: string[];
  try {
    entries = readdirSync(folder);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of entries) {
    const pid = pidOf(name);
    if (pid === null || !removable(pid)) continue;
    const entry = path.join(folder, name);
    if (removeQuietly(entry)) removed.push(entry);
  }
  return removed;
}

/**
 * Removes a file or folder; false when it cannot (another user's, in a shared temporary
 * folder): what is left then is not this run's to remove, and must not fail it.
 */
function removeQuietly(target: string): boolean {
  try {
    rmSync(target, { recursive: true, force: true });
    return true;
  } catch {
    return false;
  }
}
