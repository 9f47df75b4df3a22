// The V8 flags a corpus build runs with (`corpus build` and `corpus pack` through
// scripts/corpus.mjs, and the benchmark's build probes, which must time the build users run).
//
// Why --single-threaded-gc, and only on machines of two cores or fewer: a build keeps every
// core busy with its own threads (the main thread writes and renders, a render worker per
// further core renders and analyses), so V8's parallel and concurrent collector threads only
// compete with them, and each collection split across threads costs more CPU in all than one
// done on the thread that allocates. Measured on the bench's generated posts (bundled build,
// README "How a build runs"): 10,000 posts, 10 pairs, CPU 32.3 → 30.2 s, wall 17.2 → 16.1 s;
// 100,000 posts, 132.0 → 118.4 s, peak RSS 815 → 873 MB (goal ≤ 1 GB). With cores to spare,
// the collector's helpers run on otherwise idle cores and shorten the build, so none is given.
// V8 reads the flag only when the process starts (set later with v8.setFlagsFromString it
// crashed a build in a collection), hence a launcher.
import os from 'node:os';

export const FEW_CORES_BUILD_V8_FLAGS = ['--single-threaded-gc'];

/** Cores at or under which a build runs with FEW_CORES_BUILD_V8_FLAGS. */
export const FEW_CORES = 2;

/** The flags for a build process on a machine of `cores` cores (default: this one's). */
export function buildV8Flags(cores = os.availableParallelism()) {
  return cores <= FEW_CORES ? [...FEW_CORES_BUILD_V8_FLAGS] : [];
}

/** Whether a process started with `execArgv` (default: this one's) already has every flag of `flags`. */
export function startedWith(flags, execArgv = process.execArgv) {
  return flags.every((flag) => execArgv.includes(flag));
}
