import type { Element, ElementContent, Root, RootContent } from 'hast';
import { toText } from 'hast-util-to-text';
import path from 'node:path';
import type { ImportedAsset } from './model';
import { AssetStore, resolveLocalPath } from './assets';
import { LINK_TAG_SCHEME, POST_URL_SCHEME } from './liquid';
import { embedLabel, embedSource, isEmbed } from './embeds';
import { PLACEHOLDER_CLASS } from './plain-text';
import { CLOBBER_PREFIX } from './sanitize-schema';
import type { FileWarnings } from './warnings';

/** Finds the archive document a link points at; every method returns null for "not in the archive". */
export interface DocumentLinks {
  /** An imported file, by absolute path. */
  byPath(absolutePath: string): string | null;
  /** A Jekyll post by its site-root URL path (`/transparencia/2017/05/24/slug`). */
  byPermalink(siteRoot: string, urlPath: string): string | null;
  /** `{% post_url 2017-05-24-slug %}`. */
  byPostSlug(siteRoot: string, slug: string): string | null;
}

export interface ReferenceContext {
  documentPath: string;
  /** Where `/...` paths resolve: the Jekyll site root, else the input root. */
  siteRoot: string;
  /** Nothing outside this folder may be read (the input root, or the site root above it). */
  boundary: string;
  /** Added to node line numbers so warnings point into the source file. */
  lineOffset: number;
  warn: FileWarnings;
  assets: AssetStore;
  documents: DocumentLinks;
  /**
   * Filled with the stored images the document references, by id in order of first reference; each
   * named (`source`) as this document first reached it.
   */
  usedAssets: Map<string, ImportedAsset>;
}

type HrefKind =
  | { kind: 'fragment'; fragment: string }
  | { kind: 'external'; url: string }
  | { kind: 'unsupported'; scheme: string }
  | { kind: 'local'; path: string }
  | { kind: 'post-url'; slug: string }
  | { kind: 'link-tag'; path: string };

/**
 * The rehype step between parsing and sanitising: rewrites links and images into the conventions of
 * `DocumentRecord.html` (external links marked, links between documents by id, local images stored
 * as assets and addressed by hash, remote images never loaded). It runs BEFORE the sanitiser, whose
 * allowlist keeps exactly what this emits.
 */
export function rehypeReferences(context: ReferenceContext) {
  return (tree: Root): void => {
    transformChildren(tree, false, context);
  };
}

function transformChildren(parent: Root | Element, insideLink: boolean, context: ReferenceContext): void {
  const children: RootContent[] = parent.children;
  for (let index = 0; index < children.length; index += 1) {
    const child = children[index];
    if (!child || child.type !== 'element') continue;
    // Only this transform may emit these: a document must not forge links to other documents or assets.
    delete child.properties.dataDocId;
    delete child.properties.dataAssetId;
    delete child.properties.dataMissingSrc;
    if (child.tagName === 'a') {
      const kept = transformLink(child, context);
      if (!kept) {
        // Unwrapped: the link's content takes its place and is itself transformed (it may hold images).
        children.splice(index, 1, ...child.children);
        index -= 1;
        continue;
      }
      transformChildren(child, true, context);
      continue;
    }
    if (isEmbed(child)) {
      const replacement = transformEmbed(child, insideLink, context);
      // An embed standing among blocks was a block: its trace gets a paragraph of its own.
      if (replacement && (parent.type === 'root' || FLOW_CONTAINERS.has(parent.tagName)))
        children[index] = { type: 'element', tagName: 'p', properties: {}, children: [replacement] };
      else if (replacement) children[index] = replacement;
      else {
        children.splice(index, 1);
        index -= 1;
      }
      continue;
    }
    if (child.tagName === 'img') {
      const replacement = transformImage(child, insideLink, context);
      if (replacement) children[index] = replacement;
      else {
        children.splice(index, 1);
        index -= 1;
      }
      continue;
    }
    transformChildren(child, insideLink, context);
  }
}

/** Elements whose children are blocks (where an embed's trace needs a paragraph to stand apart). */
const FLOW_CONTAINERS = new Set([
  'article',
  'aside',
  'blockquote',
  'body',
  'center',
  'div',
  'figure',
  'footer',
  'header',
  'main',
  'section',
]);

/** Returns false when the link must become plain text. */
function transformLink(link: Element, context: ReferenceContext): boolean {
  const href = link.properties.href;
  if (typeof href !== 'string') {
    delete link.properties.href;
    return true; // a named anchor (`<a name="...">`): harmless, its name is prefixed by the sanitiser
  }
  const line = lineOf(link, context);
  const target = classifyHref(href);
  switch (target.kind) {
    case 'fragment':
      if (Array.isArray(link.properties.className)) {
        const kept = link.properties.className.filter((name) => name === 'data-footnote-backref');
        if (kept.length > 0) link.properties.className = kept;
        else delete link.properties.className;
      }
      link.properties.href =
        target.fragment === ''
          ? '#'
          : `#${CLOBBER_PREFIX}${target.fragment.replace(new RegExp(`^${CLOBBER_PREFIX}`), '')}`;
      return true;
    case 'external':
      link.properties = {
        ...link.properties,
        href: target.url,
        className: ['external'],
        rel: ['noopener', 'noreferrer'],
      };
      return true;
    case 'unsupported':
      context.warn(
        `link with "${target.scheme}:" address removed; its text was kept (${shortHref(href)})`,
        line,
        'link-dead',
      );
      return false;
    case 'post-url': {
      const id = context.documents.byPostSlug(context.siteRoot, target.slug);
      if (id) return linkToDocument(link, id);
      context.warn(`{% post_url ${target.slug} %} names no post in the archive; kept as plain text`, line, 'link-dead');
      return false;
    }
    case 'link-tag': {
      const id = context.documents.byPath(path.join(context.siteRoot, target.path));
      if (id) return linkToDocument(link, id);
      context.warn(`{% link ${target.path} %} names no document in the archive; kept as plain text`, line, 'link-dead');
      return false;
    }
    case 'local': {
      const id = resolveDocumentLink(target.path, context);
      if (id) return linkToDocument(link, id);
      context.warn(
        `link to "${shortHref(safeDecode(href))}" leads nowhere in the archive; kept as plain text`,
        line,
        'link-dead',
      );
      return false;
    }
  }
}

function linkToDocument(link: Element, id: string): true {
  link.properties = { ...link.properties, href: `#doc/${id}`, dataDocId: id };
  delete link.properties.className;
  delete link.properties.rel;
  return true;
}

function resolveDocumentLink(reference: string, context: ReferenceContext): string | null {
  if (reference === '') return null;
  const absolute = resolveLocalPath(reference, context.documentPath, context.siteRoot);
  const byFile = context.documents.byPath(absolute);
  if (byFile) return byFile;
  if (reference.startsWith('/')) return context.documents.byPermalink(context.siteRoot, reference);
  return null;
}

function transformImage(image: Element, insideLink: boolean, context: ReferenceContext): Element | null {
  const src = typeof image.properties.src === 'string' ? image.properties.src : '';
  const alt = typeof image.properties.alt === 'string' ? image.properties.alt : '';
  const line = lineOf(image, context);
  const target = classifyHref(src);
  if (target.kind === 'external' && !target.url.startsWith('mailto:')) {
    // A label made up here is shown, never indexed (plain-text.ts); alt text is the author's words.
    const label: ElementContent = alt
      ? { type: 'text', value: alt }
      : element('span', { className: [PLACEHOLDER_CLASS] }, remoteLabel(target.url));
    // Never fetched: the reader sees a link it may choose to open (nested links are invalid HTML, so a span inside links).
    return insideLink
      ? { type: 'element', tagName: 'span', properties: { className: ['remote-image'] }, children: [label] }
      : {
          type: 'element',
          tagName: 'a',
          properties: { className: ['external', 'remote-image'], href: target.url, rel: ['noopener', 'noreferrer'] },
          children: [label],
        };
  }
  if (target.kind !== 'local' || target.path === '') {
    context.warn(`image "${shortHref(src)}" is not a file of the corpus and was dropped`, line, 'image-missing');
    // The address itself (data:, javascript:...) is not kept anywhere, only the alt text.
    return alt ? element('span', { className: ['asset-missing'] }, alt) : null;
  }
  const absolute = resolveLocalPath(target.path, context.documentPath, context.siteRoot);
  const result = context.assets.load(absolute, context.boundary);
  if (result.kind === 'stored') {
    if (!context.usedAssets.has(result.asset.id))
      context.usedAssets.set(result.asset.id, { ...result.asset, source: result.source });
    return { type: 'element', tagName: 'img', properties: { dataAssetId: result.asset.id, alt }, children: [] };
  }
  if (result.kind === 'missing') context.warn(`image "${target.path}" does not exist`, line, 'image-missing');
  else context.warn(`image "${target.path}" refused: ${result.reason}`, line, 'image-missing');
  return element('span', { className: ['asset-missing'], dataMissingSrc: target.path }, alt);
}

/**
 * An `<iframe>`, `<object>`, `<embed>` or `<video>` is never loaded: with an address on the web it
 * becomes an external link (opened only after the reader confirms it, as every external link),
 * labelled with the host; with a local one, the label alone. Either way a counted warning.
 */
function transformEmbed(embed: Element, insideLink: boolean, context: ReferenceContext): ElementContent | null {
  const source = embedSource(embed);
  const line = lineOf(embed, context);
  if (source === null) return null; // nothing to point at: dropped, as the sanitiser always did
  const target = classifyHref(source);
  const web = target.kind === 'external' && !target.url.startsWith('mailto:') ? target.url : null;
  const label = embedLabel(embed, web ?? source);
  context.warn(
    `<${embed.tagName}> of "${shortHref(source)}" replaced by ${web && !insideLink ? 'a link' : 'its address'}; never loaded`,
    line,
    'embed-replaced',
    1,
  );
  if (!web || insideLink)
    return { type: 'element', tagName: 'span', properties: { className: ['embed'] }, children: [label] };
  return {
    type: 'element',
    tagName: 'a',
    properties: { className: ['external', 'embed'], href: web, rel: ['noopener', 'noreferrer'] },
    children: [label],
  };
}

/**
 * What an href or src points at. Control characters and whitespace are removed first, as browsers
 * do (`java\nscript:` is `javascript:`), then percent-encoding is decoded for local paths so that
 * `%2e%2e/` is seen as `../`.
 */
function classifyHref(raw: string): HrefKind {
  // Browsers drop surrounding whitespace/control characters and any tab or newline inside a URL.
  // eslint-disable-next-line no-control-regex -- exactly the C0 controls and DEL, as a URL parser drops them.
  const trimmed = trimControls(raw).replace(/[\u0000-\u001f\u007f]/g, '');
  if (trimmed.startsWith(POST_URL_SCHEME))
    return { kind: 'post-url', slug: safeDecode(trimmed.slice(POST_URL_SCHEME.length)) };
  if (trimmed.startsWith(LINK_TAG_SCHEME))
    return { kind: 'link-tag', path: safeDecode(trimmed.slice(LINK_TAG_SCHEME.length)) };
  if (trimmed.startsWith('#')) return { kind: 'fragment', fragment: safeDecode(trimmed.slice(1)) };
  if (trimmed.startsWith('//')) return { kind: 'external', url: `https:${trimmed}` };
  // `[howdy@example.com](howdy@example.com)`: an e-mail address written without `mailto:`.
  if (/^[^\s/@:?#]+@[^\s/@:?#]+\.[a-z]{2,}$/i.test(trimmed)) return { kind: 'external', url: `mailto:${trimmed}` };
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed);
  if (scheme?.[1]) {
    const name = scheme[1].toLowerCase();
    // The scheme in lower case (`<MAILTO:A@B.MX>`), as the sanitiser's allowlist compares it.
    if (name === 'http' || name === 'https' || name === 'mailto')
      return { kind: 'external', url: name + trimmed.slice(name.length) };
    // A Windows drive letter ("C:\...") is a path, not a scheme.
    if (!/^[a-z]$/i.test(name)) return { kind: 'unsupported', scheme: name };
  }
  const withoutSuffix = trimmed.split(/[?#]/)[0] ?? '';
  return { kind: 'local', path: safeDecode(withoutSuffix).replaceAll('\\', '/') };
}

/** Strips C0 controls and spaces at both ends (a loop, not an anchored regex, to stay linear). */
function trimControls(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) <= 0x20) start += 1;
  while (end > start && text.charCodeAt(end - 1) <= 0x20) end -= 1;
  return text.slice(start, end);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function element(tagName: string, properties: Element['properties'], text: string): Element {
  const children: ElementContent[] = text ? [{ type: 'text', value: text }] : [];
  return { type: 'element', tagName, properties, children };
}

function remoteLabel(url: string): string {
  const name = url.split(/[?#]/)[0]?.split('/').filter(Boolean).pop();
  return name ? `Imagen remota: ${name}` : 'Imagen remota';
}

function lineOf(node: Element, context: ReferenceContext): number | undefined {
  const line = node.position?.start.line;
  return line === undefined ? undefined : line + context.lineOffset;
}

function shortHref(href: string): string {
  return href.length > 200 ? `${href.slice(0, 197)}...` : href;
}

/** Plain text of a hast node (exported for title extraction). */
export function textOf(node: Element | Root): string {
  return toText(node).replace(/\s+/g, ' ').trim();
}
