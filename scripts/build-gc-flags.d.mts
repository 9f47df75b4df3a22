/** V8 flags of a corpus build on a machine of few cores (see build-gc-flags.mjs for why). */
export const FEW_CORES_BUILD_V8_FLAGS: readonly string[];
/** Cores at or under which a build runs with FEW_CORES_BUILD_V8_FLAGS. */
export const FEW_CORES: number;
/** The flags for a build process on a machine of `cores` cores (default: this one's). */
export function buildV8Flags(cores?: number): string[];
/** Whether a process started with `execArgv` (default: this one's) already has every flag of `flags`. */
export function startedWith(flags: readonly string[], execArgv?: readonly string[]): boolean;
