import MarkdownItConstructor, { type MarkdownIt, type RendererRule, type Token } from 'markdown-it';
import markdownItAttrs from 'markdown-it-attrs';
import markdownItFootnote from 'markdown-it-footnote';
import markdownItTaskLists from 'markdown-it-task-lists';
import { onlyCalledFootnotes } from './footnote-calls';
import { caseInsensitiveFootnoteLabels } from './footnote-labels';
import { singleTildeStrikethrough } from './single-tilde';
import { isRecord } from '../../common/guards';

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
export function createMarkdownParser({ attributeLists = true }: { attributeLists?: boolean } = {}): MarkdownIt {
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
  // GFM task lists: `- [ ] a` and `- [x] b` start with a disabled checkbox (the sanitiser keeps exactly that).
  markdown.use(markdownItTaskLists, { enabled: false });
  filterSwallowingTags(markdown);
  // kramdown's attribute lists (`![x](y){:class="img-responsive"}`, `{: .nota}` under a paragraph or
  // heading), which Jekyll sites are full of: read as attributes, never shown as text. Only `class`
  // and `id` are taken; the sanitiser then keeps the few classes the app knows and drops the rest.
  // Without attribute lists (`attributeLists: false`) for text that cannot hold one (mayHoldAttributeList).
  if (attributeLists)
    markdown.use(markdownItAttrs, { leftDelimiter: '{:', rightDelimiter: '}', allowedAttributes: ['class', 'id'] });
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
 * Whether Markdown may hold a kramdown attribute list: a `{`, written or as a character reference
 * (markdown-it decodes `&#123;` into the text the attribute plugin reads). Text without one renders
 * the same without the plugin, whose pass over every token was a twentieth of importing a post.
 */
export function mayHoldAttributeList(markdown: string): boolean {
  return markdown.includes('{') || (markdown.includes('&') && BRACE_REFERENCE.test(markdown));
}

const BRACE_REFERENCE = /&(?:#0*123;?|#x0*7b;?|lbrace;|lcub;)/i;

/**
 * GFM autolink literals: `http://`, `https://`, `mailto:`, `www.` and bare e-mail addresses, but not
 * bare domains (`example.com`), `ftp://` or protocol-relative `//host`, which GFM leaves as text.
 * linkify-it finds where one starts; where it ends follows GFM's rules (`gfmAutolinkTail`), and a
 * bare e-mail address must be one GFM accepts (`hello@mail+xyz.example` is not).
 */
function configureAutolinkLiterals(linkify: Linkify): void {
  linkify.set({ fuzzyLink: false, fuzzyEmail: true, fuzzyIP: false });
  linkify.add('ftp:', null);
  linkify.add('//', null);
  linkify.add('http:', { validate: (text, position) => gfmAutolinkTail(text, position, true) });
  linkify.add('https:', { validate: (text, position) => gfmAutolinkTail(text, position, true) });
  linkify.add('mailto:', {
    validate: (text, position, self) => {
      const validator = self.re.get_mailto_validator();
      validator.lastIndex = position;
      return trimmedAutolinkEnd(text, position, position + (validator.exec(text)?.[0].length ?? 0)) - position;
    },
  });
  linkify.add('www.', {
    validate: (text, position) => gfmAutolinkTail(text, position, false),
    normalize: (match) => {
      // GFM links `www.` addresses over http.
      match.url = `http://${match.url}`;
    },
  });
  const match = linkify.match.bind(linkify);
  linkify.match = (text) => match(text)?.filter((found) => !isBareEmail(found) || isGfmEmail(found.text)) ?? null;
  // GFM also starts a `www.` autolink right after `*`, `_`, `~` or `(` (`~~www.a.mx~~`), where
  // linkify-it's first check of the whole paragraph sees no word boundary.
  const test = linkify.test.bind(linkify);
  linkify.test = (text) =>
    mayHoldAutolink(text) &&
    (test(text) || (HAS_DELIMITER_WWW.test(text) && test(text.replace(AFTER_DELIMITER_WWW, ' '))));
}

/**
 * Whether linkify-it could find anything in `text`: each of its schemes (`http:`, `https:`,
 * `mailto:`, `www.`, matched ASCII case-insensitively) and its bare e-mail addresses (`@`) need
 * one of these. Why: its search regex ran over every paragraph and text of every document, a
 * percent of the render worker's time, though most paragraphs hold no link at all.
 */
function mayHoldAutolink(text: string): boolean {
  return text.includes(':') || text.includes('@') || WWW.test(text);
}

const WWW = /www\./i;

const AFTER_DELIMITER_WWW = /[*_~(](?=www\.)/gi;
/** The same, without `g`: a global regex's `test` would carry `lastIndex` from one text to the next. */
const HAS_DELIMITER_WWW = /[*_~(](?=www\.)/i;

function isBareEmail(found: { schema: string; text: string }): boolean {
  return found.schema === 'mailto:' && !/^mailto:/i.test(found.text);
}

function isGfmEmail(text: string): boolean {
  return GFM_EMAIL.test(text) && !GFM_EMAIL_BAD_END.test(text);
}

/** GFM's extended e-mail autolink: no `+` after the `@`, at least one `.`, not ending in `-` or `_`. */
const GFM_EMAIL = /^[A-Za-z0-9.+_-]+@[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)+$/;
const GFM_EMAIL_BAD_END = /[-_]$/;

/**
 * A domain of GFM's extended autolinks: labels separated by dots, of any characters but spaces and
 * ASCII punctuation other than `_` and `-` (`http://🍄.ga/` is an address).
 */
const DOMAIN_LABEL = '[^\\s\\x00-\\x2c\\x2e\\x2f\\x3a-\\x40\\x5b-\\x5e\\x60\\x7b-\\x7f]+';
const AUTOLINK_DOMAIN = new RegExp(`${DOMAIN_LABEL}(?:\\.${DOMAIN_LABEL})*`, 'uy');

/**
 * Length of an extended autolink after its prefix (`http:`/`https:` when `afterScheme`, else
 * `www.`), 0 if none. GFM: a valid domain (no `_` in its last two labels), then
 * everything up to a space or `<`, then the end trimmed (`trimmedAutolinkEnd`).
 */
function gfmAutolinkTail(text: string, position: number, afterScheme: boolean): number {
  let start = position;
  if (afterScheme) {
    if (!text.startsWith('//', position)) return 0;
    start += 2;
  }
  AUTOLINK_DOMAIN.lastIndex = start;
  const domain = AUTOLINK_DOMAIN.exec(text)?.[0] ?? '';
  // After `http://` a single label will do (`http://localhost`), as in cmark-gfm.
  const labels = (afterScheme ? domain : `www.${domain}`).split('.');
  if (domain === '' || labels.slice(-2).some((label) => label.includes('_'))) return 0;
  let end = start + domain.length;
  while (end < text.length && !/[\s<]/.test(text.charAt(end))) end += 1;
  return trimmedAutolinkEnd(text, start, end) - position;
}

/** Punctuation GFM never ends an autolink with. */
const TRAILING_PUNCTUATION = new Set(['?', '!', '.', ',', ':', '*', '_', '~', "'", '"']);

/**
 * GFM's end of an autolink: trailing punctuation is not part of it, nor a final `)` without its
 * `(` inside the link (`www.a.mx/b_(c))+ok` keeps its balanced pair), nor what ends like an entity
 * reference (`https://a.mx/&nbsp;`: HTML exported to Markdown is full of them, decoded as text).
 */
function trimmedAutolinkEnd(text: string, start: number, initialEnd: number): number {
  let end = initialEnd;
  for (;;) {
    const last = text.charAt(end - 1);
    if (end <= start) return start;
    if (TRAILING_PUNCTUATION.has(last)) {
      end -= 1;
      continue;
    }
    if (last === ')') {
      const link = text.slice(start, end);
      if (count(link, ')') > count(link, '(')) {
        end -= 1;
        continue;
      }
    }
    if (last === ';') {
      const entity = /&[A-Za-z0-9]+;$/.exec(text.slice(Math.max(start, end - 40), end));
      if (entity) {
        end -= entity[0].length;
        continue;
      }
    }
    return end;
  }
}

function count(text: string, character: string): number {
  let found = 0;
  for (const each of text) if (each === character) found += 1;
  return found;
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
  const meta: unknown = token?.meta;
  const field = (name: keyof FootnoteMeta): unknown => (isRecord(meta) ? meta[name] : undefined);
  const id = field('id');
  const subId = field('subId');
  const label = field('label');
  const number = typeof id === 'number' ? id : 0;
  return {
    id: number,
    subId: typeof subId === 'number' ? subId : 0,
    label: typeof label === 'string' ? label : String(number + 1),
  };
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
 * Raw-HTML elements whose content a browser reads as text up to their end tag (`<title>`,
 * `<textarea>`, `<xmp>`…), or which the sanitiser removes with their content (`<style>`,
 * `<script>`, `<iframe>`). Left unclosed, one of them would swallow the rest of the document.
 */
const SWALLOWING_TAGS = ['title', 'textarea', 'style', 'xmp', 'iframe', 'noembed', 'noframes', 'script', 'plaintext'];

/**
 * GFM's tag filter, for the tags above that a document opens and never closes: their `<` is
 * written as text (`&lt;style>`), so the text after them stays. A closed `<script>…</script>` or
 * `<iframe>…</iframe>` is still removed by the sanitiser, with its content, as before.
 */
function filterSwallowingTags(markdown: MarkdownIt): void {
  markdown.core.ruler.push('filter_unclosed_swallowing_tags', (state) => {
    const source = state.src.toLowerCase();
    const unclosed = SWALLOWING_TAGS.filter((tag) => source.includes(`<${tag}`) && !source.includes(`</${tag}`));
    if (unclosed.length === 0) return;
    const opening = new RegExp(`<(?=(?:${unclosed.join('|')})(?:[\\s/>]|$))`, 'gi');
    const filter = (token: Token): void => {
      if (token.type === 'html_block' || token.type === 'html_inline')
        token.content = token.content.replace(opening, '&lt;');
      token.children?.forEach(filter);
    };
    state.tokens.forEach(filter);
  });
}

/**
 * Whether markdown-it reached its nesting limit in this token stream: a block opened at the last
 * allowed level had its content dropped. Block tokens are a flat list, so this is a linear scan.
 */
export function exceedsNesting(tokens: readonly Token[]): boolean {
  for (const token of tokens) if (token.nesting === 1 && token.level >= MAX_MARKDOWN_NESTING - 1) return true;
  return false;
}
