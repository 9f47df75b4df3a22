import { parseYamlData } from './safe-yaml';
import type { FileWarnings } from './warnings';

export interface FrontMatter {
  /** Parsed fields (empty when the block could not be read or was not YAML). */
  data: Record<string, unknown>;
  /** The text after the closing delimiter. */
  body: string;
  /** 1-based line of the file where `body` starts. */
  bodyStartLine: number;
}

/** Languages gray-matter would *evaluate*; we never do, whatever the block says. */
const EXECUTABLE_LANGUAGES = new Set(['js', 'javascript', 'coffee', 'coffeescript', 'cson']);

const OPENING = /^---([A-Za-z]*)[ \t]*$/;
const CLOSING = /^(?:---|\.\.\.)[ \t]*$/;

/**
 * Splits a Jekyll-style front matter block (`---` on the first line, closed by `---` or `...`).
 * Returns null when the text has none. Only YAML is parsed; `---js`/`---coffee` blocks are
 * reported and skipped unexecuted, and the rest is treated as the body.
 */
export function splitFrontMatter(text: string, warn: FileWarnings): FrontMatter | null {
  const firstNewline = text.indexOf('\n');
  const firstLine = firstNewline === -1 ? text : text.slice(0, firstNewline);
  const opening = OPENING.exec(firstLine);
  if (!opening || firstNewline === -1) return null;

  // Find the closing delimiter line by line (linear; never a backtracking regex over the whole file).
  let position = firstNewline + 1;
  let line = 2;
  let closingStart = -1;
  let closingEnd = -1;
  while (position <= text.length) {
    const end = text.indexOf('\n', position);
    const current = end === -1 ? text.slice(position) : text.slice(position, end);
    if (CLOSING.test(current)) {
      closingStart = position;
      closingEnd = end === -1 ? text.length : end + 1;
      break;
    }
    if (end === -1) break;
    position = end + 1;
    line += 1;
  }
  if (closingStart === -1) return null;

  const raw = text.slice(firstNewline + 1, closingStart);
  const body = text.slice(closingEnd);
  const bodyStartLine = line + 1;
  const language = (opening[1] ?? '').toLowerCase();

  if (EXECUTABLE_LANGUAGES.has(language)) {
    warn('front matter in JavaScript/CoffeeScript is not supported and was not executed', 1);
    return { data: {}, body, bodyStartLine };
  }
  if (language !== '' && language !== 'yaml' && language !== 'yml') {
    warn(`front matter in "${language}" is not supported and was ignored`, 1);
    return { data: {}, body, bodyStartLine };
  }
  return { data: parseYamlData(raw, 2, warn), body, bodyStartLine };
}
