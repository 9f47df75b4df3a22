import { statSync } from 'node:fs';

/**
 * Refuses an output path that is a folder, with a sentence that names it (`what` says what was
 * to be written there). Checked before a build starts: the rename that ends it would otherwise
 * find the folder in the way only after the whole import (two minutes at 100,000 documents),
 * with "EISDIR: illegal operation on a directory".
 */
export function refuseFolderAsOutput(target: string, what: string): void {
  if (statSync(target, { throwIfNoEntry: false })?.isDirectory())
    throw new Error(`Cannot write ${what} ${target}: it is a folder; give the ${what}'s file name`);
}
