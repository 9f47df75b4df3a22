import MarkdownItConstructor, { type MarkdownIt, type RendererRule, type Token } from 'markdown-it';
import markdownItFootnote from 'markdown-it-footnote';
import { onlyCalledFootnotes } from './footnote-calls';
import { caseInsensitiveFootnoteLabels } from './footnote-labels';
import { singleTildeStrikethrough } from './single-tilde';

/**
 * How deep Markdown blocks may nest (blockquotes, lists, footnotes). markdown-it stops descending at
 * this level and DROPS what lies deeper without a word, so `exceedsNesting` checks every parse and the
 * caller imports such a document as plain text instead. Real documents nest a few levels.
 */
export const MAX_MARKDOWN_NESTING = 100;

type Linkify = MarkdownIt['linkify'];

/** The heading of the footnote section (read by screen readers only) and the back-reference label. */
const FOOTNOTE_HEADING = 'Notas';
const backReferenceLabel = (footnoteNumber: number): string => `Volver a la referencia ${footnoteNumber}`;

/**
 * The Markdown parser: CommonMark with raw HTML kept (it is parsed for real by parse5 afterwards and
 * then sanitised), GFM tables, strikethrough, autolink literals and footnotes. It renders the same
 * HTML shapes the earlier remark/rehype pipeline produced, which the reader and the stored
 * annotations rely on. Typographer is off: it would rewrite the quotes and dashes people annotate.
 */
export function createMarkdownParser(): MarkdownIt {
  const markdown = new MarkdownItConstructor('default', {
    html: true,
    linkify: true,
    typographer: false,
    breaks: false,
    xhtmlOut: false,
    langPrefix: 'language-',
    maxNesting: MAX_MARKDOWN_NESTING,
  });
  markdown.use(markdownItFootnote);
  // `^[inline note]` is not GFM: such text stays text, as before.
  markdown.inline.ruler.disable(['footnote_inline']);
  caseInsensitiveFootnoteLabels(markdown);
  onlyCalledFootnotes(markdown);
  singleTildeStrikethrough(markdown);
  configureAutolinkLiterals(markdown.linkify);

  // Every address is kept as written (only encoded): the reference transform and the sanitiser judge
  // where a link may lead and turn refused ones into text with a warning. markdown-it's own check
  // would instead leave `[text](javascript:...)` as literal brackets, silently.
  markdown.validateLink = () => true;
  markdown.normalizeLink = encodeAddress;
  // Link text is what the author wrote: no percent-decoding, no punycode conversion.
  markdown.normalizeLinkText = (text) => text;

  const rules = markdown.renderer.rules;
  rules.footnote_ref = renderFootnoteReference;
  rules.footnote_block_open = () =>
    `<section data-footnotes class="footnotes"><h2 class="sr-only" id="footnote-label">${FOOTNOTE_HEADING}</h2>\n<ol>\n`;
  rules.footnote_block_close = () => '</ol>\n</section>\n';
  rules.footnote_open = (tokens, index) => `<li id="fn-${footnoteId(tokens[index])}">\n`;
  rules.footnote_close = () => '</li>\n';
  rules.footnote_anchor = renderFootnoteBackReference;
  // GFM strikethrough is `<del>` (markdown-it writes `<s>`).
  rules.s_open = () => '<del>';
  rules.s_close = () => '</del>';
  rules.th_open = alignedCell;
  rules.td_open = alignedCell;
  return markdown;
}

/**
 * GFM autolink literals: `http://`, `https://`, `mailto:`, `www.` and bare e-mail addresses, but not
 * bare domains (`example.com`), `ftp://` or protocol-relative `//host`, which GFM leaves as text.
 */
function configureAutolinkLiterals(linkify: Linkify): void {
  linkify.set({ fuzzyLink: false, fuzzyEmail: true, fuzzyIP: false });
  linkify.add('ftp:', null);
  linkify.add('//', null);
  const sticky = (pattern: RegExp, text: string, position: number): number => {
    pattern.lastIndex = position;
    return pattern.exec(text)?.[0].length ?? 0;
  };
  linkify.add('http:', {
    validate: (text, position, self) => gfmEnd(text, position, sticky(self.re.get_http_validator(), text, position)),
  });
  linkify.add('https:', {
    validate: (text, position, self) => gfmEnd(text, position, sticky(self.re.get_http_validator(), text, position)),
  });
  linkify.add('mailto:', {
    validate: (text, position, self) => gfmEnd(text, position, sticky(self.re.get_mailto_validator(), text, position)),
  });
  let wwwTail: RegExp | null = null;
  linkify.add('www.', {
    validate: (text, position, self) => {
      // The rest of a `www.` address: more domain labels, then the usual path rules.
      wwwTail ??= new RegExp(
        `(?:(?:${self.re.get_domain().source})\\.){0,10}(?:${self.re.get_domain().source})${self.re.get_host_terminator().source}${self.re.get_path().source}`,
        'iy',
      );
      return gfmEnd(text, position, sticky(wwwTail, text, position));
    },
    normalize: (match) => {
      // GFM links `www.` addresses over http.
      match.url = `http://${match.url}`;
    },
  });
}

/** Punctuation GFM never ends an autolink with. */
const TRAILING_PUNCTUATION = new Set(['?', '!', '.', ',', ':', '*', '_', '~']);

/**
 * GFM's end of an autolink: one that ends like an entity reference (`https://a.mx/&nbsp;`) ends
 * before it, so that the entity is decoded as text (HTML exported to Markdown is full of `&nbsp;`),
 * and punctuation left at the end then is not part of it either. Returns the shortened length.
 */
function gfmEnd(text: string, position: number, length: number): number {
  let end = position + length;
  for (;;) {
    // linkify-it leaves a final `;` out of the link already, so the entity may end just after it.
    const tail = text.slice(Math.max(position, end - 40), end);
    const entity = /&[A-Za-z0-9]+;$/.exec(tail) ?? (text.charAt(end) === ';' ? /&[A-Za-z0-9]+$/.exec(tail) : null);
    if (!entity) break;
    end -= entity[0].length;
    while (end > position && TRAILING_PUNCTUATION.has(text.charAt(end - 1))) end -= 1;
  }
  return end - position;
}

/** ASCII characters a URL may hold as they are; everything else is percent-encoded (UTF-8). */
const URL_SAFE = /[A-Za-z0-9!#$&'()*+,\-./:;=?@_~]/;

/**
 * Percent-encodes an address the way CommonMark's reference renderers do: characters outside the
 * URL-safe ASCII set are encoded, existing `%XX` escapes are kept, and the host is left as written
 * (markdown-it's default would rewrite non-ASCII hosts to punycode, which no reader recognises when
 * the app asks to confirm the address).
 */
export function encodeAddress(address: string): string {
  let result = '';
  for (let index = 0; index < address.length; index += 1) {
    const character = address.charAt(index);
    if (character === '%' && /^[0-9A-Fa-f]{2}$/.test(address.slice(index + 1, index + 3))) {
      result += address.slice(index, index + 3);
      index += 2;
      continue;
    }
    if (URL_SAFE.test(character)) {
      result += character;
      continue;
    }
    const code = address.charCodeAt(index);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = address.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        result += encodeURIComponent(address.slice(index, index + 2));
        index += 1;
        continue;
      }
    }
    // A lone surrogate cannot be encoded as UTF-8.
    result += code >= 0xd800 && code <= 0xdfff ? '%EF%BF%BD' : encodeURIComponent(character);
  }
  return result;
}

interface FootnoteMeta {
  id: number;
  subId?: number;
  label?: string;
}

function footnoteMeta(token: Token | undefined): FootnoteMeta {
  const meta = token?.meta as Partial<FootnoteMeta> | null | undefined;
  return { id: meta?.id ?? 0, subId: meta?.subId ?? 0, label: meta?.label ?? String((meta?.id ?? 0) + 1) };
}

/** The label in ids: lower case (GFM matches labels without regard to case) and URL-encoded. */
function footnoteId(token: Token | undefined): string {
  return encodeAddress((footnoteMeta(token).label ?? '').toLowerCase());
}

/** The n-th reference to one note gets `-n` on its id (from the second on), as in GFM. */
function referenceSuffix(subId: number | undefined): string {
  return subId && subId > 0 ? `-${subId + 1}` : '';
}

const renderFootnoteReference: RendererRule = (tokens, index) => {
  const token = tokens[index];
  const { id, subId } = footnoteMeta(token);
  const label = footnoteId(token);
  return `<sup><a href="#fn-${label}" id="fnref-${label}${referenceSuffix(subId)}" data-footnote-ref aria-describedby="footnote-label">${id + 1}</a></sup>`;
};

const renderFootnoteBackReference: RendererRule = (tokens, index) => {
  const token = tokens[index];
  const { id, subId } = footnoteMeta(token);
  const label = footnoteId(token);
  const repeat = subId && subId > 0 ? `<sup>${subId + 1}</sup>` : '';
  return ` <a href="#fnref-${label}${referenceSuffix(subId)}" data-footnote-backref aria-label="${backReferenceLabel(id + 1)}" class="data-footnote-backref">↩${repeat}</a>`;
};

/** Table cells carry their column's alignment as `align` (which the sanitiser keeps), not as a style (which it drops). */
const alignedCell: RendererRule = (tokens, index, options, _env, renderer) => {
  const token = tokens[index];
  if (!token) return '';
  const style = token.attrGet('style');
  const alignment = style === null ? undefined : /^text-align:(left|right|center)$/.exec(String(style))?.[1];
  if (style !== null) {
    token.attrs = (token.attrs ?? []).filter(([name]) => name !== 'style');
    if (alignment) token.attrSet('align', alignment);
  }
  return renderer.renderToken(tokens, index, options);
};

/**
 * Whether markdown-it reached its nesting limit in this token stream: a block opened at the last
 * allowed level had its content dropped. Block tokens are a flat list, so this is a linear scan.
 */
export function exceedsNesting(tokens: readonly Token[]): boolean {
  for (const token of tokens) if (token.nesting === 1 && token.level >= MAX_MARKDOWN_NESTING - 1) return true;
  return false;
}
