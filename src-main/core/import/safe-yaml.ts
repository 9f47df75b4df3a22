import { parseDocument, type Document } from 'yaml';
import { indentQuotedContinuations } from './psych-quoted-lines';
import { plainFrontMatter } from './plain-front-matter';
import type { FileWarnings } from './warnings';
import { isRecord } from '../../common/guards';

/** Alias expansions allowed in one YAML document: enough for real config files, far too few for a "billion laughs" bomb. */
const MAX_ALIAS_COUNT = 50;

/**
 * Parses YAML as data only, with the `yaml` package (never an engine that can evaluate code).
 * Errors and unknown tags such as `!!js/function` become warnings with the line they are on;
 * whatever could be read is returned (an empty object when nothing could).
 * `firstLine` is the line of the file where the YAML text starts, so warnings point into the file.
 */
export function parseYamlData(yamlText: string, firstLine: number, warn: FileWarnings): Record<string, unknown> {
  // Most posts' front matter, read as the parser reads it without it (no warnings can arise there).
  const plain = plainFrontMatter(yamlText);
  if (plain) return plain;
  let document: Document.Parsed;
  try {
    document = parseYaml(yamlText);
    // What Psych (Jekyll) reads but the YAML spec refuses: read it as Psych does, without a warning.
    const asPsychReadsIt = document.errors.length > 0 ? indentQuotedContinuations(yamlText) : null;
    if (asPsychReadsIt !== null) {
      const reread = parseYaml(asPsychReadsIt);
      if (reread.errors.length === 0) document = reread;
    }
  } catch (error) {
    warn(`YAML could not be read: ${errorMessage(error)}`, firstLine, 'yaml-refused');
    return {};
  }
  for (const problem of [...document.errors, ...document.warnings]) {
    const line = problem.linePos?.[0]?.line;
    const where = line === undefined ? firstLine : firstLine + line - 1;
    const text = firstSentence(problem.message);
    if (problem.code === 'TAG_RESOLVE_FAILED') {
      warn(`YAML tag is not supported and its value was kept as plain text (nothing was executed): ${text}`, where);
    } else {
      warn(`broken YAML: ${text}`, where, 'yaml-refused');
    }
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    warn(
      `YAML could not be read (${errorMessage(error)}); reading its simple "key: value" lines only`,
      firstLine,
      'yaml-refused',
    );
    return readSimpleLines(yamlText);
  }
  if (value === null || value === undefined) return document.errors.length > 0 ? readSimpleLines(yamlText) : {};
  if (!isRecord(value)) {
    warn('YAML front matter is not a mapping of fields; ignored', firstLine, 'yaml-refused');
    return {};
  }
  const record = value;
  // With errors, yaml may stop early: fill fields it lost from lines that still read on their own.
  return document.errors.length > 0 ? { ...readSimpleLines(yamlText), ...record } : record;
}

function parseYaml(yamlText: string): Document.Parsed {
  return parseDocument(yamlText, { schema: 'core', prettyErrors: true, uniqueKeys: false });
}

/** Last resort for broken YAML: each top-level `key: value` line parsed on its own. */
function readSimpleLines(yamlText: string): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const line of yamlText.split('\n')) {
    const match = /^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(\S.*)$/.exec(line);
    if (!match?.[1] || match[2] === undefined) continue;
    try {
      const document = parseDocument(match[2], { schema: 'core' });
      if (document.errors.length === 0) {
        const value: unknown = document.toJS({ maxAliasCount: 0 });
        if (value !== null && value !== undefined) result[match[1]] = value;
        continue;
      }
    } catch {
      // fall through to the raw text
    }
    result[match[1]] = match[2].trim();
  }
  return result;
}

function firstSentence(message: string): string {
  return (message.split('\n')[0] ?? message).trim();
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
