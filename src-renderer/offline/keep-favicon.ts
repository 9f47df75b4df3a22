/**
 * Chromium fetches the page's icon again on every in-page navigation; with the hotspot gone
 * each of those fails (and logs an error). Fetched once while the server answers and shown
 * from an object URL, the icon needs no server afterwards.
 */
export async function keepFavicon(): Promise<void> {
  const link = document.querySelector<HTMLLinkElement>('link[rel="icon"]');
  if (!link) return;
  try {
    const response = await fetch(link.href, { credentials: 'same-origin' });
    if (!response.ok) return;
    link.href = URL.createObjectURL(await response.blob());
  } catch {
    // Already offline at start (cannot happen on a fresh load): the icon stays as it was.
  }
}
