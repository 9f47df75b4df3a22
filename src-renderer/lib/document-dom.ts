import type { TFunction } from 'i18next';

/**
 * Turns the sanitised document DOM into what the reader shows: stored images get their
 * URL from the transport, missing images become visible placeholders carrying their alt
 * text, remote images (never loaded) and external links are marked as leaving the app.
 */
export function prepareDocumentDom(root: HTMLElement, assetUrl: (assetId: string) => string, t: TFunction): void {
  const document = root.ownerDocument;
  for (const span of root.querySelectorAll<HTMLElement>('span.asset-missing')) {
    const alt = span.textContent.trim();
    span.replaceWith(missingPlaceholder(document, alt, t));
  }
  for (const image of root.querySelectorAll<HTMLImageElement>('img[data-asset-id]')) {
    const assetId = image.dataset.assetId ?? '';
    image.loading = 'lazy';
    image.decoding = 'async';
    image.addEventListener('error', () => image.replaceWith(missingPlaceholder(document, image.alt, t)), {
      once: true,
    });
    image.src = assetUrl(assetId);
  }
  // Any other <img> has no source we could trust; show its alt text instead of an empty box.
  for (const image of root.querySelectorAll<HTMLImageElement>('img:not([data-asset-id])')) {
    image.replaceWith(missingPlaceholder(document, image.alt, t));
  }
  for (const link of root.querySelectorAll<HTMLAnchorElement>('a.remote-image')) {
    link.title = t('reader.remoteImage', { alt: link.textContent });
  }
  for (const link of root.querySelectorAll<HTMLAnchorElement>('a[href]')) {
    const href = link.getAttribute('href') ?? '';
    if (/^(https?|mailto):/i.test(href)) {
      link.classList.add('external');
      link.title = href;
    }
  }
  for (const backref of root.querySelectorAll<HTMLAnchorElement>('a[data-footnote-backref]')) {
    if (!backref.hasAttribute('aria-label')) backref.setAttribute('aria-label', t('reader.footnoteBack'));
  }
}

function missingPlaceholder(document: Document, alt: string, t: TFunction): HTMLElement {
  const placeholder = document.createElement('span');
  placeholder.className = 'asset-placeholder';
  placeholder.setAttribute('role', 'img');
  const label = alt ? t('reader.missingImage', { alt }) : t('reader.missingImageNoAlt');
  placeholder.setAttribute('aria-label', label);
  const caption = document.createElement('span');
  caption.className = 'asset-missing-label';
  caption.textContent = t('reader.missingImageNoAlt');
  placeholder.append(caption);
  if (alt) {
    const altText = document.createElement('span');
    altText.className = 'asset-missing-alt';
    altText.textContent = alt;
    placeholder.append(altText);
  }
  return placeholder;
}

/** The element an in-document anchor (`#user-content-fn-1`) points at, inside the reader only. */
export function findAnchorTarget(root: HTMLElement, href: string): HTMLElement | null {
  let id: string;
  try {
    id = decodeURIComponent(href.slice(1));
  } catch {
    return null;
  }
  if (id === '') return null;
  // Compare ids directly rather than building a selector from document-supplied text.
  const candidates = [id, `user-content-${id}`];
  const withIds = [...root.querySelectorAll<HTMLElement>('[id]')];
  for (const candidate of candidates) {
    const target = withIds.find((element) => element.id === candidate);
    if (target) return target;
  }
  return null;
}
