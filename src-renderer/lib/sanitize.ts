import DOMPurify from 'dompurify';

/**
 * Render-time sanitising. The importer already sanitised every document; this second
 * allowlist guards against a tampered or foreign corpus database. Nothing here may load
 * anything: images carry no `src` (the transport supplies it from `data-asset-id`), and
 * only http(s)/mailto links and in-page anchors survive.
 */
const DOCUMENT_TAGS = [
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'a',
  'em',
  'strong',
  'b',
  'i',
  'u',
  's',
  'del',
  'ins',
  'sup',
  'sub',
  'blockquote',
  'ul',
  'ol',
  'li',
  'code',
  'pre',
  'hr',
  'br',
  'img',
  'span',
  'section',
  'div',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
  'caption',
  'figure',
  'figcaption',
  'dl',
  'dt',
  'dd',
  'abbr',
  'mark',
  'small',
  // A GFM task list's checkbox, kept disabled by the hook below.
  'input',
];
/** The attributes an input may keep (a disabled checkbox); other elements keep none of them. */
const CHECKBOX_ATTRIBUTES = ['type', 'checked', 'disabled'];
/** What the import writes for the reader's own code: asset ids, links between documents, footnotes. */
const READER_DATA_ATTRIBUTES = [
  'data-asset-id',
  'data-missing-src',
  'data-doc-id',
  'data-footnote-ref',
  'data-footnote-backref',
  'data-footnotes',
];
const SAFE_URI = /^(?:https?:|mailto:|#)/i;
/**
 * DOMPurify checks every allowed attribute that is not "URI-safe" against ALLOWED_URI_REGEXP,
 * so ids and hashes in these attributes would be dropped without this list. None of them is
 * ever used as a URL by the reader.
 */
const NON_URL_ATTRIBUTES = [...CHECKBOX_ATTRIBUTES, ...READER_DATA_ATTRIBUTES, 'lang', 'colspan', 'rowspan', 'start'];
/** Every attribute a document keeps: the non-URL ones above, links, and DOMPurify's URI-safe ones. */
const DOCUMENT_ATTRIBUTES = [
  'href',
  'id',
  'class',
  'alt',
  'title',
  'aria-describedby',
  'aria-label',
  ...NON_URL_ATTRIBUTES,
];

let hooksInstalled = false;
function installHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    // Belt and braces: an img must never fetch by itself, whatever the allowlist says.
    if (node.tagName === 'IMG') node.removeAttribute('src');
    // Only links carry href. DOMPurify lets data: URIs through on its "data URI tags" (img among
    // them), so `<image href="data:...">` (the parser makes it an img) kept a data: href.
    if (node.tagName !== 'A' && node.hasAttribute('href')) node.removeAttribute('href');
    // The only input a document shows is a task list's checkbox, which can never be ticked.
    if (node.tagName === 'INPUT') {
      if (node.getAttribute('type') !== 'checkbox') {
        node.remove();
        return;
      }
      for (const name of node.getAttributeNames()) if (!CHECKBOX_ATTRIBUTES.includes(name)) node.removeAttribute(name);
      node.setAttribute('disabled', '');
    } else {
      for (const name of CHECKBOX_ATTRIBUTES) if (name !== 'type') node.removeAttribute(name);
    }
  });
}

const DOCUMENT_CONFIG = {
  ALLOWED_TAGS: DOCUMENT_TAGS,
  ALLOWED_ATTR: DOCUMENT_ATTRIBUTES,
  ALLOWED_URI_REGEXP: SAFE_URI,
  ADD_URI_SAFE_ATTR: NON_URL_ATTRIBUTES,
  ALLOW_DATA_ATTR: false,
  RETURN_DOM_FRAGMENT: true,
} as const;

/** U+2060 WORD JOINER: invisible, and not whitespace to the HTML parser. */
const BODY_OPENER = '\u2060';

/** DOMPurify's fragment, or the null its types leave out (see sanitizeDocumentHtml). */
function sanitizeToFragment(html: string): DocumentFragment | null {
  return DOMPurify.sanitize(html, DOCUMENT_CONFIG);
}

export function sanitizeDocumentHtml(html: string): DocumentFragment {
  installHooks();
  // DOMPurify returns null (typed as a fragment) when the markup makes the parser build a
  // <frameset> document, which has no body: `<form><frameset>` in a tampered database would show
  // the word "null" instead of the document. Text before the markup closes the parser's
  // "frameset allowed" state, so the frameset is ignored and the rest is sanitised as usual.
  const fragment = sanitizeToFragment(html);
  if (fragment) return fragment;
  const retried = sanitizeToFragment(BODY_OPENER + html);
  if (!retried) return document.createDocumentFragment();
  const opener = retried.firstChild;
  if (opener?.nodeType === Node.TEXT_NODE && opener.nodeValue?.startsWith(BODY_OPENER)) {
    const rest = opener.nodeValue.slice(BODY_OPENER.length);
    if (rest) opener.nodeValue = rest;
    else opener.remove();
  }
  return retried;
}
