import type { FileWarnings } from './warnings';

/**
 * Jekyll's Liquid, handled WITHOUT a template engine: tags are found by scanning and replaced by
 * plain text, so nothing in a document can run. Scanning is linear: each delimiter is searched for
 * with indexOf, and once a closing delimiter is known to be absent it is never searched for again
 * (a 10 MB line full of `{{` cannot make this quadratic).
 */

/** Links to other posts are resolved after every file is known; these placeholder URLs carry them there. */
export const POST_URL_SCHEME = 'archive-post-url:';
export const LINK_TAG_SCHEME = 'archive-link-tag:';

export interface LiquidContext {
  /** `site.*` values (the `_config.yml` of the post's site). */
  site: Record<string, unknown>;
  /** `page.*` values (the post's own front matter). */
  page: Record<string, unknown>;
  /** 1-based line in the file where `text` starts. */
  firstLine: number;
  warn: FileWarnings;
}

/** Block tags whose content is consumed up to their end tag. */
const BLOCKS = new Set(['raw', 'highlight', 'comment']);
/** Tags removed without comment: they only pull in theme templates. */
const SILENT = new Set(['include', 'include_relative', 'endinclude']);

export function renderLiquid(text: string, context: LiquidContext): string {
  if (!text.includes('{%') && !text.includes('{{')) return text;
  const output: string[] = [];
  const lines = new LineCounter(text, context.firstLine);
  let position = 0;
  let tagsClosable = true;
  let outputsClosable = true;

  while (position < text.length) {
    const opening = nextOpening(text, position, tagsClosable, outputsClosable);
    if (opening === -1) break;
    const isTag = text[opening + 1] === '%';
    const closing = text.indexOf(isTag ? '%}' : '}}', opening + 2);
    if (closing === -1) {
      if (isTag) tagsClosable = false;
      else outputsClosable = false;
      output.push(text.slice(position, opening + 2));
      position = opening + 2;
      continue;
    }
    output.push(text.slice(position, opening));
    const inner = stripTrimMarkers(text.slice(opening + 2, closing));
    const line = lines.lineAt(opening);
    position = closing + 2;

    if (!isTag) {
      output.push(renderOutput(inner, context, line));
      continue;
    }
    const [name = '', ...argumentParts] = inner.split(/\s+/);
    const argument = argumentParts.join(' ');
    if (BLOCKS.has(name)) {
      const end = findEndTag(text, position, `end${name}`);
      const content = end ? text.slice(position, end.start) : text.slice(position);
      if (!end)
        context.warn(`Liquid {% ${name} %} has no {% end${name} %}; the rest of the file is kept as it is`, line);
      position = end ? end.end : text.length;
      if (name === 'raw') output.push(content);
      else if (name === 'highlight') {
        // A fence must start and end a line; newlines are added only where the tags were inline,
        // so line numbers after the block stay true for later warnings.
        const atLineStart = endsLine(output);
        const atLineEnd = text[position] === undefined || text[position] === '\n';
        output.push(`${atLineStart ? '' : '\n'}${fencedCode(content, argumentParts[0] ?? '')}${atLineEnd ? '' : '\n'}`);
      }
      // comment: its content is dropped, as Jekyll would.
      continue;
    }
    if (SILENT.has(name)) continue;
    if (name === 'post_url' && argument) {
      output.push(POST_URL_SCHEME + encodeURIComponent(argument));
      continue;
    }
    if (name === 'link' && argument) {
      output.push(LINK_TAG_SCHEME + encodeURIComponent(argument));
      continue;
    }
    context.warn(`Liquid tag {% ${truncate(inner)} %} is not supported and was removed`, line);
  }
  output.push(text.slice(position));
  return output.join('');
}

/** Whether the text produced so far ends with a newline (or is empty). */
function endsLine(output: string[]): boolean {
  for (let index = output.length - 1; index >= 0; index -= 1) {
    const chunk = output[index] ?? '';
    if (chunk.length > 0) return chunk.endsWith('\n');
  }
  return true;
}

function nextOpening(text: string, from: number, tags: boolean, outputs: boolean): number {
  if (!tags && !outputs) return -1;
  let position = from;
  for (;;) {
    const brace = text.indexOf('{', position);
    if (brace === -1 || brace + 1 >= text.length) return -1;
    const after = text[brace + 1];
    if ((after === '%' && tags) || (after === '{' && outputs)) return brace;
    position = brace + 1;
  }
}

function renderOutput(inner: string, context: LiquidContext, line: number): string {
  const [expression = '', ...filters] = inner.split('|').map((part) => part.trim());
  const variable = /^(site|page)\.([\w-]+(?:\.[\w-]+)*)$/.exec(expression);
  if (variable) {
    const scope = variable[1] === 'site' ? context.site : context.page;
    return scalarText(lookup(scope, (variable[2] ?? '').split('.')));
  }
  const literal = /^(["'])(.*)\1$/.exec(expression);
  if (literal && filters.every((filter) => /^(relative_url|absolute_url)$/.test(filter))) return literal[2] ?? '';
  context.warn(`Liquid output {{ ${truncate(inner)} }} is not supported and was removed`, line);
  return '';
}

function lookup(scope: Record<string, unknown>, keys: string[]): unknown {
  let value: unknown = scope;
  for (const key of keys) {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Unknown or structured `site.*` values become the empty string, as Liquid renders nil. */
function scalarText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return value === false ? '' : String(value);
  return '';
}

function findEndTag(text: string, from: number, endName: string): { start: number; end: number } | null {
  const pattern = new RegExp(`\\{%-?\\s*${endName}\\s*-?%\\}`, 'g');
  pattern.lastIndex = from;
  const match = pattern.exec(text);
  return match ? { start: match.index, end: match.index + match[0].length } : null;
}

function fencedCode(content: string, language: string): string {
  const code = content.replace(/^\n/, '').replace(/\n$/, '');
  // A fence longer than any backtick run inside keeps the code literal.
  const longestRun = Math.max(2, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const safeLanguage = /^[\w+#.-]+$/.test(language) ? language : '';
  return `${fence}${safeLanguage}\n${code}\n${fence}`;
}

function stripTrimMarkers(inner: string): string {
  return inner.replace(/^-/, '').replace(/-$/, '').trim();
}

function truncate(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > 80 ? `${oneLine.slice(0, 77)}...` : oneLine;
}

/** 1-based line numbers for increasing offsets, counted incrementally (linear overall). */
class LineCounter {
  private offset = 0;
  private line: number;

  constructor(
    private readonly text: string,
    firstLine: number,
  ) {
    this.line = firstLine;
  }

  lineAt(index: number): number {
    for (
      let position = this.text.indexOf('\n', this.offset);
      position !== -1 && position < index;
      position = this.text.indexOf('\n', position + 1)
    ) {
      this.line += 1;
    }
    this.offset = Math.max(this.offset, index);
    return this.line;
  }
}
