import { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';

/**
 * The allowlist every document's HTML passes through, derived from rehype-sanitize's GitHub-like
 * default and narrowed: no forms, no inputs but task lists' disabled checkboxes, no `src` at all (images are addressed by
 * `data-asset-id` and served by the app), links only to http/https/mailto or inside the app,
 * and exactly the classes and data attributes the importer itself emits.
 */
const removedGlobalAttributes = new Set([
  'accept',
  'acceptCharset',
  'accessKey',
  'action',
  'checked',
  'encType',
  'method',
  'multiple',
  'prompt',
  'readOnly',
  'selected',
  'tabIndex',
  'value',
  'maxLength',
  'label',
  'useMap',
  'isMap',
  'noHref',
]);

const removedTags = new Set(['picture', 'source']);

export const sanitizeSchema: SanitizeSchema = {
  ...defaultSchema,
  tagNames: (defaultSchema.tagNames ?? []).filter((tag) => !removedTags.has(tag)),
  // Elements removed WITH their content (everything else unknown is unwrapped to its text).
  strip: [
    'script',
    'style',
    'template',
    'textarea',
    'select',
    'noscript',
    'iframe',
    'object',
    'embed',
    'svg',
    'math',
    'title',
    'head',
    'button',
    'form',
  ],
  ancestors: defaultSchema.ancestors ?? {},
  // The only input a document may hold: a task list's checkbox, always disabled.
  required: { input: { type: 'checkbox', disabled: true } },
  attributes: {
    '*': (defaultSchema.attributes?.['*'] ?? []).filter(
      (attribute) => typeof attribute !== 'string' || !removedGlobalAttributes.has(attribute),
    ),
    a: [
      'ariaDescribedBy',
      'ariaLabel',
      'ariaLabelledBy',
      'dataFootnoteBackref',
      'dataFootnoteRef',
      'dataDocId',
      ['className', 'external', 'remote-image', 'data-footnote-backref', 'embed'],
      ['rel', 'noopener', 'noreferrer'],
      'href',
    ],
    blockquote: ['cite'],
    // The info string's first word, as written (`language-föö`, `language-;`): a class is inert.
    code: [['className', /^language-\S+$/u]],
    del: ['cite'],
    div: [['className', 'signatories']],
    h2: [['className', 'sr-only']],
    img: ['alt', 'dataAssetId'],
    input: [['type', 'checkbox'], 'checked', 'disabled'],
    ins: ['cite'],
    li: [],
    ol: ['ariaLabel', 'ariaDescribedBy', 'ariaLabelledBy'],
    q: ['cite'],
    section: ['dataFootnotes', ['className', 'footnotes']],
    span: [['className', 'asset-missing', 'remote-image', 'placeholder', 'embed'], 'dataMissingSrc'],
    sup: [],
    table: ['ariaLabel', 'ariaDescribedBy', 'ariaLabelledBy'],
    ul: ['ariaLabel', 'ariaDescribedBy', 'ariaLabelledBy'],
  },
  protocols: {
    cite: ['http', 'https'],
    href: ['http', 'https', 'mailto'],
  },
};

/** The prefix the sanitiser puts before `id`/`name` (so document ids cannot clobber the app's). */
export const CLOBBER_PREFIX = defaultSchema.clobberPrefix ?? 'user-content-';
