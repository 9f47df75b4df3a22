import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { isInside } from './site-config';
import type { WarningLog } from './warnings';

/** A file to consider for import, with the names it is known by. */
export interface SourceFile {
  absolutePath: string;
  /** `<folder name>/<relative path>` for files found in a folder input, the base name for file inputs (posix separators). */
  source: string;
  /** The folder the file was found under (a folder input), or the folder of a file input. */
  inputRoot: string;
}

/** Folders never walked: version control and tool folders, dependencies, Jekyll's generated site. */
const SKIPPED_FOLDERS = new Set(['node_modules', '_site']);
/** Files that configure a site (or the librarian's import, archive-config.ts) rather than being documents. */
const SKIPPED_FILES = new Set(['_config.yml', 'archivo.yml']);

/**
 * Lists the files of the inputs in a stable order (inputs as given, then by path in code-point order).
 * Symbolic links are followed only to files inside the input folder; linked folders are not walked
 * (no cycles, no escaping the corpus).
 */
export function listSourceFiles(inputs: string[], warnings: WarningLog): SourceFile[] {
  const files: SourceFile[] = [];
  for (const input of inputs) {
    const absolute = path.resolve(input);
    let stats;
    try {
      stats = statSync(absolute);
    } catch {
      warnings.add(input, 'input not found or not readable; skipped');
      continue;
    }
    if (stats.isFile()) {
      files.push({ absolutePath: absolute, source: path.basename(absolute), inputRoot: path.dirname(absolute) });
    } else if (stats.isDirectory()) {
      walkFolder(absolute, files, warnings);
    } else {
      warnings.add(input, 'input is neither a file nor a folder; skipped');
    }
  }
  return files;
}

function walkFolder(root: string, output: SourceFile[], warnings: WarningLog): void {
  const files: SourceFile[] = [];
  const rootName = path.basename(root);
  const label = (absolute: string): string => [rootName, ...path.relative(root, absolute).split(path.sep)].join('/');
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    realRoot = root;
  }
  const pending: string[] = [root];
  while (pending.length > 0) {
    const folder = pending.pop();
    if (folder === undefined) break;
    let names: string[];
    try {
      names = readdirSync(folder).sort(byCodePoint);
    } catch (error) {
      warnings.add(
        label(folder),
        `folder could not be read: ${error instanceof Error ? error.message : String(error)}`,
      );
      continue;
    }
    const subfolders: string[] = [];
    for (const name of names) {
      if (name.startsWith('.')) continue;
      const absolute = path.join(folder, name);
      let entry;
      try {
        entry = lstatSync(absolute);
      } catch {
        warnings.add(label(absolute), 'could not be read; skipped');
        continue;
      }
      if (entry.isSymbolicLink()) {
        let target: string;
        try {
          target = realpathSync(absolute);
        } catch {
          warnings.add(label(absolute), 'symbolic link to nothing; skipped');
          continue;
        }
        if (!isInside(target, realRoot)) {
          warnings.add(label(absolute), 'symbolic link to a file outside the corpus folder; skipped');
          continue;
        }
        const targetStats = statSync(target);
        if (targetStats.isDirectory()) {
          warnings.add(label(absolute), 'symbolic link to a folder; not followed');
          continue;
        }
        // Only regular files: reading a FIFO or device would block or never end.
        if (!targetStats.isFile()) continue;
      } else if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(name)) subfolders.push(absolute);
        continue;
      } else if (!entry.isFile()) {
        continue;
      }
      if (SKIPPED_FILES.has(name)) continue;
      files.push({ absolutePath: absolute, source: label(absolute), inputRoot: root });
    }
    // Reverse so that popping visits subfolders in sorted order.
    for (let index = subfolders.length - 1; index >= 0; index -= 1) pending.push(subfolders[index] ?? '');
  }
  files.sort((left, right) => byCodePoint(left.source, right.source));
  output.push(...files);
}

function byCodePoint(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}
