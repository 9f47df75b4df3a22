import type { Element, Root } from 'hast';
import type { Env, MarkdownIt, Token } from 'markdown-it';

/** Rendered HTML and, for any offset in it, the line of the Markdown source it came from (1-based). */
export interface HtmlWithSourceLines {
  html: string;
  lineAt(offset: number): number;
}

/**
 * Renders markdown-it tokens like `md.renderer.render`, and records which source line each piece of
 * the HTML came from. The HTML is parsed again afterwards (parse5), whose positions are offsets in
 * the HTML; warnings must name the line of the Markdown file, so the offsets are mapped back.
 *
 * Lines are known from block tokens (`map`) and advance inside a paragraph at each line break; raw
 * HTML is copied line for line. A code span that runs over several lines is counted as one line
 * (markdown-it turns its line breaks into spaces); a warning inside it would name its first line.
 */
export function renderWithSourceLines(markdown: MarkdownIt, tokens: Token[], env: Env): HtmlWithSourceLines {
  const rules = markdown.renderer.rules;
  const options = markdown.options;
  const offsets: number[] = [0];
  const lines: number[] = [1];
  let html = '';
  let line = 1;

  const markLine = (next: number): void => {
    line = next;
    if (lines[lines.length - 1] === next) return;
    if (offsets[offsets.length - 1] === html.length) lines[lines.length - 1] = next;
    else {
      offsets.push(html.length);
      lines.push(next);
    }
  };
  /** Appends verbatim source text (raw HTML), one source line per HTML line. */
  const appendVerbatim = (text: string): void => {
    let start = 0;
    for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', start)) {
      html += text.slice(start, newline + 1);
      start = newline + 1;
      markLine(line + 1);
    }
    html += text.slice(start);
  };

  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index];
    if (!token) continue;
    if (token.map) markLine(token.map[0] + 1);
    if (token.type === 'inline') {
      const children = token.children ?? [];
      for (let child = 0; child < children.length; child += 1) {
        const inline = children[child];
        if (!inline) continue;
        if (inline.type === 'html_inline' && !inline.hidden) {
          appendVerbatim(inline.content);
          continue;
        }
        const rule = rules[inline.type];
        html += rule
          ? rule(children, child, options, env, markdown.renderer)
          : markdown.renderer.renderToken(children, child, options);
        if (inline.type === 'softbreak' || inline.type === 'hardbreak') markLine(line + 1);
      }
    } else if (token.type === 'html_block' && !token.hidden) {
      appendVerbatim(token.content);
    } else {
      const rule = rules[token.type];
      html += rule
        ? rule(tokens, index, options, env, markdown.renderer)
        : markdown.renderer.renderToken(tokens, index, options);
    }
  }

  return {
    html,
    lineAt(offset: number): number {
      // The last checkpoint at or before the offset (binary search: documents have thousands).
      let low = 0;
      let high = offsets.length - 1;
      while (low < high) {
        const middle = (low + high + 1) >> 1;
        if ((offsets[middle] ?? 0) <= offset) low = middle;
        else high = middle - 1;
      }
      return lines[low] ?? 1;
    },
  };
}

/**
 * Gives every element of a tree parsed from `renderWithSourceLines`'s HTML the source line of its
 * start tag (parse5's positions are in the HTML). Columns and offsets are not known in the source
 * and are dropped rather than left pointing into the HTML. Iterative: hostile trees are deep.
 */
export function applySourceLines(tree: Root, lineAt: (offset: number) => number): void {
  const stack: (Root | Element)[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node) break;
    for (const child of node.children) {
      if (child.type !== 'element') {
        delete child.position;
        continue;
      }
      const start = child.position?.start.offset;
      const end = child.position?.end.offset;
      if (start === undefined) delete child.position;
      else
        child.position = { start: { line: lineAt(start), column: 1 }, end: { line: lineAt(end ?? start), column: 1 } };
      stack.push(child);
    }
  }
}
