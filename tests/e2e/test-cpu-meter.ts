import { readdirSync, readFileSync } from 'node:fs';

/**
 * The CPU one test costs, for `E2E_TEST_CPU=1` runs (scripts/test-costs.mjs ranks it): the user +
 * system time of every process under this Playwright worker (the worker itself, its Chromium with
 * the renderers, the servers and CLI runs a spec starts), read from /proc before and after the
 * test. A process that starts and ends inside the test is missed, so the figure is a floor; the
 * global set-up's shared servers are not the worker's children and are not counted. Linux only.
 */

/** Clock ticks per second of /proc/<pid>/stat's times (USER_HZ: 100 on every Linux Node runs on). */
const TICKS_PER_SECOND = 100;

interface ProcessTimes {
  parent: number;
  seconds: number;
}

function readTimes(pid: string): ProcessTimes | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null; // Ended since the folder was listed.
  }
  // The name is in parentheses and may hold spaces: the fields start after the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { parent: Number(fields[1]), seconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND };
}

/** CPU seconds so far of `root` and every live process descended from it. */
export function processTreeCpuSeconds(root: number = process.pid): number {
  const all = new Map<number, ProcessTimes>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const times = readTimes(name);
    if (times) all.set(Number(name), times);
  }
  const inTree = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, { parent }] of all) {
      if (!inTree.has(pid) && inTree.has(parent)) {
        inTree.add(pid);
        grew = true;
      }
    }
  }
  let total = 0;
  for (const pid of inTree) total += all.get(pid)?.seconds ?? 0;
  return total;
}

/** Whether this run measures each test's CPU (`E2E_TEST_CPU=1`, Linux). */
export const measuringTestCpu = process.env.E2E_TEST_CPU === '1' && process.platform === 'linux';
