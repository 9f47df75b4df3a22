/**
 * Chromium fetches the page's icon again on every in-page navigation; with the hotspot gone
 * each of those fails (and logs an error). Fetched once while the server answers and shown
 * from an object URL, the icon needs no server afterwards. It is a small PNG (index.html), not
 * the SVG: every such load of an SVG icon is a whole document parsed, styled and laid out on the
 * page's thread (12–21 ms at 4× CPU, traced), and each keystroke's route is such a navigation,
 * so on a phone the search's answer often waited behind it.
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
