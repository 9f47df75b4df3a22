import type { FileWarnings } from './warnings';
import { isRecord } from '../../common/guards';

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
/**
 * Liquid's own logic and variable tags: removed (what they enclose stays), since nothing is
 * evaluated. Any other tag is a site plugin's, of which a visible trace is kept.
 */
const LIQUID_LOGIC = new Set(
  'if elsif else endif unless endunless case when endcase for endfor break continue cycle tablerow endtablerow assign capture endcapture increment decrement echo liquid render'.split(
    ' ',
  ),
);

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
      // In a highlight block, `{% raw %}…{% endraw %}` may hide a `{% endhighlight %}`.
      const end = findEndTag(text, position, `end${name}`, name === 'highlight');
      const contentStart = position;
      const content = end ? text.slice(position, end.start) : text.slice(position);
      if (!end)
        context.warn(`Liquid {% ${name} %} has no {% end${name} %}; the rest of the file is kept as it is`, line);
      position = end ? end.end : text.length;
      if (name === 'raw') output.push(content);
      else if (name === 'highlight') {
        // A fence must start and end a line; newlines are added only where the tags were inline,
        // so line numbers after the block stay true for later warnings. After a line of HTML, a
        // blank line ends the HTML block first (else the fence would be text inside it).
        const atLineStart = endsLine(output);
        const atLineEnd = text[position] === undefined || text[position] === '\n';
        const afterHtml = atLineStart && lastLine(output).trimStart().startsWith('<');
        // Jekyll renders the block's body with Liquid before highlighting it: outputs are filled in
        // and tags handled as anywhere else; only `{% raw %}` keeps its content literal.
        const highlighted = renderLiquid(content, { ...context, firstLine: lines.lineAt(contentStart) });
        output.push(
          `${atLineStart ? '' : '\n'}${afterHtml ? '\n' : ''}${fencedCode(highlighted, argumentParts[0] ?? '')}${atLineEnd ? '' : '\n'}`,
        );
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
    if (LIQUID_LOGIC.has(name)) {
      context.warn(`Liquid tag {% ${truncate(inner)} %} is not supported and was removed`, line, 'liquid-removed');
      continue;
    }
    const trace = unknownTagTrace(name, argument, inner);
    output.push(trace.text);
    context.warn(`Liquid tag {% ${truncate(inner)} %} is not supported; ${trace.kept}`, line, 'plugin-tag-trace');
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
  context.warn(`Liquid output {{ ${truncate(inner)} }} is not supported and was removed`, line, 'liquid-removed');
  return '';
}

function lookup(scope: Record<string, unknown>, keys: string[]): unknown {
  let value: unknown = scope;
  for (const key of keys) {
    if (!isRecord(value)) return undefined;
    value = value[key];
  }
  return value;
}

/** Unknown or structured `site.*` values become the empty string, as Liquid renders nil. */
function scalarText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return value === false ? '' : String(value);
  return '';
}

function findEndTag(
  text: string,
  from: number,
  endName: string,
  skipRaw = false,
): { start: number; end: number } | null {
  const pattern = new RegExp(`\\{%-?\\s*(?:${endName}${skipRaw ? '|raw' : ''})\\s*-?%\\}`, 'g');
  pattern.lastIndex = from;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (!/\braw\b/.test(match[0])) return { start: match.index, end: match.index + match[0].length };
    // A raw section: continue after its end (linear: the search only moves forward).
    const rawEnd = findEndTag(text, pattern.lastIndex, 'endraw');
    if (!rawEnd) return null;
    pattern.lastIndex = rawEnd.end;
  }
  return null;
}

/** The last complete line of the text produced so far (it ends with a newline here). */
function lastLine(output: string[]): string {
  // A line before a tag lies in the last few chunks (text between tags is one chunk).
  const tail = output.slice(-3).join('');
  const body = tail.endsWith('\n') ? tail.slice(0, -1) : tail;
  return body.slice(body.lastIndexOf('\n') + 1);
}

/**
 * What stays of a tag this importer does not know (a site plugin's): a gist as a link to it, an
 * image tag as its alternative text, anything else as its own text in code, so the reader sees
 * that something was there. Never run.
 */
function unknownTagTrace(name: string, argument: string, inner: string): { text: string; kept: string } {
  if (name === 'gist' && argument) {
    const target = argument.split(/\s+/)[0] ?? '';
    const url = /^https?:\/\//i.test(target) ? target : `https://gist.github.com/${target}`;
    return { text: `[gist: ${url}](<${url}>)`, kept: 'kept as a link to the gist' };
  }
  const alt = /\b(?:alt|title|caption)\s*[=:]\s*(["'])(.*?)\1/i.exec(argument)?.[2]?.trim();
  if (alt) return { text: escapeMarkdown(alt), kept: `kept as its text "${truncate(alt)}"` };
  const code = `{% ${inner.replace(/\s+/g, ' ')} %}`;
  const fence = code.includes('`') ? '`` ' : '`';
  return { text: `${fence}${code}${fence.split('').reverse().join('')}`, kept: 'kept as written' };
}

/** Text as Markdown shows it literally (backslash before every ASCII punctuation Markdown may read). */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|~&]/g, (character) => `\\${character}`);
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
