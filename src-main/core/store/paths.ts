import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project root: the nearest folder at or above `start` that holds a package.json.
 * Walking up (instead of a fixed `../..`) keeps this right whether the code runs from
 * `src-main/core` under tsx, from a bundled `dist/` file, or from a test.
 */
export function findProjectRoot(start: string = path.dirname(fileURLToPath(import.meta.url))): string {
  let current = path.resolve(start);
  for (;;) {
    if (existsSync(path.join(current, 'package.json'))) return current;
    const parent = path.dirname(current);
    if (parent === current) {
      throw new Error(`No package.json found at or above ${start}; cannot locate the project root`);
    }
    current = parent;
  }
}

/**
 * Where `npm run build:corpus` writes the corpus in development. The packaged Electron app
 * does not use this: its main process passes `process.resourcesPath + '/corpus/corpus.sqlite'`.
 */
export function defaultCorpusDatabasePath(projectRoot: string = findProjectRoot()): string {
  return path.join(projectRoot, 'build', 'corpus', 'corpus.sqlite');
}
