import path from 'node:path';
import type { CorpusProblem } from '../common/library';

/**
 * Shared on a network, nothing may tell a visitor where the owner keeps things (home folder,
 * user name, the `--db` path): paths in messages become their base names. The owner's console
 * keeps the full paths.
 */
const ABSOLUTE_PATH = /(?:[A-Za-z]:[\\/]|\\\\|\/)(?:[^\s"'`<>|:;,()[\]{}\\/]+[\\/])+([^\s"'`<>|:;,()[\]{}\\/]*)/g;

/** Replaces the given paths (longest first) and anything below them, then any other absolute path, by base names. */
export function redactPaths(text: string, knownPaths: readonly string[] = []): string {
  let result = text;
  for (const known of [...knownPaths].filter((p) => p.length > 1).sort((a, b) => b.length - a.length)) {
    const escaped = known.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const below = new RegExp(`${escaped}((?:[\\\\/][^\\s"'\`<>|:;,()\\\\/]+)*)`, 'g');
    result = result.replace(below, (whole: string) => path.basename(whole.replace(/\\/g, '/')));
  }
  return result.replace(ABSOLUTE_PATH, (_match, base: string) => base);
}

export function redactProblem(problem: CorpusProblem, knownPaths: readonly string[] = []): CorpusProblem {
  return { ...problem, path: path.basename(problem.path), message: redactPaths(problem.message, knownPaths) };
}
