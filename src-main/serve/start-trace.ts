import { performance } from 'node:perf_hooks';

/**
 * Start-up timeline of browser mode, for measuring where the time to the first page and the
 * first search goes: with ARCHIVO_START_TRACE=1 each phase prints one line on stderr with the
 * time since the process started (Node's own start-up included) and the CPU time used so far.
 * Off by default; then marking costs one property read.
 */
const enabled = process.env.ARCHIVO_START_TRACE === '1';
const seen = new Set<string>();

/** Prints `phase` once (later marks of the same phase are ignored). */
export function markStart(phase: string): void {
  if (!enabled || seen.has(phase)) return;
  seen.add(phase);
  const cpu = process.cpuUsage();
  const cpuMs = (cpu.user + cpu.system) / 1000;
  process.stderr.write(`start-trace ${phase} ${performance.now().toFixed(1)} ms (cpu ${cpuMs.toFixed(1)} ms)\n`);
}
