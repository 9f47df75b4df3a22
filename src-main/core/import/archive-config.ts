import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { decodeText } from './decode';
import { isFieldTarget, FIELD_TARGETS, type FieldMap } from './field-mapping';
import { errorMessage, parseYamlData } from './safe-yaml';
import type { WarningLog } from './warnings';

/** The librarian's file next to the sources: how to read a site's front matter and what to leave out. */
export const ARCHIVE_CONFIG_NAME = 'archivo.yml';

const MAX_CONFIG_BYTES = 256 * 1024;

/**
 * `archivo.yml` at the top of a folder input:
 *
 * ```yaml
 * fields:             # a site's own front-matter keys -> the app's fields
 *   twitt: description
 *   location: place
 *   foto: ignore
 * exclude:            # globs over paths inside the folder (picomatch syntax)
 *   - "**\/README*"
 * ```
 */
export interface ArchiveConfig {
  fields: FieldMap;
  exclude: string[];
}

const EMPTY: ArchiveConfig = { fields: {}, exclude: [] };

/**
 * Reads `archivo.yml` from a folder input, if it has one. A bad entry is skipped with a warning that
 * names it; the rest of the file still applies.
 */
export function readArchiveConfig(folder: string, warnings: WarningLog): ArchiveConfig {
  const file = path.join(folder, ARCHIVE_CONFIG_NAME);
  if (!existsSync(file)) return EMPTY;
  const warn = warnings.forFile(`${path.basename(folder)}/${ARCHIVE_CONFIG_NAME}`);
  let data: Record<string, unknown>;
  try {
    if (statSync(file).size > MAX_CONFIG_BYTES) {
      warn(`${ARCHIVE_CONFIG_NAME} is larger than 256 KB and was ignored`);
      return EMPTY;
    }
    data = parseYamlData(decodeText(readFileSync(file)).text, 1, warn);
  } catch (error) {
    warn(`${ARCHIVE_CONFIG_NAME} could not be read: ${errorMessage(error)}`);
    return EMPTY;
  }
  const fields: FieldMap = {};
  const rawFields = data.fields;
  if (rawFields !== undefined && (typeof rawFields !== 'object' || rawFields === null || Array.isArray(rawFields)))
    warn('"fields" must map front-matter keys to fields (e.g. "twitt: description"); ignored');
  else if (rawFields)
    for (const [key, target] of Object.entries(rawFields)) {
      const name = typeof target === 'string' ? target.trim().toLowerCase() : '';
      if (isFieldTarget(name)) fields[key] = name;
      else warn(`fields: "${key}: ${String(target)}" names no field (${FIELD_TARGETS.join(', ')}); ignored`);
    }
  const exclude: string[] = [];
  const rawExclude = data.exclude;
  for (const pattern of Array.isArray(rawExclude) ? rawExclude : rawExclude === undefined ? [] : [rawExclude]) {
    if (typeof pattern === 'string' && pattern.trim() !== '') exclude.push(pattern.trim());
    else warn(`exclude: ${JSON.stringify(pattern)} is not a glob; ignored`);
  }
  return { fields, exclude };
}
