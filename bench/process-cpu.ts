import { readFileSync } from 'node:fs';

/**
 * CPU time (user + system) of processes the benchmark starts, from Linux's /proc: on a machine
 * shared with other work, wall-clock start times move with the load, CPU time much less.
 * Null elsewhere (no /proc), and the reports then show wall time only.
 */

/** Clock ticks per second of /proc's counters (USER_HZ, 100 on every Linux Node runs on). */
const TICKS_PER_SECOND = 100;

/** Fields of /proc/<pid>/stat after the command name (which may itself hold spaces and parentheses). */
function statFields(pid: number | 'self'): string[] | null {
  try {
    const text = readFileSync(`/proc/${String(pid)}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

function ticksToMs(fields: string[] | null, first: number, second: number): number | null {
  if (fields === null) return null;
  const ticks = Number(fields[first]) + Number(fields[second]);
  return Number.isFinite(ticks) ? (ticks * 1000) / TICKS_PER_SECOND : null;
}

/** CPU a running process (all its threads) has used so far (utime + stime, fields 14 and 15). */
export function runningProcessCpuMs(pid: number): number | null {
  return ticksToMs(statFields(pid), 11, 12);
}

/** CPU of this process's children that have ended and been waited for (cutime + cstime, fields 16 and 17). */
export function endedChildrenCpuMs(): number | null {
  return ticksToMs(statFields('self'), 13, 14);
}
